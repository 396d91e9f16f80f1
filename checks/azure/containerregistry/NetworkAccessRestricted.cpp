//===- NetworkAccessRestricted.cpp - AZ-ACR-002 ---------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// Only the Premium SKU can restrict networks; say so when the SKU is
// Basic or Standard, since the fix is then a SKU change.
Evaluation withSkuNote(const Subject &S, Evaluation E, const char *SkuPath) {
  if (E.Result != Outcome::Unhealthy)
    return E;
  Lookup Sku = lookupPath(S.Resource.Properties, SkuPath,
                          S.Resource.TheDialect != Dialect::Terraform);
  if (Sku.Result == Lookup::State::Found &&
      (equalsInsensitive(*Sku.Value, "Basic").isTrue() ||
       equalsInsensitive(*Sku.Value, "Standard").isTrue()))
    E.Detail += " (the " + Sku.Value->asString().str() +
                " SKU cannot restrict networks; Premium is needed)";
  return E;
}

Evaluation armRestricted(const Subject &S) {
  static const PropertyRule Public = property("properties.publicNetworkAccess")
                                         .mustEqual(Value::string("Disabled"))
                                         .defaultsTo(Value::string("Enabled"));
  static const PropertyRule Firewall =
      property("properties.networkRuleSet.defaultAction")
          .mustEqual(Value::string("Deny"))
          .defaultsTo(Value::string("Allow"));
  return withSkuNote(
      S, azure::anyHealthy({Public.evaluate(S), Firewall.evaluate(S)}),
      "sku.name");
}

Evaluation terraformRestricted(const Subject &S) {
  static const PropertyRule Public = property("public_network_access_enabled")
                                         .mustEqual(Value::boolean(false))
                                         .defaultsTo(Value::boolean(true));
  static const PropertyRule Firewall =
      property("network_rule_set.default_action")
          .mustEqual(Value::string("Deny"))
          .defaultsTo(Value::string("Allow"));
  return withSkuNote(
      S, azure::anyHealthy({Public.evaluate(S), Firewall.evaluate(S)}), "sku");
}

// Turning public access off needs no list of allowed networks, but only
// the Premium SKU can; with another (or an unknown) SKU the fix is a SKU
// change, which is the user's call.
FixRecipe disableOnPremium(std::string SkuPath, std::string Path,
                           Value Disabled) {
  return [=](const Subject &S, const Evaluation &,
             const Binding &) -> std::vector<FixIntent> {
    Lookup Sku = lookupPath(S.Resource.Properties, SkuPath,
                            S.Resource.TheDialect != Dialect::Terraform);
    if (Sku.Result != Lookup::State::Found ||
        !equalsInsensitive(*Sku.Value, "Premium").isTrue())
      return {};
    return {{FixIntent::Action::Set, Path, Disabled}};
  };
}

} // namespace

const Check &acrNetworkAccessRestricted() {
  static const Check C =
      CheckBuilder("AZ-ACR-002", __FILE__)
          .title("Container registries should restrict network access")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .why("A registry open to every network lets anyone with a "
               "credential push or pull images from anywhere.")
          .remediation("Restrict the registry to the networks that push and "
                       "pull, or use private endpoints; this needs the "
                       "Premium SKU")
          .reference("Policy: Container registries should not allow "
                     "unrestricted network access")
          .reference("Checkov CKV_AZURE_139")
          .onArm({"Microsoft.ContainerRegistry/registries"}, armRestricted)
          .onTerraform("azurerm", {"azurerm_container_registry"},
                       terraformRestricted)
          // Suggested: clients outside private endpoints lose access.
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               disableOnPremium("sku.name", "properties.publicNetworkAccess",
                                Value::string("Disabled")))
          .fixFor(Family::Terraform,
                  disableOnPremium("sku", "public_network_access_enabled",
                                   Value::boolean(false)))
          .build();
  return C;
}

} // namespace rampart::checks
