//===- SshKeyAuthentication.cpp - AZ-VM-001 -------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// Only Linux profiles are judged. A Windows profile, or no OS profile at all
// (a VM attached from an existing disk), is not applicable; a profile with
// neither configuration leaves the OS to the image, so it is unknown.
Predicate armPasswordAuthenticationUnder(const std::string &OsProfile) {
  PropertyRule Rule =
      property(OsProfile + ".linuxConfiguration.disablePasswordAuthentication")
          .mustEqual(Value::boolean(true))
          .defaultsTo(Value::boolean(false));
  return [=](const Subject &S) -> Evaluation {
    Lookup Os = lookupPath(S.Resource.Properties, OsProfile, true);
    if (Os.Result == Lookup::State::Missing)
      return Evaluation::notApplicable();
    if (Os.Result == Lookup::State::Found &&
        lookupPath(*Os.Value, "linuxConfiguration", true).Result ==
            Lookup::State::Missing) {
      if (lookupPath(*Os.Value, "windowsConfiguration", true).Result !=
          Lookup::State::Missing)
        return Evaluation::notApplicable();
      return {Outcome::Unknown,
              nullptr,
              {OsProfile + ".linuxConfiguration"},
              OsProfile + " has neither linuxConfiguration nor "
                          "windowsConfiguration, so whether it is a Linux "
                          "machine depends on the image"};
    }
    return Rule.evaluate(S);
  };
}

// The legacy resource has the setting in os_profile_linux_config, where it
// is required; without that block the machine is a Windows one.
Evaluation legacyTerraformPasswordAuthentication(const Subject &S) {
  static const PropertyRule Rule =
      property("os_profile_linux_config.disable_password_authentication")
          .mustEqual(Value::boolean(true));
  if (lookupPath(S.Resource.Properties, "os_profile_linux_config", false)
          .Result == Lookup::State::Missing)
    return Evaluation::notApplicable();
  return Rule.evaluate(S);
}

// Passwords can be turned off without locking the admin out only when the
// template already gives a key; otherwise the key is the user's to give.
bool hasKeys(const Subject &S, const std::string &Path) {
  Lookup L = lookupPath(S.Resource.Properties, Path,
                        S.Resource.TheDialect != Dialect::Terraform);
  return L.Result == Lookup::State::Found &&
         L.Value->is(model::ValueKind::Array) && !L.Value->items().empty();
}

// ARM: the keys are beside the flag, in linuxConfiguration.ssh.
std::vector<FixIntent>
armDisablePasswords(const Subject &S, const Evaluation &E, const Binding &) {
  if (E.Path.empty())
    return {};
  llvm::StringRef Linux = llvm::StringRef(E.Path.front()).rsplit('.').first;
  if (!hasKeys(S, (Linux + ".ssh.publicKeys").str()))
    return {};
  return {{FixIntent::Action::Set, E.Path.front(), Value::boolean(true)}};
}

// The current resources take admin_ssh_key blocks and refuse an
// admin_password once passwords are off; the legacy one takes ssh_keys in
// os_profile_linux_config, beside the flag.
std::vector<FixIntent> terraformDisablePasswords(const Subject &S,
                                                 const Evaluation &E,
                                                 const Binding &) {
  if (E.Path.empty())
    return {};
  bool Legacy = S.Resource.Type == "azurerm_virtual_machine";
  if (!hasKeys(S,
               Legacy ? "os_profile_linux_config.ssh_keys" : "admin_ssh_key"))
    return {};
  std::vector<FixIntent> Out = {
      {FixIntent::Action::Set, E.Path.front(), Value::boolean(true)}};
  if (!Legacy &&
      lookupPath(S.Resource.Properties, "admin_password", false).Result !=
          Lookup::State::Missing)
    Out.push_back({FixIntent::Action::Remove, "admin_password", {}});
  return Out;
}

} // namespace

const Check &vmSshKeyAuthentication() {
  static const Check C =
      CheckBuilder("AZ-VM-001", __FILE__)
          .title("Linux virtual machines should use SSH keys instead of "
                 "passwords")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "IM-6")
          .why("Password logins can be guessed and brute-forced; key-based "
               "logins cannot be in practice.")
          .remediation("Provide an SSH public key, disable password "
                       "authentication, and keep keys in Key Vault or use "
                       "Entra ID login for Linux")
          .reference("Policy: Authentication to Linux machines should require "
                     "SSH keys")
          .reference("Checkov CKV_AZURE_1, CKV_AZURE_149, CKV_AZURE_178")
          .reference("Trivy AVD-AZU-0039")
          .onArm({"Microsoft.Compute/virtualMachines"},
                 armPasswordAuthenticationUnder("properties.osProfile"))
          .onArm({"Microsoft.Compute/virtualMachineScaleSets"},
                 armPasswordAuthenticationUnder(
                     "properties.virtualMachineProfile.osProfile"))
          .onTerraform("azurerm",
                       {"azurerm_linux_virtual_machine",
                        "azurerm_linux_virtual_machine_scale_set"},
                       property("disable_password_authentication")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(true)))
          .onTerraform("azurerm", {"azurerm_virtual_machine"},
                       legacyTerraformPasswordAuthentication)
          // Suggested: whoever logs in with the password loses access.
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               armDisablePasswords)
          .fixFor(Family::Terraform, terraformDisablePasswords)
          .build();
  return C;
}

} // namespace rampart::checks
