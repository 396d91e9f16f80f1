//===- AwsExposure.cpp - AWS: what the internet reaches -------------------===//
//
// An EC2 instance is reached from the internet when it has a public IPv4
// (an Elastic IP, AssociatePublicIpAddress, or its subnet's
// MapPublicIpOnLaunch), its subnet routes 0.0.0.0/0 or ::/0 to an internet
// gateway, the subnet's network ACL allows the port, and one of its
// security groups does (groups are allow-only: the union of their ingress
// rules, inline and declared as separate resources). Besides instances:
// internet-facing load balancers with their listeners (and the instances
// their target groups forward to), publicly accessible RDS instances, API
// Gateway APIs and Lambda function URLs without authentication.
//
// The security-group and NACL decisions are the checks' own, from
// analyzer/check/AwsNetwork.h, so the map never contradicts AWS-EC2-001..003
// or AWS-VPC-003.
//
//===----------------------------------------------------------------------===//
#include "analyzer/check/AwsNetwork.h"
#include "analyzer/check/Property.h"
#include "analyzer/check/Relations.h"
#include "analyzer/exposure/ExposureParts.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <memory>

namespace rampart::exposure::detail {

using check::IpProtocol;
using check::Match;
using check::Target;
using check::Truth;
using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

bool isCfn(const Resource &R) {
  return llvm::StringRef(R.Type).startswith("AWS::");
}

const Value &nullValue() {
  static const Value Null;
  return Null;
}

const Value &orNull(const Value *V) { return V ? *V : nullValue(); }

/// Whether V (a reference, or a list holding one) names the resource Id.
bool refersTo(const Value *V, llvm::StringRef Id) {
  if (!V)
    return false;
  llvm::StringSet<> Refs;
  model::collectReferences(*V, Refs);
  return Refs.contains(Id);
}

/// The deployed resources of Types whose Prop refers to Owner (or that an
/// attachment edge joins to it).
std::vector<const Resource *> joinedTo(const model::DeploymentUnit &U,
                                       const Resource &Owner,
                                       llvm::ArrayRef<llvm::StringRef> Types,
                                       llvm::StringRef Prop) {
  std::vector<const Resource *> Out;
  // Once per owner, not per candidate: a unit with thousands of instances
  // and addresses must not walk every edge for each pair.
  llvm::StringSet<> Attached = check::attachedTo(U, Owner.Id);
  for (const Resource *R : check::deployedOfType(U, Types))
    if (refersTo(R->Properties.get(Prop), Owner.Id) || Attached.contains(R->Id))
      Out.push_back(R);
  return Out;
}

/// The first deployed resource of Types that V refers to.
const Resource *referencedOfType(const model::DeploymentUnit &U, const Value *V,
                                 llvm::ArrayRef<llvm::StringRef> Types) {
  if (!V)
    return nullptr;
  llvm::StringSet<> Refs;
  model::collectReferences(*V, Refs);
  for (const Resource *R : check::deployedOfType(U, Types))
    if (Refs.contains(R->Id))
      return R;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Security groups
//===----------------------------------------------------------------------===//

/// One ingress rule with the group it belongs to.
struct SgRule {
  check::IngressRule Rule;
  const Resource *Group = nullptr;
};

std::string portsText(const check::IngressRule &R) {
  const Value &Proto = orNull(R.Rule->get(R.Shape->Protocol));
  if (check::valueEquals(Proto, Value::string("-1")).isTrue() ||
      check::equalsInsensitive(Proto, "all").isTrue())
    return "all traffic";
  const Value *From = R.Rule->get(R.Shape->From);
  const Value *To = R.Rule->get(R.Shape->To);
  std::string Text = From ? check::describeValue(*From) : "?";
  if (To && !(From && From->sameAs(*To)))
    Text += "-" + check::describeValue(*To);
  return Text;
}

/// Adds the ingress rules of a group (check::ingressRulesOf, as the checks
/// read them). UnknownList is set when its inline list is not known.
void rulesOfGroup(const model::DeploymentUnit &U, const Resource &G,
                  std::vector<SgRule> &Out, const Value *&UnknownList) {
  check::IngressRules Rules = check::ingressRulesOf(U, G);
  if (Rules.Unknown && !UnknownList)
    UnknownList = Rules.Unknown;
  for (const check::IngressRule &R : Rules.Rules)
    Out.push_back({R, &G});
}

/// The security groups' gate: allowed when some rule of some group opens
/// the port (a union, allow-only).
struct GroupSet {
  std::vector<SgRule> Rules;
  /// Why some rule set is not known (a group outside the unit, an unknown
  /// list), with where it shows.
  std::string UnknownReason;
  std::optional<Hop> UnknownStep;
};

Gate groupsGate(std::shared_ptr<GroupSet> Set) {
  Gate G;
  for (const SgRule &R : Set->Rules)
    if (R.Rule.Rule->isKnown())
      addRangeCuts(R.Rule.Rule->get(R.Rule.Shape->From),
                   R.Rule.Rule->get(R.Rule.Shape->To), G.Cuts);
  G.Decide = [Set](int Port, IpProtocol Protocol) -> GateVerdict {
    std::optional<GateVerdict> Unknown;
    for (const SgRule &R : Set->Rules) {
      Match M = check::ingressRuleOpens(*R.Rule.Rule, *R.Rule.Shape, Port,
                                        Protocol == IpProtocol::Tcp,
                                        Protocol == IpProtocol::Udp);
      std::string Label = "security group " + quotedName(*R.Group);
      if (M.isTrue())
        return {Truth::True,
                hopAt(*R.Rule.Declaring,
                      Label + " allows " + portsText(R.Rule) + " from " +
                          check::describeValue(*M.Where),
                      M.Where),
                {}};
      if (M.isUnknown() && !Unknown)
        Unknown = GateVerdict{
            Truth::Unknown,
            hopAt(*R.Rule.Declaring, Label + " may allow", M.Where),
            Label + ": " +
                (M.Reason.empty()
                     ? unknownReason(M.Where, "a rule value is not known")
                     : M.Reason)};
    }
    if (Unknown)
      return *Unknown;
    if (!Set->UnknownReason.empty())
      return {Truth::Unknown, Set->UnknownStep, Set->UnknownReason};
    return {};
  };
  return G;
}

/// The groups a list of references names (SecurityGroupIds, GroupSet,
/// vpc_security_group_ids...), added to Set. Whether any was named.
bool addGroups(const model::DeploymentUnit &U, const Resource &Owner,
               const Value *List, GroupSet &Set) {
  bool Any = false;
  for (const Value *Ref : check::elementsOf(List)) {
    Any = true;
    Target T = check::resolveReference(U, Ref);
    if (T.Result == Target::State::Resolved &&
        check::isSecurityGroup(*T.Resource) && !T.Resource->Existing) {
      const Value *UnknownList = nullptr;
      rulesOfGroup(U, *T.Resource, Set.Rules, UnknownList);
      if (UnknownList && Set.UnknownReason.empty()) {
        Set.UnknownReason = "the ingress rules of security group " +
                            quotedName(*T.Resource) + " are not known";
        Set.UnknownStep =
            hopAt(*T.Resource, "security group " + quotedName(*T.Resource),
                  UnknownList);
      }
      continue;
    }
    // CloudFormation SecurityGroups may name a group by its GroupName.
    if (Ref->is(ValueKind::String)) {
      bool Found = false;
      for (const Resource *G : check::deployedOfType(
               U, {"AWS::EC2::SecurityGroup", "aws_security_group"})) {
        const Value *Name = G->Properties.get(isCfn(*G) ? "GroupName" : "name");
        if (Name && check::valueEquals(*Name, *Ref).isTrue()) {
          const Value *UnknownList = nullptr;
          rulesOfGroup(U, *G, Set.Rules, UnknownList);
          Found = true;
        }
      }
      if (Found)
        continue;
    }
    if (Set.UnknownReason.empty()) {
      Set.UnknownReason =
          T.Result == Target::State::Unknown
              ? "a security group of " + quotedName(Owner) +
                    " is not known: " + unknownReason(Ref, "unresolved")
              : "security group " + check::describeValue(*Ref) +
                    " is not declared in this unit";
      Set.UnknownStep =
          hopAt(Owner, "security group of " + quotedName(Owner), Ref);
    }
  }
  return Any;
}

//===----------------------------------------------------------------------===//
// Subnets: public IPs, routes, network ACLs
//===----------------------------------------------------------------------===//

/// Where a subnet reference leads: a subnet of the unit, none (the default
/// subnet of the default VPC), or one that cannot be told.
struct SubnetRef {
  enum class Kind : uint8_t { Declared, Default, Unknown } TheKind;
  const Resource *Subnet = nullptr;
  const Value *Via = nullptr;
};

SubnetRef subnetOf(const model::DeploymentUnit &U, const Value *V) {
  if (!V || V->isNull())
    return {SubnetRef::Kind::Default, nullptr, nullptr};
  Target T = check::resolveReference(U, V);
  if (T.Result == Target::State::Resolved &&
      check::hasType(*T.Resource,
                     {"AWS::EC2::Subnet", "aws_subnet", "aws_default_subnet"}))
    return {T.Resource->Type == "aws_default_subnet"
                ? SubnetRef::Kind::Default
                : SubnetRef::Kind::Declared,
            T.Resource, V};
  return {SubnetRef::Kind::Unknown, nullptr, V};
}

/// Whether a route's target is an internet gateway: a gateway of the unit
/// of that type, or an "igw-" id.
Truth gatewayIsInternet(const model::DeploymentUnit &U, const Value *Gateway) {
  if (!Gateway || Gateway->isNull())
    return Truth::False;
  Target T = check::resolveReference(U, Gateway);
  if (T.Result == Target::State::Resolved)
    return check::fromBool(check::hasType(
        *T.Resource, {"AWS::EC2::InternetGateway", "aws_internet_gateway"}));
  if (Gateway->is(ValueKind::String))
    return check::fromBool(Gateway->asString().startswith("igw-"));
  return Truth::Unknown;
}

/// A route's verdict: True when it sends the whole internet range to an
/// internet gateway. Where is its destination CIDR.
struct RouteVerdict {
  Truth Internet = Truth::False;
  const Resource *Declaring = nullptr;
  const Value *Where = nullptr;
};

RouteVerdict judgeRoute(const model::DeploymentUnit &U, const Resource &Decl,
                        const Value &Route, const char *V4, const char *V6,
                        const char *Gateway) {
  if (!Route.isKnown())
    return {Truth::Unknown, &Decl, &Route};
  RouteVerdict Out{Truth::False, &Decl, nullptr};
  for (const char *Dest : {V4, V6}) {
    const Value *Cidr = Route.get(Dest);
    if (!Cidr || Cidr->isNull())
      continue;
    Truth T = check::truthAnd(check::isInternetCidr(*Cidr).T,
                              gatewayIsInternet(U, Route.get(Gateway)));
    if (T == Truth::True)
      return {T, &Decl, Cidr};
    if (T == Truth::Unknown && Out.Internet == Truth::False)
      Out = {T, &Decl, Cidr};
  }
  return Out;
}

/// The route table of a subnet: its association's table, else the VPC's
/// main table as the unit declares it (none: the main table the VPC
/// creates, which has only the local route).
struct TableRef {
  const Resource *Table = nullptr;
  const Value *Unresolved = nullptr; ///< An association's unknown table.
};

TableRef routeTableOf(const model::DeploymentUnit &U, const Resource &Subnet) {
  bool Cfn = isCfn(Subnet);
  for (const Resource *A :
       joinedTo(U, Subnet,
                {Cfn ? "AWS::EC2::SubnetRouteTableAssociation"
                     : "aws_route_table_association"},
                Cfn ? "SubnetId" : "subnet_id")) {
    const Value *TableRefValue =
        A->Properties.get(Cfn ? "RouteTableId" : "route_table_id");
    Target T = check::resolveReference(U, TableRefValue);
    if (T.Result == Target::State::Resolved)
      return {T.Resource, nullptr};
    return {nullptr, TableRefValue ? TableRefValue : &A->Properties};
  }
  if (Cfn)
    return {};
  // Terraform may declare the main table: aws_default_route_table, or a
  // table made main by aws_main_route_table_association, for this VPC.
  const Value *Vpc = Subnet.Properties.get("vpc_id");
  llvm::StringSet<> VpcRefs;
  if (Vpc)
    model::collectReferences(*Vpc, VpcRefs);
  for (const Resource *D :
       check::deployedOfType(U, {"aws_default_route_table"})) {
    llvm::StringSet<> Refs;
    if (const Value *Id = D->Properties.get("default_route_table_id"))
      model::collectReferences(*Id, Refs);
    for (const auto &R : Refs)
      if (VpcRefs.contains(R.getKey()))
        return {D, nullptr};
  }
  for (const Resource *M :
       check::deployedOfType(U, {"aws_main_route_table_association"}))
    if (const Value *MVpc = M->Properties.get("vpc_id")) {
      llvm::StringSet<> Refs;
      model::collectReferences(*MVpc, Refs);
      for (const auto &R : Refs)
        if (VpcRefs.contains(R.getKey())) {
          Target T =
              check::resolveReference(U, M->Properties.get("route_table_id"));
          if (T.Result == Target::State::Resolved)
            return {T.Resource, nullptr};
          return {nullptr, M->Properties.get("route_table_id")};
        }
    }
  return {};
}

/// The verdict of a route table: some route to an internet gateway.
RouteVerdict tableRoutesInternet(const model::DeploymentUnit &U,
                                 const Resource &Table) {
  RouteVerdict Best{Truth::False, &Table, nullptr};
  auto Fold = [&](RouteVerdict V) {
    if (V.Internet == Truth::True && Best.Internet != Truth::True)
      Best = V;
    else if (V.Internet == Truth::Unknown && Best.Internet == Truth::False)
      Best = V;
  };
  if (isCfn(Table)) {
    for (const Resource *R :
         joinedTo(U, Table, {"AWS::EC2::Route"}, "RouteTableId"))
      Fold(judgeRoute(U, *R, R->Properties, "DestinationCidrBlock",
                      "DestinationIpv6CidrBlock", "GatewayId"));
    return Best;
  }
  for (const Value *Inline : check::elementsOf(Table.Properties.get("route")))
    Fold(judgeRoute(U, Table, *Inline, "cidr_block", "ipv6_cidr_block",
                    "gateway_id"));
  for (const Resource *R : joinedTo(U, Table, {"aws_route"}, "route_table_id"))
    Fold(judgeRoute(U, *R, R->Properties, "destination_cidr_block",
                    "destination_ipv6_cidr_block", "gateway_id"));
  return Best;
}

/// The routing gate of a subnet: open only when it routes the internet to
/// an internet gateway (a private subnet is not reachable, whatever its
/// groups allow).
Gate routeGate(const model::DeploymentUnit &U, const SubnetRef &S) {
  if (S.TheKind == SubnetRef::Kind::Default)
    return openGate(); // the default VPC routes to its internet gateway
  if (S.TheKind == SubnetRef::Kind::Unknown)
    return unknownGate("the subnet is not declared in this unit, so its "
                       "routes are not known",
                       std::nullopt);
  TableRef T = routeTableOf(U, *S.Subnet);
  if (T.Unresolved)
    return unknownGate(
        "the route table of subnet " + quotedName(*S.Subnet) + " is not known",
        hopAt(*S.Subnet, "subnet " + quotedName(*S.Subnet), T.Unresolved));
  if (!T.Table)
    return {{}, [](int, IpProtocol) { return GateVerdict{}; }};
  RouteVerdict V = tableRoutesInternet(U, *T.Table);
  if (V.Internet == Truth::False)
    return {{}, [](int, IpProtocol) { return GateVerdict{}; }};
  Hop Step = hopAt(*V.Declaring,
                   "route table " + quotedName(*T.Table) +
                       " routes the internet to an internet gateway",
                   V.Where);
  if (V.Internet == Truth::Unknown)
    return unknownGate("route table " + quotedName(*T.Table) + ": " +
                           unknownReason(V.Where, "a route is not known"),
                       Step);
  return {{}, [Step](int, IpProtocol) {
            return GateVerdict{Truth::True, Step, {}};
          }};
}

/// The ACL's gate: the checks' decision (check::naclIngressFromInternet),
/// per port.
Gate naclGate(const model::DeploymentUnit &U, const Resource &Acl) {
  auto Entries = std::make_shared<std::vector<check::NaclEntry>>(
      check::networkAclEntries(U, Acl));
  Gate G;
  for (const check::NaclEntry &E : *Entries)
    addRangeCuts(E.From, E.To, G.Cuts);
  G.Decide = [Entries, &Acl](int Port, IpProtocol Protocol) -> GateVerdict {
    check::NaclDecision D =
        check::naclIngressFromInternet(*Entries, Port, Protocol);
    if (D.Allows == Truth::False)
      return {};
    std::string Label = "network ACL " + quotedName(Acl);
    if (D.Entry && D.Entry->RuleNumber)
      Label += " entry " + check::describeValue(*D.Entry->RuleNumber);
    const Resource &At =
        D.Entry && D.Entry->Declaring ? *D.Entry->Declaring : Acl;
    if (D.Allows == Truth::True)
      return {Truth::True, hopAt(At, Label + " allows", D.Where), {}};
    return {Truth::Unknown, hopAt(At, Label + " may allow", D.Where),
            Label + ": " + unknownReason(D.Where, "an entry is not known")};
  };
  return G;
}

/// The NACL gate of a subnet: its associated ACL, else the VPC's default
/// ACL, which allows all inbound traffic unless the unit declares it.
Gate subnetAclGate(const model::DeploymentUnit &U, const SubnetRef &S) {
  if (S.TheKind != SubnetRef::Kind::Declared)
    return S.TheKind == SubnetRef::Kind::Default
               ? openGate()
               : unknownGate("the subnet is not declared in this unit, so its "
                             "network ACL is not known",
                             std::nullopt);
  const Resource &Subnet = *S.Subnet;
  if (isCfn(Subnet)) {
    for (const Resource *A :
         joinedTo(U, Subnet, {"AWS::EC2::SubnetNetworkAclAssociation"},
                  "SubnetId")) {
      Target T = check::resolveReference(U, A->Properties.get("NetworkAclId"));
      if (T.Result == Target::State::Resolved)
        return naclGate(U, *T.Resource);
      return unknownGate("the network ACL of subnet " + quotedName(Subnet) +
                             " is not known",
                         hopAt(*A, "network ACL association",
                               A->Properties.get("NetworkAclId")));
    }
    return openGate();
  }
  for (const Resource *A :
       joinedTo(U, Subnet, {"aws_network_acl_association"}, "subnet_id")) {
    Target T = check::resolveReference(U, A->Properties.get("network_acl_id"));
    if (T.Result == Target::State::Resolved)
      return naclGate(U, *T.Resource);
    // Associated with an ACL we cannot see: not the open default.
    return unknownGate("the network ACL of subnet " + quotedName(Subnet) +
                           " is not known",
                       hopAt(*A, "network ACL association",
                             A->Properties.get("network_acl_id")));
  }
  for (const Resource *Acl :
       check::deployedOfType(U, {"aws_network_acl", "aws_default_network_acl"}))
    if (refersTo(Acl->Properties.get("subnet_ids"), Subnet.Id))
      return naclGate(U, *Acl);
  return openGate();
}

//===----------------------------------------------------------------------===//
// Instances
//===----------------------------------------------------------------------===//

/// What gives an instance a public IPv4.
struct PublicIp {
  Truth Has = Truth::False;
  std::optional<Hop> Step;
  std::string Reason;
};

/// An Elastic IP associated with the instance itself.
std::optional<PublicIp> elasticIpOf(const model::DeploymentUnit &U,
                                    const Resource &I) {
  for (auto [Type, Prop] : {std::pair{"AWS::EC2::EIP", "InstanceId"},
                            std::pair{"AWS::EC2::EIPAssociation", "InstanceId"},
                            std::pair{"aws_eip", "instance"},
                            std::pair{"aws_eip_association", "instance_id"}})
    for (const Resource *E : joinedTo(U, I, {Type}, Prop))
      return PublicIp{
          Truth::True, hopAt(*E, "Elastic IP " + quotedName(*E), nullptr), {}};
  return std::nullopt;
}

PublicIp publicIpOf(const model::DeploymentUnit &U, const Resource &I,
                    const SubnetRef &S, const Value *Associate) {
  bool Cfn = isCfn(I);
  if (std::optional<PublicIp> Elastic = elasticIpOf(U, I))
    return *Elastic;
  if (Associate && !Associate->isNull()) {
    Match On = check::valueEquals(*Associate, Value::boolean(true),
                                  /*IgnoreCase=*/true);
    return {On.T,
            hopAt(I,
                  "public IPv4 (" +
                      std::string(Cfn ? "AssociatePublicIpAddress"
                                      : "associate_public_ip_address") +
                      ")",
                  Associate),
            "whether the instance gets a public IPv4 is not known: " +
                unknownReason(Associate, "unknown")};
  }
  switch (S.TheKind) {
  case SubnetRef::Kind::Default:
    return {Truth::True,
            S.Subnet ? hopAt(*S.Subnet, "default subnet (assigns public IPs)",
                             nullptr)
                     : hopAt(I, "default subnet (assigns public IPs)", nullptr),
            {}};
  case SubnetRef::Kind::Unknown:
    return {Truth::Unknown, std::nullopt,
            "the subnet is not declared in this unit, so whether it assigns "
            "public IPs is not known"};
  case SubnetRef::Kind::Declared:
    break;
  }
  const Value *Map = S.Subnet->Properties.get(Cfn ? "MapPublicIpOnLaunch"
                                                  : "map_public_ip_on_launch");
  Truth T = isTrueOr(Map, false);
  return {
      T,
      hopAt(*S.Subnet,
            "subnet " + quotedName(*S.Subnet) + " assigns public IPs", Map),
      "whether subnet " + quotedName(*S.Subnet) +
          " assigns public IPs is not known: " + unknownReason(Map, "unknown")};
}

/// The primary interface an instance attaches by id (CloudFormation
/// `NetworkInterfaces[DeviceIndex 0].NetworkInterfaceId`, Terraform
/// `network_interface { device_index = 0, network_interface_id }`), if it
/// names one.
const Value *attachedInterfaceOf(const Resource &I, const Value *Interface0) {
  if (Interface0)
    return Interface0->get("NetworkInterfaceId");
  for (const Value *N :
       check::elementsOf(I.Properties.get("network_interface"))) {
    const Value *Index = N->isKnown() ? N->get("device_index") : nullptr;
    if (Index && check::valueEquals(*Index, Value::integer(0)).isTrue())
      return N->get("network_interface_id");
  }
  return nullptr;
}

/// The public IPv4 of an interface created on its own: only an Elastic IP
/// gives it one (subnets assign public IPs at launch, to new interfaces).
PublicIp publicIpOfInterface(const model::DeploymentUnit &U,
                             const Resource &Eni) {
  for (auto [Type, Prop] :
       {std::pair{"AWS::EC2::EIPAssociation", "NetworkInterfaceId"},
        std::pair{"aws_eip", "network_interface"},
        std::pair{"aws_eip_association", "network_interface_id"}})
    for (const Resource *E : joinedTo(U, Eni, {Type}, Prop))
      return {
          Truth::True, hopAt(*E, "Elastic IP " + quotedName(*E), nullptr), {}};
  return {};
}

void addInstanceExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  for (const Resource *I :
       check::deployedOfType(U, {"AWS::EC2::Instance", "aws_instance"})) {
    bool Cfn = isCfn(*I);
    const Value *Interface0 = nullptr;
    if (Cfn)
      for (const Value *N :
           check::elementsOf(I->Properties.get("NetworkInterfaces"))) {
        const Value *Index = N->isKnown() ? N->get("DeviceIndex") : nullptr;
        if (Index && check::valueEquals(*Index, Value::integer(0)).isTrue())
          Interface0 = N;
      }
    // An interface created on its own and attached by id brings its own
    // subnet, groups and address.
    const Resource *Eni = nullptr;
    std::optional<PublicIp> EniIp;
    if (const Value *Attached = attachedInterfaceOf(*I, Interface0)) {
      Target T = check::resolveReference(U, Attached);
      if (T.Result == Target::State::Resolved) {
        Eni = T.Resource;
        EniIp = publicIpOfInterface(U, *Eni);
      } else {
        EniIp =
            PublicIp{Truth::Unknown, hopAt(*I, "network interface", Attached),
                     "the instance's network interface is not declared "
                     "in this unit"};
      }
    }
    const Value *SubnetValue =
        Eni          ? Eni->Properties.get(Cfn ? "SubnetId" : "subnet_id")
        : Interface0 ? Interface0->get("SubnetId")
                     : I->Properties.get(Cfn ? "SubnetId" : "subnet_id");
    SubnetRef S = subnetOf(U, SubnetValue);
    const Value *Associate =
        Cfn ? (Interface0 ? Interface0->get("AssociatePublicIpAddress")
                          : nullptr)
            : I->Properties.get("associate_public_ip_address");
    // An Elastic IP on the instance itself counts whatever its interface.
    std::optional<PublicIp> Elastic = EniIp ? elasticIpOf(U, *I) : std::nullopt;
    PublicIp Ip = Elastic ? *Elastic
                  : EniIp ? *EniIp
                          : publicIpOf(U, *I, S, Associate);
    if (Ip.Has == Truth::False)
      continue;

    auto Groups = std::make_shared<GroupSet>();
    bool Named = false;
    if (Eni)
      Named |= addGroups(
          U, *Eni, Eni->Properties.get(Cfn ? "GroupSet" : "security_groups"),
          *Groups);
    if (Interface0)
      Named |= addGroups(U, *I, Interface0->get("GroupSet"), *Groups);
    for (const char *Prop :
         Cfn ? std::vector<const char *>{"SecurityGroupIds", "SecurityGroups"}
             : std::vector<const char *>{"vpc_security_group_ids",
                                         "security_groups"})
      Named |= addGroups(U, *I, I->Properties.get(Prop), *Groups);
    // Without a group, the VPC's default group applies: it admits only its
    // own members, unless Terraform declares it with other rules.
    if (!Named)
      for (const Resource *D :
           check::deployedOfType(U, {"aws_default_security_group"})) {
        const Value *UnknownList = nullptr;
        rulesOfGroup(U, *D, Groups->Rules, UnknownList);
      }

    std::vector<Hop> Before{internetHop()};
    if (Ip.Step && Ip.Has == Truth::True)
      Before.push_back(*Ip.Step);
    std::vector<Gate> Gates;
    if (Ip.Has == Truth::Unknown)
      Gates.push_back(unknownGate(Ip.Reason, Ip.Step));
    Gates.push_back(routeGate(U, S));
    Gates.push_back(subnetAclGate(U, S));
    Gates.push_back(groupsGate(Groups));
    exposeThroughGates(Out, I->Id, Before,
                       {hopAt(*I, "instance " + quotedName(*I), nullptr)},
                       Gates, Certainty::Definite, "");
  }
}

//===----------------------------------------------------------------------===//
// Load balancers and their targets
//===----------------------------------------------------------------------===//

struct Listener {
  const Resource *Decl = nullptr;
  const Value *Port = nullptr;
  std::vector<const Resource *> TargetGroups;
};

std::vector<Listener> listenersOf(const model::DeploymentUnit &U,
                                  const Resource &Lb) {
  bool Cfn = isCfn(Lb);
  std::vector<Listener> Out;
  for (const Resource *L : joinedTo(
           U, Lb,
           {Cfn ? "AWS::ElasticLoadBalancingV2::Listener" : "aws_lb_listener",
            "aws_alb_listener"},
           Cfn ? "LoadBalancerArn" : "load_balancer_arn")) {
    Listener Item{L, L->Properties.get(Cfn ? "Port" : "port"), {}};
    for (const Value *A : check::elementsOf(
             L->Properties.get(Cfn ? "DefaultActions" : "default_action")))
      if (A->isKnown())
        if (const Resource *Tg = referencedOfType(
                U, A->get(Cfn ? "TargetGroupArn" : "target_group_arn"),
                {"AWS::ElasticLoadBalancingV2::TargetGroup",
                 "aws_lb_target_group", "aws_alb_target_group"}))
          Item.TargetGroups.push_back(Tg);
    Out.push_back(std::move(Item));
  }
  return Out;
}

/// The instances a target group forwards to, with the value that names
/// each.
std::vector<std::pair<const Resource *, const Value *>>
targetsOf(const model::DeploymentUnit &U, const Resource &Tg) {
  std::vector<std::pair<const Resource *, const Value *>> Out;
  auto Add = [&](const Value *Id) {
    if (const Resource *I =
            referencedOfType(U, Id, {"AWS::EC2::Instance", "aws_instance"}))
      Out.push_back({I, Id});
  };
  if (isCfn(Tg)) {
    for (const Value *T : check::elementsOf(Tg.Properties.get("Targets")))
      if (T->isKnown())
        Add(T->get("Id"));
    return Out;
  }
  for (const Resource *A : joinedTo(U, Tg,
                                    {"aws_lb_target_group_attachment",
                                     "aws_alb_target_group_attachment"},
                                    "target_group_arn"))
    Add(A->Properties.get("target_id"));
  return Out;
}

std::optional<PortRange> knownPort(const Value *V) {
  if (!V)
    return std::nullopt;
  int64_t N = 0;
  if (V->is(ValueKind::Int))
    N = V->asInt();
  else if (!V->is(ValueKind::String) || V->asString().getAsInteger(10, N))
    return std::nullopt;
  if (N < 0 || N > 65535)
    return std::nullopt;
  return PortRange{static_cast<uint16_t>(N), static_cast<uint16_t>(N), "tcp"};
}

void addLoadBalancerExposures(const model::DeploymentUnit &U,
                              NetworkModel &Out) {
  for (const Resource *Lb :
       check::deployedOfType(U, {"AWS::ElasticLoadBalancingV2::LoadBalancer",
                                 "aws_lb", "aws_alb"})) {
    bool Cfn = isCfn(*Lb);
    const Value *Scheme = Lb->Properties.get(Cfn ? "Scheme" : "internal");
    Truth Public = Cfn ? equalsOr(Scheme, "internet-facing", true)
                       : check::truthNot(isTrueOr(Scheme, false));
    if (Public == Truth::False)
      continue;
    Certainty State =
        Public == Truth::True ? Certainty::Definite : Certainty::Possible;
    std::string Reason =
        "whether load balancer " + quotedName(*Lb) +
        " is internet-facing is not known: " + unknownReason(Scheme, "unknown");
    Hop LbHop = hopAt(*Lb, "load balancer " + quotedName(*Lb), Scheme);
    // An application load balancer's own security groups filter the
    // internet before its listeners do.
    auto Groups = std::make_shared<GroupSet>();
    bool Filtered = addGroups(
        U, *Lb, Lb->Properties.get(Cfn ? "SecurityGroups" : "security_groups"),
        *Groups);
    for (const Listener &L : listenersOf(U, *Lb)) {
      std::optional<PortRange> Port = knownPort(L.Port);
      Certainty S = Port ? State : Certainty::Possible;
      std::string Why = Port ? Reason
                             : "the listener port is not known: " +
                                   unknownReason(L.Port, "unknown");
      if (Filtered && Port) {
        GateVerdict V = groupsGate(Groups).Decide(Port->First, IpProtocol::Tcp);
        if (V.Allowed == Truth::False)
          continue;
        if (V.Allowed == Truth::Unknown && S == Certainty::Definite) {
          S = Certainty::Possible;
          Why = V.Reason;
        }
      }
      Hop ListenerHop =
          hopAt(*L.Decl, "listener " + (Port ? Port->str() : std::string("?")),
                L.Port);
      std::vector<PortRange> Ports;
      if (Port)
        Ports.push_back(*Port);
      exposeEndpoint(Out, Lb->Id, {internetHop(), LbHop, ListenerHop}, S, Why,
                     Ports);
      for (const Resource *Tg : L.TargetGroups)
        for (auto [Instance, Via] : targetsOf(U, *Tg)) {
          std::optional<PortRange> TgPort =
              knownPort(Tg->Properties.get(Cfn ? "Port" : "port"));
          std::vector<PortRange> TargetPorts;
          if (TgPort)
            TargetPorts.push_back(*TgPort);
          exposeEndpoint(
              Out, Instance->Id,
              {internetHop(), LbHop, ListenerHop,
               hopAt(*Tg, "target group " + quotedName(*Tg), Via),
               hopAt(*Instance, "instance " + quotedName(*Instance), nullptr)},
              S, Why, TargetPorts);
        }
    }
  }
}

//===----------------------------------------------------------------------===//
// Managed endpoints
//===----------------------------------------------------------------------===//

void addManagedEndpointExposures(const model::DeploymentUnit &U,
                                 NetworkModel &Out) {
  // RDS: publicly accessible (false unless set, as both providers create
  // them in a subnet group).
  for (const Resource *R : check::deployedOfType(
           U, {"AWS::RDS::DBInstance", "aws_db_instance",
               "AWS::Redshift::Cluster", "aws_redshift_cluster"})) {
    const Value *V = R->Properties.get(isCfn(*R) ? "PubliclyAccessible"
                                                 : "publicly_accessible");
    Truth T = isTrueOr(V, false);
    if (T == Truth::False)
      continue;
    exposeEndpoint(
        Out, R->Id,
        {internetHop(),
         hopAt(*R, "database " + quotedName(*R) + " is publicly accessible",
               V)},
        T == Truth::True ? Certainty::Definite : Certainty::Possible,
        "whether database " + quotedName(*R) +
            " is publicly accessible is not known: " +
            unknownReason(V, "unknown"));
  }
  // Lambda function URLs without authentication.
  for (const Resource *Url : check::deployedOfType(
           U, {"AWS::Lambda::Url", "aws_lambda_function_url"})) {
    bool Cfn = isCfn(*Url);
    const Value *Auth =
        Url->Properties.get(Cfn ? "AuthType" : "authorization_type");
    Truth T = equalsOr(Auth, "NONE", false);
    if (T == Truth::False)
      continue;
    const Value *FnRef =
        Url->Properties.get(Cfn ? "TargetFunctionArn" : "function_name");
    const Resource *Fn =
        referencedOfType(U, FnRef,
                         {"AWS::Lambda::Function", "AWS::Serverless::Function",
                          "aws_lambda_function"});
    // `aws_lambda_function.x.function_name` evaluates to the literal name.
    if (!Fn && FnRef && FnRef->is(ValueKind::String))
      for (const Resource *F : check::deployedOfType(
               U, {"AWS::Lambda::Function", "aws_lambda_function"})) {
        const Value *Name =
            F->Properties.get(isCfn(*F) ? "FunctionName" : "function_name");
        if (Name && check::valueEquals(*Name, *FnRef).isTrue())
          Fn = F;
      }
    const Resource &Target = Fn ? *Fn : *Url;
    std::vector<Hop> Chain{
        internetHop(), hopAt(*Url, "function URL with AuthType NONE", Auth)};
    if (Fn)
      Chain.push_back(hopAt(*Fn, "function " + quotedName(*Fn), nullptr));
    exposeEndpoint(Out, Target.Id, Chain,
                   T == Truth::True ? Certainty::Definite : Certainty::Possible,
                   "the function URL's authorization type is not known: " +
                       unknownReason(Auth, "unknown"),
                   {{443, 443, "tcp"}});
  }
  // API Gateway: public unless private or its default endpoint is off.
  for (const Resource *Api : check::deployedOfType(
           U, {"AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api",
               "aws_api_gateway_rest_api", "aws_apigatewayv2_api"})) {
    bool Cfn = isCfn(*Api);
    const Value *Types = check::valueAt(Api->Properties,
                                        Cfn ? "EndpointConfiguration.Types"
                                            : "endpoint_configuration.types",
                                        false);
    // Types is a list (REST APIs) or a single string; either may hold
    // PRIVATE.
    Truth Private = Truth::False;
    for (const Value *T : check::elementsOf(Types))
      Private =
          check::truthOr(Private, check::equalsInsensitive(*T, "PRIVATE").T);
    const Value *Disabled = Api->Properties.get(
        Cfn ? "DisableExecuteApiEndpoint" : "disable_execute_api_endpoint");
    Truth Open = check::truthAnd(check::truthNot(Private),
                                 check::truthNot(isTrueOr(Disabled, false)));
    if (Open == Truth::False)
      continue;
    exposeEndpoint(
        Out, Api->Id,
        {internetHop(), hopAt(*Api, "API " + quotedName(*Api), Types)},
        Open == Truth::True ? Certainty::Definite : Certainty::Possible,
        "whether API " + quotedName(*Api) + " is private is not known",
        {{443, 443, "tcp"}});
  }
}

//===----------------------------------------------------------------------===//
// Placements
//===----------------------------------------------------------------------===//

std::string vpcOfSubnet(const model::DeploymentUnit &U, const Resource &S) {
  const Value *Vpc = S.Properties.get(isCfn(S) ? "VpcId" : "vpc_id");
  if (const Resource *V = referencedOfType(
          U, Vpc, {"AWS::EC2::VPC", "aws_vpc", "aws_default_vpc"}))
    return V->Id;
  return "";
}

std::optional<Placement> placementOfSubnetValue(const model::DeploymentUnit &U,
                                                const Value *V) {
  const Resource *S = referencedOfType(
      U, V, {"AWS::EC2::Subnet", "aws_subnet", "aws_default_subnet"});
  if (!S)
    return std::nullopt;
  return Placement{vpcOfSubnet(U, *S), S->Id, nameOf(*S)};
}

/// The first subnet of a list (a load balancer's Subnets, a subnet group's
/// SubnetIds).
const Value *firstElement(const Value *V) {
  std::vector<const Value *> Items = check::elementsOf(V);
  return Items.empty() ? nullptr : Items.front();
}

void addAwsPlacements(const model::DeploymentUnit &U, NetworkModel &Out) {
  auto Place = [&](const Resource &R, const Value *SubnetValue) {
    if (auto P = placementOfSubnetValue(U, SubnetValue))
      Out.Placements[R.Id] = *P;
  };
  for (const Resource &R : U.Graph.resources()) {
    if (!check::isDeployed(R))
      continue;
    const Value &P = R.Properties;
    llvm::StringRef T = R.Type;
    if (T == "AWS::EC2::Subnet" || T == "aws_subnet")
      Out.Placements[R.Id] = Placement{vpcOfSubnet(U, R), R.Id, nameOf(R)};
    else if (T == "AWS::EC2::Instance") {
      const Value *Subnet = P.get("SubnetId");
      for (const Value *N : check::elementsOf(P.get("NetworkInterfaces")))
        if (!Subnet && N->isKnown())
          Subnet = N->get("SubnetId");
      Place(R, Subnet);
    } else if (T == "aws_instance" || T == "aws_network_interface" ||
               T == "aws_nat_gateway")
      Place(R, P.get("subnet_id"));
    else if (T == "AWS::EC2::NetworkInterface" || T == "AWS::EC2::NatGateway")
      Place(R, P.get("SubnetId"));
    else if (T == "AWS::ElasticLoadBalancingV2::LoadBalancer")
      Place(R, firstElement(P.get("Subnets")));
    else if (T == "aws_lb" || T == "aws_alb")
      Place(R, firstElement(P.get("subnets")));
    else if (T == "AWS::Lambda::Function" || T == "AWS::Serverless::Function")
      Place(R, firstElement(check::valueAt(P, "VpcConfig.SubnetIds", false)));
    else if (T == "aws_lambda_function")
      Place(R, firstElement(check::valueAt(P, "vpc_config.subnet_ids", false)));
    else if (T == "AWS::EC2::VPCEndpoint")
      Place(R, firstElement(P.get("SubnetIds")));
    else if (T == "aws_vpc_endpoint")
      Place(R, firstElement(P.get("subnet_ids")));
    else if (T == "AWS::RDS::DBInstance" || T == "aws_db_instance") {
      bool Cfn = T.startswith("AWS::");
      if (const Resource *G = referencedOfType(
              U, P.get(Cfn ? "DBSubnetGroupName" : "db_subnet_group_name"),
              {"AWS::RDS::DBSubnetGroup", "aws_db_subnet_group"}))
        Place(R, firstElement(
                     G->Properties.get(Cfn ? "SubnetIds" : "subnet_ids")));
    }
  }
}

} // namespace

void addAwsExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  addAwsPlacements(U, Out);
  addInstanceExposures(U, Out);
  addLoadBalancerExposures(U, Out);
  addManagedEndpointExposures(U, Out);
}

} // namespace rampart::exposure::detail
