//===- AzureExposure.cpp - Azure: what the internet reaches ---------------===//
//
// VMs reached through a public IP on their NIC, where the subnet's NSG and
// the NIC's NSG must both allow the port (a missing NSG allows all);
// backends of public load balancer rules and inbound NAT rules; application
// gateways with a public frontend; and PaaS public endpoints (storage, SQL
// with an open firewall, Key Vault, App Service, the AKS API server).
//
// The NSG decision and the relations (nsg_of, public_ip_of, nics_of) are
// the checks' own, from analyzer/check/AzureNetwork.h, so the map never
// contradicts AZ-NET-001..004.
//
//===----------------------------------------------------------------------===//
#include "analyzer/check/AzureNetwork.h"
#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/Property.h"
#include "analyzer/exposure/ExposureParts.h"

#include "llvm/ADT/STLExtras.h"

#include <map>
#include <memory>

namespace rampart::exposure::detail {

using check::IpProtocol;
using check::Target;
using check::Truth;
using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

constexpr llvm::StringLiteral ArmVm = "Microsoft.Compute/virtualMachines";
constexpr llvm::StringLiteral ArmVmss =
    "Microsoft.Compute/virtualMachineScaleSets";
constexpr llvm::StringLiteral ArmNic = "Microsoft.Network/networkInterfaces";
constexpr llvm::StringLiteral ArmLb = "Microsoft.Network/loadBalancers";
constexpr llvm::StringLiteral ArmSubnet =
    "Microsoft.Network/virtualNetworks/subnets";

const std::vector<llvm::StringRef> &vmTypes() {
  static const std::vector<llvm::StringRef> Types{
      ArmVm, "azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine",
      "azurerm_virtual_machine"};
  return Types;
}

/// The value at Path, stepping into the first element of every list on the
/// way (a NIC's first IP configuration); null when missing.
const Value *firstAt(const Value &Props, llvm::StringRef Path, bool Arm) {
  llvm::SmallVector<llvm::StringRef, 8> Steps;
  Path.split(Steps, '.');
  const Value *Cur = &Props;
  for (llvm::StringRef Step : Steps) {
    if (Cur->is(ValueKind::Array)) {
      if (Cur->items().empty())
        return nullptr;
      Cur = &Cur->items()[0];
    }
    if (!Cur->isKnown())
      return Cur;
    const Value *Next = Arm ? Cur->getInsensitive(Step) : Cur->get(Step);
    if (!Next || Next->isNull())
      return nullptr;
    Cur = Next;
  }
  return Cur;
}

//===----------------------------------------------------------------------===//
// Placements
//===----------------------------------------------------------------------===//

/// The virtual network a subnet resource belongs to: its ARM parent, or the
/// network an azurerm_subnet's virtual_network_name refers to.
std::string networkOfSubnetResource(const model::DeploymentUnit &U,
                                    const Resource &S) {
  if (check::isArmResource(S)) {
    const Resource *Parent = check::armParentOf(U, S);
    return Parent ? Parent->Id : "";
  }
  const Value *Name = S.Properties.get("virtual_network_name");
  if (Name && Name->is(ValueKind::Expression) && !Name->refersTo().empty())
    return Name->refersTo().str();
  for (const Resource *Vnet :
       check::deployedOfType(U, {"azurerm_virtual_network"})) {
    const Value *VnetName = Vnet->Properties.get("name");
    if (Name && VnetName && check::valueEquals(*Name, *VnetName, true).isTrue())
      return Vnet->Id;
  }
  return "";
}

std::optional<Placement> placementOf(const model::DeploymentUnit &U,
                                     const check::Subnet &S) {
  if (!S.Resource)
    return std::nullopt;
  std::optional<std::string> Name = S.name();
  Placement P;
  if (S.Inline) {
    P.NetworkId = S.Resource->Id;
    P.SubnetId = S.Resource->Id + "/subnets/" + Name.value_or("?");
  } else {
    P.NetworkId = networkOfSubnetResource(U, *S.Resource);
    P.SubnetId = S.Resource->Id;
  }
  P.SubnetName = Name.value_or(nameOf(*S.Resource));
  return P;
}

std::optional<Placement> placementOfRef(const model::DeploymentUnit &U,
                                        const Value *Ref) {
  if (!Ref)
    return std::nullopt;
  check::SubnetTarget T = check::resolveSubnet(U, Ref);
  if (T.Result != Target::State::Resolved)
    return std::nullopt;
  return placementOf(U, T.TheSubnet);
}

/// Where each placed type names its subnet (ARM path, Terraform path); the
/// first element of every list on the way.
struct SubnetPath {
  llvm::StringLiteral Type;
  llvm::StringLiteral Path;
};
const SubnetPath SubnetPaths[] = {
    {ArmNic, "properties.ipConfigurations.properties.subnet.id"},
    {"azurerm_network_interface", "ip_configuration.subnet_id"},
    {"Microsoft.Network/privateEndpoints", "properties.subnet.id"},
    {"azurerm_private_endpoint", "subnet_id"},
    {ArmLb, "properties.frontendIPConfigurations.properties.subnet.id"},
    {"azurerm_lb", "frontend_ip_configuration.subnet_id"},
    {"Microsoft.Network/applicationGateways",
     "properties.gatewayIPConfigurations.properties.subnet.id"},
    {"azurerm_application_gateway", "gateway_ip_configuration.subnet_id"},
    {ArmVmss, "properties.virtualMachineProfile.networkProfile."
              "networkInterfaceConfigurations.properties.ipConfigurations."
              "properties.subnet.id"},
    {"azurerm_linux_virtual_machine_scale_set",
     "network_interface.ip_configuration.subnet_id"},
    {"azurerm_windows_virtual_machine_scale_set",
     "network_interface.ip_configuration.subnet_id"},
    {"Microsoft.ContainerService/managedClusters",
     "properties.agentPoolProfiles.vnetSubnetID"},
    {"azurerm_kubernetes_cluster", "default_node_pool.vnet_subnet_id"},
    {"Microsoft.Web/sites", "properties.virtualNetworkSubnetId"},
};

void addAzurePlacements(const model::DeploymentUnit &U, NetworkModel &Out) {
  for (const Resource &R : U.Graph.resources()) {
    if (!check::isDeployed(R))
      continue;
    if (check::hasType(R, {ArmSubnet, "azurerm_subnet"})) {
      if (auto P = placementOf(U, {&R, &R.Properties, false}))
        Out.Placements[R.Id] = *P;
      continue;
    }
    for (const SubnetPath &SP : SubnetPaths)
      if (check::hasType(R, {SP.Type}))
        if (auto P = placementOfRef(
                U, firstAt(R.Properties, SP.Path, check::isArmResource(R))))
          Out.Placements[R.Id] = *P;
  }
  // A VM sits where its first NIC does.
  for (const Resource *Vm : check::deployedOfType(U, vmTypes()))
    for (const Target &T : check::nicsOf(U, *Vm))
      if (T.Result == Target::State::Resolved) {
        auto It = Out.Placements.find(T.Resource->Id);
        if (It != Out.Placements.end())
          Out.Placements[Vm->Id] = It->second;
        break;
      }
}

//===----------------------------------------------------------------------===//
// NSG gates
//===----------------------------------------------------------------------===//

const Value *ruleField(const check::NsgRule &R, llvm::StringRef ArmName,
                       llvm::StringRef TfName) {
  if (!R.Fields || !R.Fields->is(ValueKind::Object))
    return nullptr;
  return R.Arm ? R.Fields->getInsensitive(ArmName) : R.Fields->get(TfName);
}

std::string nsgLabel(const check::NsgRule &Rule, const Resource &Nsg) {
  std::string Name = Rule.name();
  return "NSG " + quotedName(Nsg) +
         (Name.empty() ? std::string(" rule") : " rule '" + Name + "'");
}

/// The gate of a resolved NSG: the checks' effective decision, per port.
Gate nsgRulesGate(const model::DeploymentUnit &U, const Resource &Nsg) {
  auto Rules = std::make_shared<check::NsgRules>(check::nsgRules(U, Nsg));
  Gate G;
  for (const check::NsgRule &R : Rules->Rules) {
    addPortSpecCuts(
        ruleField(R, "destinationPortRange", "destination_port_range"), G.Cuts);
    addPortSpecCuts(
        ruleField(R, "destinationPortRanges", "destination_port_ranges"),
        G.Cuts);
  }
  G.Decide = [Rules, &Nsg](int Port, IpProtocol Protocol) -> GateVerdict {
    check::NsgDecision D =
        check::internetInboundDecision(*Rules, Port, Protocol);
    if (D.Allowed == Truth::False)
      return {};
    const Resource &At = D.Rule ? *D.Rule->Declaring : Nsg;
    std::string Label =
        D.Rule ? nsgLabel(*D.Rule, Nsg) : "NSG " + quotedName(Nsg);
    if (D.Allowed == Truth::True)
      // One hop per rule, whichever of its ports decided: the exposure
      // lists the ports.
      return {Truth::True,
              hopAt(At, Label + " allows internet traffic", D.Where),
              {}};
    std::string Why = !D.Reason.empty()
                          ? D.Reason
                          : unknownReason(D.Where, "a value is not known");
    return {Truth::Unknown, hopAt(At, Label + " may allow", D.Where),
            Label + ": " + Why};
  };
  return G;
}

/// The gate of an NSG reference (nsg_of a subnet or a NIC): none is
/// allow-all; one the unit does not declare, or cannot resolve, is unknown.
Gate nsgGate(const model::DeploymentUnit &U, const Target &Nsg,
             const Resource &Owner, const std::string &OwnerLabel) {
  switch (Nsg.Result) {
  case Target::State::Missing:
    return openGate();
  case Target::State::Resolved:
    if (!Nsg.Resource->Existing)
      return nsgRulesGate(U, *Nsg.Resource);
    return unknownGate("the NSG of " + OwnerLabel + " (" +
                           quotedName(*Nsg.Resource) +
                           ") is not declared in this unit",
                       hopAt(Owner, "NSG of " + OwnerLabel, Nsg.Via));
  case Target::State::Outside:
    return unknownGate("the NSG of " + OwnerLabel +
                           " is not declared in this unit",
                       hopAt(Owner, "NSG of " + OwnerLabel, Nsg.Via));
  case Target::State::Unknown:
    return unknownGate("the NSG of " + OwnerLabel + " is not known: " +
                           unknownReason(Nsg.Via, "it cannot be resolved"),
                       hopAt(Owner, "NSG of " + OwnerLabel, Nsg.Via));
  }
  return openGate();
}

/// The gate of the subnet an IP configuration names (of a NIC, or of a
/// scale set's NIC configuration).
Gate subnetGate(const model::DeploymentUnit &U, const Value *SubnetRef,
                const Resource &Nic) {
  if (!SubnetRef || SubnetRef->isNull())
    return unknownGate("the subnet of " + quotedName(Nic) + " is not set",
                       std::nullopt);
  check::SubnetTarget S = check::resolveSubnet(U, SubnetRef);
  if (S.Result == Target::State::Resolved) {
    const check::Subnet &Sub = S.TheSubnet;
    std::string Label =
        "subnet '" + Sub.name().value_or(nameOf(*Sub.Resource)) + "'";
    if (Sub.Resource->Existing)
      return unknownGate(Label + " is not declared in this unit, so its NSG "
                                 "is not known",
                         hopAt(Nic, Label, SubnetRef));
    return nsgGate(U, check::nsgOfSubnet(U, Sub), *Sub.Resource, Label);
  }
  std::string Why =
      S.Result == Target::State::Outside
          ? "is not declared in this unit"
          : "cannot be resolved (" + unknownReason(SubnetRef, "unknown") + ")";
  return unknownGate("the subnet of " + quotedName(Nic) + " " + Why +
                         ", so its NSG is not known",
                     hopAt(Nic, "subnet of " + quotedName(Nic), SubnetRef));
}

//===----------------------------------------------------------------------===//
// VMs and NICs behind a public IP
//===----------------------------------------------------------------------===//

/// The NIC → VM map of the unit (nics_of inverted).
std::map<const Resource *, const Resource *>
vmsByNic(const model::DeploymentUnit &U) {
  std::map<const Resource *, const Resource *> Out;
  for (const Resource *Vm : check::deployedOfType(U, vmTypes()))
    for (const Target &T : check::nicsOf(U, *Vm))
      if (T.Result == Target::State::Resolved)
        Out.emplace(T.Resource, Vm);
  return Out;
}

/// The public IP hop of an IP configuration; Base turns Possible when the
/// reference cannot be resolved.
Hop publicIpHop(const model::DeploymentUnit &U, const Value &Ref,
                Certainty &Base, std::string &Reason) {
  Target P = check::resolveReference(U, &Ref);
  if (P.Result == Target::State::Resolved)
    return hopAt(*P.Resource, "public IP " + quotedName(*P.Resource), nullptr);
  if (P.Result == Target::State::Unknown &&
      !(Ref.is(ValueKind::String) && !Ref.asString().empty())) {
    Base = Certainty::Possible;
    Reason = "the public IP reference is not known: " +
             unknownReason(&Ref, "it cannot be resolved");
  }
  return {"",
          "public IP " + (Ref.isKnown() ? check::describeValue(Ref)
                                        : std::string("(not known)")),
          Ref.origin()};
}

void addNicExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  std::map<const Resource *, const Resource *> VmOf = vmsByNic(U);
  for (const Resource *Nic :
       check::deployedOfType(U, {ArmNic, "azurerm_network_interface"})) {
    auto It = VmOf.find(Nic);
    const Resource *Vm = It == VmOf.end() ? nullptr : It->second;
    for (const check::IpConfiguration &C :
         check::ipConfigurationsOf(*Nic).Configs) {
      if (!C.PublicIp || C.PublicIp->isNull())
        continue;
      Certainty Base = Certainty::Definite;
      std::string Reason;
      Hop Pip = publicIpHop(U, *C.PublicIp, Base, Reason);
      std::vector<Hop> Before{
          internetHop(), Pip,
          hopAt(*Nic, "NIC " + quotedName(*Nic), C.PublicIp)};
      std::vector<Hop> After;
      if (Vm)
        After.push_back(hopAt(*Vm, "VM " + quotedName(*Vm), nullptr));
      std::vector<Gate> Gates{subnetGate(U, C.Subnet, *Nic),
                              nsgGate(U, check::nsgOfNic(U, *Nic), *Nic,
                                      "NIC " + quotedName(*Nic))};
      exposeThroughGates(Out, Vm ? Vm->Id : Nic->Id, Before, After, Gates, Base,
                         Reason);
    }
  }
}

