//===- FixCorpusTest.cpp - Fixes applied to real-world templates ----------===//
//
// Copies ../shared/corpus to a temporary directory, runs every built-in
// check, and picks up to 50 files (spread over the dialects) whose findings
// have fixes. All their fixes are applied (suggested ones too), the copy is
// scanned again, and it must hold that:
//   - no fixed file has more parse errors than before;
//   - no fixed finding fires again;
//   - no other (check, resource) outcome changed.
// Prints the numbers. Fixes left out because they collide with an earlier
// fix in the same file are counted, not applied.
//
// Usage: rampart-fix-corpus CORPUS_DIR
// Exit: 0 pass, 1 fail, 77 corpus absent (CTest reports "skipped").
//
//===----------------------------------------------------------------------===//
#include "analyzer/Scan.h"
#include "analyzer/fix/Apply.h"
#include "analyzer/fix/Plan.h"
#include "checks/Registry.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace rampart;
namespace fs = std::filesystem;

namespace {

constexpr size_t FilesWanted = 50;

/// What identifies a result across the two scans.
using ResultKey = std::tuple<std::string, std::string, std::string>;

ResultKey keyOf(const check::Result &R) {
  return {R.TheCheck->Id, R.Unit->Root, R.Resource->Id};
}

/// What a fix edits: a check's finding on one declaration, which every
/// unit using that declaration (a module's callers) sees fixed.
using DeclarationKey = std::tuple<std::string, std::string, uint32_t>;

DeclarationKey declarationOf(const check::Result &R) {
  const model::Origin &D = R.Resource->Declaration;
  return {R.TheCheck->Id, D.hasFile() ? D.File->path().str() : "",
          D.Range.Start.Offset};
}

struct Scanned {
  ScanResult Scan;
  /// The declaration of each result's resource.
  std::map<ResultKey, DeclarationKey> Declarations;
  std::vector<model::DeploymentUnit> Units;
  std::vector<posture::Finding> Findings; ///< unhealthy results, fixes planned
  std::map<ResultKey, check::Outcome> Outcomes;
  std::map<std::string, size_t> ParseErrors; ///< per file
};

std::unique_ptr<Scanned> scanAll(const std::string &Dir) {
  auto S = std::make_unique<Scanned>();
  ScanOptions O;
  O.Paths = {Dir};
  S->Scan = scanWorkspace(O);
  S->Units = buildUnits(S->Scan, {});
  for (const workspace::LoadedFile &F : S->Scan.Files)
    if (F.Doc)
      S->ParseErrors[F.Path] =
          llvm::count_if(F.Doc->diagnostics(), [](const Diagnostic &D) {
            return D.Level == Severity::Error;
          });
  fix::DocumentLookup Docs = fix::lookupIn({&S->Scan.Files});
  for (check::Result &R :
       check::Engine(checks::builtinChecks()).run(S->Units)) {
    // A loop that is not expanded, or two units sharing a module, can give
    // one key twice; the worst outcome stands for it.
    check::Outcome &O =
        S->Outcomes.try_emplace(keyOf(R), R.TheOutcome).first->second;
    if (R.TheOutcome == check::Outcome::Unhealthy)
      O = R.TheOutcome;
    S->Declarations.try_emplace(keyOf(R), declarationOf(R));
    if (R.TheOutcome != check::Outcome::Unhealthy)
      continue;
    posture::Finding F;
    F.Fix = fix::planFix(R, Docs);
    F.Result = std::move(R);
    S->Findings.push_back(std::move(F));
  }
  return S;
}

std::string dialectOf(llvm::StringRef Path, llvm::StringRef Root) {
  Path.consume_front(Root);
  Path = Path.ltrim('/');
  return Path.split('/').first.str();
}

/// Up to FilesWanted files with fixes, taking one per dialect in turn.
std::set<std::string> pickFiles(const Scanned &S, const std::string &Root) {
  std::map<std::string, std::set<std::string>> ByDialect;
  for (const posture::Finding &F : S.Findings)
    if (F.Fix)
      for (const fix::FileChange &C : F.Fix->Changes)
        ByDialect[dialectOf(C.File->path(), Root)].insert(C.File->path().str());
  std::set<std::string> Picked;
  std::map<std::string, std::set<std::string>::iterator> Next;
  for (auto &[D, Files] : ByDialect)
    Next[D] = Files.begin();
  for (bool More = true; More && Picked.size() < FilesWanted;) {
    More = false;
    for (auto &[D, Files] : ByDialect)
      if (Next[D] != Files.end() && Picked.size() < FilesWanted) {
        Picked.insert(*Next[D]++);
        More = true;
      }
  }
  return Picked;
}

bool touchesOnly(const posture::Finding &F,
                 const std::set<std::string> &Files) {
  return F.Fix && llvm::all_of(F.Fix->Changes, [&](const fix::FileChange &C) {
           return Files.count(C.File->path().str());
         });
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 2 || !llvm::sys::fs::is_directory(Argv[1])) {
    llvm::outs() << "corpus not found; skipping\n";
    return 77;
  }
  llvm::SmallString<128> Temp;
  if (llvm::sys::fs::createUniqueDirectory("rampart-fix-corpus", Temp)) {
    llvm::errs() << "cannot create a temporary directory\n";
    return 1;
  }
  std::string Root = Temp.str().str();
  fs::copy(Argv[1], Root, fs::copy_options::recursive);

