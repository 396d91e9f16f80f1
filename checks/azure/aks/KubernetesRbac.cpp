//===- KubernetesRbac.cpp - AZ-AKS-001 ------------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &aksKubernetesRbac() {
  static const Check C =
      CheckBuilder("AZ-AKS-001", __FILE__)
          .title("AKS clusters should keep Kubernetes RBAC enabled")
          .severity(Level::High)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .why("Without Kubernetes RBAC every authenticated identity is "
               "effectively cluster-admin.")
          .remediation("Keep Kubernetes RBAC on (it cannot be turned back on "
                       "without recreating the cluster) and integrate with "
                       "Entra ID")
          .reference("Policy: Role-Based Access Control (RBAC) should be used "
                     "on Kubernetes Services")
          .reference("Checkov CKV_AZURE_5")
          .reference("Trivy AVD-AZU-0042")
          .onArm({"Microsoft.ContainerService/managedClusters"},
                 property("properties.enableRBAC")
                     .mustEqual(Value::boolean(true))
                     .defaultsTo(Value::boolean(true)))
          .onTerraform("azurerm", {"azurerm_kubernetes_cluster"},
                       property("role_based_access_control_enabled")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(true)))
          // A missing property is true in both dialects: removing the false
          // turns RBAC back on.
          .fix(FixAvailability::Always, Applicability::Safe, removeProperty())
          .build();
  return C;
}

} // namespace rampart::checks
