//===- DocumentJson.h - The document tree as JSON --------------*- C++ -*-===//
//
// The shape `rampart parse --format json` prints; a contract for tools:
//   {"file":..,"dialect":..,"role":..,"document":<node>,"diagnostics":[..]}
// A node is {"kind":..,"range":..} plus, by kind, "value" (bool, number,
// string), "text" (number literal; expression name), "items" (list),
// "entries" [{"key","keyRange","value"}] (map), or "op", "items" and
// "entries" (expression). Ranges are {"start":{"line","column"},"end":..},
// 1-based, columns in bytes.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_COMMON_DOCUMENTJSON_H
#define RAMPART_PARSERS_COMMON_DOCUMENTJSON_H

#include "parsers/common/Document.h"

#include <nlohmann/json.hpp>

namespace rampart {

nlohmann::ordered_json rangeToJson(const SourceRange &R);
nlohmann::ordered_json diagnosticToJson(const Diagnostic &D);
nlohmann::ordered_json nodeToJson(const Node &N);
nlohmann::ordered_json documentToJson(const Document &Doc);

} // namespace rampart

#endif