//===----------------------------------------------------------------------===//
// Load balancers
//===----------------------------------------------------------------------===//

/// What a reference to a part of a load balancer (a backend pool, an
/// inbound NAT rule) names: whether it is a part of Lb, and the part's
/// name when the reference spells it ("" when it does not, as Bicep's
/// `lb.properties.backendAddressPools[0].id`).
struct LbPart {
  bool OfLb = false;
  std::string Name;
};

LbPart lbPartOf(const Value &V, const Resource &Lb) {
  std::string Text;
  if (V.is(ValueKind::Expression)) {
    if (V.refersTo() == Lb.Id)
      return {true, ""};
    // resourceId() of a child: "Microsoft.Network/loadBalancers/
    // inboundNatRules/lb/rule".
    Text = V.refersTo().str();
  } else if (V.is(ValueKind::String)) {
    Text = V.asString().str();
  }
  if (Text.empty() || !Lb.Name.is(ValueKind::String))
    return {};
  std::string Lower = llvm::StringRef(Text).lower();
  std::string Name = Lb.Name.asString().lower();
  bool Child =
      llvm::StringRef(Lower).startswith("microsoft.network/loadbalancers/");
  bool OfLb =
      Child ? llvm::StringRef(Lower).contains("/" + Name + "/")
            : llvm::StringRef(Lower).contains("/loadbalancers/" + Name + "/");
  if (!OfLb)
    return {};
  return {true, llvm::StringRef(Text).rsplit('/').second.str()};
}

