//===- Firewall.cpp - VPC firewall rules open to the internet -------------===//
#include "checks/google/compute/Firewall.h"

#include "checks/google/common/Common.h"

namespace rampart::checks::google {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

/// Kleene "or" of two answers: the first True, else the first Unknown.
Match either(const Match &A, const Match &B) {
  if (A.isTrue())
    return A;
  if (B.isTrue())
    return B;
  if (A.isUnknown())
    return A;
  return B;
}

/// Whether an argument's answer, and the argument that decided (or could
/// not be judged).
struct Answer {
  Match M;
  std::string Path;
};

/// One `allow` block: its protocol reaches the port (TCP, or UDP where it
/// counts) and its ports cover it. Where is the port element, or the
/// protocol when the block lists no ports (all of them).
Answer blockOpens(const Value &Block, const ManagementPort &P) {
  if (!Block.isKnown())
    return {{Truth::Unknown, &Block, {}}, "allow"};
  const Value *Protocol = Block.get("protocol");
  if (!Protocol || Protocol->isNull())
    return {{Truth::False, &Block, {}}, "allow"};
  Match Reaches = protocolIncludesTcp(*Protocol);
  if (P.Udp)
    Reaches = either(Reaches, protocolIncludesUdp(*Protocol));
  const Value *Ports = Block.get("ports");
  Match Covers = gcpPortsCover(Ports, P.Port);
  if (Reaches.isFalse())
    return {Reaches, "allow.protocol"};
  if (Covers.isFalse())
    return {Covers, "allow.ports"};
  if (Reaches.isUnknown())
    return {Reaches, "allow.protocol"};
  if (Covers.isUnknown())
    return {Covers, "allow.ports"};
  return {{Truth::True, Covers.Where ? Covers.Where : Protocol, {}},
          "allow.ports"};
}

/// Some `allow` block opens the port.
Answer allowOpens(const Subject &S, const ManagementPort &P) {
  Lookup Allow = lookup(S, "allow");
  if (Allow.Result == Lookup::State::Missing)
    return {{Truth::False, nullptr, {}}, "allow"};
  if (Allow.Result == Lookup::State::Unknown)
    return {{Truth::Unknown, Allow.Value, {}}, "allow"};
  const Value &Blocks = *Allow.Value;
  if (!Blocks.is(ValueKind::Array))
    return blockOpens(Blocks, P);
  Answer Any{{Truth::False, &Blocks, {}}, "allow"};
  for (const Value &B : Blocks.items()) {
    Answer One = blockOpens(B, P);
    if (One.M.isTrue() || (One.M.isUnknown() && Any.M.isFalse()))
      Any = std::move(One);
    if (Any.M.isTrue())
      break;
  }
  return Any;
}

/// Whether the rule's sources include the internet. Where is the internet CIDR,
/// or null when the rule names no source at all.
Answer internetSource(const Subject &S) {
  Lookup Ranges = lookup(S, "source_ranges");
  Answer Internet{{Truth::False, nullptr, {}}, "source_ranges"};
  if (Ranges.Result != Lookup::State::Missing)
    Internet.M = isInternetCidr(*Ranges.Value);
  if (Internet.M.isTrue())
    return Internet;
  Answer AnySource{{Truth::False, nullptr, {}}, "source_ranges"};
  for (llvm::StringRef Name :
       {"source_ranges", "source_tags", "source_service_accounts"}) {
    Lookup L = lookup(S, Name);
    if (L.Result == Lookup::State::Missing)
      continue;
    Match Set = isNonEmpty(*L.Value);
    if (Set.isTrue() || (Set.isUnknown() && AnySource.M.isFalse()))
      AnySource = {Set, Name.str()};
    if (Set.isTrue())
      break;
  }
  Answer NoSource = AnySource;
  NoSource.M.T = truthNot(AnySource.M.T);
  if (NoSource.M.isTrue())
    NoSource.M.Where = nullptr;
  if (Internet.M.isUnknown() && !NoSource.M.isTrue())
    return Internet;
  return NoSource;
}

std::string portText(const ManagementPort &P) {
  std::string Out = P.Name.str();
  Out += P.Udp ? " (port " : " (tcp port ";
  Out += std::to_string(P.Port);
  Out += ")";
  return Out;
}

} // namespace

Evaluation firewallOpensToInternet(const Subject &S, const ManagementPort &P) {
  Match Ingress = lookupEquals(lookup(S, "direction"), Value::string("INGRESS"),
                               Truth::True);
  if (Ingress.isFalse())
    return Evaluation::notApplicable();
  Match Disabled =
      lookupEquals(lookup(S, "disabled"), Value::boolean(true), Truth::False);
  Answer Allowed = allowOpens(S, P);
  const Match &Opens = Allowed.M;
  Answer Source = internetSource(S);
  const Match &Internet = Source.M;
  if (Disabled.isTrue() || Opens.isFalse() || Internet.isFalse())
    return Evaluation::healthy();
  if (Ingress.isUnknown())
    return unknownOutcome(Ingress, "direction");
  if (Disabled.isUnknown())
    return unknownOutcome(Disabled, "disabled");
  if (Opens.isUnknown())
    return unknownOutcome(Opens, Allowed.Path);
  if (Internet.isUnknown())
    return unknownOutcome(Internet, Source.Path);
  if (Internet.Where && Internet.Where->is(ValueKind::String))
    return {Outcome::Unhealthy,
            Internet.Where,
            {"source_ranges"},
            "allows " + portText(P) + " from " +
                quoted(Internet.Where->asString())};
  return {Outcome::Unhealthy,
          Opens.Where,
          {"allow"},
          "allows " + portText(P) +
              " from any address: no source_ranges, source_tags or "
              "source_service_accounts is set"};
}

} // namespace rampart::checks::google
