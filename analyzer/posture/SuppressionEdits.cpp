//===- SuppressionEdits.cpp - Writing a suppression into a file -----------===//
#include "analyzer/posture/SuppressionEdits.h"

#include "analyzer/fix/Plan.h"
#include "parsers/common/JsonEditor.h"

#include <nlohmann/json.hpp>

namespace rampart::posture {

namespace {

constexpr llvm::StringLiteral Reason = "TODO: why this is acceptable";

std::optional<std::vector<TextEdit>> setIfAbsent(const Document &Doc,
                                                 const Node &Object,
                                                 std::vector<std::string> Keys,
                                                 const std::string &Value) {
  const Node *Cur = &Object;
  for (const std::string &K : Keys) {
    Cur = Cur && Cur->is(NodeKind::Map) ? Cur->get(K) : nullptr;
    if (!Cur)
      break;
  }
  if (Cur)
    return std::nullopt; // already there: extended by hand
  auto Edits =
      parsers::setJsonValue(Doc, Object, {std::move(Keys), false}, Value);
  if (!Edits) {
    llvm::consumeError(Edits.takeError());
    return std::nullopt;
  }
  return std::move(*Edits);
}

} // namespace

std::optional<std::vector<TextEdit>>
jsonSuppressionEdits(const Document &Doc, const model::Resource &R,
                     llvm::StringRef CheckId, SuppressionScope Scope) {
  if (!fix::writtenAsJson(Doc) || !Doc.root() || !Doc.root()->is(NodeKind::Map))
    return std::nullopt;
  const Node *Object = Scope == SuppressionScope::File
                           ? Doc.root()
                           : fix::resourceObject(Doc, R);
  if (!Object || !Object->is(NodeKind::Map))
    return std::nullopt;
  switch (Doc.dialect()) {
  case Dialect::Terraform: {
    std::string Directive =
        "rampart:ignore " + CheckId.str() + " reason=\"" + Reason.str() + "\"";
    return setIfAbsent(Doc, *Object, {"//"}, nlohmann::json(Directive).dump());
  }
  case Dialect::CloudFormation: {
    nlohmann::ordered_json Entry = {{"id", CheckId.str()},
                                    {"reason", Reason.str()}};
    return setIfAbsent(Doc, *Object, {"Metadata", "rampart", "ignore"},
                       nlohmann::ordered_json::array({Entry}).dump());
  }
  case Dialect::Arm:
  case Dialect::Bicep:
    return std::nullopt; // they read comments
  }
  return std::nullopt;
}

} // namespace rampart::posture