/// Whether some element of the list at Path (in an IP configuration)
/// names the part Part of Lb ("" matches any part); Unknown when the list
/// is not known.
Truth configJoinsLb(const Value &Config, llvm::StringRef Path,
                    const Resource &Lb, llvm::StringRef Part) {
  check::ListAt L = check::listAt(Config, Path, /*CaseInsensitive=*/true);
  if (L.Unknown)
    return Truth::Unknown;
  for (const Value &Item : L.Items) {
    const Value *Id = check::valueAt(Item, "id", true);
    if (!Id)
      continue;
    LbPart P = lbPartOf(*Id, Lb);
    if (P.OfLb && (P.Name.empty() || Part.empty() ||
                   llvm::StringRef(P.Name).equals_insensitive(Part)))
      return Truth::True;
  }
  return Truth::False;
}

/// One load-balancing or inbound NAT rule: what the internet reaches.
struct LbRule {
  const Value *Rule = nullptr;
  const Value *FrontendPort = nullptr;
  const Value *BackendPort = nullptr;
  const Value *Protocol = nullptr;
  std::string Name;
  bool Nat = false;
  /// The part NICs join: the NAT rule's own name, or the name of the
  /// rule's backend pool ("" when not spelled out).
  std::string Part;
  /// Terraform: the azurerm_lb_rule or azurerm_lb_nat_rule resource.
  const Resource *Decl = nullptr;
};

