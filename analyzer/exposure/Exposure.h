//===- Exposure.h - What the internet reaches, from the graph --*- C++ -*-===//
//
// The network half of catalog §4: from a deployment unit's resource graph,
// which resources accept traffic from the internet, on which ports, and
// through which chain of resources (internet → public IP → NIC → NSG rule
// → VM). It is the static counterpart of Defender for Cloud's network map.
//
// Everything is three-valued, as the checks are: a rule whose source is a
// parameter, or a reference that cannot be resolved, makes an exposure
// Possible (reported with the value that would decide it), never definite.
// The decisions reuse the checks' own predicates (the NSG decision of
// analyzer/check/AzureNetwork.h, the security-group and NACL logic), so the
// map never contradicts a finding.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EXPOSURE_EXPOSURE_H
#define RAMPART_ANALYZER_EXPOSURE_EXPOSURE_H

#include "analyzer/model/ResourceGraph.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace rampart::exposure {

/// One step of a chain: a resource (or the internet), and how it leads on.
struct Hop {
  /// The unit's resource id; "" for the synthetic Internet or Anyone node.
  std::string ResourceId;
  /// What this step contributes, in words: "public IP pip-web",
  /// "NSG nsg-web rule AllowSsh allows 22/tcp from *", "listener 443/HTTPS".
  std::string Label;
  /// The most precise text that decides the step (the rule's port or
  /// source value, the property that opens the endpoint), else the
  /// resource's declaration. No file for the Internet node.
  model::Origin Where;
};

/// A port range of one protocol, inclusive. First 0 and Last 65535 with
/// Protocol "*" is "any traffic".
struct PortRange {
  uint16_t First = 0;
  uint16_t Last = 65535;
  std::string Protocol = "tcp"; ///< "tcp", "udp", "icmp" or "*"

  bool any() const { return First == 0 && Last == 65535; }
  /// "22/tcp", "80-443/tcp", "any".
  std::string str() const;
};

/// Definite: every step is known. Possible: some step depends on a value
/// that cannot be resolved statically (Reason says which).
enum class Certainty : uint8_t { Definite, Possible };

/// One way the internet reaches a resource (an `exposes` edge of §4.1).
struct Exposure {
  std::string ResourceId;
  Certainty State = Certainty::Definite;
  /// The ports reachable; empty for a data store's public endpoint (the
  /// service's own protocol).
  std::vector<PortRange> Ports;
  /// The internet first, the exposed resource last.
  std::vector<Hop> Chain;
  /// For Possible: what would decide it ("the source address prefix is the
  /// parameter allowedSource").
  std::string Reason;
};

/// How a resource sits on the map (§4.4).
enum class NodeExposure : uint8_t { Private, Internet, Peered, Unknown };
llvm::StringRef nodeExposureName(NodeExposure E);

/// Where a resource sits in the network: its network (VNet, VPC, GCP
/// network) and subnet, by resource id. An Azure subnet declared inline
/// in its VNet has the id "<vnet id>/subnets/<name>".
struct Placement {
  std::string NetworkId;
  std::string SubnetId;
  /// The subnet's display name (its own name, or the label of the
  /// resource).
  std::string SubnetName;
};

/// The network view of one unit.
struct NetworkModel {
  /// Every exposure, definite and possible, in unit order of the exposed
  /// resource.
  std::vector<Exposure> Exposures;
  /// Resource id → placement, for the resources the unit places in a
  /// network (compute, NICs, load balancers, private endpoints...).
  std::map<std::string, Placement> Placements;

  /// Internet when some definite exposure reaches Id, Unknown when only a
  /// possible one does, else Private (Peered is reserved for peered and
  /// on-premises reachability).
  NodeExposure exposureOf(llvm::StringRef Id) const;
  std::vector<const Exposure *> exposuresOf(llvm::StringRef Id) const;
};

/// Computes the exposure of every resource of the unit (Azure, AWS and
/// Google resources alike; a unit may mix them).
NetworkModel analyzeNetwork(const model::DeploymentUnit &U);

} // namespace rampart::exposure

#endif
