//===- NetworkPolicy.cpp - AZ-AKS-005 -------------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

PropertyRule networkPolicyAt(std::string Path) {
  return property(std::move(Path))
      .mustBeOneOf({Value::string("azure"), Value::string("calico"),
                    Value::string("cilium")})
      .defaultsTo(Value::string("none"));
}

} // namespace

const Check &aksNetworkPolicy() {
  static const Check C =
      CheckBuilder("AZ-AKS-005", __FILE__)
          .title("AKS clusters should enforce Kubernetes network policies")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-1")
          .why("Without a policy engine every pod can reach every other pod, "
               "so one compromised workload reaches all.")
          .remediation("Enable a network policy engine (azure, calico or "
                       "cilium) at creation and ship default-deny policies "
                       "per namespace")
          .reference("Checkov CKV_AZURE_7")
          .reference("Trivy AVD-AZU-0043")
          .onArm({"Microsoft.ContainerService/managedClusters"},
                 networkPolicyAt("properties.networkProfile.networkPolicy"))
          .onTerraform("azurerm", {"azurerm_kubernetes_cluster"},
                       networkPolicyAt("network_profile.network_policy"))
          .build();
  return C;
}

} // namespace rampart::checks