std::vector<LbRule> lbRules(const model::DeploymentUnit &U,
                            const Resource &Lb) {
  std::vector<LbRule> Out;
  bool Arm = check::isArmResource(Lb);
  auto Read = [&](const Value &R, const Value &Fields, bool Nat,
                  const Resource *Decl) {
    auto F = [&](llvm::StringRef ArmName, llvm::StringRef TfName) {
      return Arm ? Fields.getInsensitive(ArmName) : Fields.get(TfName);
    };
    const Value *Name = Arm ? R.getInsensitive("name") : R.get("name");
    std::string RuleName =
        Name && Name->is(ValueKind::String) ? Name->asString().str() : "";
    std::string Part = Nat ? RuleName : "";
    if (!Nat && Arm)
      if (const Value *Pool =
              check::valueAt(Fields, "backendAddressPool.id", true))
        Part = lbPartOf(*Pool, Lb).Name;
    Out.push_back({&R, F("frontendPort", "frontend_port"),
                   F("backendPort", "backend_port"), F("protocol", "protocol"),
                   RuleName, Nat, Part, Decl});
  };
  if (Arm) {
    for (auto [Path, Nat] : {std::pair{"properties.loadBalancingRules", false},
                             std::pair{"properties.inboundNatRules", true}})
      for (const Value &R : check::listAt(Lb.Properties, Path, true).Items)
        if (const Value *P = R.getInsensitive("properties"))
          Read(R, *P, Nat, nullptr);
    return Out;
  }
  for (auto [Type, Nat] : {std::pair{"azurerm_lb_rule", false},
                           std::pair{"azurerm_lb_nat_rule", true}})
    for (const Resource *R : check::deployedOfType(U, {Type})) {
      const Value *LbId = R->Properties.get("loadbalancer_id");
      if (LbId && LbId->is(ValueKind::Expression) && LbId->refersTo() == Lb.Id)
        Read(R->Properties, R->Properties, Nat, R);
    }
  return Out;
}

/// Whether the load balancer has a public frontend; the public IP value.
const Value *publicFrontendOf(const Resource &Lb) {
  bool Arm = check::isArmResource(Lb);
  for (const Value &F :
       check::listAt(Lb.Properties,
                     Arm ? "properties.frontendIPConfigurations"
                         : "frontend_ip_configuration",
                     Arm)
           .Items) {
    const Value *Pip = check::valueAt(
        F, Arm ? "properties.publicIPAddress.id" : "public_ip_address_id", Arm);
    if (Pip && !Pip->isNull())
      return Pip;
  }
  return nullptr;
}

/// A gate that passes only a rule's backend port and protocol.
Gate lbRuleGate(const Resource &Lb, const LbRule &R) {
  Gate G;
  addPortSpecCuts(R.BackendPort, G.Cuts);
  std::string Label = "load balancer " + quotedName(Lb) +
                      (R.Nat ? " inbound NAT rule" : " rule") +
                      (R.Name.empty() ? "" : " '" + R.Name + "'");
  const Resource &At = R.Decl ? *R.Decl : Lb;
  G.Decide = [R, Label, &At](int Port, IpProtocol Protocol) -> GateVerdict {
    if (!R.BackendPort || !R.BackendPort->isKnown())
      return {Truth::Unknown, hopAt(At, Label, R.BackendPort),
              Label + ": the backend port is not known"};
    check::Match Proto = R.Protocol
                             ? (Protocol == IpProtocol::Tcp
                                    ? check::protocolIncludesTcp(*R.Protocol)
                                    : check::protocolIncludesUdp(*R.Protocol))
                             : check::Match{Truth::True, nullptr, {}};
    // Azure's "All" protocol and backend port 0 forward every port (HA
    // ports).
    check::Match All = R.Protocol ? check::equalsInsensitive(*R.Protocol, "All")
                                  : check::Match{};
    if (All.isTrue())
      Proto.T = Truth::True;
    check::Match Covers = check::portCovers(*R.BackendPort, Port);
    if (check::valueEquals(*R.BackendPort, Value::integer(0)).isTrue())
      Covers.T = Truth::True;
    Truth T = check::truthAnd(Proto.T, Covers.T);
    if (T == Truth::False)
      return {};
    return {T,
            hopAt(At,
                  Label + " forwards " +
                      (R.FrontendPort ? check::describeValue(*R.FrontendPort)
                                      : std::string("?")),
                  R.FrontendPort),
            T == Truth::Unknown ? Label + ": the protocol or port is not known"
                                : ""};
  };
  return G;
}

