//===- ValueJson.h - Values and graphs as JSON -----------------*- C++ -*-===//
//
// The shape `rampart graph --format json` prints. Known values print as
// plain JSON; an Unknown as {"$unknown": "<reason>"}; an Expression as
// {"$expression": "<text>"} (plus "refersTo" when it points at a resource).
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_MODEL_VALUEJSON_H
#define RAMPART_ANALYZER_MODEL_VALUEJSON_H

#include "analyzer/model/Value.h"

#include <nlohmann/json.hpp>

namespace rampart::model {

nlohmann::ordered_json valueToJson(const Value &V);

} // namespace rampart::model

#endif
