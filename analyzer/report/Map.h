//===- Map.h - The network map of a deployment unit ------------*- C++ -*-===//
//
// What `rampart map`, the HTML report and the editor's map view draw (catalog
// §4.4): every resource of a unit, grouped by network (VNet, VPC or GCP
// network, then subnet), each marked with its exposure (internet, peered,
// private, unknown); an Internet node (and an Anyone node for anonymous
// access) with edges along each exposure's chain, labelled with the ports
// it reaches; the attack paths' chains; and the resources' references and
// attachments, faintly, for context.
//
// The model is built once from the unit, its NetworkModel and its attack
// paths (analyzer/exposure/); the renderers (MapDot, MapMermaid, MapJson,
// MapSvg) only format it.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_MAP_H
#define RAMPART_ANALYZER_REPORT_MAP_H

#include "analyzer/exposure/AttackPaths.h"
#include "analyzer/exposure/Exposure.h"
#include "analyzer/model/ResourceGraph.h"

#include <string>
#include <vector>

namespace rampart::report {

/// The synthetic nodes' ids: they cannot clash with a resource id, which
/// never starts with '$'.
inline constexpr llvm::StringLiteral InternetNodeId = "$internet";
inline constexpr llvm::StringLiteral AnyoneNodeId = "$anyone";

/// A network or a subnet: a box on the map.
struct MapGroup {
  enum class GroupKind : uint8_t { Network, Subnet };
  std::string Id; ///< The network's or subnet's resource id.
  GroupKind Kind = GroupKind::Network;
  std::string Name;
  /// The declaring resource, when the unit declares it (an inline Azure
  /// subnet has none of its own; a network declared elsewhere neither).
  const model::Resource *Resource = nullptr;
  /// A subnet's network; "" for a network.
  std::string ParentId;
};

struct MapNode {
  enum class NodeKind : uint8_t { Resource, Internet, Anyone };
  std::string Id;
  NodeKind Kind = NodeKind::Resource;
  /// Null for the synthetic nodes.
  const model::Resource *Resource = nullptr;
  std::string Label; ///< The resource's name (or id), "Internet", "Anyone".
  std::string Type;  ///< The resource type; "" for the synthetic nodes.
  exposure::NodeExposure Exposure = exposure::NodeExposure::Private;
  /// The ports the internet reaches (definite and possible), distinct, in
  /// the order the exposures name them.
  std::vector<std::string> Ports;
  /// The innermost group holding it; "" when it is in no network.
  std::string GroupId;
  /// The node stands for a group (a VNet, a subnet resource): renderers
  /// draw the group's box instead of a node.
  bool IsGroup = false;
  /// The start of some attack path.
  bool PathEntry = false;
  /// The end of some attack path.
  bool PathTarget = false;
};

struct MapEdge {
  enum class EdgeKind : uint8_t { Exposure, Path, Reference, Attachment };
  std::string From, To;
  EdgeKind Kind = EdgeKind::Reference;
  /// Exposure edges: the ports of every exposure whose chain passes here.
  std::vector<std::string> Ports;
  /// Every exposure or path through it depends on an unknown value.
  bool Possible = false;
  /// Path edges: the ids of the paths through it (AZ-PATH-001...).
  std::vector<std::string> PathIds;
};

/// The map of one unit.
struct UnitMap {
  const model::DeploymentUnit *Unit = nullptr;
  /// Networks first, each followed by its subnets, in unit order.
  std::vector<MapGroup> Groups;
  /// The synthetic nodes that have edges, then every resource in unit
  /// order.
  std::vector<MapNode> Nodes;
  std::vector<MapEdge> Edges;
  exposure::NetworkModel Network;
  std::vector<exposure::AttackPath> Paths;
  /// Reference and attachment edges left out because the unit has more
  /// than MaxContextEdges of them (they would hide the network).
  size_t OmittedContextEdges = 0;

  const MapNode *node(llvm::StringRef Id) const;
  const MapGroup *group(llvm::StringRef Id) const;
};

/// Past this many reference and attachment edges, a map draws none.
inline constexpr size_t MaxContextEdges = 200;

llvm::StringRef edgeKindName(MapEdge::EdgeKind K);
llvm::StringRef groupKindName(MapGroup::GroupKind K);

/// Builds the map of U from its network model and attack paths.
UnitMap buildUnitMap(const model::DeploymentUnit &U,
                     exposure::NetworkModel Network,
                     std::vector<exposure::AttackPath> Paths);

/// Runs the exposure analysis and the path search on every unit, then
/// builds their maps. The units must outlive the maps.
/// Catalog: the checks whose verdicts attack paths reuse (normally
/// checks::builtinChecks()); without it, the paths that need no check.
std::vector<UnitMap>
buildMaps(const std::vector<model::DeploymentUnit> &Units,
          llvm::ArrayRef<const check::Check *> Catalog = {});

} // namespace rampart::report

#endif
