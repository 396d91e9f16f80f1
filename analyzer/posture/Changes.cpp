//===- Changes.cpp - Diff-aware runs: what a change touches ---------------===//
#include "analyzer/posture/Changes.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace rampart::posture {

namespace {

template <typename InSet>
bool anyOriginIn(const model::Value &V, const InSet &Contains,
                 unsigned Depth = 0) {
  // Values are bounded by the evaluators, but a guard keeps a hostile
  // template from making this walk the stack's problem.
  if (Depth > 256)
    return false;
  for (const model::Origin *O : {&V.origin(), &V.setAt()})
    if (O->hasFile() && Contains(O->File))
      return true;
  for (const model::Value &Item : V.items())
    if (anyOriginIn(Item, Contains, Depth + 1))
      return true;
  for (const model::Member &M : V.members())
    if (anyOriginIn(M.V, Contains, Depth + 1))
      return true;
  return false;
}

/// Runs git with Args in Dir; its standard output, or an error with what
/// it printed on standard error.
llvm::Expected<std::string> runGit(llvm::StringRef Dir,
                                   llvm::ArrayRef<llvm::StringRef> Args) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "git is not on PATH");
  llvm::SmallString<128> Out, Err;
  for (auto [Path, Suffix] : {std::pair{&Out, "out"}, {&Err, "err"}})
    if (std::error_code EC =
            llvm::sys::fs::createTemporaryFile("rampart-git", Suffix, *Path))
      return llvm::errorCodeToError(EC);
  std::vector<llvm::StringRef> Argv = {*Git, "-C", Dir};
  llvm::append_range(Argv, Args);
  llvm::Optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), Out.str(),
                                                 Err.str()};
  std::string Message;
  int Rc = llvm::sys::ExecuteAndWait(*Git, Argv, llvm::None, Redirects, 0, 0,
                                     &Message);
  auto Read = [](llvm::StringRef Path) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  std::string Stdout = Read(Out), Stderr = Read(Err);
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  if (Rc != 0)
    return llvm::createStringError(
        std::errc::invalid_argument, "git %s: %s",
        llvm::join(Args, " ").c_str(),
        (Message.empty() ? llvm::StringRef(Stderr).trim().str() : Message)
            .c_str());
  return Stdout;
}

void appendNulSeparated(llvm::StringRef Root, llvm::StringRef Text,
                        std::vector<std::string> &Out) {
  llvm::SmallVector<llvm::StringRef, 32> Names;
  Text.split(Names, '\0', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Name : Names) {
    llvm::SmallString<256> Path(Root);
    llvm::sys::path::append(Path, Name);
    Out.push_back(Path.str().str());
  }
}

} // namespace

std::string canonicalPath(llvm::StringRef Path) {
  // git names files by their real path (its toplevel has links resolved);
  // a scan may reach the same files through a link.
  llvm::SmallString<256> P;
  if (!llvm::sys::fs::real_path(Path, P))
    return P.str().str();
  // A deleted file has no real path: its absolute, dot-free one.
  P = Path;
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return P.str().str();
}

ChangeSet::ChangeSet(const std::vector<std::string> &List) {
  for (const std::string &F : List)
    Files.insert(canonicalPath(F));
}

bool ChangeSet::containsFile(llvm::StringRef Path) const {
  return Files.contains(canonicalPath(Path));
}

bool ChangeSet::containsSource(const SourceFile *F) const {
  auto [It, New] = SourceInSet.try_emplace(F, false);
  if (New)
    It->second = containsFile(F->path());
  return It->second;
}

bool ChangeSet::affects(const model::Resource &R) const {
  return (R.Declaration.hasFile() && containsSource(R.Declaration.File)) ||
         anyOriginIn(R.Properties,
                     [this](const SourceFile *F) { return containsSource(F); });
}

bool ChangeSet::touches(const model::DeploymentUnit &U) const {
  if (containsFile(U.Root))
    return true;
  for (const model::Resource &R : U.Graph.resources())
    if (affects(R))
      return true;
  for (const model::FileDiagnostic &D : U.Diagnostics)
    if (containsFile(D.File))
      return true;
  return false;
}

bool ChangeSet::keeps(const check::Result &R) const {
  return (!R.File.empty() && containsFile(R.File)) ||
         (R.Resource && affects(*R.Resource));
}

llvm::Expected<std::vector<std::string>>
changedFilesSince(llvm::StringRef Ref, llvm::StringRef Dir) {
  llvm::Expected<std::string> Top =
      runGit(Dir, {"rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  std::string Root = llvm::StringRef(*Top).trim().str();
  // What the branch changed since it left Ref (the merge base, as a pull
  // request shows it), then what is not committed yet. --end-of-options: a
  // ref starting with '-' is a ref, never an option.
  std::string Range = (Ref + "...HEAD").str();
  llvm::Expected<std::string> Diff =
      runGit(Root, {"diff", "--name-only", "-z", "--no-renames",
                    "--end-of-options", Range, "--"});
  if (!Diff)
    return Diff.takeError();
  llvm::Expected<std::string> Uncommitted =
      runGit(Root, {"diff", "--name-only", "-z", "--no-renames", "HEAD", "--"});
  if (!Uncommitted)
    return Uncommitted.takeError();
  llvm::Expected<std::string> Untracked =
      runGit(Root, {"ls-files", "--others", "--exclude-standard", "-z"});
  if (!Untracked)
    return Untracked.takeError();
  std::vector<std::string> Out;
  appendNulSeparated(Root, *Diff, Out);
  appendNulSeparated(Root, *Uncommitted, Out);
  appendNulSeparated(Root, *Untracked, Out);
  return Out;
}

} // namespace rampart::posture
