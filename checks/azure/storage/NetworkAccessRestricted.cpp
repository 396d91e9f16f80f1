//===- NetworkAccessRestricted.cpp - AZ-STORAGE-005 -----------------------===//
#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// Restricted when public access is off or the firewall denies by default;
// a missing firewall allows everyone. The firewall rule comes first, so a
// finding points at it.
Evaluation armNetworkRestricted(const Subject &S) {
  static const PropertyRule Firewall =
      property("properties.networkAcls.defaultAction")
          .mustEqual(Value::string("Deny"))
          .defaultsTo(Value::string("Allow"));
  static const PropertyRule Public = property("properties.publicNetworkAccess")
                                         .mustEqual(Value::string("Disabled"))
                                         .defaultsTo(Value::string("Enabled"));
  return azure::anyHealthy({Firewall.evaluate(S), Public.evaluate(S)});
}

// The firewall may also be a separate azurerm_storage_account_network_rules
// resource that refers to the account; one whose account reference cannot
// be resolved may be this account's.
Evaluation splitNetworkRules(const Subject &S) {
  static const PropertyRule SplitDeny =
      property("default_action").mustEqual(Value::string("Deny"));
  Related Rules =
      linkedTo(S.Unit, S.Resource, {"azurerm_storage_account_network_rules"},
               {"storage_account_id"});
  std::vector<Evaluation> Es;
  for (const model::Resource *R : Rules.Resources)
    Es.push_back(azure::onRelated(*R, SplitDeny.evaluate(Subject{*R, S.Unit})));
  if (Rules.Undecided)
    Es.push_back({Outcome::Unknown,
                  Rules.Undecided,
                  {},
                  "an azurerm_storage_account_network_rules may restrict "
                  "this account, but the account it applies to is unknown"});
  return azure::anyHealthy(std::move(Es));
}

Evaluation terraformNetworkRestricted(const Subject &S) {
  static const PropertyRule Firewall = property("network_rules.default_action")
                                           .mustEqual(Value::string("Deny"))
                                           .defaultsTo(Value::string("Allow"));
  static const PropertyRule Public = property("public_network_access_enabled")
                                         .mustEqual(Value::boolean(false))
                                         .defaultsTo(Value::boolean(true));
  // A split resource that allows is named first: it is the firewall that
  // decides when it exists.
  return azure::anyHealthy(
      {splitNetworkRules(S), Firewall.evaluate(S), Public.evaluate(S)});
}

} // namespace

const Check &storageNetworkAccessRestricted() {
  static const Check C =
      CheckBuilder("AZ-STORAGE-005", __FILE__)
          .title("Storage accounts should restrict network access")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("CIS-Azure", "3.8")
          .why("With the default action Allow, the account answers any "
               "internet client that holds a key or token.")
          .remediation("Deny by default and allow specific virtual networks, "
                       "IP ranges or trusted Azure services, or switch to "
                       "private endpoints")
          .reference("Policy: Storage accounts should restrict network access")
          .reference("Checkov CKV_AZURE_35")
          .reference("Trivy AVD-AZU-0012")
          .onArm({"Microsoft.Storage/storageAccounts"}, armNetworkRestricted)
          .onTerraform("azurerm", {"azurerm_storage_account"},
                       terraformNetworkRestricted)
          // No automated fix: denying by default needs the networks to allow,
          // which only the user knows.
          .build();
  return C;
}

} // namespace rampart::checks