/// The load balancer itself: its frontend ports.
void addLoadBalancerFrontend(NetworkModel &Out, const Resource &Lb,
                             const std::vector<LbRule> &Rules,
                             const Hop &PipHop, Certainty Base,
                             const std::string &Reason) {
  std::vector<PortRange> Ports;
  for (const LbRule &R : Rules) {
    if (R.FrontendPort && R.FrontendPort->is(ValueKind::Int) &&
        R.FrontendPort->asInt() >= 0 && R.FrontendPort->asInt() <= 65535) {
      auto Port = static_cast<uint16_t>(R.FrontendPort->asInt());
      Ports.push_back({Port, Port, "tcp"});
    }
  }
  if (Rules.empty())
    return;
  exposeEndpoint(Out, Lb.Id,
                 {internetHop(), PipHop,
                  hopAt(Lb, "load balancer " + quotedName(Lb), nullptr)},
                 Base, Reason, std::move(Ports));
}

/// What the load balancer a rule belongs to shows on the way.
struct LbFront {
  const Resource *Lb = nullptr;
  Hop PipHop;
  Certainty Base = Certainty::Definite;
  std::string Reason;
};

/// The exposure of one backend NIC (and its VM) through one rule: the
/// rule forwards its backend port, then the NIC's subnet and NIC NSGs.
void exposeLbBackend(const model::DeploymentUnit &U, NetworkModel &Out,
                     const LbFront &Front, const LbRule &R, const Resource &Nic,
                     const check::IpConfiguration &C, const Resource *Vm,
                     Certainty State, const std::string &Why) {
  std::vector<Hop> After{hopAt(Nic, "NIC " + quotedName(Nic), nullptr)};
  if (Vm)
    After.push_back(hopAt(*Vm, "VM " + quotedName(*Vm), nullptr));
  std::vector<Gate> Gates{
      lbRuleGate(*Front.Lb, R), subnetGate(U, C.Subnet, Nic),
      nsgGate(U, check::nsgOfNic(U, Nic), Nic, "NIC " + quotedName(Nic))};
  exposeThroughGates(Out, Vm ? Vm->Id : Nic.Id, {internetHop(), Front.PipHop},
                     After, Gates, State, Why);
}

/// ARM: NICs name the pools and NAT rules in their IP configurations.
void addArmLbBackends(
    const model::DeploymentUnit &U, NetworkModel &Out, const LbFront &Front,
    const std::vector<LbRule> &Rules,
    const std::map<const Resource *, const Resource *> &VmOf) {
  for (const Resource *Nic : check::deployedOfType(U, {ArmNic})) {
    auto It = VmOf.find(Nic);
    const Resource *Vm = It == VmOf.end() ? nullptr : It->second;
    for (const check::IpConfiguration &C :
         check::ipConfigurationsOf(*Nic).Configs)
      for (const LbRule &R : Rules) {
        Truth Joins =
            configJoinsLb(*C.Config,
                          R.Nat ? "properties.loadBalancerInboundNatRules"
                                : "properties.loadBalancerBackendAddressPools",
                          *Front.Lb, R.Part);
        if (Joins == Truth::False)
          continue;
        if (Joins == Truth::True)
          exposeLbBackend(U, Out, Front, R, *Nic, C, Vm, Front.Base,
                          Front.Reason);
        else
          exposeLbBackend(U, Out, Front, R, *Nic, C, Vm, Certainty::Possible,
                          "whether NIC " + quotedName(*Nic) +
                              " is in the load balancer's backend is not "
                              "known");
      }
  }
}

/// The IP configuration an azurerm association names, else the NIC's
/// first.
const check::IpConfiguration *ipConfigNamed(const check::IpConfigurations &Cs,
                                            const Value *Name) {
  for (const check::IpConfiguration &C : Cs.Configs) {
    const Value *N = C.Config->get("name");
    if (Name && N && check::valueEquals(*N, *Name).isTrue())
      return &C;
  }
  return Cs.Configs.empty() ? nullptr : &Cs.Configs.front();
}

