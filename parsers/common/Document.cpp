//===- Document.cpp - The positioned document tree ------------------------===//
#include "parsers/common/Document.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace rampart {

llvm::StringRef nodeKindName(NodeKind K) {
  switch (K) {
  case NodeKind::Null:
    return "null";
  case NodeKind::Bool:
    return "bool";
  case NodeKind::Number:
    return "number";
  case NodeKind::String:
    return "string";
  case NodeKind::List:
    return "list";
  case NodeKind::Map:
    return "map";
  case NodeKind::Expression:
    return "expression";
  }
  return "null";
}

llvm::StringRef dialectName(Dialect D) {
  switch (D) {
  case Dialect::Bicep:
    return "bicep";
  case Dialect::Arm:
    return "arm";
  case Dialect::Terraform:
    return "terraform";
  case Dialect::CloudFormation:
    return "cloudformation";
  }
  return "arm";
}

llvm::StringRef fileRoleName(FileRole R) {
  switch (R) {
  case FileRole::Template:
    return "template";
  case FileRole::Parameters:
    return "parameters";
  case FileRole::Variables:
    return "variables";
  }
  return "template";
}

const MapEntry *Node::entry(llvm::StringRef Key) const {
  auto It = std::find_if(Entries.begin(), Entries.end(),
                         [&](const MapEntry &E) { return E.Key == Key; });
  return It == Entries.end() ? nullptr : &*It;
}

const Node *Node::get(llvm::StringRef Key) const {
  const MapEntry *E = entry(Key);
  return E ? E->Value : nullptr;
}

// Number literals come as JSON, HCL and Bicep write them, and as the YAML 1.2
// core schema does (a leading '+', 0x and 0o integers, .inf and .nan).
std::optional<double> Node::number() const {
  if (Kind != NodeKind::Number)
    return std::nullopt;
  llvm::StringRef T = Text;
  bool Negative = T.consume_front("-");
  if (!Negative)
    T.consume_front("+");
  double V = 0;
  uint64_t Integer = 0;
  if (T.equals_insensitive(".inf")) {
    V = std::numeric_limits<double>::infinity();
  } else if (T.equals_insensitive(".nan")) {
    return std::numeric_limits<double>::quiet_NaN();
  } else if (T.startswith("0x") || T.startswith("0o")) {
    unsigned Radix = T[1] == 'x' ? 16 : 8;
    if (T.drop_front(2).getAsInteger(Radix, Integer))
      return std::nullopt;
    V = static_cast<double>(Integer);
  } else {
    auto [Ptr, Ec] = std::from_chars(T.begin(), T.end(), V);
    if (T.empty() || Ec != std::errc() || Ptr != T.end())
      return std::nullopt;
  }
  return Negative ? -V : V;
}

bool Document::hasErrors() const {
  return std::any_of(Diags.begin(), Diags.end(), [](const Diagnostic &D) {
    return D.Level == Severity::Error;
  });
}

Node *Document::make(NodeKind K, SourceRange R) {
  Node *N = new (Nodes.Allocate()) Node();
  N->Kind = K;
  N->Range = R;
  return N;
}

Node *Document::makeString(SourceRange R, std::string Value) {
  Node *N = make(NodeKind::String, R);
  N->Text = std::move(Value);
  return N;
}

Node *Document::makeExpression(SourceRange R, std::string Op,
                               std::string Text) {
  Node *N = make(NodeKind::Expression, R);
  N->Op = std::move(Op);
  N->Text = std::move(Text);
  return N;
}

} // namespace rampart
