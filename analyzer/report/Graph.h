//===- Graph.h - Deployment units as JSON and Graphviz DOT -----*- C++ -*-===//
//
// What `rampart graph` prints. The JSON shape is a contract:
//
//   {"units": [{"root": path, "dialect": "arm",
//     "resources": [{"id", "type", "name": <value>, "apiVersion", "file",
//                    "range": {"start": {"line", "column"}, "end": {...}},
//                    "properties": <value>,
//                    and when they apply: "symbolicName", "condition":
//                    <value>, "existing": true, "loop": {"kind":
//                    "copy|for|count|for_each", "expanded", "index"}}],
//     "edges": [{"from": id, "to": id,
//                "kind": "reference|depends_on|parent|attachment"}],
//     "diagnostics": [{"file", "severity", "message", "range"}]}]}
//
// Values print as in ValueJson.h ({"$unknown": reason} for Unknown). Lines
// and columns are 1-based. A Parent edge goes from the child to its parent;
// the other kinds from the resource that needs to the one needed.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_GRAPH_H
#define RAMPART_ANALYZER_REPORT_GRAPH_H

#include "analyzer/model/ResourceGraph.h"

#include "llvm/ADT/ArrayRef.h"

#include <nlohmann/json.hpp>

#include <string>

namespace rampart::report {

nlohmann::ordered_json unitToJson(const model::DeploymentUnit &U);
nlohmann::ordered_json unitsToJson(llvm::ArrayRef<model::DeploymentUnit> Units);

/// One digraph; each unit is a cluster, each resource a node labelled with
/// its type and name, each edge labelled with its kind.
std::string unitsToDot(llvm::ArrayRef<model::DeploymentUnit> Units);

} // namespace rampart::report

#endif
