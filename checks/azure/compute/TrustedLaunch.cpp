//===- TrustedLaunch.cpp - AZ-VM-004 --------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

Evaluation explainMissing(Evaluation E) {
  if (E.Result == Outcome::Unknown && !E.Where && !E.Path.empty())
    E.Detail = E.Path.front() +
               " is not set, and the platform default depends on the image "
               "generation and the API version";
  return E;
}

// No defaults: whether a VM without securityType or uefiSettings gets
// Trusted launch depends on the image generation and the API version, so a
// missing setting is unknown.
Predicate trustedLaunchUnder(const std::string &Profile) {
  PropertyRule Type = property(Profile + ".securityType")
                          .mustBeOneOf({Value::string("TrustedLaunch"),
                                        Value::string("ConfidentialVM")});
  PropertyRule SecureBoot =
      property(Profile + ".uefiSettings.secureBootEnabled")
          .mustEqual(Value::boolean(true));
  PropertyRule VTpm = property(Profile + ".uefiSettings.vTpmEnabled")
                          .mustEqual(Value::boolean(true));
  return [=](const Subject &S) {
    return explainMissing(azure::allHealthy(
        {Type.evaluate(S), SecureBoot.evaluate(S), VTpm.evaluate(S)}));
  };
}

// Terraform has no securityType: setting the two flags is what gives a VM
// Trusted launch.
Evaluation terraformTrustedLaunch(const Subject &S) {
  static const PropertyRule SecureBoot =
      property("secure_boot_enabled").mustEqual(Value::boolean(true));
  static const PropertyRule VTpm =
      property("vtpm_enabled").mustEqual(Value::boolean(true));
  return explainMissing(
      azure::allHealthy({SecureBoot.evaluate(S), VTpm.evaluate(S)}));
}

} // namespace

const Check &vmTrustedLaunch() {
  static const Check C =
      CheckBuilder("AZ-VM-004", __FILE__)
          .title("Virtual machines should use Trusted launch with Secure Boot "
                 "and vTPM")
          .severity(Level::Low)
          .control("Remediate security configurations")
          .compliance("MCSB", "PV-4")
          .why("Without Secure Boot and a virtual TPM, bootkits and rootkits "
               "can load before the operating system, and Defender cannot "
               "attest boot integrity.")
          .remediation("Use Gen2 images with Trusted launch and keep Secure "
                       "Boot and vTPM on unless a driver needs them off")
          .reference("Policy: Virtual Machine should have TrustedLaunch "
                     "enabled")
          .onArm({"Microsoft.Compute/virtualMachines"},
                 trustedLaunchUnder("properties.securityProfile"))
          .onArm({"Microsoft.Compute/virtualMachineScaleSets"},
                 trustedLaunchUnder(
                     "properties.virtualMachineProfile.securityProfile"))
          .onTerraform("azurerm",
                       {"azurerm_linux_virtual_machine",
                        "azurerm_windows_virtual_machine",
                        "azurerm_linux_virtual_machine_scale_set",
                        "azurerm_windows_virtual_machine_scale_set"},
                       terraformTrustedLaunch)
          .build();
  return C;
}

} // namespace rampart::checks
