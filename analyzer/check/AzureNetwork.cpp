//===- AzureNetwork.cpp - Azure network relations, NSG decision -----------===//
#include "analyzer/check/AzureNetwork.h"

#include "analyzer/check/Property.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>

namespace rampart::check {

using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

constexpr llvm::StringLiteral ArmVnet = "Microsoft.Network/virtualNetworks";
constexpr llvm::StringLiteral ArmSubnet =
    "Microsoft.Network/virtualNetworks/subnets";
constexpr llvm::StringLiteral ArmRule =
    "Microsoft.Network/networkSecurityGroups/securityRules";

/// A set reference whose target cannot be named (a literal that is not an
/// ARM id) still says the property is set: Outside, not Unknown.
Target setReference(const model::DeploymentUnit &U, const Value *V) {
  Target T = resolveReference(U, V);
  if (T.Result == Target::State::Unknown && V && V->is(ValueKind::String) &&
      !V->asString().empty())
    T.Result = Target::State::Outside;
  return T;
}

bool hasAttachmentEdge(const model::DeploymentUnit &U, const Resource &From,
                       const Resource *To) {
  return llvm::any_of(U.Graph.edges(), [&](const model::Edge &E) {
    return E.Kind == model::EdgeKind::Attachment && E.From == From.Id &&
           (!To || E.To == To->Id);
  });
}

/// Whether the association A joins Owner through its argument Arg.
Truth joins(const model::DeploymentUnit &U, const Resource &A,
            llvm::StringRef Arg, const Resource &Owner) {
  if (hasAttachmentEdge(U, A, &Owner))
    return Truth::True;
  Target T = resolveReference(U, A.Properties.get(Arg));
  switch (T.Result) {
  case Target::State::Resolved:
    return fromBool(T.Resource == &Owner);
  case Target::State::Missing:
  case Target::State::Outside:
    return Truth::False;
  case Target::State::Unknown:
    return Truth::Unknown;
  }
  return Truth::Unknown;
}

/// The NSG an azurerm association resource gives Owner: the first
/// association that surely joins it; else Unknown when one may.
Target nsgByAssociation(const model::DeploymentUnit &U, const Resource &Owner,
                        llvm::StringRef AssociationType,
                        llvm::StringRef OwnerArg) {
  Target Maybe;
  for (const Resource *A : deployedOfType(U, {AssociationType})) {
    Truth J = joins(U, *A, OwnerArg, Owner);
    if (J == Truth::False)
      continue;
    Target N = setReference(U, A->Properties.get("network_security_group_id"));
    bool Set = N.Result == Target::State::Resolved ||
               N.Result == Target::State::Outside;
    if (J == Truth::True && Set)
      return N;
    if (Maybe.Result != Target::State::Unknown) {
      const Value *Via =
          J == Truth::Unknown ? A->Properties.get(OwnerArg) : N.Via;
      Maybe = {Target::State::Unknown, nullptr, Via ? Via : &A->Properties, {}};
    }
  }
  return Maybe;
}

/// Whether Mine's argument equals Theirs' (Azure names ignore case); a
/// missing one is False.
Truth sameName(const Resource &Mine, llvm::StringRef MyArg,
               const Resource &Theirs, llvm::StringRef TheirArg) {
  const Value *A = Mine.Properties.get(MyArg);
  const Value *B = Theirs.Properties.get(TheirArg);
  if (!A || !B || A->isNull() || B->isNull())
    return Truth::False;
  return valueEquals(*A, *B, /*IgnoreCase=*/true).T;
}

const Resource *deployedArmVnet(const model::DeploymentUnit &U,
                                llvm::StringRef Name) {
  std::string Id = (ArmVnet + "/" + Name).str();
  for (const Resource *R : deployedOfType(U, {ArmVnet}))
    if (llvm::StringRef(R->Id).equals_insensitive(Id))
      return R;
  return nullptr;
}

/// The inline subnet that a unit id `Microsoft.Network/virtualNetworks/
/// subnets/vnet/a` names, when vnet is deployed here.
SubnetTarget inlineSubnetByUnitId(const model::DeploymentUnit &U,
                                  llvm::StringRef UnitId, const Value *Via) {
  SubnetTarget Out{Target::State::Outside, {}, Via};
  std::string Prefix = (ArmSubnet + "/").str();
  if (!UnitId.startswith_insensitive(Prefix))
    return Out;
  auto [VnetName, SubnetName] = UnitId.drop_front(Prefix.size()).split('/');
  const Resource *Vnet = deployedArmVnet(U, VnetName);
  if (!Vnet)
    return Out;
  SubnetList Inline = inlineSubnetsOf(*Vnet);
  bool Unsure = Inline.Unknown != nullptr;
  for (const Subnet &S : Inline.Subnets) {
    std::optional<std::string> Name = S.name();
    if (!Name)
      Unsure = true;
    else if (llvm::StringRef(*Name).equals_insensitive(SubnetName))
      return {Target::State::Resolved, S, Via};
  }
  if (Unsure)
    Out.Result = Target::State::Unknown;
  return Out;
}

/// `vnet.properties.subnets[N]...`: the Nth inline subnet.
SubnetTarget inlineSubnetByAttribute(const Resource &Vnet,
                                     llvm::ArrayRef<std::string> Attribute,
                                     const Value *Via) {
  SubnetTarget Unknown{Target::State::Unknown, {}, Via};
  unsigned Index = 0;
  if (Attribute.size() < 3 ||
      !llvm::StringRef(Attribute[0]).equals_insensitive("properties") ||
      !llvm::StringRef(Attribute[1]).equals_insensitive("subnets") ||
      llvm::StringRef(Attribute[2]).getAsInteger(10, Index))
    return Unknown;
  SubnetList Inline = inlineSubnetsOf(Vnet);
  if (Inline.Unknown || Index >= Inline.Subnets.size())
    return Unknown;
  return {Target::State::Resolved, Inline.Subnets[Index], Via};
}

} // namespace

