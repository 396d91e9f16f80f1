//===- Registry.cpp - The built-in checks ---------------------------------===//
//
// One line per check, sorted by id: explicit and greppable, with no static
// constructors. tests/unit/checks/CatalogTest.cpp fails when a check file
// is missing here or an id repeats.
//
//===----------------------------------------------------------------------===//
#include "checks/Registry.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart::checks {

using check::Check;

// Each check file defines one of these.
const Check &rdsAutoMinorVersionUpgrade();
const Check &rdsNotPubliclyAccessible();
const Check &keyVaultPurgeProtection();
const Check &storageSecureTransfer();

const std::vector<const Check *> &builtinChecks() {
  static const std::vector<const Check *> All = [] {
    std::vector<const Check *> V = {
        &rdsNotPubliclyAccessible(),   // AWS-RDS-002
        &rdsAutoMinorVersionUpgrade(), // AWS-RDS-003
        &keyVaultPurgeProtection(),    // AZ-KV-001
        &storageSecureTransfer(),      // AZ-STORAGE-001
    };
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
