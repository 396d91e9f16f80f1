//===- SubnetNsgAssociated.cpp - AZ-NET-010 -------------------------------===//
#include "analyzer/check/AzureNetwork.h"
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;

namespace {

// Platform subnets that Azure manages itself and that reject or ignore an
// NSG.
bool isPlatformSubnet(llvm::StringRef Name) {
  return llvm::any_of(
      std::initializer_list<llvm::StringRef>{
          "GatewaySubnet", "AzureFirewallSubnet",
          "AzureFirewallManagementSubnet", "RouteServerSubnet"},
      [&](llvm::StringRef P) { return Name.equals_insensitive(P); });
}

// An inline subnet is reported at its element, a subnet resource at its
// declaration.
Evaluation subnetHasNsg(const Subject &S, const Subnet &Sub) {
  Target Nsg = nsgOfSubnet(S.Unit, Sub);
  std::optional<std::string> Name = Sub.name();
  std::string Label = Sub.Inline ? "subnet '" + Name.value_or("?") + "' " : "";
  const model::Value *At = Sub.Inline ? Sub.Fields : nullptr;
  switch (Nsg.Result) {
  case Target::State::Resolved:
  case Target::State::Outside:
    return Evaluation::healthy();
  case Target::State::Unknown:
    return {Outcome::Unknown,
            Nsg.Via ? Nsg.Via : At,
            {},
            "whether " + (Label.empty() ? std::string("the subnet ") : Label) +
                "has a network security group is unknown"};
  case Target::State::Missing:
    break;
  }
  if (Name && isPlatformSubnet(*Name))
    return Evaluation::notApplicable();
  if (!Name)
    return {Outcome::Unknown,
            At,
            {},
            "the subnet has no network security group, and whether its "
            "name makes it a platform subnet (GatewaySubnet...) is unknown"};
  return {Outcome::Unhealthy, At, {}, Label + "has no network security group"};
}

Evaluation inlineSubnetsHaveNsg(const Subject &S) {
  SubnetList Inline = inlineSubnetsOf(S.Resource);
  if (Inline.Unknown)
    return {Outcome::Unknown, Inline.Unknown, {}, "the subnets are not known"};
  std::vector<Evaluation> Each;
  for (const Subnet &Sub : Inline.Subnets)
    Each.push_back(subnetHasNsg(S, Sub));
  return azure::allHealthy(std::move(Each));
}

Evaluation subnetResourceHasNsg(const Subject &S) {
  return subnetHasNsg(S, {&S.Resource, &S.Resource.Properties, false});
}

} // namespace

const Check &networkSubnetNsgAssociated() {
  static const Check C =
      CheckBuilder("AZ-NET-010", __FILE__)
          .title("Subnets should be associated with a network security group")
          .severity(Level::Low)
          .control("Implement security best practices")
          .compliance("MCSB", "NS-1")
          .why("A subnet without an NSG accepts whatever reaches it from "
               "peered networks and gateways.")
          .remediation("Attach an NSG to every workload subnet, even if it "
                       "only restates the defaults, so rules can be added "
                       "without redeploying")
          .reference("Policy: Subnets should be associated with a Network "
                     "Security Group")
          .reference("Checkov CKV2_AZURE_31")
          // Inline subnets are not resources: the network is evaluated for
          // them, each subnet resource on its own.
          .onArm({"Microsoft.Network/virtualNetworks"}, inlineSubnetsHaveNsg)
          .onArm({"Microsoft.Network/virtualNetworks/subnets"},
                 subnetResourceHasNsg)
          .onTerraform("azurerm", {"azurerm_virtual_network"},
                       inlineSubnetsHaveNsg)
          .onTerraform("azurerm", {"azurerm_subnet"}, subnetResourceHasNsg)
          .build();
  return C;
}

} // namespace rampart::checks
