//===- CorpusTest.cpp - Parse rate over real-world templates --------------===//
//
// Parses every template under ../shared/corpus/<dialect>/ as that dialect and
// requires at least 99.5% of the files of each dialect to parse with no error.
// Files that are really invalid are listed in known-invalid.txt with the
// reason; they must still fail (a stale entry fails the test) and do not count.
// Also reports how many files dialect detection recognises.
//
// Usage: rampart-corpus-test CORPUS_DIR KNOWN_INVALID_FILE
// Exit: 0 pass, 1 fail, 77 corpus absent (CTest reports "skipped").
//
//===----------------------------------------------------------------------===//
#include "analyzer/workspace/Discovery.h"
#include "analyzer/workspace/Loader.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace rampart;

namespace {

constexpr double RequiredRate = 0.995;

// known-invalid.txt: `<dialect>/<path>  # reason`, one per line.
llvm::StringSet<> readKnownInvalid(llvm::StringRef Path) {
  llvm::StringSet<> Out;
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return Out;
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    Line = Line.split('#').first.trim();
    if (!Line.empty())
      Out.insert(Line);
  }
  return Out;
}

workspace::DialectAndRole kindFor(Dialect D, llvm::StringRef Path) {
  if (auto Known = workspace::dialectFromFileName(Path))
    return *Known;
  FileRole Role = FileRole::Template;
  if (D == Dialect::Arm && Path.contains("parameters"))
    Role = FileRole::Parameters;
  return {D, Role};
}

struct Tally {
  unsigned Files = 0, Clean = 0, Detected = 0, Listed = 0;
};

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 2 || !llvm::sys::fs::is_directory(Argv[1])) {
    llvm::outs() << "corpus not found; skipping\n";
    return 77;
  }
  std::string Root = Argv[1];
  llvm::StringSet<> KnownInvalid = readKnownInvalid(Argc > 2 ? Argv[2] : "");
  llvm::StringSet<> SeenListed;
  bool Ok = true;

  for (Dialect D : {Dialect::Arm, Dialect::Bicep, Dialect::Terraform,
                    Dialect::CloudFormation}) {
    std::string Dir = Root + "/" + dialectName(D).str();
    workspace::Discovery Found = workspace::discoverFiles({Dir}, {});
    Tally T;
    for (const std::string &Path : Found.Files) {
      llvm::StringRef Rel = llvm::StringRef(Path).drop_front(Root.size() + 1);
      auto Source = SourceFile::open(Path);
      if (!Source) {
        llvm::outs() << "  unreadable " << Rel << "\n";
        Ok = false;
        continue;
      }
      Document Doc = workspace::parseAs(**Source, kindFor(D, Path));
      bool Listed = KnownInvalid.contains(Rel);
      if (Listed) {
        SeenListed.insert(Rel);
        ++T.Listed;
        if (!Doc.hasErrors()) {
          llvm::outs() << "  STALE known-invalid entry (parses cleanly): "
                       << Rel << "\n";
          Ok = false;
        }
        continue;
      }
      ++T.Files;
      if (!Doc.hasErrors()) {
        ++T.Clean;
      } else {
        for (const Diagnostic &Diag : Doc.diagnostics())
          if (Diag.Level == Severity::Error) {
            llvm::outs() << "  " << Rel << ":" << Diag.Range.Start.Line << ":"
                         << Diag.Range.Start.Column << ": " << Diag.Message
                         << "\n";
            break;
          }
      }
      workspace::LoadedFile Loaded = workspace::loadSource(std::move(*Source));
      if (Loaded.Doc && Loaded.Doc->dialect() == D)
        ++T.Detected;
    }
    double Rate = T.Files ? double(T.Clean) / T.Files : 1.0;
    llvm::outs() << llvm::format(
        "%-15s %4u files, %4u parse with no error (%.2f%%), %4u detected as "
        "%s, %u known invalid\n",
        dialectName(D).str().c_str(), T.Files, T.Clean, Rate * 100, T.Detected,
        dialectName(D).str().c_str(), T.Listed);
    if (Rate < RequiredRate) {
      llvm::outs() << llvm::format("  FAIL: below %.1f%%\n",
                                   RequiredRate * 100);
      Ok = false;
    }
  }
  for (const auto &Entry : KnownInvalid)
    if (!SeenListed.contains(Entry.getKey())) {
      llvm::outs() << "  STALE known-invalid entry (no such file): "
                   << Entry.getKey() << "\n";
      Ok = false;
    }
  llvm::outs() << (Ok ? "corpus: 1 passed, 0 failed\n"
                      : "corpus: 0 passed, 1 failed\n");
  return Ok ? 0 : 1;
}
