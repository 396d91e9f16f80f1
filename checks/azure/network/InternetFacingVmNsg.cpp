//===- InternetFacingVmNsg.cpp - AZ-NET-003 -------------------------------===//
#include "analyzer/check/AzureNetwork.h"
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Engine.h"

namespace rampart::checks {

using namespace check;

namespace {

/// Whether an NSG is attached: a known one (in the unit or not) is True.
Truth attached(const Target &Nsg) {
  switch (Nsg.Result) {
  case Target::State::Resolved:
  case Target::State::Outside:
    return Truth::True;
  case Target::State::Missing:
    return Truth::False;
  case Target::State::Unknown:
    return Truth::Unknown;
  }
  return Truth::Unknown;
}

/// Whether the subnet of an IP configuration has an NSG; a subnet this
/// unit does not declare is unknown.
Truth subnetProtected(const model::DeploymentUnit &U,
                      const IpConfiguration &C) {
  SubnetTarget S = resolveSubnet(U, C.Subnet);
  if (S.Result != Target::State::Resolved)
    return Truth::Unknown;
  return attached(nsgOfSubnet(U, S.TheSubnet));
}

/// For one NIC: True when some IP configuration has a public IP and
/// neither the NIC nor that configuration's subnet has an NSG. Public is
/// set when some configuration surely has a public IP.
Truth exposedWithoutNsg(const model::DeploymentUnit &U,
                        const model::Resource &Nic, bool &Public) {
  IpConfigurations Configs = ipConfigurationsOf(Nic);
  Truth NicNsg = attached(nsgOfNic(U, Nic));
  Truth Out =
      Configs.Unknown && NicNsg != Truth::True ? Truth::Unknown : Truth::False;
  for (const IpConfiguration &C : Configs.Configs) {
    Truth HasPublicIp = isConfigured(C.PublicIp).T;
    if (HasPublicIp == Truth::False)
      continue;
    Public |= HasPublicIp == Truth::True;
    Truth Protected = truthOr(NicNsg, subnetProtected(U, C));
    Out = truthOr(Out, truthAnd(HasPublicIp, truthNot(Protected)));
  }
  return Out;
}

// Applicable when some NIC has a public IP; healthy when each such NIC has
// an NSG on the NIC or on the subnet of the public IP configuration.
Evaluation internetFacingVmHasNsg(const Subject &S) {
  // Findings point at the VM's list of NICs: a reference's own text may be
  // elsewhere (Bicep's `nic.id` is the NIC's name).
  bool Arm = familyOf(S.Resource.TheDialect) == Family::Arm;
  std::vector<std::string> Path = {
      Arm ? "properties.networkProfile.networkInterfaces"
          : "network_interface_ids"};
  Evaluation Unknown;
  bool Public = false;
  auto SetUnknown = [&](std::string Detail) {
    if (Unknown.Result != Outcome::Unknown)
      Unknown = {Outcome::Unknown, nullptr, Path, std::move(Detail)};
  };
  for (const Target &Nic : nicsOf(S.Unit, S.Resource)) {
    if (Nic.Result != Target::State::Resolved) {
      SetUnknown("a network interface is not declared in this "
                 "deployment, so whether it is internet-facing "
                 "without a network security group is unknown");
      continue;
    }
    Truth Exposed = exposedWithoutNsg(S.Unit, *Nic.Resource, Public);
    std::string Label = resourceLabel(*Nic.Resource);
    if (Exposed == Truth::True)
      return {Outcome::Unhealthy, nullptr, Path,
              "network interface '" + Label +
                  "' has a public IP address and no network security group "
                  "on the interface or its subnet"};
    if (Exposed == Truth::Unknown)
      SetUnknown("whether network interface '" + Label +
                 "' is internet-facing without a network "
                 "security group is unknown");
  }
  if (Unknown.Result == Outcome::Unknown)
    return Unknown;
  return Public ? Evaluation::healthy() : Evaluation::notApplicable();
}

} // namespace

const Check &networkInternetFacingVmNsg() {
  static const Check C =
      CheckBuilder("AZ-NET-003", __FILE__)
          .title("Internet-facing virtual machines should be protected with "
                 "network security groups")
          .severity(Level::High)
          .control("Secure management ports")
          .compliance("MCSB", "NS-1")
          .why("A machine with a public address and no network security "
               "group accepts every port its operating system listens on.")
          .remediation("Attach an NSG that denies inbound traffic except the "
                       "served ports to the NIC or the subnet, or remove the "
                       "public IP and publish through a load balancer or "
                       "gateway")
          .reference("Policy: Internet-facing virtual machines should be "
                     "protected with network security groups")
          .onArm({"Microsoft.Compute/virtualMachines"}, internetFacingVmHasNsg)
          .onTerraform("azurerm",
                       {"azurerm_linux_virtual_machine",
                        "azurerm_windows_virtual_machine",
                        "azurerm_virtual_machine"},
                       internetFacingVmHasNsg)
          .build();
  return C;
}

} // namespace rampart::checks
