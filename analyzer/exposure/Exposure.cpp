//===- Exposure.cpp - What the internet reaches, from the graph -----------===//
#include "analyzer/exposure/Exposure.h"

#include "analyzer/check/Engine.h"
#include "analyzer/exposure/ExposureParts.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"

#include <algorithm>
#include <map>

namespace rampart::exposure {

using check::IpProtocol;
using check::Truth;
using model::Value;
using model::ValueKind;

std::string PortRange::str() const {
  if (any())
    return Protocol == "*" ? "any" : "any/" + Protocol;
  std::string Ports = std::to_string(First);
  if (Last != First)
    Ports += "-" + std::to_string(Last);
  return Protocol == "*" ? Ports : Ports + "/" + Protocol;
}

llvm::StringRef nodeExposureName(NodeExposure E) {
  switch (E) {
  case NodeExposure::Private:
    return "private";
  case NodeExposure::Internet:
    return "internet";
  case NodeExposure::Peered:
    return "peered";
  case NodeExposure::Unknown:
    return "unknown";
  }
  return "unknown";
}

NodeExposure NetworkModel::exposureOf(llvm::StringRef Id) const {
  NodeExposure Out = NodeExposure::Private;
  for (const Exposure &E : Exposures) {
    if (E.ResourceId != Id)
      continue;
    if (E.State == Certainty::Definite)
      return NodeExposure::Internet;
    Out = NodeExposure::Unknown;
  }
  return Out;
}

std::vector<const Exposure *>
NetworkModel::exposuresOf(llvm::StringRef Id) const {
  std::vector<const Exposure *> Out;
  for (const Exposure &E : Exposures)
    if (E.ResourceId == Id)
      Out.push_back(&E);
  return Out;
}

namespace detail {

Hop internetHop() { return {"", "Internet", {}}; }

Hop hopAt(const model::Resource &R, std::string Label, const Value *Where) {
  model::Origin O = R.Declaration;
  if (Where && Where->origin().hasFile())
    O = Where->origin();
  return {R.Id, std::move(Label), O};
}

std::string nameOf(const model::Resource &R) {
  std::string Label = check::resourceLabel(R);
  // A name that evaluated to "" says nothing; the symbolic name does.
  if (Label.empty())
    return R.SymbolicName.empty() ? R.Id : R.SymbolicName;
  return Label;
}

std::string quotedName(const model::Resource &R) {
  return "'" + check::resourceLabel(R) + "'";
}

std::string unknownReason(const Value *V, llvm::StringRef Fallback) {
  if (V && (V->is(ValueKind::Unknown) || V->is(ValueKind::Expression))) {
    if (V->is(ValueKind::Expression))
      return "'" + V->asString().str() + "' is known only after deployment";
    return V->asString().str();
  }
  if (V)
    if (const Value *Inner = model::firstUnknown(*V); Inner && Inner != V)
      return unknownReason(Inner, Fallback);
  return Fallback.str();
}

Gate openGate() {
  return {{}, [](int, IpProtocol) {
            return GateVerdict{Truth::True, std::nullopt, {}};
          }};
}

Gate unknownGate(std::string Reason, std::optional<Hop> Step) {
  return {
      {},
      [Reason = std::move(Reason), Step = std::move(Step)](int, IpProtocol) {
        return GateVerdict{Truth::Unknown, Step, Reason};
      }};
}

namespace {

/// A port number in a string or an int; nullopt for anything else.
std::optional<int> portNumber(const Value &V) {
  if (V.is(ValueKind::Int))
    return static_cast<int>(V.asInt());
  int N = 0;
  if (V.is(ValueKind::String) && !V.asString().trim().getAsInteger(10, N))
    return N;
  return std::nullopt;
}

void addCut(int Port, std::vector<int> &Cuts) {
  if (Port > 0 && Port <= 65535)
    Cuts.push_back(Port);
}

} // namespace

void addPortSpecCuts(const Value *Spec, std::vector<int> &Cuts) {
  if (!Spec)
    return;
  if (Spec->is(ValueKind::Array)) {
    for (const Value &Item : Spec->items())
      addPortSpecCuts(&Item, Cuts);
    return;
  }
  for (const Value &Alt : Spec->alternatives())
    addPortSpecCuts(&Alt, Cuts);
  if (std::optional<int> N = portNumber(*Spec)) {
    addCut(*N, Cuts);
    addCut(*N + 1, Cuts);
    return;
  }
  if (!Spec->is(ValueKind::String))
    return;
  auto [First, Last] = Spec->asString().trim().split('-');
  int A = 0, B = 0;
  if (!First.trim().getAsInteger(10, A) && !Last.trim().getAsInteger(10, B)) {
    addCut(A, Cuts);
    addCut(B + 1, Cuts);
  }
}

void addRangeCuts(const Value *From, const Value *To, std::vector<int> &Cuts) {
  // -1 is AWS's "every port"; addCut ignores it.
  if (From)
    if (std::optional<int> A = portNumber(*From))
      addCut(*A, Cuts);
  if (To)
    if (std::optional<int> B = portNumber(*To); B && *B >= 0)
      addCut(*B + 1, Cuts);
}

namespace {

/// The exposures being assembled for one target, keyed by their steps.
struct Group {
  Certainty State = Certainty::Definite;
  std::string Reason;
  std::vector<Hop> Steps;
  std::vector<PortRange> Ports;
};

std::string groupKey(Certainty State, const std::string &Reason,
                     const std::vector<Hop> &Steps) {
  std::string Key =
      State == Certainty::Definite ? std::string("D|") : "P|" + Reason + "|";
  for (const Hop &H : Steps)
    Key += H.ResourceId + "\x1f" + H.Label + "\x1e";
  return Key;
}

/// Appends [First, Last] to Ports, joining it to the last range when they
/// touch.
void appendRange(std::vector<PortRange> &Ports, int First, int Last,
                 const char *Protocol) {
  if (!Ports.empty() && Ports.back().Protocol == Protocol &&
      Ports.back().Last + 1 == First) {
    Ports.back().Last = static_cast<uint16_t>(Last);
    return;
  }
  Ports.push_back(
      {static_cast<uint16_t>(First), static_cast<uint16_t>(Last), Protocol});
}

/// Every port of both TCP and UDP is "any traffic".
void mergeAnyTraffic(std::vector<PortRange> &Ports) {
  bool Tcp = llvm::any_of(
      Ports, [](const PortRange &P) { return P.any() && P.Protocol == "tcp"; });
  bool Udp = llvm::any_of(
      Ports, [](const PortRange &P) { return P.any() && P.Protocol == "udp"; });
  if (Tcp && Udp)
    Ports = {PortRange{0, 65535, "*"}};
}

} // namespace

void exposeThroughGates(NetworkModel &Out, const std::string &TargetId,
                        const std::vector<Hop> &Before,
                        const std::vector<Hop> &After,
                        const std::vector<Gate> &Gates, Certainty Base,
                        const std::string &BaseReason, Protocols Which) {
  std::vector<int> Cuts{0};
  for (const Gate &G : Gates)
    Cuts.insert(Cuts.end(), G.Cuts.begin(), G.Cuts.end());
  llvm::sort(Cuts);
  Cuts.erase(std::unique(Cuts.begin(), Cuts.end()), Cuts.end());

  std::vector<Group> Groups;
  llvm::StringMap<size_t> ByKey;
  std::vector<std::pair<IpProtocol, const char *>> Protos{
      {IpProtocol::Tcp, "tcp"}};
  if (Which == Protocols::TcpAndUdp)
    Protos.push_back({IpProtocol::Udp, "udp"});
  for (auto [Proto, ProtoName] : Protos) {
    for (size_t I = 0; I < Cuts.size(); ++I) {
      int First = Cuts[I];
      int Last = I + 1 < Cuts.size() ? Cuts[I + 1] - 1 : 65535;
      Truth Allowed = Truth::True;
      std::vector<Hop> Steps;
      std::string Reason = Base == Certainty::Possible ? BaseReason : "";
      for (const Gate &G : Gates) {
        GateVerdict V = G.Decide(First, Proto);
        Allowed = check::truthAnd(Allowed, V.Allowed);
        if (Allowed == Truth::False)
          break;
        if (V.Step)
          Steps.push_back(*V.Step);
        if (V.Allowed == Truth::Unknown && Reason.empty())
          Reason = V.Reason;
      }
      if (Allowed == Truth::False)
        continue;
      Certainty State = Allowed == Truth::True && Base == Certainty::Definite
                            ? Certainty::Definite
                            : Certainty::Possible;
      if (State == Certainty::Definite)
        Reason.clear();
      std::string Key = groupKey(State, Reason, Steps);
      auto [It, New] = ByKey.try_emplace(Key, Groups.size());
      if (New)
        Groups.push_back({State, Reason, std::move(Steps), {}});
      appendRange(Groups[It->second].Ports, First, Last, ProtoName);
    }
  }
  for (Group &G : Groups) {
    mergeAnyTraffic(G.Ports);
    Exposure E;
    E.ResourceId = TargetId;
    E.State = G.State;
    E.Ports = std::move(G.Ports);
    E.Reason = std::move(G.Reason);
    E.Chain = Before;
    E.Chain.insert(E.Chain.end(), G.Steps.begin(), G.Steps.end());
    E.Chain.insert(E.Chain.end(), After.begin(), After.end());
    Out.Exposures.push_back(std::move(E));
  }
}

void exposeEndpoint(NetworkModel &Out, const std::string &TargetId,
                    std::vector<Hop> Chain, Certainty State, std::string Reason,
                    std::vector<PortRange> Ports) {
  Exposure E;
  E.ResourceId = TargetId;
  E.State = State;
  E.Ports = std::move(Ports);
  E.Chain = std::move(Chain);
  E.Reason = State == Certainty::Possible ? std::move(Reason) : "";
  Out.Exposures.push_back(std::move(E));
}

Truth equalsOr(const Value *V, llvm::StringRef Text, bool Default) {
  if (!V || V->isNull())
    return check::fromBool(Default);
  return check::equalsInsensitive(*V, Text).T;
}

Truth isTrueOr(const Value *V, bool Default) {
  if (!V || V->isNull())
    return check::fromBool(Default);
  return check::valueEquals(*V, Value::boolean(true), /*IgnoreCase=*/true).T;
}

} // namespace detail

NetworkModel analyzeNetwork(const model::DeploymentUnit &U) {
  NetworkModel Out;
  detail::addAzureExposures(U, Out);
  detail::addAwsExposures(U, Out);
  detail::addGoogleExposures(U, Out);
  // Unit order of the exposed resource, each pass's order within it.
  std::map<std::string, size_t> Order;
  for (size_t I = 0; I < U.Graph.resources().size(); ++I)
    Order.emplace(U.Graph.resources()[I].Id, I);
  auto Rank = [&](const Exposure &E) {
    auto It = Order.find(E.ResourceId);
    return It == Order.end() ? Order.size() : It->second;
  };
  std::stable_sort(
      Out.Exposures.begin(), Out.Exposures.end(),
      [&](const Exposure &A, const Exposure &B) { return Rank(A) < Rank(B); });
  return Out;
}

} // namespace rampart::exposure
