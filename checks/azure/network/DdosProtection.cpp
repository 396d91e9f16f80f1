//===- DdosProtection.cpp - AZ-NET-008 ------------------------------------===//
#include "analyzer/check/AzureNetwork.h"
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

/// A public IP that a resource in some subnet publishes.
struct Endpoint {
  Truth InVnet;          ///< Whether the subnet is one of the network's.
  const Value *PublicIp; ///< The public IP reference.
};

/// Whether the subnet reference V names a subnet of Vnet.
Truth subnetInVnet(const model::DeploymentUnit &U, const Resource &Vnet,
                   const SubnetList &Subnets, const Value *V) {
  SubnetTarget S = resolveSubnet(U, V);
  switch (S.Result) {
  case Target::State::Missing:
    return Truth::False;
  case Target::State::Unknown:
    return Truth::Unknown;
  case Target::State::Resolved:
    for (const Subnet &Mine : Subnets.Subnets)
      if (Mine.Fields == S.TheSubnet.Fields)
        return Truth::True;
    return Subnets.Unknown ? Truth::Unknown : Truth::False;
  case Target::State::Outside:
    break;
  }
  // A subnet the unit does not declare, of a network named like this one:
  // ARM's resourceId() without a group is this deployment's network.
  std::string UnitId =
      V->is(model::ValueKind::Expression)
          ? V->refersTo().str()
          : unitIdOfArmResourceId(V->is(model::ValueKind::String)
                                      ? V->asString()
                                      : llvm::StringRef());
  llvm::StringRef Rest = UnitId;
  if (!isArmResource(Vnet) || !Rest.consume_front_insensitive(
                                  "Microsoft.Network/virtualNetworks/subnets/"))
    return Truth::False;
  const Value *Name = Vnet.Properties.getInsensitive("name");
  if (!Name || !Name->is(model::ValueKind::String))
    return Truth::Unknown;
  if (!Rest.split('/').first.equals_insensitive(Name->asString()))
    return Truth::False;
  return V->is(model::ValueKind::Expression) ? Truth::True : Truth::Unknown;
}

/// Endpoints of resources whose IP configurations each name a subnet and
/// a public IP (NICs, Azure Firewall).
void configEndpoints(const model::DeploymentUnit &U, const Resource &Vnet,
                     const SubnetList &Subnets, const Resource &Host,
                     llvm::StringRef Configs, llvm::StringRef SubnetPath,
                     llvm::StringRef IpPath, std::vector<Endpoint> &Out) {
  bool Arm = isArmResource(Host);
  ListAt I = listAt(Host.Properties, Configs, Arm);
  if (I.Unknown)
    Out.push_back({Truth::Unknown, nullptr});
  for (const Value &C : I.Items) {
    Target Ip = referenceAt(U, C, IpPath, Arm);
    if (Ip.Result == Target::State::Missing)
      continue;
    Target Sub = referenceAt(U, C, SubnetPath, Arm);
    Truth In = Sub.Result == Target::State::Unknown
                   ? Truth::Unknown
                   : subnetInVnet(U, Vnet, Subnets, Sub.Via);
    Out.push_back({In, Ip.Via});
  }
}

/// The public frontend IPs of a load balancer or application gateway.
std::vector<const Value *> frontendIps(const model::DeploymentUnit &U,
                                       const Resource &Host, bool &Unknown) {
  bool Arm = isArmResource(Host);
  ListAt I = listAt(Host.Properties,
                    Arm ? "properties.frontendIPConfigurations"
                        : "frontend_ip_configuration",
                    Arm);
  Unknown |= I.Unknown != nullptr;
  std::vector<const Value *> Out;
  for (const Value &F : I.Items) {
    Target Ip = referenceAt(
        U, F, Arm ? "properties.publicIPAddress.id" : "public_ip_address_id",
        Arm);
    if (Ip.Result != Target::State::Missing)
      Out.push_back(Ip.Via);
  }
  return Out;
}

