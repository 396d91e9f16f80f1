//===- ExpirationDates.cpp - AZ-KV-005 ------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;

namespace {

// A key expires through its own attributes or through its rotation policy.
Evaluation armKeyExpires(const Subject &S) {
  return azure::anyHealthy(
      {azure::propertyIsSet(S, "properties.attributes.exp"),
       azure::propertyIsSet(
           S, "properties.rotationPolicy.attributes.expiryTime")});
}

Evaluation armSecretExpires(const Subject &S) {
  return azure::propertyIsSet(S, "properties.attributes.exp");
}

Evaluation terraformKeyExpires(const Subject &S) {
  return azure::anyHealthy(
      {azure::propertyIsSet(S, "expiration_date"),
       azure::propertyIsSet(S, "rotation_policy.expire_after")});
}

Evaluation terraformSecretExpires(const Subject &S) {
  return azure::propertyIsSet(S, "expiration_date");
}

} // namespace

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
          .onArm({"Microsoft.KeyVault/vaults/keys"}, armKeyExpires)
          .onArm({"Microsoft.KeyVault/vaults/secrets"}, armSecretExpires)
          .onTerraform("azurerm", {"azurerm_key_vault_key"},
                       terraformKeyExpires)
          .onTerraform("azurerm", {"azurerm_key_vault_secret"},
                       terraformSecretExpires)
          .build();
  return C;
}

} // namespace rampart::checks
