//===- Registry.cpp - The built-in checks ---------------------------------===//
//
// Each cloud's Registry.cpp lists its checks, one line each: explicit and
// greppable, with no static constructors. This file joins them, sorted by
// id; tests/unit/checks/FixtureTest.cpp fails when an id repeats.
//
//===----------------------------------------------------------------------===//
#include "checks/Registry.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart::checks {

using check::Check;

// checks/<cloud>/Registry.cpp
void appendAzureChecks(std::vector<const Check *> &Out);
void appendAwsChecks(std::vector<const Check *> &Out);
void appendGoogleChecks(std::vector<const Check *> &Out);

const std::vector<const Check *> &builtinChecks() {
  static const std::vector<const Check *> All = [] {
    std::vector<const Check *> V;
    appendAzureChecks(V);
    appendAwsChecks(V);
    appendGoogleChecks(V);
    llvm::sort(V, [](const Check *A, const Check *B) { return A->Id < B->Id; });
    return V;
  }();
  return All;
}

const Check *findBuiltinCheck(llvm::StringRef Id) {
  for (const Check *C : builtinChecks())
    if (Id.equals_insensitive(C->Id))
      return C;
  return nullptr;
}

} // namespace rampart::checks