/// An application gateway publishes its frontends from its gateway subnet.
void gatewayEndpoints(const model::DeploymentUnit &U, const Resource &Vnet,
                      const SubnetList &Subnets, const Resource &Gw,
                      std::vector<Endpoint> &Out) {
  bool Arm = isArmResource(Gw), Unknown = false;
  std::vector<const Value *> Ips = frontendIps(U, Gw, Unknown);
  if (Ips.empty() && !Unknown)
    return;
  ListAt I = listAt(Gw.Properties,
                    Arm ? "properties.gatewayIPConfigurations"
                        : "gateway_ip_configuration",
                    Arm);
  Truth In = I.Unknown ? Truth::Unknown : Truth::False;
  for (const Value &C : I.Items) {
    Target Sub =
        referenceAt(U, C, Arm ? "properties.subnet.id" : "subnet_id", Arm);
    In = truthOr(In, Sub.Result == Target::State::Unknown
                         ? Truth::Unknown
                         : subnetInVnet(U, Vnet, Subnets, Sub.Via));
  }
  if (Unknown)
    Out.push_back({In, nullptr});
  for (const Value *Ip : Ips)
    Out.push_back({In, Ip});
}

/// The load balancer a backend pool reference names: the pool's load
/// balancer (a Bicep `lb.properties.backendAddressPools[0].id`, an ARM
/// resourceId of `loadBalancers/backendAddressPools`, an
/// azurerm_lb_backend_address_pool's loadbalancer_id).
const Resource *loadBalancerOfPool(const model::DeploymentUnit &U,
                                   const Value *Pool, bool &Unknown) {
  Target T = resolveReference(U, Pool);
  if (T.Result == Target::State::Resolved) {
    if (hasType(*T.Resource, {"Microsoft.Network/loadBalancers", "azurerm_lb"}))
      return T.Resource;
    if (hasType(*T.Resource, {"azurerm_lb_backend_address_pool"}))
      return loadBalancerOfPool(
          U, T.Resource->Properties.get("loadbalancer_id"), Unknown);
    if (hasType(*T.Resource,
                {"Microsoft.Network/loadBalancers/backendAddressPools"})) {
      for (const model::Edge &E : U.Graph.edges())
        if (E.Kind == model::EdgeKind::Parent && E.From == T.Resource->Id)
          return U.Graph.find(E.To);
    }
    return nullptr;
  }
  if (T.Result == Target::State::Unknown) {
    Unknown = true;
    return nullptr;
  }
  if (T.Result != Target::State::Outside)
    return nullptr;
  std::string UnitId = Pool->is(model::ValueKind::Expression)
                           ? Pool->refersTo().str()
                           : unitIdOfArmResourceId(Pool->asString());
  llvm::StringRef Rest = UnitId;
  if (!Rest.consume_front_insensitive(
          "Microsoft.Network/loadBalancers/backendAddressPools/"))
    return nullptr;
  std::string Lb =
      ("Microsoft.Network/loadBalancers/" + Rest.split('/').first).str();
  for (const Resource *R :
       deployedOfType(U, {"Microsoft.Network/loadBalancers"}))
    if (llvm::StringRef(R->Id).equals_insensitive(Lb))
      return R;
  return nullptr;
}

/// A load balancer's public frontends reach the network through the NICs
/// of its backend pools.
void loadBalancerEndpoints(const model::DeploymentUnit &U, const Resource &Vnet,
                           const SubnetList &Subnets,
                           std::vector<Endpoint> &Out) {
  auto AddFor = [&](const Resource *Lb, bool PoolUnknown, Truth In) {
    bool Unknown = PoolUnknown;
    std::vector<const Value *> Ips;
    if (Lb)
      Ips = frontendIps(U, *Lb, Unknown);
    if (Unknown)
      Out.push_back({In, nullptr});
    for (const Value *Ip : Ips)
      Out.push_back({In, Ip});
  };
  for (const Resource *Nic :
       deployedOfType(U, {"Microsoft.Network/networkInterfaces"})) {
    for (const IpConfiguration &C : ipConfigurationsOf(*Nic).Configs) {
      ListAt Pools =
          listAt(*C.Config, "properties.loadBalancerBackendAddressPools", true);
      if (Pools.Items.empty() && !Pools.Unknown)
        continue;
      Truth In =
          C.Subnet ? subnetInVnet(U, Vnet, Subnets, C.Subnet) : Truth::False;
      if (In == Truth::False)
        continue;
      if (Pools.Unknown)
        AddFor(nullptr, true, In);
      for (const Value &P : Pools.Items) {
        bool Unknown = false;
        const Resource *Lb = loadBalancerOfPool(
            U, P.is(model::ValueKind::Object) ? P.getInsensitive("id") : &P,
            Unknown);
        AddFor(Lb, Unknown, In);
      }
    }
  }
  for (const Resource *A : deployedOfType(
           U, {"azurerm_network_interface_backend_address_pool_association"})) {
    Target Nic = resolveReference(U, A->Properties.get("network_interface_id"));
    Truth In =
        Nic.Result == Target::State::Resolved ? Truth::False : Truth::Unknown;
    if (Nic.Result == Target::State::Resolved)
      for (const IpConfiguration &C : ipConfigurationsOf(*Nic.Resource).Configs)
        In = truthOr(In, C.Subnet ? subnetInVnet(U, Vnet, Subnets, C.Subnet)
                                  : Truth::False);
    if (In == Truth::False)
      continue;
    bool Unknown = false;
    const Resource *Lb = loadBalancerOfPool(
        U, A->Properties.get("backend_address_pool_id"), Unknown);
    AddFor(Lb, Unknown, In);
  }
}

