//===- EvaluateFile.h - One template evaluated as the CLI does -*- C++ -*-===//
#ifndef RAMPART_TESTS_SUPPORT_EVALUATEFILE_H
#define RAMPART_TESTS_SUPPORT_EVALUATEFILE_H

#include "analyzer/Scan.h"
#include "tests/support/TempDir.h"

#include "llvm/ADT/StringRef.h"

#include <memory>
#include <vector>

namespace rampart::testing {

/// A file in a scratch directory, discovered and evaluated through
/// scanWorkspace and buildUnits (one job), into exactly one unit.
struct EvaluatedFile {
  TempDir Dir;
  ScanResult Scan;
  std::vector<model::DeploymentUnit> Units;

  const model::DeploymentUnit &unit() const { return Units.front(); }
};

/// Writes Text to File (relative to a fresh directory) and evaluates it;
/// fails the test unless it gives one unit.
std::unique_ptr<EvaluatedFile> evaluateFile(llvm::StringRef File,
                                            llvm::StringRef Text);

} // namespace rampart::testing

#endif
