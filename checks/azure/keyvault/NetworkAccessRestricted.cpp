//===- NetworkAccessRestricted.cpp - AZ-KV-003 ----------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// Restricted when public access is off or the firewall denies by default;
// missing values are Enabled and Allow.
RuleSet restricted(std::string PublicAccess, Value Disabled, Value Enabled,
                   std::string DefaultAction) {
  PropertyRule Public = property(std::move(PublicAccess))
                            .mustEqual(std::move(Disabled))
                            .defaultsTo(std::move(Enabled));
  PropertyRule Firewall = property(std::move(DefaultAction))
                              .mustEqual(Value::string("Deny"))
                              .defaultsTo(Value::string("Allow"));
  return anyOf({Public, Firewall});
}

} // namespace

const Check &keyVaultNetworkAccessRestricted() {
  static const Check C =
      CheckBuilder("AZ-KV-003", __FILE__)
          .title("Key vaults should restrict network access")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("MCSB", "DP-8")
          .compliance("CIS-Azure", "8.7")
          .why("A vault open to every network can be reached by anyone who "
               "obtains a token; secrets should only be reachable from the "
               "networks of the workloads that use them.")
          .remediation("Deny by default and add virtual-network rules or "
                       "private endpoints, or disable public network access")
          .reference("Policy: Azure Key Vault should have firewall enabled or "
                     "public network access disabled")
          .reference("Policy: Azure Key Vaults should use private link")
          .reference("Checkov CKV_AZURE_109, CKV_AZURE_189")
          .reference("Trivy AVD-AZU-0013")
          .onArm({"Microsoft.KeyVault/vaults"},
                 restricted("properties.publicNetworkAccess",
                            Value::string("Disabled"), Value::string("Enabled"),
                            "properties.networkAcls.defaultAction"))
          .onTerraform("azurerm", {"azurerm_key_vault"},
                       restricted("public_network_access_enabled",
                                  Value::boolean(false), Value::boolean(true),
                                  "network_acls.default_action"))
          // The first rule names the fix: public access off, which needs no
          // list of allowed networks. Suggested: clients outside private
          // endpoints lose access.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
