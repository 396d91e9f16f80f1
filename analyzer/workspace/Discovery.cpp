//===- Discovery.cpp - Finding the files of a workspace -------------------===//
#include "analyzer/workspace/Discovery.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <fnmatch.h>

#include <set>

namespace rampart::workspace {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

bool isSkippedDirectory(llvm::StringRef Name) {
  return Name == ".git" || Name == ".terraform" || Name == "node_modules";
}

class Walker {
public:
  Walker(const DiscoveryOptions &Options, Discovery &Out)
      : Options(Options), Out(Out) {}

  void walkRoot(const std::string &Root) {
    fs::file_status Status;
    if (std::error_code EC = fs::status(Root, Status)) {
      Out.Errors.push_back({Root, "cannot read: " + EC.message()});
      return;
    }
    if (fs::is_directory(Status)) {
      llvm::SmallString<256> Real;
      RealRoot = fs::real_path(Root, Real) ? std::string() : Real.str().str();
      walkDirectory(Root, Root, Status.getUniqueID());
      return;
    }
    // A file named on the command line is the user's explicit choice.
    Files.insert(Root);
  }

  /// The files found, sorted and without duplicates.
  std::vector<std::string> takeFiles() {
    return {std::make_move_iterator(Files.begin()),
            std::make_move_iterator(Files.end())};
  }

private:
  const DiscoveryOptions &Options;
  Discovery &Out;
  std::set<std::string> Files;
  std::set<fs::UniqueID> VisitedDirectories;
  /// The directory being walked, links resolved.
  std::string RealRoot;

  void skip(std::string Entry, std::string Reason, bool Warn = false) {
    if (Warn)
      Out.Warnings.push_back({Entry, Reason});
    Out.Skipped.push_back({std::move(Entry), std::move(Reason)});
  }

  /// A link whose target is outside the root (or cannot be resolved).
  bool linksOutsideRoot(const std::string &Entry) {
    fs::file_status Link;
    if (fs::status(Entry, Link, /*follow=*/false) || !fs::is_symlink_file(Link))
      return false;
    llvm::SmallString<256> Real;
    if (RealRoot.empty() || fs::real_path(Entry, Real))
      return true;
    return !isWithin(Real, RealRoot);
  }

  bool excluded(llvm::StringRef Root, llvm::StringRef Path) {
    llvm::StringRef Rel = Path;
    Root = path::remove_leading_dotslash(Root);
    if (Root != "." && Rel.consume_front(Root))
      Rel = Rel.ltrim('/');
    return llvm::any_of(Options.Excludes, [&](const std::string &Pattern) {
      return matchesExclude(Pattern, Rel);
    });
  }

  // Iterative with an explicit stack, so the depth of a tree cannot matter.
  void walkDirectory(const std::string &Root, const std::string &Start,
                     fs::UniqueID StartId) {
    VisitedDirectories.insert(StartId);
    std::vector<std::string> Pending{Start};
    while (!Pending.empty()) {
      std::string Dir = std::move(Pending.back());
      Pending.pop_back();
      std::error_code EC;
      for (fs::directory_iterator It(Dir, EC, /*follow_symlinks=*/true), End;
           It != End && !EC; It.increment(EC))
        visitEntry(Root, path::remove_leading_dotslash(It->path()).str(),
                   Pending);
      if (EC)
        Out.Errors.push_back({Dir, "cannot list: " + EC.message()});
    }
  }

  void visitEntry(const std::string &Root, const std::string &Entry,
                  std::vector<std::string> &Pending) {
    llvm::StringRef Name = path::filename(Entry);
    fs::file_status Status;
    if (std::error_code EC = fs::status(Entry, Status)) {
      skip(Entry, "broken link or unreadable: " + EC.message(),
           EC == std::errc::too_many_symbolic_link_levels);
      return;
    }
    if (!Options.FollowLinksOutside && linksOutsideRoot(Entry)) {
      skip(Entry,
           "symbolic link to a path outside the scanned directory; not "
           "followed (--allow-outside-root follows it)",
           /*Warn=*/true);
      return;
    }
    if (excluded(Root, Entry)) {
      Out.Skipped.push_back({Entry, "matches --exclude"});
      return;
    }
    if (fs::is_directory(Status)) {
      if (isSkippedDirectory(Name)) {
        Out.Skipped.push_back({Entry, "directory is never scanned"});
      } else if (!VisitedDirectories.insert(Status.getUniqueID()).second) {
        Out.Skipped.push_back({Entry, "directory already visited (link loop)"});
      } else {
        Pending.push_back(Entry);
      }
      return;
    }
    if (!fs::is_regular_file(Status))
      return;
    if (!isCandidateFileName(Name)) {
      Out.Skipped.push_back({Entry, "not a template file extension"});
      return;
    }
    Files.insert(Entry);
  }
};

} // namespace

bool isWithin(llvm::StringRef Path, llvm::StringRef Root) {
  if (!Path.consume_front(Root))
    return false;
  return Path.empty() || path::is_separator(Path.front()) ||
         path::is_separator(Root.back());
}

bool isCandidateFileName(llvm::StringRef Name) {
  static constexpr llvm::StringLiteral Suffixes[] = {
      ".bicep", ".bicepparam", ".tf",  ".tfvars",  ".json",
      ".jsonc", ".yaml",       ".yml", ".template"};
  return llvm::any_of(Suffixes,
                      [&](llvm::StringRef S) { return Name.endswith(S); });
}

// fnmatch(3) is the library here: LLVM's GlobPattern lets `*` cross '/' and
// has no `**`. With FNM_PATHNAME `*` stops at '/'; a pattern holding `**`
// is matched without it, so its stars cross directories.
bool matchesExclude(llvm::StringRef Pattern, llvm::StringRef RelativePath) {
  std::string P = Pattern.rtrim('/').str();
  if (P.empty())
    return false;
  if (P.find('/') == std::string::npos) {
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    RelativePath.split(Parts, '/', -1, /*KeepEmpty=*/false);
    return llvm::any_of(Parts, [&](llvm::StringRef Part) {
      return fnmatch(P.c_str(), Part.str().c_str(), FNM_PERIOD) == 0;
    });
  }
  if (llvm::StringRef(P).startswith("./"))
    P.erase(0, 2);
  int Flags = P.find("**") == std::string::npos ? FNM_PATHNAME : 0;
  std::string Rel = RelativePath.str();
  // A directory pattern also excludes everything below it.
  if (fnmatch(P.c_str(), Rel.c_str(), Flags) == 0)
    return true;
  return llvm::StringRef(P).startswith("**/") &&
         fnmatch(P.c_str() + 3, Rel.c_str(), Flags) == 0;
}

Discovery discoverFiles(llvm::ArrayRef<std::string> Roots,
                        const DiscoveryOptions &Options) {
  Discovery Out;
  Walker W(Options, Out);
  for (const std::string &Root : Roots)
    W.walkRoot(Root);
  Out.Files = W.takeFiles();
  return Out;
}

} // namespace rampart::workspace
