//===- Registry.cpp - The built-in Azure checks ---------------------------===//
#include "analyzer/check/Check.h"

#include <vector>

namespace rampart::checks {

using check::Check;

// One declaration and one line per check, sorted by id.
const Check &keyVaultPurgeProtection();
const Check &storageSecureTransfer();

void appendAzureChecks(std::vector<const Check *> &Out) {
  Out.push_back(&keyVaultPurgeProtection()); // AZ-KV-001
  Out.push_back(&storageSecureTransfer());   // AZ-STORAGE-001
}

} // namespace rampart::checks
