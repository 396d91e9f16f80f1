//===- Scan.cpp - The one analysis entry point ----------------------------===//
#include "analyzer/Scan.h"

#include "analyzer/eval/arm/TemplateEvaluator.h"

#include "llvm/ADT/StringMap.h"
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

std::vector<model::DeploymentUnit> buildUnits(const ScanResult &R,
                                              const UnitOptions &Options) {
  llvm::StringMap<const Document *> ParameterFiles;
  std::vector<const Document *> Templates;
  for (const workspace::LoadedFile &F : R.Files) {
    if (!F.Doc || F.Doc->dialect() != Dialect::Arm)
      continue;
    if (F.Doc->role() == FileRole::Parameters)
      ParameterFiles[F.Doc->file().path()] = &*F.Doc;
    else if (F.Doc->role() == FileRole::Template)
      Templates.push_back(&*F.Doc);
  }
  std::vector<model::DeploymentUnit> Units(Templates.size());
  llvm::ThreadPool Pool(llvm::hardware_concurrency(Options.Jobs));
  for (size_t I = 0; I < Templates.size(); ++I)
    Pool.async([&, I] {
      eval::arm::TemplateInputs In;
      In.Template = Templates[I];
      In.Parameters = Options.ParameterFile;
      if (!In.Parameters) {
        // X.json is deployed with X.parameters.json by convention.
        llvm::StringRef Path = Templates[I]->file().path();
        if (Path.endswith_insensitive(".json")) {
          auto It = ParameterFiles.find(
              (Path.drop_back(strlen(".json")) + ".parameters.json").str());
          if (It != ParameterFiles.end())
            In.Parameters = It->second;
        }
      }
      In.ParamOverrides = Options.Params;
      In.Context = Options.Context;
      Units[I] = eval::arm::evaluateTemplate(In);
    });
  Pool.wait();
  return Units;
}

} // namespace rampart
