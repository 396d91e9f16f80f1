//===- ScaleSetAutomaticOsUpgrade.cpp - AZ-VMSS-001 -----------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// Scale sets in Flexible orchestration may have no upgrade policy at all;
// without one there is nothing to judge.
Evaluation armAutomaticOsUpgrade(const Subject &S) {
  static const PropertyRule Upgrade =
      property("properties.upgradePolicy.automaticOSUpgradePolicy."
               "enableAutomaticOSUpgrade")
          .mustEqual(Value::boolean(true))
          .defaultsTo(Value::boolean(false));
  const Value &Props = S.Resource.Properties;
  Lookup Policy = lookupPath(Props, "properties.upgradePolicy", true);
  if (Policy.Result == Lookup::State::Missing) {
    Lookup Mode = lookupPath(Props, "properties.orchestrationMode", true);
    if (Mode.Result == Lookup::State::Unknown)
      return {Outcome::Unknown,
              Mode.Value,
              {"properties.orchestrationMode"},
              "properties.orchestrationMode is unknown, and a Flexible scale "
              "set without an upgrade policy is not judged"};
    if (Mode.Result == Lookup::State::Found &&
        equalsInsensitive(*Mode.Value, "Flexible").isTrue())
      return Evaluation::notApplicable();
  }
  return Upgrade.evaluate(S);
}

} // namespace

const Check &vmssAutomaticOsUpgrade() {
  static const Check C =
      CheckBuilder("AZ-VMSS-001", __FILE__)
          .title("Virtual machine scale sets should have automatic OS image "
                 "upgrades enabled")
          .severity(Level::Medium)
          .control("Apply system updates")
          .compliance("MCSB", "PV-6")
          .why("Scale sets built from marketplace images keep running old OS "
               "images, with their known vulnerabilities, unless automatic "
               "upgrades roll new images out.")
          .remediation("Enable automatic OS upgrades with a health probe or "
                       "the application health extension so that bad images "
                       "are rolled back")
          .reference("Policy: Require automatic OS image patching on Virtual "
                     "Machine Scale Sets")
          .reference("Checkov CKV_AZURE_95")
          .onArm({"Microsoft.Compute/virtualMachineScaleSets"},
                 armAutomaticOsUpgrade)
          // azurerm 4.x and earlier call the attribute
          // enable_automatic_os_upgrade; no block means no upgrades.
          .onTerraform(
              "azurerm",
              {"azurerm_linux_virtual_machine_scale_set",
               "azurerm_windows_virtual_machine_scale_set"},
              property("automatic_os_upgrade_policy.automatic_os_upgrade_"
                       "enabled")
                  .alias("automatic_os_upgrade_policy.enable_automatic_os_"
                         "upgrade")
                  .mustEqual(Value::boolean(true))
                  .defaultsTo(Value::boolean(false)))
          // No automated fix: automatic upgrades need an Automatic or Rolling
          // upgrade mode and a health probe or extension, which the user
          // chooses.
          .build();
  return C;
}

} // namespace rampart::checks