Target referenceAt(const model::DeploymentUnit &U, const Value &Props,
                   llvm::StringRef Path, bool Arm) {
  Lookup L = lookupPath(Props, Path, Arm);
  if (L.Result == Lookup::State::Missing)
    return {};
  // An unknown value on the way is unknown; the property itself may be a
  // reference, known only after deployment.
  if (L.Result == Lookup::State::Unknown && !L.AtEnd)
    return {Target::State::Unknown, nullptr, L.Value, {}};
  return resolveReference(U, L.Value);
}

//===----------------------------------------------------------------------===//
// Subnets
//===----------------------------------------------------------------------===//

std::optional<std::string> Subnet::name() const {
  if (!Fields || !Fields->is(ValueKind::Object))
    return std::nullopt;
  const Value *N = isArmResource(*Resource) ? Fields->getInsensitive("name")
                                            : Fields->get("name");
  if (!N || !N->is(ValueKind::String))
    return std::nullopt;
  // ARM names a top-level child "vnet/a".
  return N->asString().rsplit('/').second.empty()
             ? N->asString().str()
             : N->asString().rsplit('/').second.str();
}

SubnetList inlineSubnetsOf(const Resource &Vnet) {
  SubnetList Out;
  bool Arm = isArmResource(Vnet);
  if (!hasType(Vnet, {ArmVnet, "azurerm_virtual_network"}))
    return Out;
  ListAt L =
      listAt(Vnet.Properties, Arm ? "properties.subnets" : "subnet", Arm);
  Out.Unknown = L.Unknown;
  for (const Value &Item : L.Items)
    Out.Subnets.push_back({&Vnet, &Item, true});
  return Out;
}

SubnetList subnetsOf(const model::DeploymentUnit &U, const Resource &Vnet) {
  SubnetList Out = inlineSubnetsOf(Vnet);
  if (isArmResource(Vnet)) {
    for (const Resource *R : childrenOf(U, Vnet, {ArmSubnet}))
      Out.Subnets.push_back({R, &R->Properties, false});
    return Out;
  }
  for (const Resource *R : deployedOfType(U, {"azurerm_subnet"})) {
    Truth Member = truthAnd(
        sameName(*R, "virtual_network_name", Vnet, "name"),
        sameName(*R, "resource_group_name", Vnet, "resource_group_name"));
    if (Member == Truth::True)
      Out.Subnets.push_back({R, &R->Properties, false});
    else if (Member == Truth::Unknown && !Out.Unknown)
      Out.Unknown = R->Properties.get("virtual_network_name");
  }
  return Out;
}

