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
std::vector<PropertyRule> armParts(const std::string &Profile) {
  return {property(Profile + ".securityType")
              .mustBeOneOf({Value::string("TrustedLaunch"),
                            Value::string("ConfidentialVM")}),
          property(Profile + ".uefiSettings.secureBootEnabled")
              .mustEqual(Value::boolean(true)),
          property(Profile + ".uefiSettings.vTpmEnabled")
              .mustEqual(Value::boolean(true))};
}

// Terraform has no securityType: setting the two flags is what gives a VM
// Trusted launch.
std::vector<PropertyRule> terraformParts() {
  return {property("secure_boot_enabled").mustEqual(Value::boolean(true)),
          property("vtpm_enabled").mustEqual(Value::boolean(true))};
}

const std::vector<PropertyRule> &partsOf(const model::Resource &R) {
  static const std::vector<PropertyRule> Vm =
      armParts("properties.securityProfile");
  static const std::vector<PropertyRule> ScaleSet =
      armParts("properties.virtualMachineProfile.securityProfile");
  static const std::vector<PropertyRule> Terraform = terraformParts();
  if (R.TheDialect == Dialect::Terraform)
    return Terraform;
  return llvm::StringRef(R.Type).equals_insensitive(
             "Microsoft.Compute/virtualMachineScaleSets")
             ? ScaleSet
             : Vm;
}

Evaluation trustedLaunch(const Subject &S) {
  std::vector<Evaluation> Es;
  for (const PropertyRule &Part : partsOf(S.Resource))
    Es.push_back(Part.evaluate(S));
  return explainMissing(azure::allHealthy(std::move(Es)));
}

// Sets every part that is wrong or missing, since Secure Boot and vTPM
// mean nothing without the security type; a part an expression sets is
// left to its author.
std::vector<FixIntent> enableTrustedLaunch(const Subject &S, const Evaluation &,
                                           const Binding &) {
  bool Arm = S.Resource.TheDialect != Dialect::Terraform;
  std::vector<FixIntent> Out;
  for (const PropertyRule &Part : partsOf(S.Resource)) {
    const std::string &Path = Part.paths().front();
    bool Missing = lookupPath(S.Resource.Properties, Path, Arm).Result ==
                   Lookup::State::Missing;
    if (Part.evaluate(S).Result == Outcome::Unhealthy || Missing)
      Out.push_back({FixIntent::Action::Set, Path, Part.test().Values.front()});
  }
  return Out;
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
          .onArm({"Microsoft.Compute/virtualMachines"}, trustedLaunch)
          .onArm({"Microsoft.Compute/virtualMachineScaleSets"}, trustedLaunch)
          .onTerraform("azurerm",
                       {"azurerm_linux_virtual_machine",
                        "azurerm_windows_virtual_machine",
                        "azurerm_linux_virtual_machine_scale_set",
                        "azurerm_windows_virtual_machine_scale_set"},
                       trustedLaunch)
          // Suggested: it needs a Gen2 image and replaces the VM.
          .fix(FixAvailability::Always, Applicability::Suggested,
               enableTrustedLaunch)
          .build();
  return C;
}

} // namespace rampart::checks
