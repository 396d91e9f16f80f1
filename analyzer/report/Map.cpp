//===- Map.cpp - The network map of a deployment unit ---------------------===//
#include "analyzer/report/Map.h"

#include "analyzer/check/Engine.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>

namespace rampart::report {

namespace {

using exposure::NodeExposure;

/// Types that are a network or a subnet in each cloud: they become boxes
/// even when nothing is placed in them, so an empty VNet still shows.
bool isNetworkType(llvm::StringRef T) {
  return T.equals_insensitive("Microsoft.Network/virtualNetworks") ||
         T == "azurerm_virtual_network" || T == "AWS::EC2::VPC" ||
         T == "aws_vpc" || T == "google_compute_network";
}

/// Terraform's `provider.aws` pseudo-resources are no cloud resource; every
/// resource references its provider, so they would only clutter the map.
bool onMap(const model::Resource &R) { return R.Type != "provider"; }

/// The last segment of an id, for a group the unit does not declare.
std::string shortName(llvm::StringRef Id) {
  size_t Slash = Id.find_last_of("/.");
  return Slash == llvm::StringRef::npos ? Id.str() : Id.substr(Slash + 1).str();
}

/// A synthetic hop (no resource id) is the Internet unless its label says
/// it is anonymous access (Anyone, §4.1 readable_by).
std::string syntheticId(const exposure::Hop &H) {
  return llvm::StringRef(H.Label).contains_insensitive("anyone")
             ? AnyoneNodeId.str()
             : InternetNodeId.str();
}

void addUnique(std::vector<std::string> &To, const std::string &S) {
  if (std::find(To.begin(), To.end(), S) == To.end())
    To.push_back(S);
}

std::vector<std::string> portsOf(const exposure::Exposure &E) {
  std::vector<std::string> Out;
  for (const exposure::PortRange &P : E.Ports)
    addUnique(Out, P.str());
  if (Out.empty())
    Out.push_back("public endpoint");
  return Out;
}

/// Collects the groups in first-seen order, then puts each network's
/// subnets right after it.
class GroupCollector {
public:
  explicit GroupCollector(const model::ResourceGraph &G) : G(G) {}

  void addNetwork(const std::string &Id) {
    if (Id.empty() || Index.count(Id))
      return;
    MapGroup Grp;
    Grp.Id = Id;
    Grp.Kind = MapGroup::GroupKind::Network;
    Grp.Resource = G.find(Id);
    Grp.Name =
        Grp.Resource ? check::resourceLabel(*Grp.Resource) : shortName(Id);
    add(std::move(Grp));
  }

  void addSubnet(const exposure::Placement &P) {
    if (P.SubnetId.empty() || Index.count(P.SubnetId))
      return;
    MapGroup Grp;
    Grp.Id = P.SubnetId;
    Grp.Kind = MapGroup::GroupKind::Subnet;
    Grp.Resource = G.find(P.SubnetId);
    Grp.Name = !P.SubnetName.empty() ? P.SubnetName
               : Grp.Resource        ? check::resourceLabel(*Grp.Resource)
                                     : shortName(P.SubnetId);
    Grp.ParentId = P.NetworkId;
    add(std::move(Grp));
  }

  bool has(llvm::StringRef Id) const { return Index.count(Id); }

  std::vector<MapGroup> ordered() const {
    std::vector<MapGroup> Out;
    std::vector<bool> Taken(Groups.size(), false);
    for (size_t I = 0; I < Groups.size(); ++I) {
      if (Groups[I].Kind != MapGroup::GroupKind::Network)
        continue;
      Out.push_back(Groups[I]);
      Taken[I] = true;
      for (size_t J = 0; J < Groups.size(); ++J)
        if (!Taken[J] && Groups[J].Kind == MapGroup::GroupKind::Subnet &&
            Groups[J].ParentId == Groups[I].Id) {
          Out.push_back(Groups[J]);
          Taken[J] = true;
        }
    }
    // Subnets of a network the unit does not name, or whose "network" is
    // another subnet: boxes of their own at the top.
    for (size_t J = 0; J < Groups.size(); ++J)
      if (!Taken[J]) {
        Out.push_back(Groups[J]);
        Out.back().ParentId.clear();
      }
    return Out;
  }

private:
  void add(MapGroup Grp) {
    Index.insert(Grp.Id);
    Groups.push_back(std::move(Grp));
  }