SubnetTarget resolveSubnet(const model::DeploymentUnit &U, const Value *V) {
  Target T = resolveReference(U, V);
  SubnetTarget Out{T.Result, {}, T.Via};
  if (T.Result == Target::State::Resolved) {
    const Resource &R = *T.Resource;
    if (hasType(R, {ArmSubnet, "azurerm_subnet"})) {
      Out.TheSubnet = {&R, &R.Properties, false};
      return Out;
    }
    if (hasType(R, {ArmVnet}))
      return inlineSubnetByAttribute(R, T.Attribute, T.Via);
    // A Terraform network's subnet blocks form a set, and anything else is
    // not a subnet: which subnet is meant cannot be told.
    Out.Result = Target::State::Unknown;
    return Out;
  }
  if (T.Result != Target::State::Outside)
    return Out;
  std::string UnitId = V->is(ValueKind::Expression)
                           ? V->refersTo().str()
                           : unitIdOfArmResourceId(V->asString());
  return inlineSubnetByUnitId(U, UnitId, T.Via);
}

//===----------------------------------------------------------------------===//
// Relations
//===----------------------------------------------------------------------===//

Target nsgOfSubnet(const model::DeploymentUnit &U, const Subnet &S) {
  if (!S.Resource || !S.Fields)
    return {};
  if (isArmResource(*S.Resource))
    return referenceAt(U, *S.Fields, "properties.networkSecurityGroup.id",
                       true);
  if (S.Inline) {
    return setReference(U, valueAt(*S.Fields, "security_group", false));
  }
  return nsgByAssociation(U, *S.Resource,
                          "azurerm_subnet_network_security_group_association",
                          "subnet_id");
}

Target nsgOfNic(const model::DeploymentUnit &U, const Resource &Nic) {
  if (isArmResource(Nic))
    return referenceAt(U, Nic.Properties, "properties.networkSecurityGroup.id",
                       true);
  return nsgByAssociation(
      U, Nic, "azurerm_network_interface_security_group_association",
      "network_interface_id");
}

IpConfigurations ipConfigurationsOf(const Resource &Nic) {
  bool Arm = isArmResource(Nic);
  ListAt L =
      listAt(Nic.Properties,
             Arm ? "properties.ipConfigurations" : "ip_configuration", Arm);
  IpConfigurations Out;
  Out.Unknown = L.Unknown;
  for (const Value &Config : L.Items)
    Out.Configs.push_back(
        {&Config,
         valueAt(Config,
                 Arm ? "properties.publicIPAddress.id" : "public_ip_address_id",
                 Arm),
         valueAt(Config, Arm ? "properties.subnet.id" : "subnet_id", Arm)});
  return Out;
}

Target publicIpOf(const model::DeploymentUnit &U, const Resource &Nic) {
  IpConfigurations Configs = ipConfigurationsOf(Nic);
  Target Maybe;
  if (Configs.Unknown)
    Maybe = {Target::State::Unknown, nullptr, Configs.Unknown, {}};
  for (const IpConfiguration &C : Configs.Configs) {
    if (!C.PublicIp)
      continue;
    Target T = setReference(U, C.PublicIp);
    if (T.Result == Target::State::Resolved ||
        T.Result == Target::State::Outside)
      return T;
    if (T.Result == Target::State::Unknown && !Maybe.Via)
      Maybe = T;
  }
  return Maybe;
}

