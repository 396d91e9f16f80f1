//===- YamlSchema.cpp - Scalar resolution and CloudFormation tags ---------===//
#include "parsers/cloudformation/YamlSchema.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

namespace rampart::parsers::yaml {

namespace {

bool isDigit(char C) { return C >= '0' && C <= '9'; }

// Consumes a run of characters accepted by Pred; false if the run is empty.
template <typename Pred> bool consumeRun(llvm::StringRef &S, Pred P) {
  size_t N = 0;
  while (N < S.size() && P(S[N]))
    ++N;
  S = S.drop_front(N);
  return N > 0;
}

void dropSign(llvm::StringRef &S) {
  if (!S.empty() && (S.front() == '+' || S.front() == '-'))
    S = S.drop_front();
}

} // namespace

bool isCoreNull(llvm::StringRef S) {
  return S.empty() || S == "~" || S == "null" || S == "Null" || S == "NULL";
}

std::optional<bool> coreBool(llvm::StringRef S) {
  if (S == "true" || S == "True" || S == "TRUE")
    return true;
  if (S == "false" || S == "False" || S == "FALSE")
    return false;
  return std::nullopt;
}

bool isCoreInt(llvm::StringRef S) {
  if (S.consume_front("0o"))
    return consumeRun(S, [](char C) { return C >= '0' && C <= '7'; }) &&
           S.empty();
  if (S.consume_front("0x"))
    return consumeRun(S, llvm::isHexDigit) && S.empty();
  dropSign(S);
  return consumeRun(S, isDigit) && S.empty();
}

bool isCoreFloat(llvm::StringRef S) {
  if (S == ".nan" || S == ".NaN" || S == ".NAN")
    return true;
  dropSign(S);
  if (S == ".inf" || S == ".Inf" || S == ".INF")
    return true;
  // [0-9]+ ( . [0-9]* )?  or  . [0-9]+
  if (consumeRun(S, isDigit)) {
    if (S.consume_front("."))
      consumeRun(S, isDigit);
  } else if (!S.consume_front(".") || !consumeRun(S, isDigit)) {
    return false;
  }
  if (S.consume_front("e") || S.consume_front("E")) {
    dropSign(S);
    if (!consumeRun(S, isDigit))
      return false;
  }
  return S.empty();
}

NodeKind resolvePlainScalar(llvm::StringRef S, bool &BoolValue) {
  if (isCoreNull(S))
    return NodeKind::Null;
  if (std::optional<bool> B = coreBool(S)) {
    BoolValue = *B;
    return NodeKind::Bool;
  }
  if (isCoreInt(S) || isCoreFloat(S))
    return NodeKind::Number;
  return NodeKind::String;
}

llvm::StringRef intrinsicForTag(llvm::StringRef Tag) {
  return llvm::StringSwitch<llvm::StringRef>(Tag)
      .Case("!Ref", "Ref")
      .Case("!Condition", "Condition")
      .Case("!Base64", "Fn::Base64")
      .Case("!Cidr", "Fn::Cidr")
      .Case("!FindInMap", "Fn::FindInMap")
      .Case("!GetAtt", "Fn::GetAtt")
      .Case("!GetAZs", "Fn::GetAZs")
      .Case("!ImportValue", "Fn::ImportValue")
      .Case("!Join", "Fn::Join")
      .Case("!Select", "Fn::Select")
      .Case("!Split", "Fn::Split")
      .Case("!Sub", "Fn::Sub")
      .Case("!Transform", "Fn::Transform")
      .Case("!If", "Fn::If")
      .Case("!Equals", "Fn::Equals")
      .Case("!And", "Fn::And")
      .Case("!Or", "Fn::Or")
      .Case("!Not", "Fn::Not")
      // AWS::LanguageExtensions.
      .Case("!Length", "Fn::Length")
      .Case("!ToJsonString", "Fn::ToJsonString")
      .Case("!ForEach", "Fn::ForEach")
      // Rule functions, valid only in a template's Rules section.
      .Case("!Contains", "Fn::Contains")
      .Case("!EachMemberEquals", "Fn::EachMemberEquals")
      .Case("!EachMemberIn", "Fn::EachMemberIn")
      .Case("!RefAll", "Fn::RefAll")
      .Case("!ValueOf", "Fn::ValueOf")
      .Case("!ValueOfAll", "Fn::ValueOfAll")
      .Default("");
}

} // namespace rampart::parsers::yaml
