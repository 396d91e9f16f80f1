//===- NetworkAccessRestricted.cpp - AZ-COSMOS-001 ------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/azure/Combine.h"

#include "llvm/ADT/SmallVector.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// IP rules restrict when at least one is given and none is the whole
// internet. "0.0.0.0" means "Azure datacenters": on its own it admits every
// Azure tenant, so it does not count as a restriction.
std::optional<bool> rangesRestrict(llvm::ArrayRef<const Value *> Ranges) {
  bool AnyRange = false;
  for (const Value *R : Ranges) {
    if (!R->isKnown() || !R->is(model::ValueKind::String))
      return std::nullopt;
    llvm::StringRef Text = R->asString().trim();
    if (Text.empty() || Text == "0.0.0.0")
      continue;
    Match Internet = isInternetCidr(Value::string(Text.str()));
    if (Internet.isUnknown())
      return std::nullopt;
    if (Internet.isTrue())
      return false;
    AnyRange = true;
  }
  return AnyRange;
}

// ARM: [{ipAddressOrRange: "..."}].
std::optional<bool> armIpRulesRestrict(const Value &Rules) {
  if (!Rules.is(model::ValueKind::Array))
    return std::nullopt;
  std::vector<const Value *> Ranges;
  for (const Value &Rule : Rules.items()) {
    if (!Rule.is(model::ValueKind::Object))
      return std::nullopt;
    const Value *R = Rule.getInsensitive("ipAddressOrRange");
    if (!R)
      return std::nullopt;
    Ranges.push_back(R);
  }
  return rangesRestrict(Ranges);
}

// Terraform: a comma-separated string in older provider versions, a list of
// strings in newer ones.
std::optional<bool> terraformIpFilterRestricts(const Value &Filter) {
  if (Filter.is(model::ValueKind::String)) {
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    Filter.asString().split(Parts, ',');
    std::vector<Value> Owned;
    for (llvm::StringRef P : Parts)
      Owned.push_back(Value::string(P.trim().str()));
    std::vector<const Value *> Ranges;
    for (const Value &V : Owned)
      Ranges.push_back(&V);
    return rangesRestrict(Ranges);
  }
  if (!Filter.is(model::ValueKind::Array))
    return std::nullopt;
  std::vector<const Value *> Ranges;
  for (const Value &V : Filter.items())
    Ranges.push_back(&V);
  return rangesRestrict(Ranges);
}

Predicate restricted(PropertyRule Public, PropertyRule VnetFilter,
                     PropertyRule IpRules) {
  return [=](const Subject &S) {
    return azure::anyHealthy(
        {Public.evaluate(S), VnetFilter.evaluate(S), IpRules.evaluate(S)});
  };
}

} // namespace

const Check &cosmosNetworkAccessRestricted() {
  static const Check C =
      CheckBuilder("AZ-COSMOS-001", __FILE__)
          .title("Cosmos DB accounts should restrict network access")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("CIS-Azure", "4.5.1")
          .why("An account open to every network answers any client that "
               "holds a key or token.")
          .remediation("Limit the account to the virtual networks and "
                       "addresses of its clients, or to private endpoints")
          .reference("Policy: Azure Cosmos DB accounts should have firewall "
                     "rules")
          .reference("Policy: Azure Cosmos DB should disable public network "
                     "access")
          .reference("Checkov CKV_AZURE_99, CKV_AZURE_101")
          .onArm({"Microsoft.DocumentDB/databaseAccounts"},
                 restricted(property("properties.publicNetworkAccess")
                                .mustEqual(Value::string("Disabled"))
                                .defaultsTo(Value::string("Enabled")),
                            property("properties.isVirtualNetworkFilterEnabled")
                                .mustEqual(Value::boolean(true))
                                .defaultsTo(Value::boolean(false)),
                            property("properties.ipRules")
                                .must(armIpRulesRestrict,
                                      "non-empty and without internet ranges")
                                .defaultsTo(Value::array({}))))
          .onTerraform(
              "azurerm", {"azurerm_cosmosdb_account"},
              restricted(property("public_network_access_enabled")
                             .mustEqual(Value::boolean(false))
                             .defaultsTo(Value::boolean(true)),
                         property("is_virtual_network_filter_enabled")
                             .mustEqual(Value::boolean(true))
                             .defaultsTo(Value::boolean(false)),
                         property("ip_range_filter")
                             .must(terraformIpFilterRestricts,
                                   "non-empty and without internet ranges")
                             .defaultsTo(Value::array({}))))
          // Public access off needs no list of allowed networks. Suggested:
          // clients outside private endpoints lose access.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setProperty("properties.publicNetworkAccess",
                           Value::string("Disabled")))
          .fixFor(Family::Terraform,
                  setProperty("public_network_access_enabled",
                              Value::boolean(false)))
          .build();
  return C;
}

} // namespace rampart::checks
