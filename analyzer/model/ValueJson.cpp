//===- ValueJson.cpp - Values and graphs as JSON --------------------------===//
#include "analyzer/model/ValueJson.h"

namespace rampart::model {

using json = nlohmann::ordered_json;

json valueToJson(const Value &V) {
  switch (V.kind()) {
  case ValueKind::Null:
    return nullptr;
  case ValueKind::Bool:
    return V.asBool();
  case ValueKind::Int:
    return V.asInt();
  case ValueKind::Float:
    return V.asNumber();
  case ValueKind::String:
    return V.asString().str();
  case ValueKind::Array: {
    json Out = json::array();
    for (const Value &I : V.items())
      Out.push_back(valueToJson(I));
    return Out;
  }
  case ValueKind::Object: {
    json Out = json::object();
    for (const Member &M : V.members())
      Out[M.Key] = valueToJson(M.V);
    return Out;
  }
  case ValueKind::Unknown: {
    json Out = {{"$unknown", V.asString().str()}};
    if (!V.alternatives().empty()) {
      json &OneOf = Out["oneOf"] = json::array();
      for (const Value &A : V.alternatives())
        OneOf.push_back(valueToJson(A));
    }
    return Out;
  }
  case ValueKind::Expression: {
    json Out = {{"$expression", V.asString().str()}};
    if (!V.refersTo().empty())
      Out["refersTo"] = V.refersTo().str();
    return Out;
  }
  }
  return nullptr;
}

} // namespace rampart::model