  std::unique_ptr<Scanned> Before = scanAll(Root);
  std::set<std::string> Picked = pickFiles(*Before, Root);
  std::vector<posture::Finding> Chosen;
  for (const posture::Finding &F : Before->Findings)
    if (touchesOnly(F, Picked))
      Chosen.push_back(F);
  fix::FixSelection Sel =
      fix::selectFixes(Chosen, check::Applicability::Suggested);
  std::set<DeclarationKey> Fixed;
  std::map<check::Applicability, size_t> ByKind;
  for (const fix::FixedFile &F : Sel.Files) {
    std::ofstream(F.File->path().str(), std::ios::binary)
        << (F.File->hasByteOrderMark() ? "\xEF\xBB\xBF" : "") << F.Text;
    for (const posture::Finding *Done : F.Fixed)
      if (Fixed.insert(declarationOf(Done->Result)).second)
        ++ByKind[Done->Fix->Kind];
  }

  std::unique_ptr<Scanned> After = scanAll(Root);
  size_t Broken = 0, StillFiring = 0, Changed = 0;
  for (const fix::FixedFile &F : Sel.Files) {
    std::string Path = F.File->path().str();
    if (After->ParseErrors[Path] > Before->ParseErrors[Path]) {
      ++Broken;
      llvm::outs() << "new parse errors in " << Path << '\n';
    }
  }
  for (const auto &[Key, Outcome] : Before->Outcomes) {
    auto It = After->Outcomes.find(Key);
    check::Outcome Now = It == After->Outcomes.end()
                             ? check::Outcome::NotApplicable
                             : It->second;
    const auto &[Check, Unit, Resource] = Key;
    if (Fixed.count(Before->Declarations[Key])) {
      if (Now == check::Outcome::Unhealthy) {
        ++StillFiring;
        llvm::outs() << "still fires after its fix: " << Check << " on "
                     << Resource << " in " << Unit << '\n';
      }
      continue;
    }
    if (Now != Outcome) {
      ++Changed;
      llvm::outs() << "outcome changed: " << Check << " on " << Resource
                   << " in " << Unit << ": " << check::outcomeName(Outcome)
                   << " -> " << check::outcomeName(Now) << '\n';
    }
  }
  size_t Edits = 0;
  for (const posture::Finding &F : Chosen)
    for (const fix::FileChange &C : F.Fix->Changes)
      Edits += C.Edits.size();
  llvm::outs() << "fix-corpus: " << Picked.size() << " files picked, "
               << Sel.Files.size() << " changed; " << Fixed.size()
               << " findings fixed (" << ByKind[check::Applicability::Safe]
               << " safe, " << ByKind[check::Applicability::Unsafe]
               << " unsafe, " << ByKind[check::Applicability::Suggested]
               << " suggested) with " << Edits << " edits; "
               << Sel.Conflicting.size()
               << " left for a second round (same text as an earlier fix); "
               << Broken << " files with new parse errors, " << StillFiring
               << " fixed findings still firing, " << Changed
               << " other outcomes changed\n";
  fs::remove_all(Root);
  bool Ok = Broken == 0 && StillFiring == 0 && Changed == 0 &&
            Picked.size() == FilesWanted;
  llvm::outs() << (Ok ? "fix-corpus: 1 passed, 0 failed\n"
                      : "fix-corpus: 0 passed, 1 failed\n");
  return Ok ? 0 : 1;
}
