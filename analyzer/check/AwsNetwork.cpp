//===- AwsNetwork.cpp - Security groups and network ACLs, AWS -------------===//
#include "analyzer/check/AwsNetwork.h"

#include "analyzer/check/Relations.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <optional>

namespace rampart::check {

using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

const Value &nullValue() {
  static const Value Null;
  return Null;
}

const Value &orNull(const Value *V) { return V ? *V : nullValue(); }

bool isCfn(llvm::StringRef Type) { return Type.startswith("AWS::"); }

/// Whether Child joins Owner: an attachment edge (the evaluators add them
/// for association resources), or Child's Prop refers to Owner.
bool joins(const model::DeploymentUnit &U, const Resource &Child,
           llvm::StringRef Prop, const Resource &Owner) {
  for (const model::Edge &E : U.Graph.edges())
    if (E.Kind == model::EdgeKind::Attachment && E.From == Child.Id &&
        E.To == Owner.Id)
      return true;
  const Value *V = Child.Properties.get(Prop);
  if (!V)
    return false;
  llvm::StringSet<> Refs;
  model::collectReferences(*V, Refs);
  return Refs.count(Owner.Id);
}

std::vector<const Resource *> joinedTo(const model::DeploymentUnit &U,
                                       const Resource &Owner,
                                       llvm::ArrayRef<llvm::StringRef> Types,
                                       llvm::StringRef Prop) {
  std::vector<const Resource *> Out;
  for (const Resource *R : deployedOfType(U, Types))
    if (joins(U, *R, Prop, Owner))
      Out.push_back(R);
  return Out;
}

bool allTraffic(const Value &Protocol) {
  return valueEquals(Protocol, Value::string("-1")).isTrue() ||
         equalsInsensitive(Protocol, "all").isTrue();
}

//===----------------------------------------------------------------------===//
// Security-group rule shapes
//===----------------------------------------------------------------------===//

const IngressRuleShape CfnRule{
    "IpProtocol", "FromPort", "ToPort", {"CidrIp", "CidrIpv6"}};
const IngressRuleShape TfInline{
    "protocol", "from_port", "to_port", {"cidr_blocks", "ipv6_cidr_blocks"}};
const IngressRuleShape TfRule{"protocol",
                              "from_port",
                              "to_port",
                              {"cidr_blocks", "ipv6_cidr_blocks"},
                              "type"};
const IngressRuleShape TfVpcRule{
    "ip_protocol", "from_port", "to_port", {"cidr_ipv4", "cidr_ipv6"}};

} // namespace

//===----------------------------------------------------------------------===//
// Security groups
//===----------------------------------------------------------------------===//

const IngressRuleShape *standaloneIngressShape(llvm::StringRef Type) {
  if (Type == "AWS::EC2::SecurityGroupIngress")
    return &CfnRule;
  if (Type == "aws_security_group_rule")
    return &TfRule;
  if (Type == "aws_vpc_security_group_ingress_rule")
    return &TfVpcRule;
  return nullptr;
}

bool isSecurityGroup(const Resource &R) {
  return R.Type == "AWS::EC2::SecurityGroup" ||
         R.Type == "aws_security_group" ||
         R.Type == "aws_default_security_group";
}

llvm::StringRef ingressGroupProperty(llvm::StringRef RuleType) {
  return isCfn(RuleType) ? "GroupId" : "security_group_id";
}

IngressRules ingressRulesOf(const model::DeploymentUnit &U,
                            const Resource &Group) {
  IngressRules Out;
  bool Cfn = isCfn(Group.Type);
  const Value *List =
      Group.Properties.get(Cfn ? "SecurityGroupIngress" : "ingress");
  if (List && !List->isNull()) {
    if (!List->isKnown() || !List->is(ValueKind::Array))
      Out.Unknown = List;
    else
      for (const Value &R : List->items())
        Out.Rules.push_back({&Group, &R, Cfn ? &CfnRule : &TfInline});
  }
  std::vector<llvm::StringRef> RuleTypes;
  if (Cfn)
    RuleTypes = {"AWS::EC2::SecurityGroupIngress"};
  else
    RuleTypes = {"aws_security_group_rule",
                 "aws_vpc_security_group_ingress_rule"};
  for (const Resource *R :
       joinedTo(U, Group, RuleTypes, ingressGroupProperty(Group.Type)))
    Out.Rules.push_back({R, &R->Properties, standaloneIngressShape(R->Type)});
  return Out;
}