std::vector<Endpoint> endpointsIn(const model::DeploymentUnit &U,
                                  const Resource &Vnet) {
  SubnetList Subnets = subnetsOf(U, Vnet);
  std::vector<Endpoint> Out;
  bool Arm = isArmResource(Vnet);
  for (const Resource *Nic :
       deployedOfType(U, {"Microsoft.Network/networkInterfaces",
                          "azurerm_network_interface"}))
    configEndpoints(
        U, Vnet, Subnets, *Nic,
        Arm ? "properties.ipConfigurations" : "ip_configuration",
        Arm ? "properties.subnet.id" : "subnet_id",
        Arm ? "properties.publicIPAddress.id" : "public_ip_address_id", Out);
  for (const Resource *Fw : deployedOfType(
           U, {"Microsoft.Network/azureFirewalls", "azurerm_firewall"}))
    configEndpoints(
        U, Vnet, Subnets, *Fw,
        Arm ? "properties.ipConfigurations" : "ip_configuration",
        Arm ? "properties.subnet.id" : "subnet_id",
        Arm ? "properties.publicIPAddress.id" : "public_ip_address_id", Out);
  for (const Resource *Gw :
       deployedOfType(U, {"Microsoft.Network/applicationGateways",
                          "azurerm_application_gateway"}))
    gatewayEndpoints(U, Vnet, Subnets, *Gw, Out);
  loadBalancerEndpoints(U, Vnet, Subnets, Out);
  return Out;
}

/// DDoS IP Protection on the public IP (ARM ddosSettings.protectionMode,
/// azurerm ddos_protection_mode; both default to inheriting the network's).
Truth ipProtected(const model::DeploymentUnit &U, const Value *Ip) {
  Target T = resolveReference(U, Ip);
  if (T.Result != Target::State::Resolved)
    return Truth::Unknown;
  bool Arm = isArmResource(*T.Resource);
  Lookup Mode = lookupPath(T.Resource->Properties,
                           Arm ? "properties.ddosSettings.protectionMode"
                               : "ddos_protection_mode",
                           Arm);
  if (Mode.Result == Lookup::State::Missing)
    return Truth::False;
  return equalsInsensitive(*Mode.Value, "Enabled").T;
}

