//===- DiskEncryptionEndToEnd.cpp - AZ-VM-002 -----------------------------===//
#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

bool isScaleSet(const Resource &R) {
  return hasType(R, {"Microsoft.Compute/virtualMachineScaleSets"});
}

// An Azure Disk Encryption extension: publisher Microsoft.Azure.Security
// and type AzureDiskEncryption (Windows) or AzureDiskEncryptionForLinux.
Evaluation isAdeExtension(const Subject &Extension,
                          const std::string &Publisher,
                          const std::string &Type) {
  PropertyRule ByPublisher =
      property(Publisher)
          .mustEqual(Value::string("Microsoft.Azure.Security"))
          .missingIsUnhealthy();
  PropertyRule ByType =
      property(Type)
          .mustBeOneOf({Value::string("AzureDiskEncryption"),
                        Value::string("AzureDiskEncryptionForLinux")})
          .missingIsUnhealthy();
  return azure::allHealthy(
      {ByPublisher.evaluate(Extension), ByType.evaluate(Extension)});
}

// Healthy when one of the extensions is ADE; unknown when one may be; not
// applicable when there are none.
Evaluation anyAdeExtension(const model::DeploymentUnit &U,
                           const std::vector<const Resource *> &Extensions,
                           const std::string &Publisher,
                           const std::string &Type) {
  std::vector<Evaluation> Es;
  for (const Resource *X : Extensions) {
    Evaluation E = isAdeExtension(Subject{*X, U}, Publisher, Type);
    // Another extension is not a finding of its own: only an unknown one
    // can change the outcome.
    if (E.Result != Outcome::Unhealthy)
      Es.push_back(std::move(E));
  }
  return azure::anyHealthy(std::move(Es));
}

Evaluation armEndToEnd(const Subject &S) {
  std::string Profile = isScaleSet(S.Resource)
                            ? "properties.virtualMachineProfile."
                            : "properties.";
  PropertyRule AtHost = property(Profile + "securityProfile.encryptionAtHost")
                            .mustEqual(Value::boolean(true))
                            .defaultsTo(Value::boolean(false));
  PropertyRule Confidential =
      property(Profile + "storageProfile.osDisk.managedDisk.securityProfile."
                         "securityEncryptionType")
          .mustEqual(Value::string("DiskWithVMGuestState"))
          .missingIsUnhealthy();
  std::vector<const Resource *> Extensions =
      childrenOf(S.Unit, S.Resource,
                 {"Microsoft.Compute/virtualMachines/extensions",
                  "Microsoft.Compute/virtualMachineScaleSets/extensions"});
  Evaluation Confidentially = Confidential.evaluate(S);
  // A VM that is not confidential has no finding for it: the finding is
  // about encryption at host.
  if (Confidentially.Result == Outcome::Unhealthy)
    Confidentially = Evaluation::notApplicable();
  return azure::anyHealthy(
      {AtHost.evaluate(S), std::move(Confidentially),
       anyAdeExtension(S.Unit, Extensions, "properties.publisher",
                       "properties.type")});
}

Evaluation terraformEndToEnd(const Subject &S) {
  static const PropertyRule AtHost = property("encryption_at_host_enabled")
                                         .mustEqual(Value::boolean(true))
                                         .defaultsTo(Value::boolean(false));
  Related Extensions =
      linkedTo(S.Unit, S.Resource,
               {"azurerm_virtual_machine_extension",
                "azurerm_virtual_machine_scale_set_extension"},
               {"virtual_machine_id", "virtual_machine_scale_set_id"});
  // An extension whose machine reference cannot be resolved may be this
  // machine's.
  std::vector<Evaluation> Undecided;
  if (Extensions.Undecided)
    Undecided.push_back({Outcome::Unknown,
                         Extensions.Undecided,
                         {},
                         "an extension may target this machine, but its "
                         "machine is unknown"});
  return azure::anyHealthy(
      {AtHost.evaluate(S),
       anyAdeExtension(S.Unit, Extensions.Resources, "publisher", "type"),
       azure::anyHealthy(std::move(Undecided))});
}

} // namespace

const Check &vmDiskEncryptionEndToEnd() {
  static const Check C =
      CheckBuilder("AZ-VM-002", __FILE__)
          .title("Virtual machines should encrypt their disks end to end "
                 "(encryption at host or Azure Disk Encryption)")
          .severity(Level::High)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-4")
          .why("Server-side encryption of managed disks does not cover the "
               "temp disk or the disk cache.")
          .remediation("Enable encryption at host (it needs the "
                       "EncryptionAtHost feature registered on the "
                       "subscription), or Azure Disk Encryption in the guest")
          .reference("Policy: Windows virtual machines should enable Azure "
                     "Disk Encryption or EncryptionAtHost.")
          .reference("Policy: Linux virtual machines should enable Azure Disk "
                     "Encryption or EncryptionAtHost.")
          .reference("Policy: Virtual machines and virtual machine scale sets "
                     "should have encryption at host enabled")
          .reference("Checkov CKV_AZURE_97, CKV_AZURE_151")
          .onArm({"Microsoft.Compute/virtualMachines",
                  "Microsoft.Compute/virtualMachineScaleSets"},
                 armEndToEnd)
          .onTerraform("azurerm",
                       {"azurerm_linux_virtual_machine",
                        "azurerm_windows_virtual_machine",
                        "azurerm_linux_virtual_machine_scale_set",
                        "azurerm_windows_virtual_machine_scale_set",
                        "azurerm_orchestrated_virtual_machine_scale_set"},
                       terraformEndToEnd)
          // Every unhealthy case is decided by encryption at host, the first
          // alternative. Suggested: it needs the EncryptionAtHost feature on
          // the subscription, and the VM deallocated to change it.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setTo(Value::boolean(true)))
          .build();
  return C;
}

} // namespace rampart::checks