Match ingressRuleOpens(const Value &Rule, const IngressRuleShape &Shape,
                       int Port, bool Tcp, bool Udp) {
  if (!Rule.isKnown())
    return {Truth::Unknown, &Rule, {}};
  auto Field = [&](const char *Name) -> const Value & {
    return orNull(Rule.get(Name));
  };
  if (Shape.Type) {
    Match Ingress = equalsInsensitive(Field(Shape.Type), "ingress");
    if (Ingress.isFalse())
      return {};
    if (Ingress.isUnknown())
      return {Truth::Unknown, Rule.get(Shape.Type), {}};
  }
  Match Internet{};
  for (const char *C : Shape.Cidrs) {
    const Value &Cidr = Field(C);
    if (Cidr.isNull())
      continue;
    Match M = isInternetCidr(Cidr);
    if (M.isTrue() || (M.isUnknown() && !Internet.isTrue())) {
      Internet = M;
      if (M.isTrue())
        break;
    }
  }
  if (Internet.isFalse())
    return {};
  const Value &Protocol = Field(Shape.Protocol);
  Truth Proto = Truth::False;
  if (Tcp)
    Proto = protocolIncludesTcp(Protocol).T;
  if (Udp && Proto != Truth::True)
    Proto = truthOr(Proto, protocolIncludesUdp(Protocol).T);
  Truth Ports =
      allTraffic(Protocol)
          ? Truth::True
          : portRangeCovers(Field(Shape.From), Field(Shape.To), Port).T;
  Truth T = truthAnd(Internet.T, truthAnd(Proto, Ports));
  if (T == Truth::True)
    return {T, Internet.Where, {}};
  if (T == Truth::Unknown)
    return {T, Internet.isUnknown() ? Internet.Where : &Rule, {}};
  return {};
}

//===----------------------------------------------------------------------===//
// Network ACLs
//===----------------------------------------------------------------------===//

namespace {

/// Where each field of an entry lives in one dialect's shape. From and To
/// are members of PortRange when the shape has one.
struct EntryShape {
  const char *RuleNumber, *Action, *Egress, *Protocol, *Cidr, *Ipv6Cidr;
  const char *PortRange, *From, *To;
};

const EntryShape CfnEntry{"RuleNumber", "RuleAction", "Egress",
                          "Protocol",   "CidrBlock",  "Ipv6CidrBlock",
                          "PortRange",  "From",       "To"};
const EntryShape TfInlineEntry{"rule_no",  "action",     nullptr,
                               "protocol", "cidr_block", "ipv6_cidr_block",
                               nullptr,    "from_port",  "to_port"};
const EntryShape TfRuleEntry{"rule_number", "rule_action", "egress",
                             "protocol",    "cidr_block",  "ipv6_cidr_block",
                             nullptr,       "from_port",   "to_port"};

NaclEntry entryOf(const Resource &Declaring, const Value &E,
                  const EntryShape &Shape, const Value *Condition) {
  NaclEntry Out;
  Out.Declaring = &Declaring;
  Out.Entry = &E;
  Out.Condition = Condition;
  if (!E.isKnown())
    return Out;
  Out.RuleNumber = E.get(Shape.RuleNumber);
  Out.Action = E.get(Shape.Action);
  Out.Egress = Shape.Egress ? E.get(Shape.Egress) : nullptr;
  Out.Protocol = E.get(Shape.Protocol);
  Out.Cidr = E.get(Shape.Cidr);
  Out.Ipv6Cidr = E.get(Shape.Ipv6Cidr);
  const Value *Ports = &E;
  if (Shape.PortRange) {
    Ports = E.get(Shape.PortRange);
    if (!Ports || Ports->isNull())
      return Out;
    // An unknown PortRange leaves both ends unknown.
    if (!Ports->isKnown()) {
      Out.From = Out.To = Ports;
      return Out;
    }
  }
  Out.From = Ports->get(Shape.From);
  Out.To = Ports->get(Shape.To);
  return Out;
}

/// A resource's condition when it is not known (deployed only maybe).
const Value *unknownCondition(const Resource &R) {
  if (R.Condition && !R.Condition->is(ValueKind::Bool))
    return &*R.Condition;
  return nullptr;
}

Match unknownAt(const Value *Where, const Value *Fallback) {
  return {Truth::Unknown, Where ? Where : Fallback, {}};
}

/// Whether the entry matches inbound traffic from the internet (IPv6 or
/// IPv4) to Port over Protocol. True: Where is the internet CIDR.
Match entryMatches(const NaclEntry &E, bool V6, int Port, IpProtocol Protocol) {
  if (!E.Entry || !E.Entry->isKnown())
    return unknownAt(E.Entry, nullptr);
  if (E.Egress && !E.Egress->isNull()) {
    Match Egress = valueEquals(*E.Egress, Value::boolean(true));
    if (Egress.isTrue())
      return {};
    if (Egress.isUnknown())
      return unknownAt(E.Egress, E.Entry);
  }
  const Value *Source = V6 ? E.Ipv6Cidr : E.Cidr;
  if (!Source || Source->isNull())
    return {};
  Match Internet = isInternetCidr(*Source);
  if (Internet.isFalse())
    return {};
  const Value &Proto = orNull(E.Protocol);
  Match Includes = Protocol == IpProtocol::Tcp ? protocolIncludesTcp(Proto)
                                               : protocolIncludesUdp(Proto);
  if (Includes.isFalse())
    return {};
  // Protocol -1 is all traffic whatever the ports say.
  Match Ports = allTraffic(Proto)
                    ? Match{Truth::True, &Proto, {}}
                    : portRangeCovers(orNull(E.From), orNull(E.To), Port);
  if (Ports.isFalse())
    return {};
  for (const Match *M : {&Internet, &Includes, &Ports})
    if (M->isUnknown())
      return unknownAt(M->Where, E.Entry);
  if (E.Condition)
    return unknownAt(E.Condition, E.Entry);
  return Internet;
}

/// The rule number of an entry, when known.
std::optional<int64_t> ruleNumber(const NaclEntry &E) {
  const Value *N = E.RuleNumber;
  if (!N)
    return std::nullopt;
  if (N->is(ValueKind::Int))
    return N->asInt();
  int64_t Parsed = 0;
  if (N->is(ValueKind::String) &&
      !N->asString().trim().getAsInteger(10, Parsed))
    return Parsed;
  return std::nullopt;
}

/// What an entry that matches decides.
NaclDecision actionOf(const NaclEntry &E, const Match &Matched) {
  Match Allow = equalsInsensitive(orNull(E.Action), "allow");
  if (Allow.isTrue())
    return {Truth::True, Matched.Where, &E};
  if (Allow.isFalse())
    return {};
  return {Truth::Unknown, E.Action ? E.Action : E.Entry, &E};
}

/// The decision for one address family.
NaclDecision decide(llvm::ArrayRef<NaclEntry> Entries, bool V6, int Port,
                    IpProtocol Protocol) {
  std::vector<std::pair<int64_t, const NaclEntry *>> Ordered;
  std::vector<const NaclEntry *> Unordered;
  for (const NaclEntry &E : Entries) {
    if (std::optional<int64_t> N = ruleNumber(E))
      Ordered.push_back({*N, &E});
    else
      Unordered.push_back(&E);
  }
  std::stable_sort(
      Ordered.begin(), Ordered.end(),
      [](const auto &A, const auto &B) { return A.first < B.first; });
  // From the last entry back to the first: what traffic reaching entry i
  // meets. After the last entry, the implicit deny.
  NaclDecision D;
  for (auto It = Ordered.rbegin(); It != Ordered.rend(); ++It) {
    const NaclEntry &E = *It->second;
    Match M = entryMatches(E, V6, Port, Protocol);
    if (M.isFalse())
      continue;
    NaclDecision Mine = actionOf(E, M);
    if (M.isTrue())
      D = Mine;
    else if (Mine.Allows != D.Allows || D.Allows == Truth::Unknown)
      // Either this entry decides or a later one does, and they differ.
      D = {Truth::Unknown, M.Where, &E};
  }
  // An entry whose place in the order is unknown changes nothing only when
  // it cannot match or does what the known order decides.
  for (const NaclEntry *E : Unordered) {
    if (D.Allows == Truth::Unknown)
      break;
    Match M = entryMatches(*E, V6, Port, Protocol);
    if (M.isFalse())
      continue;
    if (actionOf(*E, M).Allows != D.Allows)
      D = {Truth::Unknown, E->RuleNumber ? E->RuleNumber : E->Entry, E};
  }
  return D;
}

} // namespace

