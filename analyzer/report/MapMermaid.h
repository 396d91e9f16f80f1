//===- MapMermaid.h - The network map as a Mermaid flowchart ---*- C++ -*-===//
//
// `rampart map --format mermaid`: a `flowchart LR` that GitHub and GitLab
// render in Markdown. Units, networks and subnets are nested subgraphs;
// exposure edges carry their ports, attack-path edges are thick (==>) and
// labelled with the path ids, context edges dotted; classes colour the
// exposed (red), unknown (amber) and Internet nodes.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_MAPMERMAID_H
#define RAMPART_ANALYZER_REPORT_MAPMERMAID_H

#include "analyzer/report/Map.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>

namespace rampart::report {

std::string mapsToMermaid(llvm::ArrayRef<UnitMap> Maps);

} // namespace rampart::report

#endif
