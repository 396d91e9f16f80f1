//===- GoogleExposure.cpp - Google Cloud: what the internet reaches -------===//
//
// A google_compute_instance is reached from the internet when one of its
// network interfaces has an access_config (an external IP) and the VPC
// firewall of that interface's network lets the port in from the
// internet. The firewall is evaluated as the Compute API does: rules of
// the network that target the instance (by tag, by service account, or
// every instance), ingress, by ascending priority (default 1000), a deny
// winning over an allow of the same priority, and the implied deny-all
// after them.
//
//===----------------------------------------------------------------------===//
#include "analyzer/check/Property.h"
#include "analyzer/check/Relations.h"
#include "analyzer/exposure/ExposureParts.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <memory>

namespace rampart::exposure::detail {

using check::IpProtocol;
using check::Match;
using check::Truth;
using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

/// How a network is named, reduced to something comparable: a declared
/// network's id, else "name:<last segment>" of a literal, else unknown.
struct NetworkKey {
  std::string Key; ///< Empty: unknown.
  const Resource *Declared = nullptr;
  const Value *Via = nullptr;
};

NetworkKey networkKey(const model::DeploymentUnit &U, const Value *V) {
  if (!V || V->isNull()) {
    // The API's default: the project's "default" network.
    NetworkKey K{"name:default", nullptr, nullptr};
    for (const Resource *N :
         check::deployedOfType(U, {"google_compute_network"}))
      if (const Value *Name = N->Properties.get("name");
          Name && check::valueEquals(*Name, Value::string("default")).isTrue())
        return {N->Id, N, nullptr};
    return K;
  }
  if (V->is(ValueKind::Expression) && !V->refersTo().empty()) {
    const Resource *R = U.Graph.find(V->refersTo());
    return {V->refersTo().str(), R, V};
  }
  if (!V->is(ValueKind::String))
    return {"", nullptr, V};
  llvm::StringRef Name = V->asString().rsplit('/').second.empty()
                             ? V->asString()
                             : V->asString().rsplit('/').second;
  for (const Resource *N : check::deployedOfType(U, {"google_compute_network"}))
    if (const Value *NName = N->Properties.get("name");
        NName && NName->is(ValueKind::String) && NName->asString() == Name)
      return {N->Id, N, V};
  return {("name:" + Name).str(), nullptr, V};
}

Truth sameNetwork(const NetworkKey &A, const NetworkKey &B) {
  if (A.Key.empty() || B.Key.empty())
    return Truth::Unknown;
  return check::fromBool(A.Key == B.Key);
}

/// The network of an interface: its network, else its subnetwork's.
NetworkKey interfaceNetwork(const model::DeploymentUnit &U,
                            const Value &Interface) {
  const Value *Network = Interface.get("network");
  if ((!Network || Network->isNull()))
    if (const Value *Sub = Interface.get("subnetwork"); Sub && !Sub->isNull()) {
      check::Target T = check::resolveReference(U, Sub);
      if (T.Result == check::Target::State::Resolved)
        return networkKey(U, T.Resource->Properties.get("network"));
      return {"", nullptr, Sub};
    }
  return networkKey(U, Network);
}

/// Whether any element of Have is in Want (tags, service accounts).
Truth intersects(const Value *Want, const Value *Have) {
  Truth Out = Truth::False;
  for (const Value *W : check::elementsOf(Want)) {
    if (!W->isKnown())
      return Truth::Unknown;
    if (!Have)
      continue;
    if (!Have->isKnown())
      return Truth::Unknown;
    for (const Value *H : check::elementsOf(Have))
      Out = check::truthOr(Out, check::valueEquals(*W, *H).T);
  }
  return Out;
}

bool nonEmpty(const Value *V) { return !check::elementsOf(V).empty(); }

/// One allow or deny entry of a firewall rule.
struct FirewallEntry {
  const Resource *Rule = nullptr;
  const Value *Entry = nullptr; ///< The allow or deny block.
  bool Allow = true;
  std::optional<int64_t> Priority;
  Truth Applies = Truth::True; ///< Network, direction, target, source.
  const Value *Undecided = nullptr;
};

/// Whether a firewall rule applies to internet ingress to the instance.
std::pair<Truth, const Value *> ruleApplies(const model::DeploymentUnit &U,
                                            const Resource &Rule,
                                            const NetworkKey &Network,
                                            const Value *Tags,
                                            const Value *ServiceAccount) {
  const Value &P = Rule.Properties;
  std::vector<std::pair<Truth, const Value *>> Parts;
  Parts.push_back({sameNetwork(networkKey(U, P.get("network")), Network),
                   P.get("network")});
  Parts.push_back(
      {equalsOr(P.get("direction"), "INGRESS", true), P.get("direction")});
  Parts.push_back(
      {check::truthNot(isTrueOr(P.get("disabled"), false)), P.get("disabled")});
  if (nonEmpty(P.get("target_tags")))
    Parts.push_back(
        {intersects(P.get("target_tags"), Tags), P.get("target_tags")});
  if (nonEmpty(P.get("target_service_accounts")))
    Parts.push_back(
        {intersects(P.get("target_service_accounts"), ServiceAccount),
         P.get("target_service_accounts")});
  const Value *Ranges = P.get("source_ranges");
  if (nonEmpty(Ranges))
    Parts.push_back({check::isInternetCidr(*Ranges).T, Ranges});
  else if (nonEmpty(P.get("source_tags")) ||
           nonEmpty(P.get("source_service_accounts")))
    Parts.push_back({Truth::False, nullptr});
  // No source at all: the API takes 0.0.0.0/0.
  Truth All = Truth::True;
  const Value *Undecided = nullptr;
  for (auto [T, Where] : Parts) {
    All = check::truthAnd(All, T);
    if (T == Truth::Unknown && !Undecided)
      Undecided = Where ? Where : &P;
  }
  return {All, Undecided};
}

std::optional<int64_t> priorityOf(const Resource &Rule) {
  const Value *P = Rule.Properties.get("priority");
  if (!P || P->isNull())
    return 1000;
  if (P->is(ValueKind::Int))
    return P->asInt();
  return std::nullopt;
}

Match entryCovers(const FirewallEntry &E, int Port, IpProtocol Protocol) {
  if (!E.Entry->isKnown())
    return {Truth::Unknown, E.Entry, {}};
  const Value *Proto = E.Entry->get("protocol");
  if (!Proto)
    return {Truth::Unknown, E.Entry, {}};
  Match P = Protocol == IpProtocol::Tcp ? check::protocolIncludesTcp(*Proto)
                                        : check::protocolIncludesUdp(*Proto);
  if (P.isFalse())
    return P;
  Match Ports = check::gcpPortsCover(E.Entry->get("ports"), Port);
  if (Ports.isFalse())
    return Ports;
  if (P.isUnknown())
    return P;
  return Ports;
}

std::string ruleLabel(const FirewallEntry &E) {
  return "firewall " + quotedName(*E.Rule);
}

Gate firewallGate(std::shared_ptr<std::vector<FirewallEntry>> Entries,
                  const NetworkKey &Network) {
  Gate G;
  for (const FirewallEntry &E : *Entries)
    if (E.Entry->isKnown())
      addPortSpecCuts(E.Entry->get("ports"), G.Cuts);
  // Rules of a network the unit does not declare (the auto-created
  // "default" network has default-allow-ssh and -rdp) are not all known.
  bool AllRulesKnown = Network.Declared != nullptr;
  std::string NetworkName =
      Network.Key.rfind("name:", 0) == 0 ? Network.Key.substr(5) : Network.Key;
  G.Decide = [Entries, AllRulesKnown,
              NetworkName](int Port, IpProtocol Protocol) -> GateVerdict {
    // The first entry that may apply, and whether it allows: a later sure
    // entry decides only if that one would decide the same.
    std::optional<GateVerdict> Pending;
    bool PendingAllows = false;
    for (const FirewallEntry &E : *Entries) {
      Match Covers = entryCovers(E, Port, Protocol);
      if (Covers.isFalse() || E.Applies == Truth::False)
        continue;
      std::string Label = ruleLabel(E);
      if (!E.Priority)
        return {Truth::Unknown,
                hopAt(*E.Rule, Label, E.Rule->Properties.get("priority")),
                Label + ": the priority is not known"};
      bool Sure = Covers.isTrue() && E.Applies == Truth::True;
      if (Sure) {
        if (Pending && PendingAllows != E.Allow)
          return *Pending;
        if (!E.Allow)
          return {};
        const Value *Ports = E.Entry->get("ports");
        return {Truth::True,
                hopAt(*E.Rule,
                      Label + " allows " +
                          (Ports ? check::describeValue(*Ports)
                                 : std::string("every port")),
                      Ports ? Ports : E.Entry),
                {}};
      }
      if (!Pending) {
        const Value *Where = Covers.isUnknown() ? Covers.Where : E.Undecided;
        Pending = GateVerdict{
            Truth::Unknown, hopAt(*E.Rule, Label + " may apply", Where),
            Label + ": " + unknownReason(Where, "a value is not known")};
        PendingAllows = E.Allow;
      }
    }
    // Only an allow that may apply makes the implied deny uncertain.
    if (Pending && PendingAllows)
      return *Pending;
    if (!AllRulesKnown)
      return {Truth::Unknown, std::nullopt,
              "network '" + NetworkName +
                  "' is not declared in this unit, so its firewall rules "
                  "are not known"};
    return {};
  };
  return G;
}

void addInstanceExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  for (const Resource *I :
       check::deployedOfType(U, {"google_compute_instance"})) {
    const Value *Tags = I->Properties.get("tags");
    const Value *ServiceAccount =
        check::valueAt(I->Properties, "service_account.email", false);
    for (const Value *Nic :
         check::elementsOf(I->Properties.get("network_interface"))) {
      if (!Nic->isKnown())
        continue;
      const Value *Access = Nic->get("access_config");
      if (!nonEmpty(Access))
        continue;
      NetworkKey Network = interfaceNetwork(U, *Nic);
      auto Entries = std::make_shared<std::vector<FirewallEntry>>();
      for (const Resource *F :
           check::deployedOfType(U, {"google_compute_firewall"})) {
        auto [Applies, Undecided] =
            ruleApplies(U, *F, Network, Tags, ServiceAccount);
        if (Applies == Truth::False)
          continue;
        for (auto [Key, Allow] :
             {std::pair{"deny", false}, std::pair{"allow", true}})
          for (const Value *E : check::elementsOf(F->Properties.get(Key)))
            Entries->push_back(
                {F, E, Allow, priorityOf(*F), Applies, Undecided});
      }
      // Ascending priority; a deny before an allow of the same priority.
      std::stable_sort(Entries->begin(), Entries->end(),
                       [](const FirewallEntry &A, const FirewallEntry &B) {
                         int64_t PA = A.Priority.value_or(-1);
                         int64_t PB = B.Priority.value_or(-1);
                         if (PA != PB)
                           return PA < PB;
                         return !A.Allow && B.Allow;
                       });
      std::vector<Hop> Before{internetHop(),
                              hopAt(*I, "external IP (access_config)", Access)};
      // A `dynamic "access_config"` over a variable may or may not give
      // the interface an external IP.
      bool Known = Access->isKnown();
      exposeThroughGates(
          Out, I->Id, Before,
          {hopAt(*I, "instance " + quotedName(*I), nullptr)},
          {firewallGate(Entries, Network)},
          Known ? Certainty::Definite : Certainty::Possible,
          Known ? "" : "whether the interface has an external IP is not known");
    }
  }
}

