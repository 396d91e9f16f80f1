//===- PublicNetworkAccessDisabled.cpp - AZ-REDIS-002 ---------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// A cache injected into a virtual network has no public endpoint.
RuleSet notPublic(std::string PublicAccess, Value Disabled, Value Enabled,
                  std::string Subnet) {
  return anyOf({property(std::move(PublicAccess))
                    .mustEqual(std::move(Disabled))
                    .defaultsTo(std::move(Enabled)),
                azure::isSet(std::move(Subnet))});
}

} // namespace

const Check &redisPublicNetworkAccessDisabled() {
  static const Check C =
      CheckBuilder("AZ-REDIS-002", __FILE__)
          .title("Azure Cache for Redis should have public network access "
                 "disabled")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .why("Caches usually hold session data and tokens; a public "
               "endpoint exposes them to any client that obtains a key.")
          .remediation("Disable public network access and reach the cache "
                       "through private endpoints or virtual network "
                       "injection")
          .reference("Policy: Azure Cache for Redis should disable public "
                     "network access")
          .reference("Checkov CKV_AZURE_89")
          .onArm({"Microsoft.Cache/redis"},
                 notPublic("properties.publicNetworkAccess",
                           Value::string("Disabled"), Value::string("Enabled"),
                           "properties.subnetId"))
          .onTerraform("azurerm", {"azurerm_redis_cache"},
                       notPublic("public_network_access_enabled",
                                 Value::boolean(false), Value::boolean(true),
                                 "subnet_id"))
          // The first rule names the fix. Suggested: clients outside private
          // endpoints lose access.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
