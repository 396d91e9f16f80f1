//===- PurgeProtection.cpp - AZ-KV-001 ------------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &keyVaultPurgeProtection() {
  static const Check C =
      CheckBuilder("AZ-KV-001", __FILE__)
          .title("Key vaults should have purge protection enabled")
          .severity(Level::Medium)
          .control("Implement security best practices")
          .compliance("MCSB", "DP-8")
          .compliance("CIS-Azure", "8.5")
          .why("Without purge protection, an attacker or a mistake can "
               "permanently destroy keys and with them every piece of data "
               "they encrypt.")
          .remediation("Enable purge protection; it cannot be turned off "
                       "again and blocks reusing the vault name for the "
                       "retention period")
          .reference("Policy: Key vaults should have deletion protection "
                     "enabled")
          .reference("Checkov CKV_AZURE_110, CKV_AZURE_42")
          .reference("Trivy AVD-AZU-0016")
          .onArm({"Microsoft.KeyVault/vaults"},
                 property("properties.enablePurgeProtection")
                     .mustEqual(Value::boolean(true))
                     .defaultsTo(Value::boolean(false)))
          .onTerraform("azurerm", {"azurerm_key_vault"},
                       property("purge_protection_enabled")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false)))
          // Suggested: purge protection cannot be turned off again.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
