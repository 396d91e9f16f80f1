//===- ApiServerAccessRestricted.cpp - AZ-AKS-002 -------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// Authorized ranges restrict only when there is at least one and none of
// them is the whole internet.
std::optional<bool> rangesRestrict(const Value &Ranges) {
  if (Ranges.is(model::ValueKind::Array) && Ranges.items().empty())
    return false;
  Match Internet = isInternetCidr(Ranges);
  if (Internet.isUnknown())
    return std::nullopt;
  return Internet.isFalse();
}

Predicate restricted(std::string Private, std::string Ranges,
                     std::string OldRanges) {
  PropertyRule PrivateCluster = property(std::move(Private))
                                    .mustEqual(Value::boolean(true))
                                    .defaultsTo(Value::boolean(false));
  PropertyRule Authorized =
      property(std::move(Ranges))
          .must(rangesRestrict, "non-empty and without internet ranges")
          .missingIsUnhealthy();
  if (!OldRanges.empty())
    Authorized.alias(std::move(OldRanges));
  return [=](const Subject &S) {
    return azure::anyHealthy(
        {PrivateCluster.evaluate(S), Authorized.evaluate(S)});
  };
}

} // namespace

const Check &aksApiServerAccessRestricted() {
  static const Check C =
      CheckBuilder("AZ-AKS-002", __FILE__)
          .title("AKS clusters should restrict access to the API server")
          .severity(Level::High)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .why("An API server reachable from anywhere is exposed to "
               "credential attacks and to any future Kubernetes API "
               "vulnerability.")
          .remediation("Use a private cluster or restrict authorized IP "
                       "ranges to build agents and admin networks")
          .reference("Policy: Authorized IP ranges should be defined on "
                     "Kubernetes Services")
          .reference("Checkov CKV_AZURE_6, CKV_AZURE_115")
          .reference("Trivy AVD-AZU-0041, AVD-AZU-0065")
          .onArm({"Microsoft.ContainerService/managedClusters"},
                 restricted(
                     "properties.apiServerAccessProfile.enablePrivateCluster",
                     "properties.apiServerAccessProfile.authorizedIPRanges",
                     ""))
          // azurerm 3.x also had api_server_authorized_ip_ranges at the top
          // level.
          .onTerraform("azurerm", {"azurerm_kubernetes_cluster"},
                       restricted("private_cluster_enabled",
                                  "api_server_access_profile.authorized_ip_"
                                  "ranges",
                                  "api_server_authorized_ip_ranges"))
          // No automated fix: the authorized IP ranges are the user's to give,
          // and making an existing cluster private recreates it.
          .build();
  return C;
}

} // namespace rampart::checks
