//===- NetworkAcl.cpp - The network ACL decision for ingress --------------===//
#include "checks/aws/common/NetworkAcl.h"

#include "checks/aws/common/Common.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <optional>

namespace rampart::checks::aws {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

const Value &nullValue() {
  static const Value Null;
  return Null;
}

const Value &orNull(const Value *V) { return V ? *V : nullValue(); }

/// Where each field of an entry lives in one dialect's shape. From and To
/// are members of PortRange when the shape has one.
struct EntryShape {
  const char *RuleNumber, *Action, *Egress, *Protocol, *Cidr, *Ipv6Cidr;
  const char *PortRange, *From, *To;
};

const EntryShape CfnEntry{"RuleNumber", "RuleAction", "Egress",
                          "Protocol",   "CidrBlock",  "Ipv6CidrBlock",
                          "PortRange",  "From",       "To"};
const EntryShape TfInline{"rule_no",  "action",     nullptr,
                          "protocol", "cidr_block", "ipv6_cidr_block",
                          nullptr,    "from_port",  "to_port"};
const EntryShape TfRule{"rule_number", "rule_action", "egress",
                        "protocol",    "cidr_block",  "ipv6_cidr_block",
                        nullptr,       "from_port",   "to_port"};

NaclEntry entryOf(const Value &E, const EntryShape &Shape,
                  const Value *Condition) {
  NaclEntry Out;
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
const Value *unknownCondition(const model::Resource &R) {
  if (R.Condition && !R.Condition->is(ValueKind::Bool))
    return &*R.Condition;
  return nullptr;
}

Match unknownAt(const Value *Where, const Value *Fallback) {
  return {Truth::Unknown, Where ? Where : Fallback, {}};
}

/// Whether the entry matches inbound traffic from the internet (IPv6 or
/// IPv4) to TCP Port. True: Where is the internet CIDR.
Match entryMatches(const NaclEntry &E, bool V6, int Port) {
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
  const Value &Protocol = orNull(E.Protocol);
  Match Tcp = protocolIncludesTcp(Protocol);
  if (Tcp.isFalse())
    return {};
  // Protocol -1 is all traffic whatever the ports say.
  bool AllTraffic = valueEquals(Protocol, Value::string("-1")).isTrue() ||
                    equalsInsensitive(Protocol, "all").isTrue();
  Match Ports = AllTraffic
                    ? Match{Truth::True, &Protocol, {}}
                    : portRangeCovers(orNull(E.From), orNull(E.To), Port);
  if (Ports.isFalse())
    return {};
  for (const Match *M : {&Internet, &Tcp, &Ports})
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
NaclDecision decide(llvm::ArrayRef<NaclEntry> Entries, bool V6, int Port) {
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
    Match M = entryMatches(E, V6, Port);
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
    Match M = entryMatches(*E, V6, Port);
    if (M.isFalse())
      continue;
    if (actionOf(*E, M).Allows != D.Allows)
      D = {Truth::Unknown, E->RuleNumber ? E->RuleNumber : E->Entry, E};
  }
  return D;
}

} // namespace

std::vector<NaclEntry> networkAclEntries(const Subject &S) {
  const model::Resource &R = S.Resource;
  std::vector<NaclEntry> Out;
  bool Cfn = llvm::StringRef(R.Type).startswith("AWS::");
  if (Cfn) {
    for (const model::Resource *E :
         joinedTo(S.Unit, R, {"AWS::EC2::NetworkAclEntry"}, "NetworkAclId"))
      Out.push_back(entryOf(E->Properties, CfnEntry, unknownCondition(*E)));
    return Out;
  }
  if (const Value *Inline = R.Properties.get("ingress");
      Inline && !Inline->isNull()) {
    if (Inline->is(ValueKind::Array))
      for (const Value &E : Inline->items())
        Out.push_back(entryOf(E, TfInline, nullptr));
    else
      Out.push_back(entryOf(*Inline, TfInline, nullptr));
  }
  for (const model::Resource *E :
       joinedTo(S.Unit, R, {"aws_network_acl_rule"}, "network_acl_id"))
    Out.push_back(entryOf(E->Properties, TfRule, unknownCondition(*E)));
  return Out;
}

NaclDecision naclIngressFromInternet(llvm::ArrayRef<NaclEntry> Entries,
                                     int Port) {
  NaclDecision V4 = decide(Entries, /*V6=*/false, Port);
  NaclDecision V6 = decide(Entries, /*V6=*/true, Port);
  if (V4.Allows == Truth::True)
    return V4;
  if (V6.Allows == Truth::True)
    return V6;
  if (V4.Allows == Truth::Unknown)
    return V4;
  return V6;
}

} // namespace rampart::checks::aws
