//===- MapJson.h - `rampart map --format json` -----------------*- C++ -*-===//
//
// The map as data, a stable shape for tools (docs/map.md):
//
//   {"units": [{"root": path, "dialect": "terraform",
//     "groups": [{"id", "kind": "network|subnet", "name",
//                 "type": <declaring resource's type>|null,
//                 "parent": <network id>|null}],
//     "nodes": [{"id", "kind": "resource|internet|anyone", "name", "type",
//                "exposure": "internet|peered|private|unknown",
//                "ports": ["22/tcp"], "group": <group id>|null,
//                "isGroup": bool, "pathEntry": bool, "pathTarget": bool,
//                "file": path|null, "range": {...}|null}],
//     "edges": [{"from", "to", "kind": "exposure|path|reference|attachment",
//                "ports": [...], "possible": bool, "paths": ["AZ-PATH-001"]}],
//     "exposures": [{"resource", "certainty": "definite|possible",
//                    "ports": [...], "reason", "chain": [<hop>]}],
//     "paths": [{"id", "title", "severity", "certainty", "message",
//                "reason", "chain": [<hop>]}],
//     "omittedContextEdges": N}]}
//
// A hop is {"resource": id|null, "label", "file": path|null, "range":
// {...}|null}; the Internet and Anyone nodes have the ids "$internet" and
// "$anyone". Lines and columns are 1-based.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_MAPJSON_H
#define RAMPART_ANALYZER_REPORT_MAPJSON_H

#include "analyzer/report/Map.h"

#include "llvm/ADT/ArrayRef.h"

#include <nlohmann/json.hpp>

namespace rampart::report {

nlohmann::ordered_json unitMapToJson(const UnitMap &M);
nlohmann::ordered_json mapsToJson(llvm::ArrayRef<UnitMap> Maps);

} // namespace rampart::report

#endif