/// azurerm: association resources join a NIC's IP configuration to a
/// backend pool (azurerm_lb_backend_address_pool, named by the rule's
/// backend_address_pool_ids) or to a NAT rule.
void addTfLbBackends(const model::DeploymentUnit &U, NetworkModel &Out,
                     const LbFront &Front, const std::vector<LbRule> &Rules,
                     const std::map<const Resource *, const Resource *> &VmOf) {
  for (const Resource *A : check::deployedOfType(
           U, {"azurerm_network_interface_backend_address_pool_association",
               "azurerm_network_interface_nat_rule_association"})) {
    bool Nat = A->Type == "azurerm_network_interface_nat_rule_association";
    Target NicT =
        check::resolveReference(U, A->Properties.get("network_interface_id"));
    Target PartT = check::resolveReference(
        U, A->Properties.get(Nat ? "nat_rule_id" : "backend_address_pool_id"));
    if (NicT.Result != Target::State::Resolved ||
        PartT.Result != Target::State::Resolved)
      continue;
    check::IpConfigurations Cs = check::ipConfigurationsOf(*NicT.Resource);
    const check::IpConfiguration *C =
        ipConfigNamed(Cs, A->Properties.get("ip_configuration_name"));
    if (!C)
      continue;
    auto It = VmOf.find(NicT.Resource);
    const Resource *Vm = It == VmOf.end() ? nullptr : It->second;
    for (const LbRule &R : Rules) {
      if (R.Nat != Nat || !R.Decl)
        continue;
      bool Joined = false;
      if (Nat) {
        Joined = R.Decl == PartT.Resource;
      } else {
        llvm::StringSet<> Pools;
        for (const char *Prop :
             {"backend_address_pool_ids", "backend_address_pool_id"})
          if (const Value *V = R.Decl->Properties.get(Prop))
            model::collectReferences(*V, Pools);
        Joined = Pools.contains(PartT.Resource->Id);
      }
      if (Joined)
        exposeLbBackend(U, Out, Front, R, *NicT.Resource, *C, Vm, Front.Base,
                        Front.Reason);
    }
  }
}

void addLoadBalancerExposures(const model::DeploymentUnit &U,
                              NetworkModel &Out) {
  std::map<const Resource *, const Resource *> VmOf = vmsByNic(U);
  for (const Resource *Lb : check::deployedOfType(U, {ArmLb, "azurerm_lb"})) {
    const Value *Pip = publicFrontendOf(*Lb);
    if (!Pip)
      continue;
    LbFront Front{Lb, {}, Certainty::Definite, {}};
    Front.PipHop = publicIpHop(U, *Pip, Front.Base, Front.Reason);
    std::vector<LbRule> Rules = lbRules(U, *Lb);
    addLoadBalancerFrontend(Out, *Lb, Rules, Front.PipHop, Front.Base,
                            Front.Reason);
    if (check::isArmResource(*Lb))
      addArmLbBackends(U, Out, Front, Rules, VmOf);
    else
      addTfLbBackends(U, Out, Front, Rules, VmOf);
  }
}

//===----------------------------------------------------------------------===//
// Scale sets
//===----------------------------------------------------------------------===//

/// A scale set's NIC configuration and one of its IP configurations: each
/// instance gets a public IP when the IP configuration asks for one
/// (ARM `publicIPAddressConfiguration`, Terraform `public_ip_address`).
void addScaleSetConfig(const model::DeploymentUnit &U, NetworkModel &Out,
                       const Resource &Vmss, const Value &NicConfig,
                       const Value &IpConfig) {
  bool Arm = check::isArmResource(Vmss);
  const Value *Public = check::valueAt(
      IpConfig,
      Arm ? "properties.publicIPAddressConfiguration" : "public_ip_address",
      Arm);
  if (!Public || Public->isNull() ||
      (Public->is(ValueKind::Array) && Public->items().empty()))
    return;
  Target Nsg =
      Arm ? check::referenceAt(U, NicConfig,
                               "properties.networkSecurityGroup.id", true)
          : check::resolveReference(
                U,
                check::valueAt(NicConfig, "network_security_group_id", false));
  std::string Label = "scale set " + quotedName(Vmss);
  std::vector<Gate> Gates{
      subnetGate(U,
                 check::valueAt(
                     IpConfig, Arm ? "properties.subnet.id" : "subnet_id", Arm),
                 Vmss),
      nsgGate(U, Nsg, Vmss, Label + " NIC configuration")};
  exposeThroughGates(
      Out, Vmss.Id,
      {internetHop(), hopAt(Vmss, "instance public IP of " + Label, Public)},
      {hopAt(Vmss, Label, nullptr)}, Gates, Certainty::Definite, "");
}

void addScaleSetExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  for (const Resource *Vmss : check::deployedOfType(
           U, {ArmVmss, "azurerm_linux_virtual_machine_scale_set",
               "azurerm_windows_virtual_machine_scale_set"})) {
    bool Arm = check::isArmResource(*Vmss);
    for (const Value &NicConfig :
         check::listAt(Vmss->Properties,
                       Arm ? "properties.virtualMachineProfile.networkProfile."
                             "networkInterfaceConfigurations"
                           : "network_interface",
                       Arm)
             .Items)
      for (const Value &IpConfig :
           check::listAt(
               NicConfig,
               Arm ? "properties.ipConfigurations" : "ip_configuration", Arm)
               .Items)
        addScaleSetConfig(U, Out, *Vmss, NicConfig, IpConfig);
  }
}

//===----------------------------------------------------------------------===//
// Application gateways
//===----------------------------------------------------------------------===//

