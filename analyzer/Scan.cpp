//===- Scan.cpp - The one analysis entry point ----------------------------===//
#include "analyzer/Scan.h"

#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

namespace rampart {

unsigned ScanResult::templateCount() const {
  unsigned N = 0;
  for (const workspace::LoadedFile &F : Files)
    N += F.Doc.has_value();
  return N;
}

unsigned ScanResult::errorCount() const {
  unsigned N = 0;
  for (const workspace::LoadedFile &F : Files) {
    N += !F.ReadError.empty();
    if (F.Doc)
      for (const Diagnostic &D : F.Doc->diagnostics())
        N += D.Level == Severity::Error;
  }
  return N;
}

ScanResult scanWorkspace(const ScanOptions &Options) {
  ScanResult Result;
  workspace::Discovery Found =
      workspace::discoverFiles(Options.Paths, Options.Discovery);
  Result.SkippedPaths = std::move(Found.Skipped);
  Result.PathErrors = std::move(Found.Errors);
  Result.Files.resize(Found.Files.size());

  // Files are independent until evaluation joins them into units; each task
  // writes only its own slot.
  llvm::ThreadPool Pool(llvm::hardware_concurrency(Options.Jobs));
  for (size_t I = 0; I < Found.Files.size(); ++I)
    Pool.async([&, I] {
      Result.Files[I] = workspace::loadFile(Found.Files[I], Options.Load);
    });
  Pool.wait();
  return Result;
}

} // namespace rampart
