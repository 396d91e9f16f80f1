//===- PeriodicPatchAssessment.cpp - AZ-VM-003 ----------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

const char *const AssessmentPaths[] = {
    "properties.osProfile.linuxConfiguration.patchSettings.assessmentMode",
    "properties.osProfile.windowsConfiguration.patchSettings.assessmentMode"};

PropertyRule assessmentModeAt(const char *Path) {
  return property(Path)
      .mustEqual(Value::string("AutomaticByPlatform"))
      .defaultsTo(Value::string("ImageDefault"));
}

// A VM attached from an existing OS disk has no osProfile, so there is
// nothing to assess at deployment. Otherwise the OS configuration that is
// present says which patch settings apply; with neither, the missing mode
// is ImageDefault on both.
Evaluation armAssessmentMode(const Subject &S) {
  static const PropertyRule Linux = assessmentModeAt(AssessmentPaths[0]);
  static const PropertyRule Windows = assessmentModeAt(AssessmentPaths[1]);
  Lookup Os = lookupPath(S.Resource.Properties, "properties.osProfile",
                         /*CaseInsensitive=*/true);
  if (Os.Result == Lookup::State::Missing)
    return Evaluation::notApplicable();
  if (Os.Result == Lookup::State::Unknown)
    return {Outcome::Unknown,
            Os.Value,
            {"properties.osProfile"},
            "properties.osProfile is unknown"};
  Lookup L = lookupPath(*Os.Value, "linuxConfiguration", true);
  return L.Result == Lookup::State::Missing ? Windows.evaluate(S)
                                            : Linux.evaluate(S);
}

// Assessment by the platform needs the VM agent, which is on unless turned
// off.
bool agentMayBeOff(const Subject &S, const std::string &Path, bool Arm) {
  Lookup L = lookupPath(S.Resource.Properties, Path, Arm);
  if (L.Result == Lookup::State::Missing)
    return false;
  return L.Result == Lookup::State::Unknown ||
         !valueEquals(*L.Value, Value::boolean(true), true).isTrue();
}

// The mode goes into the OS configuration the VM declares. A VM that
// declares neither leaves the OS to the image, and the configuration of
// the wrong OS fails the deployment: then there is no fix.
std::vector<FixIntent>
armAssessAutomatically(const Subject &S, const Evaluation &E, const Binding &) {
  if (E.Path.empty())
    return {};
  llvm::StringRef OsConfiguration =
      llvm::StringRef(E.Path.front()).rsplit('.').first.rsplit('.').first;
  if (lookupPath(S.Resource.Properties, OsConfiguration, true).Result !=
          Lookup::State::Found ||
      agentMayBeOff(S, (OsConfiguration + ".provisionVMAgent").str(), true))
    return {};
  return {{FixIntent::Action::Set, E.Path.front(),
           Value::string("AutomaticByPlatform")}};
}

std::vector<FixIntent> terraformAssessAutomatically(const Subject &S,
                                                    const Evaluation &E,
                                                    const Binding &B) {
  if (agentMayBeOff(S, "provision_vm_agent", false))
    return {};
  return setToExpected()(S, E, B);
}

} // namespace

const Check &vmPeriodicPatchAssessment() {
  static const Check C =
      CheckBuilder("AZ-VM-003", __FILE__)
          .title("Virtual machines should periodically assess missing system "
                 "updates")
          .severity(Level::Medium)
          .control("Apply system updates")
          .compliance("MCSB", "PV-6")
          .compliance("CIS-Azure", "2.1.13")
          .why("Periodic assessment lets Azure Update Manager report missing "
               "patches every 24 hours, which is what the update "
               "recommendations are built on; without it unpatched machines "
               "go unnoticed.")
          .remediation("Set the patch assessment mode to AutomaticByPlatform")
          .reference("Policy: Machines should be configured to periodically "
                     "check for missing system updates")
          .onArm({"Microsoft.Compute/virtualMachines"}, armAssessmentMode)
          // The legacy azurerm_virtual_machine cannot express the setting,
          // so it is not bound (not applicable).
          .onTerraform("azurerm",
                       {"azurerm_linux_virtual_machine",
                        "azurerm_windows_virtual_machine"},
                       property("patch_assessment_mode")
                           .mustEqual(Value::string("AutomaticByPlatform"))
                           .defaultsTo(Value::string("ImageDefault")))
          .fix(FixAvailability::Sometimes, Applicability::Safe,
               armAssessAutomatically)
          .fixFor(Family::Terraform, terraformAssessAutomatically)
          .build();
  return C;
}

} // namespace rampart::checks