void addApplicationGatewayExposures(const model::DeploymentUnit &U,
                                    NetworkModel &Out) {
  for (const Resource *G :
       check::deployedOfType(U, {"Microsoft.Network/applicationGateways",
                                 "azurerm_application_gateway"})) {
    bool Arm = check::isArmResource(*G);
    const Value *Pip = nullptr;
    for (const Value &F :
         check::listAt(G->Properties,
                       Arm ? "properties.frontendIPConfigurations"
                           : "frontend_ip_configuration",
                       Arm)
             .Items)
      if (const Value *P = check::valueAt(
              F, Arm ? "properties.publicIPAddress.id" : "public_ip_address_id",
              Arm);
          P && !P->isNull())
        Pip = P;
    if (!Pip)
      continue;
    Certainty Base = Certainty::Definite;
    std::string Reason;
    Hop PipHop = publicIpHop(U, *Pip, Base, Reason);
    std::vector<PortRange> Ports;
    for (const Value &F :
         check::listAt(G->Properties,
                       Arm ? "properties.frontendPorts" : "frontend_port", Arm)
             .Items) {
      const Value *Port =
          check::valueAt(F, Arm ? "properties.port" : "port", Arm);
      if (Port && Port->is(ValueKind::Int) && Port->asInt() >= 0 &&
          Port->asInt() <= 65535)
        Ports.push_back({static_cast<uint16_t>(Port->asInt()),
                         static_cast<uint16_t>(Port->asInt()), "tcp"});
      else if (Base == Certainty::Definite) {
        Base = Certainty::Possible;
        Reason = "a frontend port of application gateway " + quotedName(*G) +
                 " is not known";
      }
    }
    exposeEndpoint(Out, G->Id,
                   {internetHop(), PipHop,
                    hopAt(*G, "application gateway " + quotedName(*G), Pip)},
                   Base, Reason, std::move(Ports));
  }
}

//===----------------------------------------------------------------------===//
// PaaS public endpoints
//===----------------------------------------------------------------------===//

/// A public endpoint open when every condition holds; each condition is a
/// value (null: the provider default) and its verdict.
struct Condition {
  Truth Open;
  const Value *Where;
};

void exposeIfOpen(NetworkModel &Out, const Resource &R, llvm::StringRef Noun,
                  std::vector<Condition> Conditions,
                  std::vector<PortRange> Ports = {}) {
  Truth Open = Truth::True;
  const Value *Deciding = nullptr;
  const Value *Unknown = nullptr;
  for (const Condition &C : Conditions) {
    Open = check::truthAnd(Open, C.Open);
    if (C.Open == Truth::Unknown && !Unknown)
      Unknown = C.Where;
    if (C.Where && !Deciding)
      Deciding = C.Where;
  }
  if (Open == Truth::False)
    return;
  Certainty State =
      Open == Truth::True ? Certainty::Definite : Certainty::Possible;
  std::string Label = Noun.str() + " " + quotedName(R) + " public endpoint";
  exposeEndpoint(Out, R.Id,
                 {internetHop(), hopAt(R, Label, Unknown ? Unknown : Deciding)},
                 State,
                 Noun.str() + " " + quotedName(R) + ": " +
                     unknownReason(Unknown, "its network access is not known"),
                 std::move(Ports));
}

Truth notEquals(const Value *V, llvm::StringRef Text, bool DefaultEqual) {
  return check::truthNot(equalsOr(V, Text, DefaultEqual));
}

const Value *at(const Resource &R, llvm::StringRef Path) {
  return check::valueAt(R.Properties, Path, check::isArmResource(R));
}

/// Terraform: the separate network-rules resource of an account, when the
/// unit declares one.
const Resource *tfNetworkRulesOf(const model::DeploymentUnit &U,
                                 const Resource &Account) {
  for (const Resource *N :
       check::deployedOfType(U, {"azurerm_storage_account_network_rules"})) {
    const Value *Id = N->Properties.get("storage_account_id");
    if (Id && Id->is(ValueKind::Expression) && Id->refersTo() == Account.Id)
      return N;
  }
  return nullptr;
}

void addStorageExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  for (const Resource *R :
       check::deployedOfType(U, {"Microsoft.Storage/storageAccounts"}))
    exposeIfOpen(Out, *R, "storage account",
                 {{notEquals(at(*R, "properties.publicNetworkAccess"),
                             "Disabled", false),
                   at(*R, "properties.publicNetworkAccess")},
                  {equalsOr(at(*R, "properties.networkAcls.defaultAction"),
                            "Allow", true),
                   at(*R, "properties.networkAcls.defaultAction")}});
  for (const Resource *R :
       check::deployedOfType(U, {"azurerm_storage_account"})) {
    const Value *Action = at(*R, "network_rules.default_action");
    if (const Resource *N = tfNetworkRulesOf(U, *R))
      Action = N->Properties.get("default_action");
    exposeIfOpen(Out, *R, "storage account",
                 {{isTrueOr(at(*R, "public_network_access_enabled"), true),
                   at(*R, "public_network_access_enabled")},
                  {equalsOr(Action, "Allow", true), Action}});
  }
}

void addKeyVaultExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  for (const Resource *R :
       check::deployedOfType(U, {"Microsoft.KeyVault/vaults"}))
    exposeIfOpen(Out, *R, "key vault",
                 {{notEquals(at(*R, "properties.publicNetworkAccess"),
                             "Disabled", false),
                   at(*R, "properties.publicNetworkAccess")},
                  {equalsOr(at(*R, "properties.networkAcls.defaultAction"),
                            "Allow", true),
                   at(*R, "properties.networkAcls.defaultAction")}},
                 {{443, 443, "tcp"}});
  for (const Resource *R : check::deployedOfType(U, {"azurerm_key_vault"}))
    exposeIfOpen(
        Out, *R, "key vault",
        {{isTrueOr(at(*R, "public_network_access_enabled"), true),
          at(*R, "public_network_access_enabled")},
         {equalsOr(at(*R, "network_acls.default_action"), "Allow", true),
          at(*R, "network_acls.default_action")}},
        {{443, 443, "tcp"}});
}

