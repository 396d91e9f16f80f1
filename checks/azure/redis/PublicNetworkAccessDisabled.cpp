//===- PublicNetworkAccessDisabled.cpp - AZ-REDIS-002 ---------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// A cache injected into a virtual network has no public endpoint.
Evaluation armNotPublic(const Subject &S) {
  static const PropertyRule Public = property("properties.publicNetworkAccess")
                                         .mustEqual(Value::string("Disabled"))
                                         .defaultsTo(Value::string("Enabled"));
  return azure::anyHealthy(
      {Public.evaluate(S), azure::propertyIsSet(S, "properties.subnetId")});
}

Evaluation terraformNotPublic(const Subject &S) {
  static const PropertyRule Public = property("public_network_access_enabled")
                                         .mustEqual(Value::boolean(false))
                                         .defaultsTo(Value::boolean(true));
  return azure::anyHealthy(
      {Public.evaluate(S), azure::propertyIsSet(S, "subnet_id")});
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
          .onArm({"Microsoft.Cache/redis"}, armNotPublic)
          .onTerraform("azurerm", {"azurerm_redis_cache"}, terraformNotPublic)
          .build();
  return C;
}

} // namespace rampart::checks
