//===- PlansNotFree.cpp - AZ-DEFENDER-001 ---------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &defenderPlansNotFree() {
  static const Check C =
      CheckBuilder("AZ-DEFENDER-001", __FILE__)
          .title("Defender for Cloud plans should not be declared on the Free "
                 "tier")
          .severity(Level::Medium)
          .control("Enable enhanced security features")
          .compliance("MCSB", "LT-1")
          .why("The Free tier keeps only foundational posture "
               "recommendations; the workload plans add threat detection, "
               "vulnerability assessment and most attack-path inputs.")
          .remediation("Enable the Defender plans (Standard tier) for the "
                       "resource types you run")
          .reference("Policy: Azure Defender for servers should be enabled")
          .reference("Policy: Microsoft Defender for Storage should be "
                     "enabled")
          .reference("Checkov CKV_AZURE_19, CKV_AZURE_84, CKV_AZURE_85, "
                     "CKV_AZURE_87")
          .reference("Trivy AVD-AZU-0045")
          // The tier is required in both dialects: a missing one is not
          // guessed.
          .onArm({"Microsoft.Security/pricings"},
                 property("properties.pricingTier")
                     .mustEqual(Value::string("Standard")))
          .onTerraform("azurerm",
                       {"azurerm_security_center_subscription_pricing"},
                       property("tier").mustEqual(Value::string("Standard")))
          // Suggested: the Standard tier is billed.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