  const model::ResourceGraph &G;
  std::vector<MapGroup> Groups;
  llvm::StringSet<> Index;
};

std::vector<MapGroup> collectGroups(const model::DeploymentUnit &U,
                                    const exposure::NetworkModel &N) {
  GroupCollector C(U.Graph);
  for (const model::Resource &R : U.Graph.resources()) {
    if (isNetworkType(R.Type))
      C.addNetwork(R.Id);
    auto It = N.Placements.find(R.Id);
    if (It == N.Placements.end())
      continue;
    C.addNetwork(It->second.NetworkId);
    C.addSubnet(It->second);
  }
  // Placements of resources the unit does not list (defensive: the model
  // should only place the unit's own resources).
  for (const auto &[Id, P] : N.Placements) {
    C.addNetwork(P.NetworkId);
    C.addSubnet(P);
  }
  return C.ordered();
}

MapNode resourceNode(const model::Resource &R, const exposure::NetworkModel &N,
                     const llvm::StringMap<const MapGroup *> &Groups) {
  MapNode Node;
  Node.Id = R.Id;
  Node.Resource = &R;
  Node.Label = check::resourceLabel(R);
  Node.Type = R.Type;
  Node.Exposure = N.exposureOf(R.Id);
  for (const exposure::Exposure *E : N.exposuresOf(R.Id))
    for (const exposure::PortRange &P : E->Ports)
      addUnique(Node.Ports, P.str());
  if (const MapGroup *Own = Groups.lookup(R.Id)) {
    Node.IsGroup = true;
    Node.GroupId = Own->ParentId;
    return Node;
  }
  auto It = N.Placements.find(R.Id);
  if (It != N.Placements.end())
    Node.GroupId = !It->second.SubnetId.empty() ? It->second.SubnetId
                                                : It->second.NetworkId;
  return Node;
}

/// Adds edges along chains, merging those between the same two nodes.
class EdgeBuilder {
public:
  EdgeBuilder(std::vector<MapNode> &Nodes, std::vector<MapEdge> &Edges)
      : Nodes(Nodes), Edges(Edges) {
    for (size_t I = 0; I < Nodes.size(); ++I)
      NodeIndex[Nodes[I].Id] = I;
  }

  /// The chain's node ids: synthetic hops become the Internet or Anyone
  /// node (added on first use), hops that are groups or not on the map are
  /// passed over, repeats collapse.
  std::vector<std::string> nodesOf(const std::vector<exposure::Hop> &Chain) {
    std::vector<std::string> Out;
    for (const exposure::Hop &H : Chain) {
      std::string Id = H.ResourceId.empty() ? syntheticId(H) : H.ResourceId;
      if (H.ResourceId.empty())
        ensureSynthetic(Id);
      auto It = NodeIndex.find(Id);
      if (It == NodeIndex.end() || Nodes[It->second].IsGroup)
        continue;
      if (Out.empty() || Out.back() != Id)
        Out.push_back(Id);
    }
    // A chain may name a resource twice (an AWS instance is its own public
    // IP, then the target): it is drawn where the chain ends for it.
    std::vector<std::string> Last;
    for (size_t I = 0; I < Out.size(); ++I)
      if (std::find(Out.begin() + I + 1, Out.end(), Out[I]) == Out.end())
        Last.push_back(Out[I]);
    return Last;
  }

  MapEdge &edge(const std::string &From, const std::string &To,
                MapEdge::EdgeKind Kind, bool Possible) {
    std::string Key =
        std::to_string(static_cast<int>(Kind)) + '\n' + From + '\n' + To;
    auto [It, New] = EdgeIndex.try_emplace(Key, Edges.size());
    if (New) {
      MapEdge E;
      E.From = From;
      E.To = To;
      E.Kind = Kind;
      E.Possible = Possible;
      Edges.push_back(std::move(E));
    }
    MapEdge &E = Edges[It->second];
    // One definite chain through the edge makes it definite.
    E.Possible = E.Possible && Possible;
    return E;
  }

