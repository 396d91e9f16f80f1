//===- AzurePolicyAddon.cpp - AZ-AKS-003 ----------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &aksAzurePolicyAddon() {
  static const Check C =
      CheckBuilder("AZ-AKS-003", __FILE__)
          .title("AKS clusters should have the Azure Policy add-on enabled")
          .severity(Level::Medium)
          .control("Protect applications against DDoS attacks")
          .compliance("MCSB", "PV-2")
          .why("Without the add-on, Azure Policy cannot enforce pod-level "
               "guardrails (resource limits, no privileged pods, allowed "
               "registries) or report them as recommendations.")
          .remediation("Enable the Azure Policy add-on")
          .reference("Policy: Azure Policy Add-on for Kubernetes service "
                     "(AKS) should be installed and enabled on your clusters")
          .reference("Checkov CKV_AZURE_116")
          .reference("Trivy AVD-AZU-0066")
          // ARM paths match case-insensitively, so azurePolicy and
          // azurepolicy are both found.
          .onArm({"Microsoft.ContainerService/managedClusters"},
                 property("properties.addonProfiles.azurepolicy.enabled")
                     .mustEqual(Value::boolean(true))
                     .defaultsTo(Value::boolean(false)))
          .onTerraform("azurerm", {"azurerm_kubernetes_cluster"},
                       property("azure_policy_enabled")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
