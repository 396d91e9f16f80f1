//===- AzureNetwork.h - Azure network relations, NSG decision -*- C++ -*-===//
//
// The catalog's Azure network relations (§1.4: nsg_of, public_ip_of,
// nics_of) and the NSG effective decision (§1.3), defined once for every
// check that needs them, for ARM/Bicep and azurerm alike.
//
// Subnets come in two shapes in both families: inline (an element of a
// virtual network's `properties.subnets[]`, an `azurerm_virtual_network`
// `subnet` block) and separate (a `Microsoft.Network/virtualNetworks/
// subnets` resource, an `azurerm_subnet`). A Subnet is a view over either.
//
// Everything is three-valued: a reference that cannot be resolved, or one
// to a resource the unit does not declare where the answer depends on that
// resource's contents, gives Unknown, never a finding.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_AZURENETWORK_H
#define RAMPART_ANALYZER_CHECK_AZURENETWORK_H

#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"

#include <optional>
#include <string>
#include <vector>

namespace rampart::check {

/// The reference at Path in Props (a resource's properties or a part of
/// them; ARM paths ignore case): Missing when absent, Unknown when the way
/// there cannot be read, else where resolveReference leads.
Target referenceAt(const model::DeploymentUnit &U, const model::Value &Props,
                   llvm::StringRef Path, bool Arm);

//===----------------------------------------------------------------------===//
// Subnets
//===----------------------------------------------------------------------===//

/// A subnet, inline or a resource of its own.
struct Subnet {
  /// The subnet resource, or the virtual network that declares it inline.
  const model::Resource *Resource = nullptr;
  /// ARM: the subnet object (`{name, properties}`: the inline element or
  /// the resource's Properties). Terraform: the `subnet` block or the
  /// `azurerm_subnet`'s arguments.
  const model::Value *Fields = nullptr;
  bool Inline = false;

