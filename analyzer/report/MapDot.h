//===- MapDot.h - The network map as Graphviz DOT --------------*- C++ -*-===//
//
// `rampart map --format dot`: one digraph, a cluster per unit holding a
// cluster per network and, inside it, per subnet; exposed resources and the
// exposure edges (labelled with their ports) in red, possible ones dashed in
// amber, attack-path edges in bold purple labelled with the path ids, and
// references and attachments in grey. The SVG renderer lays out the same
// graph (unitLayoutDot), so the two never disagree.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_MAPDOT_H
#define RAMPART_ANALYZER_REPORT_MAPDOT_H

#include "analyzer/report/Map.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>

namespace rampart::report {

std::string mapsToDot(llvm::ArrayRef<UnitMap> Maps);

/// Node sizes of the layout graph, in inches (Graphviz's unit).
struct LayoutSizes {
  double NodeWidth = 2.5, NodeHeight = 0.8;
  double SyntheticWidth = 1.3, SyntheticHeight = 0.6;
};

/// One unit as a graph to lay out: node I of M.Nodes is named "n<I>",
/// group J of M.Groups is the cluster "cluster_g<J>", edge K has the id
/// "e<K>"; nodes have fixed sizes and no text (the SVG draws it), while
/// cluster and edge labels are kept so the layout leaves room for them.
std::string unitLayoutDot(const UnitMap &M, const LayoutSizes &Sizes);

/// Text for a node's or cluster's label line: sanitized, line breaks as
/// spaces, cut to Max characters.
std::string labelLine(llvm::StringRef Text, size_t Max);

/// The ports of an exposure edge as one label ("22/tcp, 3389/tcp"), at most
/// a few and then "+N more".
std::string portsLabel(const std::vector<std::string> &Ports);

} // namespace rampart::report

#endif