/// Whether a firewall rule admits the whole internet: 0.0.0.0 to
/// 255.255.255.255 (0.0.0.0 to 0.0.0.0 is "Azure services", not the
/// internet).
Truth firewallRuleIsOpen(const Value *Start, const Value *End) {
  if (!Start || !End)
    return Truth::False;
  return check::truthAnd(
      check::valueEquals(*Start, Value::string("0.0.0.0")).T,
      check::valueEquals(*End, Value::string("255.255.255.255")).T);
}

void addSqlExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  for (const Resource *R :
       check::deployedOfType(U, {"Microsoft.Sql/servers"})) {
    Condition Firewall{Truth::False, nullptr};
    std::vector<const Resource *> Rules =
        check::childrenOf(U, *R, {"Microsoft.Sql/servers/firewallRules"});
    for (const Resource *F : Rules) {
      const Value *Start = at(*F, "properties.startIpAddress");
      Truth Open = firewallRuleIsOpen(Start, at(*F, "properties.endIpAddress"));
      if (Open != Truth::False && Firewall.Open != Truth::True)
        Firewall = {Open, Start};
    }
    exposeIfOpen(Out, *R, "SQL server",
                 {{notEquals(at(*R, "properties.publicNetworkAccess"),
                             "Disabled", false),
                   at(*R, "properties.publicNetworkAccess")},
                  Firewall},
                 {{1433, 1433, "tcp"}});
  }
  for (const Resource *R : check::deployedOfType(
           U, {"azurerm_mssql_server", "azurerm_sql_server"})) {
    Condition Firewall{Truth::False, nullptr};
    for (const Resource *F : check::deployedOfType(
             U, {"azurerm_mssql_firewall_rule", "azurerm_sql_firewall_rule"})) {
      const Value *Server = F->Properties.get("server_id");
      if (!Server)
        Server = F->Properties.get("server_name");
      if (!Server || !Server->is(ValueKind::Expression) ||
          Server->refersTo() != R->Id)
        continue;
      const Value *Start = F->Properties.get("start_ip_address");
      Truth Open =
          firewallRuleIsOpen(Start, F->Properties.get("end_ip_address"));
      if (Open != Truth::False && Firewall.Open != Truth::True)
        Firewall = {Open, Start};
    }
    exposeIfOpen(Out, *R, "SQL server",
                 {{isTrueOr(at(*R, "public_network_access_enabled"), true),
                   at(*R, "public_network_access_enabled")},
                  Firewall},
                 {{1433, 1433, "tcp"}});
  }
}

void addAppServiceExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  std::vector<PortRange> Web{{80, 80, "tcp"}, {443, 443, "tcp"}};
  for (const Resource *R : check::deployedOfType(U, {"Microsoft.Web/sites"}))
    exposeIfOpen(Out, *R, "app",
                 {{notEquals(at(*R, "properties.publicNetworkAccess"),
                             "Disabled", false),
                   at(*R, "properties.publicNetworkAccess")},
                  {notEquals(at(*R, "properties.siteConfig."
                                    "ipSecurityRestrictionsDefaultAction"),
                             "Deny", false),
                   at(*R, "properties.siteConfig."
                          "ipSecurityRestrictionsDefaultAction")}},
                 Web);
  for (const Resource *R : check::deployedOfType(
           U, {"azurerm_linux_web_app", "azurerm_windows_web_app",
               "azurerm_linux_function_app", "azurerm_windows_function_app",
               "azurerm_app_service", "azurerm_function_app"}))
    exposeIfOpen(
        Out, *R, "app",
        {{isTrueOr(at(*R, "public_network_access_enabled"), true),
          at(*R, "public_network_access_enabled")},
         {notEquals(at(*R, "site_config.ip_restriction_default_action"), "Deny",
                    false),
          at(*R, "site_config.ip_restriction_default_action")}},
        Web);
}

/// The AKS API server is public unless the cluster is private; authorized
/// IP ranges that name no internet CIDR keep the internet out.
void addAksExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  for (const Resource *R :
       check::deployedOfType(U, {"Microsoft.ContainerService/managedClusters",
                                 "azurerm_kubernetes_cluster"})) {
    bool Arm = check::isArmResource(*R);
    const Value *Private =
        at(*R, Arm ? "properties.apiServerAccessProfile.enablePrivateCluster"
                   : "private_cluster_enabled");
    const Value *Ranges =
        at(*R, Arm ? "properties.apiServerAccessProfile.authorizedIPRanges"
                   : "api_server_access_profile.authorized_ip_ranges");
    if (!Arm && !Ranges)
      Ranges = at(*R, "api_server_authorized_ip_ranges");
    Truth RangesOpen = Truth::True;
    if (Ranges && !Ranges->isNull() &&
        !(Ranges->is(ValueKind::Array) && Ranges->items().empty()))
      RangesOpen = check::isInternetCidr(*Ranges).T;
    exposeIfOpen(Out, *R, "AKS API server",
                 {{check::truthNot(isTrueOr(Private, false)), Private},
                  {RangesOpen, Ranges}},
                 {{443, 443, "tcp"}});
  }
}

} // namespace

void addAzureExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  addAzurePlacements(U, Out);
  addNicExposures(U, Out);
  addScaleSetExposures(U, Out);
  addLoadBalancerExposures(U, Out);
  addApplicationGatewayExposures(U, Out);
  addStorageExposures(U, Out);
  addKeyVaultExposures(U, Out);
  addSqlExposures(U, Out);
  addAppServiceExposures(U, Out);
  addAksExposures(U, Out);
}

} // namespace rampart::exposure::detail