/// A DDoS Network Protection plan on the network: enabled, with a plan.
Evaluation vnetPlan(const Subject &S) {
  const Resource &R = S.Resource;
  if (isArmResource(R)) {
    Lookup On =
        lookupPath(R.Properties, "properties.enableDdosProtection", true);
    if (On.Result == Lookup::State::Missing)
      return {Outcome::Unhealthy,
              nullptr,
              {"properties"},
              "enableDdosProtection is not set (false)"};
    Match Enabled = valueEquals(*On.Value, Value::boolean(true));
    if (!Enabled.isTrue())
      return {Enabled.isFalse() ? Outcome::Unhealthy : Outcome::Unknown,
              On.Value,
              {"properties.enableDdosProtection"},
              Enabled.isFalse() ? "enableDdosProtection is false"
                                : "enableDdosProtection is unknown"};
    Lookup Plan =
        lookupPath(R.Properties, "properties.ddosProtectionPlan.id", true);
    if (Plan.Result == Lookup::State::Missing)
      return {Outcome::Unhealthy,
              On.Value,
              {"properties.enableDdosProtection"},
              "enableDdosProtection is true without a ddosProtectionPlan"};
    Match Set = isConfigured(Plan.Value);
    return Set.isTrue() ? Evaluation::healthy()
                        : Evaluation{Outcome::Unknown,
                                     Plan.Value,
                                     {"properties.ddosProtectionPlan.id"},
                                     "the DDoS protection plan is unknown"};
  }
  Lookup Block = lookupPath(R.Properties, "ddos_protection_plan", false);
  if (Block.Result == Lookup::State::Missing)
    return {Outcome::Unhealthy, nullptr, {}, "has no ddos_protection_plan"};
  Lookup On = lookupPath(R.Properties, "ddos_protection_plan.enable", false);
  if (On.Result == Lookup::State::Unknown ||
      Block.Result == Lookup::State::Unknown)
    return {Outcome::Unknown,
            On.Value,
            {"ddos_protection_plan"},
            "the DDoS protection plan is unknown"};
  if (On.Result == Lookup::State::Missing)
    return {Outcome::Unhealthy,
            On.Value,
            {"ddos_protection_plan"},
            "ddos_protection_plan.enable is not set"};
  Match Enabled = valueEquals(*On.Value, Value::boolean(true));
  if (Enabled.isTrue())
    return Evaluation::healthy();
  return {Enabled.isFalse() ? Outcome::Unhealthy : Outcome::Unknown,
          On.Value,
          {"ddos_protection_plan.enable"},
          Enabled.isFalse() ? "ddos_protection_plan.enable is false"
                            : "ddos_protection_plan.enable is unknown"};
}

// Applicable when the network hosts a public endpoint; healthy with a
// plan, or when every such public IP has DDoS IP Protection.
Evaluation ddosProtected(const Subject &S) {
  std::vector<Endpoint> Endpoints = endpointsIn(S.Unit, S.Resource);
  bool Hosts = false, MayHost = false;
  Truth EveryIp = Truth::True;
  for (const Endpoint &E : Endpoints) {
    if (E.InVnet == Truth::False)
      continue;
    Hosts |= E.InVnet == Truth::True;
    MayHost = true;
    Truth Protected =
        E.PublicIp ? ipProtected(S.Unit, E.PublicIp) : Truth::Unknown;
    EveryIp = truthAnd(EveryIp, truthOr(truthNot(E.InVnet), Protected));
  }
  if (!MayHost)
    return Evaluation::notApplicable();
  Evaluation Plan = vnetPlan(S);
  if (Plan.Result == Outcome::Healthy || EveryIp == Truth::True)
    return Evaluation::healthy();
  if (Plan.Result == Outcome::Unknown || EveryIp == Truth::Unknown || !Hosts) {
    Plan.Result = Outcome::Unknown;
    Plan.Detail = "whether the network's public endpoints have DDoS "
                  "protection is unknown";
    return Plan;
  }
  Plan.Detail += ", and a public IP in the network has no DDoS IP Protection";
  return Plan;
}

} // namespace

const Check &networkDdosProtection() {
  static const Check C =
      CheckBuilder("AZ-NET-008", __FILE__)
          .title("Virtual networks with public endpoints should have DDoS "
                 "protection enabled")
          .severity(Level::Medium)
          .control("Protect applications against DDoS attacks")
          .compliance("MCSB", "NS-5")
          .why("Basic infrastructure protection does not tune to your "
               "traffic or report attacks.")
          .remediation("Associate a DDoS Network Protection plan (shared "
                       "across networks) or enable DDoS IP Protection on the "
                       "public IPs")
          .reference("Policy: Azure DDoS Protection should be enabled")
          .onArm({"Microsoft.Network/virtualNetworks"}, ddosProtected)
          .onTerraform("azurerm", {"azurerm_virtual_network"}, ddosProtected)
          .build();
  return C;
}

} // namespace rampart::checks
