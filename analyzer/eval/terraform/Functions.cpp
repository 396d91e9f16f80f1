//===- Functions.cpp - Terraform's built-in functions ---------------------===//
//
// Placeholder while the library is written: knows no function yet.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/terraform/Functions.h"

namespace rampart::eval::terraform {

using model::Value;
using model::ValueKind;

std::optional<Value> callFunction(llvm::StringRef, llvm::ArrayRef<Value>,
                                  CallContext &) {
  return std::nullopt;
}

std::optional<std::string> toTerraformString(const Value &V) {
  switch (V.kind()) {
  case ValueKind::String:
    return V.asString().str();
  case ValueKind::Bool:
    return V.asBool() ? "true" : "false";
  case ValueKind::Int:
    return std::to_string(V.asInt());
  default:
    return std::nullopt;
  }
}

} // namespace rampart::eval::terraform