  bool connected(const std::string &A, const std::string &B) const {
    return Pairs.count(A + '\n' + B) || Pairs.count(B + '\n' + A);
  }
  void markConnected(const std::string &A, const std::string &B) {
    Pairs.insert(A + '\n' + B);
  }

  bool drawable(const std::string &Id) const {
    auto It = NodeIndex.find(Id);
    return It != NodeIndex.end() && !Nodes[It->second].IsGroup;
  }

  MapNode *node(const std::string &Id) {
    auto It = NodeIndex.find(Id);
    return It == NodeIndex.end() ? nullptr : &Nodes[It->second];
  }

private:
  void ensureSynthetic(const std::string &Id) {
    if (NodeIndex.count(Id))
      return;
    MapNode N;
    N.Id = Id;
    bool Anyone = Id == AnyoneNodeId;
    N.Kind = Anyone ? MapNode::NodeKind::Anyone : MapNode::NodeKind::Internet;
    N.Label = Anyone ? "Anyone" : "Internet";
    N.Exposure = NodeExposure::Internet;
    NodeIndex[Id] = Nodes.size();
    Nodes.push_back(std::move(N));
  }

  std::vector<MapNode> &Nodes;
  std::vector<MapEdge> &Edges;
  llvm::StringMap<size_t> NodeIndex;
  llvm::StringMap<size_t> EdgeIndex;
  llvm::StringSet<> Pairs;
};

void addExposureEdges(const exposure::NetworkModel &N, EdgeBuilder &B) {
  for (const exposure::Exposure &E : N.Exposures) {
    std::vector<std::string> Ids = B.nodesOf(E.Chain);
    bool Possible = E.State == exposure::Certainty::Possible;
    for (size_t I = 1; I < Ids.size(); ++I) {
      MapEdge &Edge =
          B.edge(Ids[I - 1], Ids[I], MapEdge::EdgeKind::Exposure, Possible);
      for (const std::string &P : portsOf(E))
        addUnique(Edge.Ports, P);
      B.markConnected(Ids[I - 1], Ids[I]);
    }
  }
}

void addPathEdges(const std::vector<exposure::AttackPath> &Paths,
                  EdgeBuilder &B) {
  for (const exposure::AttackPath &P : Paths) {
    std::vector<std::string> Ids = B.nodesOf(P.Chain);
    bool Possible = P.State == exposure::Certainty::Possible;
    std::string PathId = P.Definition ? P.Definition->Id : "PATH";
    for (size_t I = 1; I < Ids.size(); ++I) {
      MapEdge &Edge =
          B.edge(Ids[I - 1], Ids[I], MapEdge::EdgeKind::Path, Possible);
      addUnique(Edge.PathIds, PathId);
      B.markConnected(Ids[I - 1], Ids[I]);
    }
    if (const exposure::Hop *Entry = P.entry())
      if (MapNode *N = B.node(Entry->ResourceId))
        N->PathEntry = true;
    if (!P.Chain.empty() && !P.Chain.back().ResourceId.empty())
      if (MapNode *N = B.node(P.Chain.back().ResourceId))
        N->PathTarget = true;
  }
}

/// References, attachments and parent links between drawn resources, for
/// context; none when there are too many to read.
size_t addContextEdges(const model::ResourceGraph &G, EdgeBuilder &B,
                       std::vector<MapEdge> &Edges) {
  size_t First = Edges.size();
  for (const model::Edge &E : G.edges()) {
    if (E.Kind == model::EdgeKind::DependsOn || E.From == E.To ||
        !B.drawable(E.From) || !B.drawable(E.To) || B.connected(E.From, E.To))
      continue;
    B.edge(E.From, E.To,
           E.Kind == model::EdgeKind::Reference ? MapEdge::EdgeKind::Reference
                                                : MapEdge::EdgeKind::Attachment,
           false);
  }
  size_t Added = Edges.size() - First;
  if (Added <= MaxContextEdges)
    return 0;
  Edges.resize(First);
  return Added;
}

/// Groups with nothing drawn in them (an Azure VNet whose subnets hold
/// nothing the model placed): Graphviz draws no empty cluster, so such a
/// network becomes an ordinary node, and an empty inline subnet goes.
void dropEmptyGroups(UnitMap &M) {
  llvm::StringSet<> Occupied;
  for (const MapNode &N : M.Nodes)
    for (std::string G = N.IsGroup ? "" : N.GroupId; !G.empty();) {
      if (!Occupied.insert(G).second)
        break;
      const MapGroup *Grp = M.group(G);
      G = Grp ? Grp->ParentId : "";
    }
  llvm::StringMap<std::string> Parent;
  for (const MapGroup &G : M.Groups)
    if (!Occupied.count(G.Id))
      Parent[G.Id] = G.ParentId;
  llvm::erase_if(M.Groups,
                 [&](const MapGroup &G) { return !Occupied.count(G.Id); });
  for (MapNode &N : M.Nodes) {
    if (N.IsGroup && Parent.count(N.Id))
      N.IsGroup = false;
    // A resource of a dropped group sits in the nearest group left.
    while (!N.GroupId.empty() && Parent.count(N.GroupId))
      N.GroupId = Parent.lookup(N.GroupId);
  }
}

} // namespace

llvm::StringRef edgeKindName(MapEdge::EdgeKind K) {
  switch (K) {
  case MapEdge::EdgeKind::Exposure:
    return "exposure";
  case MapEdge::EdgeKind::Path:
    return "path";
  case MapEdge::EdgeKind::Reference:
    return "reference";
  case MapEdge::EdgeKind::Attachment:
    return "attachment";
  }
  return "reference";
}

llvm::StringRef groupKindName(MapGroup::GroupKind K) {
  return K == MapGroup::GroupKind::Network ? "network" : "subnet";
}

const MapNode *UnitMap::node(llvm::StringRef Id) const {
  for (const MapNode &N : Nodes)
    if (N.Id == Id)
      return &N;
  return nullptr;
}

const MapGroup *UnitMap::group(llvm::StringRef Id) const {
  for (const MapGroup &G : Groups)
    if (G.Id == Id)
      return &G;
  return nullptr;
}

UnitMap buildUnitMap(const model::DeploymentUnit &U,
                     exposure::NetworkModel Network,
                     std::vector<exposure::AttackPath> Paths) {
  UnitMap M;
  M.Unit = &U;
  M.Network = std::move(Network);
  M.Paths = std::move(Paths);
  M.Groups = collectGroups(U, M.Network);
  llvm::StringMap<const MapGroup *> GroupById;
  for (const MapGroup &G : M.Groups)
    GroupById[G.Id] = &G;
  for (const model::Resource &R : U.Graph.resources())
    if (onMap(R))
      M.Nodes.push_back(resourceNode(R, M.Network, GroupById));
  dropEmptyGroups(M);
  EdgeBuilder B(M.Nodes, M.Edges);
  addExposureEdges(M.Network, B);
  addPathEdges(M.Paths, B);
  M.OmittedContextEdges = addContextEdges(U.Graph, B, M.Edges);
  // The synthetic nodes were appended as chains met them: they go first.
  std::stable_partition(M.Nodes.begin(), M.Nodes.end(), [](const MapNode &N) {
    return N.Kind != MapNode::NodeKind::Resource;
  });
  return M;
}

std::vector<UnitMap> buildMaps(const std::vector<model::DeploymentUnit> &Units,
                               llvm::ArrayRef<const check::Check *> Catalog) {
  std::vector<UnitMap> Out;
  Out.reserve(Units.size());
  for (const model::DeploymentUnit &U : Units) {
    exposure::NetworkModel N = exposure::analyzeNetwork(U);
    std::vector<exposure::AttackPath> P =
        exposure::findAttackPaths(U, N, Catalog);
    Out.push_back(buildUnitMap(U, std::move(N), std::move(P)));
  }
  return Out;
}

} // namespace rampart::report
