//===- ExpirationDates.cpp - AZ-KV-005 ------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;

const Check &keyVaultExpirationDates() {
  static const Check C =
      CheckBuilder("AZ-KV-005", __FILE__)
          .title("Key Vault keys and secrets should have expiration dates")
          .severity(Level::Medium)
          .control("Implement security best practices")
          .compliance("MCSB", "DP-6")
          .compliance("CIS-Azure", "8.1")
          .compliance("CIS-Azure", "8.2")
          .compliance("CIS-Azure", "8.3")
          .compliance("CIS-Azure", "8.4")
          .why("Credentials without an end date live forever once leaked.")
          .remediation("Give keys a rotation policy with an expiry and "
                       "secrets an expiration date computed from a parameter, "
                       "not hard-coded")
          .reference("Policy: Key Vault keys should have an expiration date")
          .reference("Policy: Key Vault secrets should have an expiration "
                     "date")
          .reference("Checkov CKV_AZURE_40, CKV_AZURE_41")
          .reference("Trivy AVD-AZU-0014, AVD-AZU-0017")
          // A key expires through its own attributes or through its
          // rotation policy.
          .onArm({"Microsoft.KeyVault/vaults/keys"},
                 anyOf({azure::isSet("properties.attributes.exp"),
                        azure::isSet("properties.rotationPolicy.attributes."
                                     "expiryTime")}))
          .onArm({"Microsoft.KeyVault/vaults/secrets"},
                 azure::isSet("properties.attributes.exp"))
          .onTerraform("azurerm", {"azurerm_key_vault_key"},
                       anyOf({azure::isSet("expiration_date"),
                              azure::isSet("rotation_policy.expire_after")}))
          .onTerraform("azurerm", {"azurerm_key_vault_secret"},
                       azure::isSet("expiration_date"))
          .build();
  return C;
}

} // namespace rampart::checks
