//===- Literal.cpp - Values that no expression produced -------------------===//
#include "analyzer/eval/Literal.h"

#include <nlohmann/json.hpp>

namespace rampart::eval {

using model::Member;
using model::Origin;
using model::Value;

namespace {

Value numberValue(const Node &N, Origin O) {
  llvm::StringRef T = N.Text;
  int64_t I;
  if (!T.contains('.') && !T.contains('e') && !T.contains('E') &&
      !T.getAsInteger(10, I))
    return Value::integer(I, O);
  if (auto D = N.number())
    return Value::floating(*D, O);
  return Value::unknown("invalid number '" + T.str() + "'", O);
}

Value jsonValue(const nlohmann::json &J, unsigned Depth) {
  if (Depth > MaxNestingDepth)
    return Value::unknown("value nests too deeply");
  switch (J.type()) {
  case nlohmann::json::value_t::boolean:
    return Value::boolean(J.get<bool>());
  case nlohmann::json::value_t::number_integer:
  case nlohmann::json::value_t::number_unsigned:
    return Value::integer(J.get<int64_t>());
  case nlohmann::json::value_t::number_float:
    return Value::floating(J.get<double>());
  case nlohmann::json::value_t::string:
    return Value::string(J.get<std::string>());
  case nlohmann::json::value_t::array: {
    std::vector<Value> Items;
    for (const auto &I : J)
      Items.push_back(jsonValue(I, Depth + 1));
    return Value::array(std::move(Items));
  }
  case nlohmann::json::value_t::object: {
    std::vector<Member> Members;
    for (auto It = J.begin(); It != J.end(); ++It)
      Members.push_back({It.key(), {}, jsonValue(It.value(), Depth + 1)});
    return Value::object(std::move(Members));
  }
  default:
    return Value::null();
  }
}

} // namespace

Value literalValue(const Node *N, const SourceFile *F) {
  Origin O{F, N->Range};
  switch (N->Kind) {
  case NodeKind::Null:
    return Value::null(O);
  case NodeKind::Bool:
    return Value::boolean(N->BoolValue, O);
  case NodeKind::Number:
    return numberValue(*N, O);
  case NodeKind::String:
    return Value::string(N->Text, O);
  case NodeKind::List: {
    std::vector<Value> Items;
    for (const Node *I : N->Items)
      Items.push_back(literalValue(I, F));
    return Value::array(std::move(Items), O);
  }
  case NodeKind::Map: {
    std::vector<Member> Members;
    for (const MapEntry &E : N->Entries)
      Members.push_back({E.Key, {F, E.KeyRange}, literalValue(E.Value, F)});
    return Value::object(std::move(Members), O);
  }
  case NodeKind::Expression:
    break;
  }
  return Value::unknown("not a JSON value", O);
}

Value commandLineValue(llvm::StringRef Text, bool WantString) {
  if (!WantString) {
    nlohmann::json J =
        nlohmann::json::parse(Text.begin(), Text.end(), nullptr, false);
    if (!J.is_discarded())
      return jsonValue(J, 0);
  }
  return Value::string(Text.str());
}

} // namespace rampart::eval