std::vector<NaclEntry> networkAclEntries(const model::DeploymentUnit &U,
                                         const Resource &Acl) {
  std::vector<NaclEntry> Out;
  if (isCfn(Acl.Type)) {
    for (const Resource *E :
         joinedTo(U, Acl, {"AWS::EC2::NetworkAclEntry"}, "NetworkAclId"))
      Out.push_back(entryOf(*E, E->Properties, CfnEntry, unknownCondition(*E)));
    return Out;
  }
  if (const Value *Inline = Acl.Properties.get("ingress");
      Inline && !Inline->isNull()) {
    if (Inline->is(ValueKind::Array))
      for (const Value &E : Inline->items())
        Out.push_back(entryOf(Acl, E, TfInlineEntry, nullptr));
    else
      Out.push_back(entryOf(Acl, *Inline, TfInlineEntry, nullptr));
  }
  for (const Resource *E :
       joinedTo(U, Acl, {"aws_network_acl_rule"}, "network_acl_id"))
    Out.push_back(
        entryOf(*E, E->Properties, TfRuleEntry, unknownCondition(*E)));
  return Out;
}

NaclDecision naclIngressFromInternet(llvm::ArrayRef<NaclEntry> Entries,
                                     int Port, IpProtocol Protocol) {
  NaclDecision V4 = decide(Entries, /*V6=*/false, Port, Protocol);
  NaclDecision V6 = decide(Entries, /*V6=*/true, Port, Protocol);
  if (V4.Allows == Truth::True)
    return V4;
  if (V6.Allows == Truth::True)
    return V6;
  if (V4.Allows == Truth::Unknown)
    return V4;
  return V6;
}

} // namespace rampart::check
