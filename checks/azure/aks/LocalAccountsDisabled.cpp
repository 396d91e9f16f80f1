//===- LocalAccountsDisabled.cpp - AZ-AKS-004 -----------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &aksLocalAccountsDisabled() {
  static const Check C =
      CheckBuilder("AZ-AKS-004", __FILE__)
          .title("AKS clusters should have local accounts disabled")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .why("The local clusterAdmin credential bypasses Entra ID, "
               "conditional access and audit by user.")
          .remediation("Enable Entra integration with Azure RBAC for "
                       "Kubernetes and disable local accounts")
          .reference("Policy: Azure Kubernetes Service Clusters should have "
                     "local authentication methods disabled")
          .reference("Checkov CKV_AZURE_141")
          .onArm({"Microsoft.ContainerService/managedClusters"},
                 property("properties.disableLocalAccounts")
                     .mustEqual(Value::boolean(true))
                     .defaultsTo(Value::boolean(false)))
          .onTerraform("azurerm", {"azurerm_kubernetes_cluster"},
                       property("local_account_disabled")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false)))
          // Suggested: local accounts are the way in until Entra integration
          // is configured.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