void addGooglePlacements(const model::DeploymentUnit &U, NetworkModel &Out) {
  for (const Resource *I :
       check::deployedOfType(U, {"google_compute_instance"})) {
    std::vector<const Value *> Nics =
        check::elementsOf(I->Properties.get("network_interface"));
    if (Nics.empty() || !Nics.front()->isKnown())
      continue;
    NetworkKey Network = interfaceNetwork(U, *Nics.front());
    Placement P{Network.Declared ? Network.Declared->Id : "", "", ""};
    if (const Value *Sub = Nics.front()->get("subnetwork")) {
      check::Target T = check::resolveReference(U, Sub);
      if (T.Result == check::Target::State::Resolved) {
        P.SubnetId = T.Resource->Id;
        P.SubnetName = nameOf(*T.Resource);
      }
    }
    if (!P.NetworkId.empty() || !P.SubnetId.empty())
      Out.Placements[I->Id] = P;
  }
  for (const Resource *S :
       check::deployedOfType(U, {"google_compute_subnetwork"})) {
    NetworkKey Network = networkKey(U, S->Properties.get("network"));
    Out.Placements[S->Id] = Placement{
        Network.Declared ? Network.Declared->Id : "", S->Id, nameOf(*S)};
  }
}

} // namespace

void addGoogleExposures(const model::DeploymentUnit &U, NetworkModel &Out) {
  addGooglePlacements(U, Out);
  addInstanceExposures(U, Out);
}

} // namespace rampart::exposure::detail