std::vector<Target> nicsOf(const model::DeploymentUnit &U, const Resource &Vm) {
  bool Arm = isArmResource(Vm);
  ListAt L = listAt(Vm.Properties,
                    Arm ? "properties.networkProfile.networkInterfaces"
                        : "network_interface_ids",
                    Arm);
  if (L.Unknown)
    return {{Target::State::Unknown, nullptr, L.Unknown, {}}};
  std::vector<Target> Out;
  for (const Value &Item : L.Items) {
    Target T =
        Arm ? referenceAt(U, Item, "id", true) : resolveReference(U, &Item);
    if (T.Result != Target::State::Missing)
      Out.push_back(T);
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// NSG rules
//===----------------------------------------------------------------------===//

std::string NsgRule::name() const {
  const Value *Holder = Arm ? Element : Fields;
  if (!Holder || !Holder->is(ValueKind::Object))
    return "";
  const Value *N = Arm ? Holder->getInsensitive("name") : Holder->get("name");
  if (!N || !N->is(ValueKind::String))
    return "";
  llvm::StringRef Name = N->asString();
  return Name.contains('/') ? Name.rsplit('/').second.str() : Name.str();
}

namespace {

/// Whether a separate azurerm_network_security_rule belongs to Nsg: by its
/// attachment edge (an expression naming the NSG), else by literal
/// network_security_group_name and resource_group_name.
Truth ruleBelongsTo(const model::DeploymentUnit &U, const Resource &Rule,
                    const Resource &Nsg) {
  if (hasAttachmentEdge(U, Rule, &Nsg))
    return Truth::True;
  if (hasAttachmentEdge(U, Rule, nullptr))
    return Truth::False; // attached to another NSG
  return truthAnd(
      sameName(Rule, "network_security_group_name", Nsg, "name"),
      sameName(Rule, "resource_group_name", Nsg, "resource_group_name"));
}

void addRules(NsgRules &Out, const Resource &Declaring, ListAt L, bool Arm) {
  if (L.Unknown && !Out.Unknown)
    Out.Unknown = L.Unknown;
  for (const Value &Item : L.Items) {
    const Value *Fields = &Item;
    if (Arm)
      Fields = Item.is(ValueKind::Object) ? Item.getInsensitive("properties")
                                          : nullptr;
    Out.Rules.push_back({&Declaring, Fields, &Item, Truth::True, Arm});
  }
}

} // namespace

NsgRules nsgRules(const model::DeploymentUnit &U, const Resource &Nsg) {
  NsgRules Out;
  if (isArmResource(Nsg)) {
    addRules(Out, Nsg, listAt(Nsg.Properties, "properties.securityRules", true),
             true);
    for (const Resource *R : childrenOf(U, Nsg, {ArmRule}))
      Out.Rules.push_back({R, R->Properties.getInsensitive("properties"),
                           &R->Properties, Truth::True, true});
    return Out;
  }
  addRules(Out, Nsg, listAt(Nsg.Properties, "security_rule", false), false);
  for (const Resource *R :
       deployedOfType(U, {"azurerm_network_security_rule"})) {
    Truth Member = ruleBelongsTo(U, *R, Nsg);
    if (Member != Truth::False)
      Out.Rules.push_back({R, &R->Properties, &R->Properties, Member, false});
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// The effective decision
//===----------------------------------------------------------------------===//

namespace {

/// A rule's field, by its ARM and Terraform names; null when missing.
const Value *field(const NsgRule &R, llvm::StringRef ArmName,
                   llvm::StringRef TfName) {
  if (!R.Fields || !R.Fields->is(ValueKind::Object))
    return nullptr;
  const Value *V =
      R.Arm ? R.Fields->getInsensitive(ArmName) : R.Fields->get(TfName);
  return V && !V->isNull() ? V : nullptr;
}

/// Either spelling (singular, plural) matching, by Pred; neither set is
/// False (a rule that names application security groups instead).
template <typename Pred>
Match eitherMatches(const Value *Single, const Value *Plural, Pred P) {
  Match Out;
  for (const Value *V : {Single, Plural}) {
    if (!V)
      continue;
    Match M = P(*V);
    if (M.isTrue())
      return M;
    if (M.isUnknown() && !Out.isUnknown())
      Out = M;
    else if (!Out.isUnknown() && !Out.Where)
      Out = M;
  }
  return Out;
}

/// Whether the rule applies to inbound internet traffic to Port over
/// Protocol. True: Where is the destination port value that covers Port.
Match ruleMatches(const NsgRule &R, int Port, IpProtocol Protocol) {
  if (!R.Fields)
    return {Truth::Unknown, R.Element,
            "the properties of rule '" + R.name() + "' are not known"};
  if (!R.Fields->isKnown())
    return {Truth::Unknown, R.Fields, {}};
  auto Required = [&](llvm::StringRef ArmName, llvm::StringRef TfName,
                      auto Test) -> Match {
    const Value *V = field(R, ArmName, TfName);
    if (!V)
      return {Truth::Unknown, R.Fields,
              "rule '" + R.name() + "' has no " +
                  (R.Arm ? ArmName : TfName).str()};
    return Test(*V);
  };
  Match Direction = Required("direction", "direction", [](const Value &V) {
    return equalsInsensitive(V, "Inbound");
  });
  Match Proto = Required("protocol", "protocol", [&](const Value &V) {
    return Protocol == IpProtocol::Tcp ? protocolIncludesTcp(V)
                                       : protocolIncludesUdp(V);
  });
  Match Source = eitherMatches(
      field(R, "sourceAddressPrefix", "source_address_prefix"),
      field(R, "sourceAddressPrefixes", "source_address_prefixes"),
      [](const Value &V) { return isInternetSourceAzure(V); });
  Match Ports = eitherMatches(
      field(R, "destinationPortRange", "destination_port_range"),
      field(R, "destinationPortRanges", "destination_port_ranges"),
      [&](const Value &V) { return portCovers(V, Port); });
  Match Member{R.Member,
               R.Member == Truth::Unknown
                   ? R.Fields->get("network_security_group_name")
                   : nullptr,
               {}};
  if (Member.isUnknown() && !Member.Where)
    Member.Where = R.Element;
  const Match *FirstUnknown = nullptr;
  for (const Match *M : {&Direction, &Proto, &Source, &Ports, &Member}) {
    if (M->isFalse())
      return *M;
    if (M->isUnknown() && !FirstUnknown)
      FirstUnknown = M;
  }
  return FirstUnknown ? *FirstUnknown : Ports;
}

std::optional<int64_t> priorityOf(const NsgRule &R) {
  const Value *P = field(R, "priority", "priority");
  if (!P)
    return std::nullopt;
  if (P->is(ValueKind::Int))
    return P->asInt();
  int64_t N = 0;
  if (P->is(ValueKind::String) && !P->asString().getAsInteger(10, N))
    return N;
  return std::nullopt;
}

/// Allow is True, Deny False.
Match allows(const NsgRule &R) {
  const Value *A = field(R, "access", "access");
  if (!A)
    return {Truth::Unknown, R.Fields ? R.Fields : R.Element,
            "rule '" + R.name() + "' has no access"};
  return equalsInsensitive(*A, "Allow");
}

struct Candidate {
  NsgRule Rule;
  Match Matches;
  int64_t Priority;
};

} // namespace

NsgDecision internetInboundDecision(const NsgRules &Rules, int Port,
                                    IpProtocol Protocol) {
  if (Rules.Unknown)
    return {Truth::Unknown, std::nullopt, Rules.Unknown,
            "the security rules are not known"};
  std::vector<Candidate> Candidates;
  for (const NsgRule &R : Rules.Rules) {
    Match M = ruleMatches(R, Port, Protocol);
    if (M.isFalse())
      continue;
    std::optional<int64_t> P = priorityOf(R);
    if (!P) {
      const Value *Where = field(R, "priority", "priority");
      return {Truth::Unknown, std::nullopt,
              Where ? Where : (R.Fields ? R.Fields : R.Element),
              "the priority of rule '" + R.name() + "' is not known"};
    }
    Candidates.push_back({R, M, *P});
  }
  std::stable_sort(Candidates.begin(), Candidates.end(),
                   [](const Candidate &A, const Candidate &B) {
                     return A.Priority < B.Priority;
                   });
  // Rules that may or may not apply before the first one that surely does:
  // the decision stands only if each of them would decide the same way.
  bool MayAllow = false, MayDeny = false;
  NsgDecision Pending{Truth::Unknown, std::nullopt, nullptr, {}};
  for (const Candidate &C : Candidates) {
    Match Access = allows(C.Rule);
    if (C.Matches.isTrue() && !Access.isUnknown()) {
      bool Allowed = Access.isTrue();
      if ((Allowed && MayDeny) || (!Allowed && MayAllow))
        return Pending;
      const Value *Where = Allowed ? C.Matches.Where : Access.Where;
      return {fromBool(Allowed), C.Rule, Where, {}};
    }
    MayAllow |= !Access.isFalse();
    MayDeny |= !Access.isTrue();
    if (!Pending.Where) {
      const Match &Why = C.Matches.isUnknown() ? C.Matches : Access;
      Pending.Rule = C.Rule;
      Pending.Where = Why.Where;
      Pending.Reason = Why.Reason;
    }
  }
  // No rule surely matched: DenyAllInBound decides (AllowVnetInBound and
  // AllowAzureLoadBalancerInBound never match an internet source).
  if (MayAllow)
    return Pending;
  return {};
}

} // namespace rampart::check
