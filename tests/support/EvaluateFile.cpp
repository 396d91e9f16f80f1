//===- EvaluateFile.cpp - One template evaluated as the CLI does ----------===//
#include "tests/support/EvaluateFile.h"

#include <catch2/catch.hpp>

namespace rampart::testing {

std::unique_ptr<EvaluatedFile> evaluateFile(llvm::StringRef File,
                                            llvm::StringRef Text) {
  auto E = std::make_unique<EvaluatedFile>();
  E->Dir.write(File, Text);
  ScanOptions O;
  O.Paths = {E->Dir.path()};
  O.Jobs = 1;
  E->Scan = scanWorkspace(O);
  UnitOptions U;
  U.Jobs = 1;
  E->Units = buildUnits(E->Scan, U);
  REQUIRE(E->Units.size() == 1);
  return E;
}

} // namespace rampart::testing
