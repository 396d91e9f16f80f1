//===- RbacAuthorization.cpp - AZ-KV-004 ----------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// The spelling the vault uses. A vault with neither runs with azurerm 3.x
// or 4.x (5.x requires the attribute), which both know
// enable_rbac_authorization (rbac_authorization_enabled came in 4.42); only
// a configuration pinned to 5.x or later gets the new spelling.
std::vector<FixIntent> terraformUseRbac(const Subject &S, const Evaluation &E,
                                        const Binding &B) {
  if (E.Where)
    return setToExpected()(S, E, B);
  bool From5 = beforeProviderMajor(5).holdsFor(S.Resource) == Truth::False;
  return {{FixIntent::Action::Set,
           From5 ? "rbac_authorization_enabled" : "enable_rbac_authorization",
           Value::boolean(true)}};
}

} // namespace

const Check &keyVaultRbacAuthorization() {
  static const Check C =
      CheckBuilder("AZ-KV-004", __FILE__)
          .title("Key vaults should use the Azure RBAC permission model")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .compliance("CIS-Azure", "8.6")
          .why("Vault access policies grant data-plane rights outside Azure "
               "RBAC, so they escape PIM, deny assignments and central "
               "review.")
          .remediation("Switch the vault to the RBAC model and grant the Key "
                       "Vault data roles at the narrowest scope (changing the "
                       "model needs Owner or User Access Administrator)")
          .reference("Policy: Azure Key Vault should use RBAC permission "
                     "model")
          // From apiVersion 2026-02-01 a new vault gets RBAC by default;
          // before, access policies.
          .onArm({"Microsoft.KeyVault/vaults"},
                 property("properties.enableRbacAuthorization")
                     .mustEqual(Value::boolean(true))
                     .defaultsTo(Value::boolean(true),
                                 sinceApiVersion("2026-02-01"))
                     .defaultsTo(Value::boolean(false)))
          // azurerm 5.x requires the attribute, so a missing one can only
          // be deployed by 3.x or 4.x, which both default to false.
          // azurerm 3.x spelled it enable_rbac_authorization.
          .onTerraform("azurerm", {"azurerm_key_vault"},
                       property("rbac_authorization_enabled")
                           .alias("enable_rbac_authorization")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false)))
          // Suggested: holders of access policies need role assignments
          // first.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setToExpected())
          .fixFor(Family::Terraform, terraformUseRbac)
          .build();
  return C;
}

} // namespace rampart::checks