  /// The subnet's own name (`a`, not `vnet/a`); nullopt when not known.
  std::optional<std::string> name() const;
};

/// Where a reference to a subnet leads: Resolved with the Subnet, or
/// Missing, Outside or Unknown (Target's states).
struct SubnetTarget {
  Target::State Result = Target::State::Missing;
  Subnet TheSubnet;
  /// The id or expression that referred.
  const model::Value *Via = nullptr;
};

/// The subnets declared inline in a virtual network (ARM
/// `properties.subnets[]`, Terraform `subnet` blocks). Unknown is set (to
/// the unknown value) when the list cannot be read.
struct SubnetList {
  std::vector<Subnet> Subnets;
  const model::Value *Unknown = nullptr;
};
SubnetList inlineSubnetsOf(const model::Resource &Vnet);

/// Every subnet of a virtual network: the inline ones, then the subnet
/// resources (ARM children; an `azurerm_subnet` whose
/// `virtual_network_name` and `resource_group_name` name it). Unknown is
/// set when the inline list cannot be read or a subnet resource may belong
/// to the network.
SubnetList subnetsOf(const model::DeploymentUnit &U,
                     const model::Resource &Vnet);

/// The subnet V refers to: a subnet resource, an inline subnet named by its
/// id (`.../virtualNetworks/vnet/subnets/a` or a resourceId() naming
/// `Microsoft.Network/virtualNetworks/subnets/vnet/a`, where vnet declares
/// `a` inline), or a Bicep `vnet.properties.subnets[0].id`.
SubnetTarget resolveSubnet(const model::DeploymentUnit &U,
                           const model::Value *V);

//===----------------------------------------------------------------------===//
// Relations of catalog §1.4
//===----------------------------------------------------------------------===//

/// nsg_of(subnet): ARM `properties.networkSecurityGroup.id`; Terraform an
/// `azurerm_subnet_network_security_group_association` whose `subnet_id`
/// refers to the subnet, or an inline subnet's `security_group`. Missing
/// when the subnet has none; Outside when it names an NSG the unit does
/// not declare (the subnet still has one).
Target nsgOfSubnet(const model::DeploymentUnit &U, const Subnet &S);

/// nsg_of(nic): ARM `properties.networkSecurityGroup.id`; Terraform an
/// `azurerm_network_interface_security_group_association`.
Target nsgOfNic(const model::DeploymentUnit &U, const model::Resource &Nic);

/// One IP configuration of a NIC: the values of its public IP and subnet
/// references (null when missing).
struct IpConfiguration {
  const model::Value *Config = nullptr;
  const model::Value *PublicIp = nullptr;
  const model::Value *Subnet = nullptr;
};
/// The NIC's IP configurations (ARM `properties.ipConfigurations[]`,
/// Terraform `ip_configuration`). Unknown is set when the list cannot be
/// read.
struct IpConfigurations {
  std::vector<IpConfiguration> Configs;
  const model::Value *Unknown = nullptr;
};
IpConfigurations ipConfigurationsOf(const model::Resource &Nic);

/// public_ip_of(nic): the first IP configuration's public IP that is set
/// (Resolved or Outside); else Unknown when one cannot be resolved; else
/// Missing.
Target publicIpOf(const model::DeploymentUnit &U, const model::Resource &Nic);

/// nics_of(vm): one Target per NIC reference (ARM
/// `properties.networkProfile.networkInterfaces[].id`, Terraform
/// `network_interface_ids`); a single Unknown target when the list cannot
/// be read; empty when there is none.
std::vector<Target> nicsOf(const model::DeploymentUnit &U,
                           const model::Resource &Vm);

//===----------------------------------------------------------------------===//
// NSG rules and the effective decision (catalog §1.3)
//===----------------------------------------------------------------------===//

/// One security rule of an NSG, wherever it is declared.
struct NsgRule {
  /// The NSG, or the separate rule resource that declares it.
  const model::Resource *Declaring = nullptr;
  /// The object holding priority, direction, access...: ARM the rule's
  /// `properties`, Terraform the block or the rule resource's arguments.
  /// Null when not known (Element is then Unknown or lacks properties).
  const model::Value *Fields = nullptr;
  /// The whole rule (inline element, or the rule resource's properties).
  const model::Value *Element = nullptr;
  /// Whether it belongs to the NSG: Unknown for a Terraform rule resource
  /// whose NSG name cannot be resolved.
  Truth Member = Truth::True;
  bool Arm = true;

  /// The rule's name for messages ("" when unknown).
  std::string name() const;
};

/// The rules of an NSG, inline and separate, merged. Unknown is set when a
/// list of rules cannot be read (every rule of it is then unknown).
struct NsgRules {
  std::vector<NsgRule> Rules;
  const model::Value *Unknown = nullptr;
};
NsgRules nsgRules(const model::DeploymentUnit &U, const model::Resource &Nsg);

enum class IpProtocol : uint8_t { Tcp, Udp };

/// The effective decision of an NSG for inbound traffic from the internet
/// to Port over Protocol.
struct NsgDecision {
  /// True: allowed; False: denied (by a rule or the implicit
  /// DenyAllInBound); Unknown.
  Truth Allowed = Truth::False;
  /// The deciding rule (Allowed True, or False by an explicit Deny).
  std::optional<NsgRule> Rule;
  /// Allowed True: the deciding rule's value that opens the port (its
  /// destination port range), else its source. Unknown: the value that
  /// could not be judged.
  const model::Value *Where = nullptr;
  /// Why it is Unknown, in words, when Where does not say it.
  std::string Reason;
};

/// Azure's evaluation (catalog §1.3): inbound rules by ascending priority,
/// the first whose source (the internet), destination port and protocol
/// match decides; AllowVnetInBound and AllowAzureLoadBalancerInBound never
/// match the internet, so without a matching rule DenyAllInBound denies.
/// A rule that may match with an unknown field or priority makes the
/// decision Unknown unless every way it could go gives the same answer.
NsgDecision internetInboundDecision(const NsgRules &Rules, int Port,
                                    IpProtocol Protocol);

} // namespace rampart::check

#endif
