//===- Document.cpp - The positioned document tree ------------------------===//
#include "parsers/common/Document.h"

#include <algorithm>
#include <charconv>

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

std::optional<double> Node::number() const {
  if (Kind != NodeKind::Number)
    return std::nullopt;
  double V = 0;
  const char *B = Text.data(), *E = B + Text.size();
  auto [Ptr, Ec] = std::from_chars(B, E, V);
  if (Ec != std::errc() || Ptr != E)
    return std::nullopt;
  return V;
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
