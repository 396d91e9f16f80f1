//===- HclJson.cpp - Terraform JSON configuration as HCL ------------------===//
//
// A table of rules says, for each kind of body, how each property is read
// (an argument of some kind, a nested block with so many labels, a comment);
// the walk applies them. Strings that hold HCL (templates, references, type
// expressions) are parsed by the HCL parser inside a small wrapper file, and
// the resulting nodes are copied into the lowered Document with their
// ranges moved back into the JSON string.
//
//===----------------------------------------------------------------------===//
#include "parsers/terraform/HclJson.h"

#include "parsers/terraform/HclParser.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace rampart::parsers {

namespace {

using llvm::ArrayRef;
using llvm::StringRef;

/// What an object stands for; it decides how each of its properties is read.
enum class BodyKind : uint8_t {
  Root,
  Resource,    ///< resource, data, ephemeral; check's scoped data
  Nested,      ///< a provider-defined nested block, dynamic content
  Dynamic,     ///< dynamic "label" { for_each, iterator, labels, content }
  Lifecycle,   ///< resource and removed lifecycle
  Conditions,  ///< precondition, postcondition, validation, assert
  Provisioner, ///< provisioner "type" { ... }
  Connection,  ///< connection { type = ..., ... }
  Variable,
  Output,
  Module,
  Provider,
  Locals,
  Terraform,
  Cloud,            ///< terraform { cloud { workspaces { ... } } }
  TerraformLiteral, ///< backend, required_providers, provider_meta
  Moved,
  Import,
  Removed,
  Check,
};

/// How a property's value is read where Terraform takes an argument.
enum class ArgKind : uint8_t {
  Expression,     ///< JSON expression mapping: strings are templates
  Literal,        ///< taken as written: strings are not templates
  Reference,      ///< a string holding a static reference (aws.west)
  ReferenceList,  ///< an array of such strings (depends_on)
  ReferenceMap,   ///< an object of such strings (module providers)
  Address,        ///< a string holding any expression (import to)
  AddressList,    ///< an array of such strings (replace_triggered_by)
  Keyword,        ///< a string holding one bare word (when = destroy)
  TypeExpression, ///< a string holding a type (list(string))
  IgnoreChanges,  ///< the keyword "all", or an array of references
};

struct Rule {
  enum class Kind : uint8_t {
    Argument,
    Block,
    ProviderDefined, ///< an argument or a nested block: see isNestedBlock
    Comment,         ///< "//" in a body
    Unsupported,     ///< an unknown top-level block type
  };
  Kind K = Kind::Argument;
  ArgKind Arg = ArgKind::Expression;
  unsigned Labels = 0;
  BodyKind Body = BodyKind::Nested;
  /// Terraform knows no such argument in this block: lowered anyway, with a
  /// warning, since the cause is often one level of nesting too many.
  bool Unexpected = false;
};

Rule kindOnly(Rule::Kind K) {
  Rule R;
  R.K = K;
  return R;
}
Rule argument(ArgKind A) {
  Rule R;
  R.Arg = A;
  return R;
}
Rule block(unsigned Labels, BodyKind B) {
  Rule R = kindOnly(Rule::Kind::Block);
  R.Labels = Labels;
  R.Body = B;
  return R;
}
Rule unexpected() {
  Rule R = argument(ArgKind::Expression);
  R.Unexpected = true;
  return R;
}

Rule rootRule(StringRef Key) {
  if (Key == "resource" || Key == "data" || Key == "ephemeral")
    return block(2, BodyKind::Resource);
  if (Key == "variable")
    return block(1, BodyKind::Variable);
  if (Key == "output")
    return block(1, BodyKind::Output);
  if (Key == "module")
    return block(1, BodyKind::Module);
  if (Key == "provider")
    return block(1, BodyKind::Provider);
  if (Key == "check")
    return block(1, BodyKind::Check);
  if (Key == "locals")
    return block(0, BodyKind::Locals);
  if (Key == "terraform")
    return block(0, BodyKind::Terraform);
  if (Key == "moved")
    return block(0, BodyKind::Moved);
  if (Key == "import")
    return block(0, BodyKind::Import);
  if (Key == "removed")
    return block(0, BodyKind::Removed);
  return kindOnly(Rule::Kind::Unsupported);
}

// The meta-arguments and nested blocks Terraform itself defines in a
// resource; the provider defines everything else.
Rule resourceRule(StringRef Key) {
  if (Key == "count" || Key == "for_each")
    return argument(ArgKind::Expression);
  if (Key == "depends_on")
    return argument(ArgKind::ReferenceList);
  if (Key == "provider")
    return argument(ArgKind::Reference);
  if (Key == "lifecycle")
    return block(0, BodyKind::Lifecycle);
  if (Key == "provisioner")
    return block(1, BodyKind::Provisioner);
  if (Key == "connection")
    return block(0, BodyKind::Connection);
  if (Key == "dynamic")
    return block(1, BodyKind::Dynamic);
  return kindOnly(Rule::Kind::ProviderDefined);
}

Rule variableRule(StringRef Key) {
  if (Key == "type")
    return argument(ArgKind::TypeExpression);
  // Terraform decodes these without an evaluation context: literally.
  if (Key == "default" || Key == "description" || Key == "sensitive" ||
      Key == "nullable" || Key == "ephemeral")
    return argument(ArgKind::Literal);
  if (Key == "validation")
    return block(0, BodyKind::Conditions);
  return unexpected();
}

Rule outputRule(StringRef Key) {
  if (Key == "value")
    return argument(ArgKind::Expression);
  if (Key == "description" || Key == "sensitive" || Key == "ephemeral")
    return argument(ArgKind::Literal);
  if (Key == "depends_on")
    return argument(ArgKind::ReferenceList);
  if (Key == "precondition")
    return block(0, BodyKind::Conditions);
  return unexpected();
}

Rule ruleFor(BodyKind Body, StringRef Key) {
  // "//" is a comment in any object that is a block body.
  if (Key == "//")
    return kindOnly(Rule::Kind::Comment);
  switch (Body) {
  case BodyKind::Root:
    return rootRule(Key);
  case BodyKind::Resource:
    return resourceRule(Key);
  case BodyKind::Nested:
  case BodyKind::Provider:
    if (Key == "dynamic")
      return block(1, BodyKind::Dynamic);
    if (Body == BodyKind::Provider && (Key == "alias" || Key == "version"))
      return argument(ArgKind::Literal);
    return kindOnly(Rule::Kind::ProviderDefined);
  case BodyKind::Dynamic:
    if (Key == "content")
      return block(0, BodyKind::Nested);
    if (Key == "iterator")
      return argument(ArgKind::Keyword);
    return argument(ArgKind::Expression);
  case BodyKind::Lifecycle:
    if (Key == "precondition" || Key == "postcondition")
      return block(0, BodyKind::Conditions);
    if (Key == "ignore_changes")
      return argument(ArgKind::IgnoreChanges);
    if (Key == "replace_triggered_by")
      return argument(ArgKind::AddressList);
    return argument(ArgKind::Expression);
  case BodyKind::Provisioner:
    if (Key == "connection")
      return block(0, BodyKind::Connection);
    if (Key == "when" || Key == "on_failure")
      return argument(ArgKind::Keyword);
    return argument(ArgKind::Expression);
  case BodyKind::Connection:
    // Terraform takes the connection type literally.
    return argument(Key == "type" ? ArgKind::Literal : ArgKind::Expression);
  case BodyKind::Variable:
    return variableRule(Key);
  case BodyKind::Output:
    return outputRule(Key);
  case BodyKind::Module:
    if (Key == "source" || Key == "version")
      return argument(ArgKind::Literal);
    if (Key == "providers")
      return argument(ArgKind::ReferenceMap);
    if (Key == "depends_on")
      return argument(ArgKind::ReferenceList);
    return argument(ArgKind::Expression);
  case BodyKind::Terraform:
    if (Key == "backend" || Key == "provider_meta")
      return block(1, BodyKind::TerraformLiteral);
    if (Key == "required_providers")
      return block(0, BodyKind::TerraformLiteral);
    if (Key == "cloud")
      return block(0, BodyKind::Cloud);
    return argument(ArgKind::Literal);
  case BodyKind::Cloud:
    if (Key == "workspaces")
      return block(0, BodyKind::TerraformLiteral);
    return argument(ArgKind::Literal);
  case BodyKind::TerraformLiteral:
    return argument(ArgKind::Literal);
  case BodyKind::Moved:
    if (Key == "from" || Key == "to")
      return argument(ArgKind::Reference);
    return argument(ArgKind::Expression);
  case BodyKind::Import:
    if (Key == "to")
      return argument(ArgKind::Address);
    if (Key == "provider")
      return argument(ArgKind::Reference);
    return argument(ArgKind::Expression);
  case BodyKind::Removed:
    if (Key == "from")
      return argument(ArgKind::Reference);
    if (Key == "lifecycle")
      return block(0, BodyKind::Lifecycle);
    if (Key == "provisioner")
      return block(1, BodyKind::Provisioner);
    if (Key == "connection")
      return block(0, BodyKind::Connection);
    return argument(ArgKind::Expression);
  case BodyKind::Check:
    if (Key == "data")
      return block(2, BodyKind::Resource);
    if (Key == "assert")
      return block(0, BodyKind::Conditions);
    return argument(ArgKind::Expression);
  case BodyKind::Conditions:
  case BodyKind::Locals:
    return argument(ArgKind::Expression);
  }
  return argument(ArgKind::Expression);
}

/// Arguments that providers commonly type as maps and whose keys may well
/// be lower-case words (`tags = { team = "x" }`).
constexpr llvm::StringLiteral MapArguments[] = {
    "tags",
    "tags_all",
    "labels",
    "annotations",
    "triggers",
    "keepers",
    "variables",
    "app_settings",
    "dimensions",
    "parameters",
    "request_parameters",
    "request_templates",
    "response_parameters",
    "response_templates",
    "environment_variables",
};

/// Provider schemas name their attributes and blocks with lower-case
/// letters, digits and underscores only (both plugin SDKs validate this).
bool isSchemaName(StringRef Key) {
  return !Key.empty() && llvm::all_of(Key, [](char C) {
    return (C >= 'a' && C <= 'z') || (C >= '0' && C <= '9') || C == '_';
  });
}

bool couldBeBlockBody(const Node *V) {
  return V->is(NodeKind::Map) &&
         llvm::all_of(V->Entries, [](const MapEntry &E) {
           return E.Key == "//" || isSchemaName(E.Key);
         });
}

// Whether a property of a provider-defined body is a nested block. Terraform
// decides from the provider's schema, which Rampart does not have, so:
//   - a non-empty array of objects is one block per element: the form
//     Terraform's documentation gives for nested blocks, and for an argument
//     of list-of-objects type the value is the same list of objects anyway;
//   - an object is one block (`"versioning": {"enabled": true}` is
//     `versioning { enabled = true }`), unless a key could not name a schema
//     attribute ("Name", "kubernetes.io/role", "enable-oslogin") or the
//     property is one of the common map arguments (tags, labels, ...): then
//     it is a map;
//   - anything else is an argument.
// So a map argument with only lower-case keys that is missing from
// MapArguments reads as a one-element list of objects.
bool isNestedBlock(const MapEntry &E) {
  if (llvm::is_contained(MapArguments, StringRef(E.Key)))
    return false;
  const Node *V = E.Value;
  if (V->is(NodeKind::List))
    return !V->Items.empty() && llvm::all_of(V->Items, couldBeBlockBody);
  return couldBeBlockBody(V);
}

bool hasTemplate(StringRef Text) {
  return Text.contains("${") || Text.contains("%{");
}

/// "a string", "an object": for messages about what was found.
std::string kindPhrase(const Node *N) {
  switch (N->Kind) {
  case NodeKind::Null:
    return "null";
  case NodeKind::Bool:
    return "a bool";
  case NodeKind::Number:
    return "a number";
  case NodeKind::String:
    return "a string";
  case NodeKind::List:
    return "an array";
  case NodeKind::Map:
    return "an object";
  case NodeKind::Expression:
    break;
  }
  return "an expression";
}

/// A static reference: a name followed by attributes and literal indexes,
/// as Terraform's ParseTraversalAbs reads.
bool isTraversal(const Node *N) {
  if (N->isExpression("identifier"))
    return true;
  if (N->isExpression("member") && N->Items.size() == 1)
    return isTraversal(N->Items[0]);
  if (N->isExpression("index") && N->Items.size() == 2)
    return isTraversal(N->Items[0]) && (N->Items[1]->is(NodeKind::String) ||
                                        N->Items[1]->is(NodeKind::Number));
  return false;
}

unsigned depthOf(const Node *N) {
  unsigned D = 0;
  for (const Node *I : N->Items)
    D = std::max(D, depthOf(I));
  for (const MapEntry &E : N->Entries)
    D = std::max(D, depthOf(E.Value));
  return D + 1;
}

void add(Node *Parent, StringRef Key, Node *Value) {
  Parent->Entries.push_back({Key.str(), Value->Range, Value});
}

/// Where a JSON string's text sits in the file, and where it sat in the
/// wrapper file it was parsed from.
struct StringSpan {
  SourceRange Whole;    ///< The JSON string, quotes included.
  bool Exact = false;   ///< No escapes: wrapper offsets map one to one.
  uint32_t Content = 0; ///< File offset of the first byte after the quote.
  uint32_t Prefix = 0;  ///< Wrapper offset of the text.
  uint32_t Length = 0;  ///< Bytes of text.
};

/// How the text of a JSON string is parsed.
enum class StringMode { Template, Expression };

class Lowering {
public:
  Lowering(const Document &Json, Document &Out)
      : Json(Json), Out(Out), File(Json.file()), Src(File.text()) {}

  void run();

private:
  const Document &Json;
  Document &Out;
  const SourceFile &File;
  StringRef Src;
  bool ReportedDepth = false;

  // Structure.
  void properties(const Node *Object, BodyKind Kind, Node *Body,
                  unsigned Depth);
  void property(const MapEntry &E, BodyKind Kind, Node *Body, unsigned Depth);
  void blocks(const MapEntry &Type, const Node *V, unsigned LabelsLeft,
              BodyKind Child, std::vector<const MapEntry *> &Labels, Node *Body,
              unsigned Depth);
  void labelLevel(const MapEntry &Type, const Node *Object, unsigned LabelsLeft,
                  BodyKind Child, std::vector<const MapEntry *> &Labels,
                  Node *Body, unsigned Depth);
  Node *block(const MapEntry &Type, ArrayRef<const MapEntry *> Labels,
              const Node *Object, bool FromArray, BodyKind Child,
              unsigned Depth);
  Node *attribute(const MapEntry &E, ArgKind Arg, unsigned Depth);

  // Values.
  Node *value(const Node *V, ArgKind Arg, unsigned Depth);
  Node *expression(const Node *V, unsigned Depth);
  Node *object(const Node *V, unsigned Depth);
  Node *literal(const Node *V, unsigned Depth);
  Node *templateString(StringRef Text, SourceRange Whole, unsigned Depth);
  Node *reference(const Node *V, ArgKind Arg, unsigned Depth);
  Node *each(const Node *V, ArgKind Item, unsigned Depth);
  Node *parseString(StringRef Text, SourceRange Whole, StringMode Mode,
                    unsigned Depth);
  Node *copy(const Node *N, const StringSpan &Span);
  SourceRange map(SourceRange R, const StringSpan &Span) const;

  bool enter(SourceRange At, unsigned Depth);
  Node *expected(const Node *V, StringRef What) {
    Out.error(V->Range, "expected " + What.str() + ", found " + kindPhrase(V));
    return nullptr;
  }
};

//===-- Structure ---------------------------------------------------------===//

void Lowering::run() {
  Node *Body = Out.makeExpression(File.range(0, Src.size()), "body");
  Out.setRoot(Body);
  const Node *Root = Json.root();
  if (!Root)
    return;
  // HCL reads a body from an object or from an array of objects, merged.
  if (Root->is(NodeKind::Map)) {
    properties(Root, BodyKind::Root, Body, 1);
    return;
  }
  if (Root->is(NodeKind::List)) {
    for (const Node *I : Root->Items)
      if (I->is(NodeKind::Map))
        properties(I, BodyKind::Root, Body, 1);
      else
        expected(I, "a JSON object whose properties are block types");
    return;
  }
  expected(Root, "a JSON object whose properties are block types "
                 "(resource, variable, ...)");
}

bool Lowering::enter(SourceRange At, unsigned Depth) {
  if (Depth <= MaxNestingDepth)
    return true;
  if (!ReportedDepth)
    Out.error(At, "the configuration nests more than " +
                      std::to_string(MaxNestingDepth) +
                      " levels deep; the rest is left out");
  ReportedDepth = true;
  return false;
}

// A key repeated in one object is not reported again: the JSON parser
// warns about it, and the evaluator takes the first, as for native syntax.
void Lowering::properties(const Node *Object, BodyKind Kind, Node *Body,
                          unsigned Depth) {
  for (const MapEntry &E : Object->Entries)
    if (E.Value)
      property(E, Kind, Body, Depth);
}

void Lowering::property(const MapEntry &E, BodyKind Kind, Node *Body,
                        unsigned Depth) {
  Rule R = ruleFor(Kind, E.Key);
  std::vector<const MapEntry *> Labels;
  switch (R.K) {
  case Rule::Kind::Comment:
    return;
  case Rule::Kind::Unsupported:
    Out.error(E.KeyRange, "'" + E.Key + "' is not a Terraform block type");
    return;
  case Rule::Kind::Block:
    blocks(E, E.Value, R.Labels, R.Body, Labels, Body, Depth + 1);
    return;
  case Rule::Kind::ProviderDefined:
    if (isNestedBlock(E)) {
      blocks(E, E.Value, 0, BodyKind::Nested, Labels, Body, Depth + 1);
      return;
    }
    break;
  case Rule::Kind::Argument:
    break;
  }
  if (R.Unexpected)
    Out.report(Severity::Warning, E.KeyRange,
               "'" + E.Key + "' is not an argument of this block");
  if (Node *A = attribute(E, R.Arg, Depth + 1))
    Body->Items.push_back(A);
}

void Lowering::blocks(const MapEntry &Type, const Node *V, unsigned LabelsLeft,
                      BodyKind Child, std::vector<const MapEntry *> &Labels,
                      Node *Body, unsigned Depth) {
  if (V->is(NodeKind::Null))
    return; // no block, as in Terraform
  if (LabelsLeft > 0) {
    if (V->is(NodeKind::Map)) {
      labelLevel(Type, V, LabelsLeft, Child, Labels, Body, Depth);
    } else if (V->is(NodeKind::List)) {
      for (const Node *I : V->Items)
        if (I->is(NodeKind::Map))
          labelLevel(Type, I, LabelsLeft, Child, Labels, Body, Depth);
        else
          expected(I, "a JSON object whose property names are labels of the "
                      "'" +
                          Type.Key + "' block");
    } else {
      expected(V, "a JSON object whose property names are labels of the '" +
                      Type.Key + "' block");
    }
    return;
  }
  if (V->is(NodeKind::Map)) {
    if (Node *B = block(Type, Labels, V, false, Child, Depth))
      Body->Items.push_back(B);
    return;
  }
  if (!V->is(NodeKind::List)) {
    expected(V, "a JSON object (or an array of objects) for the body of a '" +
                    Type.Key + "' block");
    return;
  }
  for (const Node *I : V->Items) {
    if (I->is(NodeKind::Null))
      continue;
    if (!I->is(NodeKind::Map)) {
      expected(I, "a JSON object for the body of a '" + Type.Key + "' block");
      continue;
    }
    if (Node *B = block(Type, Labels, I, true, Child, Depth))
      Body->Items.push_back(B);
  }
}

// One object level of labels: each property name is the next label.
void Lowering::labelLevel(const MapEntry &Type, const Node *Object,
                          unsigned LabelsLeft, BodyKind Child,
                          std::vector<const MapEntry *> &Labels, Node *Body,
                          unsigned Depth) {
  if (Object->Entries.empty())
    Out.error(Object->Range, "a '" + Type.Key +
                                 "' block needs a label here: a property "
                                 "whose name is the label");
  for (const MapEntry &L : Object->Entries) {
    if (!L.Value)
      continue;
    Labels.push_back(&L);
    blocks(Type, L.Value, LabelsLeft - 1, Child, Labels, Body, Depth);
    Labels.pop_back();
  }
}

Node *Lowering::block(const MapEntry &Type, ArrayRef<const MapEntry *> Labels,
                      const Node *Object, bool FromArray, BodyKind Child,
                      unsigned Depth) {
  // The block, its body and an attribute's value below: three levels.
  if (!enter(Object->Range, Depth + 3))
    return nullptr;
  const MapEntry &Named = Labels.empty() ? Type : *Labels.back();
  SourceRange Range =
      FromArray ? Object->Range
                : SourceRange{Named.KeyRange.Start, Object->Range.End};
  Node *B = Out.makeExpression(Range, "block", Type.Key);
  add(B, "type", Out.makeString(Type.KeyRange, Type.Key));
  Node *L = Out.make(NodeKind::List,
                     Labels.empty()
                         ? SourceRange{Type.KeyRange.End, Type.KeyRange.End}
                         : Named.KeyRange);
  for (const MapEntry *Label : Labels)
    L->Items.push_back(Out.makeString(Label->KeyRange, Label->Key));
  add(B, "labels", L);
  Node *Body = Out.makeExpression(Object->Range, "body");
  properties(Object, Child, Body, Depth + 1);
  add(B, "body", Body);
  return B;
}

Node *Lowering::attribute(const MapEntry &E, ArgKind Arg, unsigned Depth) {
  if (!enter(E.KeyRange, Depth + 1))
    return nullptr;
  Node *V = value(E.Value, Arg, Depth + 1);
  if (!V)
    return nullptr;
  Node *A = Out.makeExpression({E.KeyRange.Start, E.Value->Range.End},
                               "attribute", E.Key);
  add(A, "name", Out.makeString(E.KeyRange, E.Key));
  add(A, "value", V);
  return A;
}

//===-- Values ------------------------------------------------------------===//

Node *Lowering::value(const Node *V, ArgKind Arg, unsigned Depth) {
  switch (Arg) {
  case ArgKind::Expression:
    return expression(V, Depth);
  case ArgKind::Literal:
    return literal(V, Depth);
  case ArgKind::Reference:
  case ArgKind::Address:
  case ArgKind::Keyword:
  case ArgKind::TypeExpression:
    return reference(V, Arg, Depth);
  case ArgKind::ReferenceList:
    return each(V, ArgKind::Reference, Depth);
  case ArgKind::AddressList:
    return each(V, ArgKind::Address, Depth);
  case ArgKind::ReferenceMap: {
    if (!V->is(NodeKind::Map))
      return expected(V, "a JSON object of provider references in strings");
    Node *M = Out.make(NodeKind::Map, V->Range);
    for (const MapEntry &E : V->Entries)
      if (Node *R = E.Value ? reference(E.Value, ArgKind::Reference, Depth + 1)
                            : nullptr)
        M->Entries.push_back({E.Key, E.KeyRange, R});
    return M;
  }
  case ArgKind::IgnoreChanges:
    // ignore_changes = all, or a list of attribute references.
    if (V->is(NodeKind::String))
      return reference(V, ArgKind::Keyword, Depth);
    return each(V, ArgKind::Reference, Depth);
  }
  return nullptr;
}

Node *Lowering::expression(const Node *V, unsigned Depth) {
  if (!enter(V->Range, Depth))
    return nullptr;
  switch (V->Kind) {
  case NodeKind::Null:
  case NodeKind::Bool:
  case NodeKind::Number:
    return literal(V, Depth);
  case NodeKind::String:
    return templateString(V->Text, V->Range, Depth);
  case NodeKind::List: {
    Node *L = Out.make(NodeKind::List, V->Range);
    for (const Node *I : V->Items)
      if (Node *C = expression(I, Depth + 1))
        L->Items.push_back(C);
    return L;
  }
  case NodeKind::Map:
    return object(V, Depth);
  case NodeKind::Expression:
    break;
  }
  return nullptr;
}

// An object in expression mode: its keys are templates too, as in
// Terraform, so `"${var.k}": 1` has a computed key.
Node *Lowering::object(const Node *V, unsigned Depth) {
  bool Computed = llvm::any_of(
      V->Entries, [](const MapEntry &E) { return hasTemplate(E.Key); });
  if (!Computed) {
    Node *M = Out.make(NodeKind::Map, V->Range);
    for (const MapEntry &E : V->Entries)
      if (Node *C = E.Value ? expression(E.Value, Depth + 1) : nullptr)
        M->Entries.push_back({E.Key, E.KeyRange, C});
    return M;
  }
  Node *O = Out.makeExpression(V->Range, "object");
  for (const MapEntry &E : V->Entries) {
    if (!E.Value || !enter(E.KeyRange, Depth + 2))
      continue;
    Node *K = templateString(E.Key, E.KeyRange, Depth + 2);
    Node *C = expression(E.Value, Depth + 2);
    if (!K || !C)
      continue;
    Node *Item = Out.makeExpression({E.KeyRange.Start, E.Value->Range.End},
                                    "object-item");
    add(Item, "key", K);
    add(Item, "value", C);
    O->Items.push_back(Item);
  }
  return O;
}

Node *Lowering::literal(const Node *V, unsigned Depth) {
  if (!enter(V->Range, Depth))
    return nullptr;
  Node *C = Out.make(V->Kind, V->Range);
  C->BoolValue = V->BoolValue;
  C->Text = V->Text;
  for (const Node *I : V->Items)
    if (Node *L = literal(I, Depth + 1))
      C->Items.push_back(L);
  for (const MapEntry &E : V->Entries)
    if (Node *L = E.Value ? literal(E.Value, Depth + 1) : nullptr)
      C->Entries.push_back({E.Key, E.KeyRange, L});
  return C;
}

Node *Lowering::templateString(StringRef Text, SourceRange Whole,
                               unsigned Depth) {
  if (!hasTemplate(Text))
    return Out.makeString(Whole, Text.str());
  return parseString(Text, Whole, StringMode::Template, Depth);
}

// A string that holds HCL other than a template: a reference, an address,
// a keyword or a type expression.
Node *Lowering::reference(const Node *V, ArgKind Arg, unsigned Depth) {
  StringRef What = Arg == ArgKind::Keyword          ? "a keyword in a string"
                   : Arg == ArgKind::TypeExpression ? "a type in a string"
                   : Arg == ArgKind::Address        ? "an address in a string"
                                                    : "a reference in a string";
  if (!V->is(NodeKind::String))
    return expected(V, What);
  Node *N = parseString(V->Text, V->Range, StringMode::Expression, Depth);
  if (!N)
    return nullptr;
  bool Fits = Arg == ArgKind::Keyword     ? N->isExpression("identifier")
              : Arg == ArgKind::Reference ? isTraversal(N)
                                          : true;
  if (!Fits) {
    Out.error(V->Range,
              "expected " +
                  std::string(Arg == ArgKind::Keyword ? "a single keyword"
                                                      : "a reference such as "
                                                        "aws_instance.web") +
                  ", found '" + V->Text + "'");
    return nullptr;
  }
  return N;
}

Node *Lowering::each(const Node *V, ArgKind Item, unsigned Depth) {
  if (!V->is(NodeKind::List))
    return expected(V, Item == ArgKind::Reference
                           ? "a JSON array of references in strings"
                           : "a JSON array of expressions in strings");
  Node *L = Out.make(NodeKind::List, V->Range);
  for (const Node *I : V->Items)
    if (Node *R = reference(I, Item, Depth + 1))
      L->Items.push_back(R);
  return L;
}

// Terraform parses a JSON string's value (escapes already decoded) as a
// template, where backslashes are plain text: the body of a heredoc is the
// same language, so the text is parsed as one. References and types are
// parsed as an attribute's expression.
Node *Lowering::parseString(StringRef Text, SourceRange Whole, StringMode Mode,
                            unsigned Depth) {
  std::string Marker = "RAMPART_JSON_STRING_END";
  while (Text.contains(Marker))
    Marker += "_";
  bool IsTemplate = Mode == StringMode::Template;
  std::string Prefix = IsTemplate ? "x = <<" + Marker + "\n" : "x = ";
  std::string Wrapped =
      Prefix + Text.str() + (IsTemplate ? "\n" + Marker + "\n" : "\n");
  auto Wrapper = SourceFile::fromText(File.path(), Wrapped);
  Document Parsed = parseHcl(*Wrapper, FileRole::Variables);

  StringSpan Span;
  Span.Whole = Whole;
  Span.Content = Whole.Start.Offset + 1;
  Span.Prefix = static_cast<uint32_t>(Prefix.size());
  Span.Length = static_cast<uint32_t>(Text.size());
  Span.Exact = Whole.End.Offset >= Whole.Start.Offset + 2 &&
               Src.slice(Span.Content, Whole.End.Offset - 1) == Text;

  const Node *Root = Parsed.root();
  const Node *Value = Root && Root->Items.size() == 1 &&
                              Root->Items[0]->isExpression("attribute")
                          ? Root->Items[0]->get("value")
                          : nullptr;
  if (Parsed.hasErrors() || !Value) {
    StringRef Kind = IsTemplate ? "invalid template: " : "invalid expression: ";
    bool Reported = false;
    for (const Diagnostic &D : Parsed.diagnostics()) {
      if (D.Level != Severity::Error)
        continue;
      // A message about the wrapper's text would show text that is not in
      // the file: it then quotes the string instead.
      bool Inside = D.Range.Start.Offset >= Span.Prefix &&
                    D.Range.End.Offset <= Span.Prefix + Span.Length;
      Out.error(map(D.Range, Span),
                Kind.str() + (Inside ? D.Message
                                     : "syntax error in '" +
                                           Text.take_front(60).str() + "'"));
      Reported = true;
    }
    if (!Reported)
      Out.error(Whole, Kind.str() + "'" + Text.str() + "'");
    return nullptr;
  }
  if (!enter(Whole, Depth + depthOf(Value) - 1))
    return nullptr;
  Node *N = copy(Value, Span);
  N->Range = Whole;
  if (!IsTemplate)
    return N;
  // The wrapper's heredoc marker is not in the JSON file, and the newline
  // before the closing marker is not in the string.
  llvm::erase_if(N->Entries,
                 [](const MapEntry &E) { return E.Key == "heredoc"; });
  Node *Last = N->is(NodeKind::String) ? N
               : N->Items.empty()      ? nullptr
                                       : N->Items.back();
  if (Last && Last->is(NodeKind::String) &&
      StringRef(Last->Text).endswith("\n")) {
    Last->Text.pop_back();
    if (Last != N && Last->Text.empty())
      N->Items.pop_back();
  }
  return N;
}

SourceRange Lowering::map(SourceRange R, const StringSpan &Span) const {
  if (!Span.Exact)
    return Span.Whole;
  auto Offset = [&](uint32_t O) {
    uint32_t In = std::clamp(O, Span.Prefix, Span.Prefix + Span.Length);
    return Span.Content + (In - Span.Prefix);
  };
  return File.range(Offset(R.Start.Offset), Offset(R.End.Offset));
}

Node *Lowering::copy(const Node *N, const StringSpan &Span) {
  Node *C = Out.make(N->Kind, map(N->Range, Span));
  C->BoolValue = N->BoolValue;
  C->Op = N->Op;
  C->Text = N->Text;
  for (const Node *I : N->Items)
    C->Items.push_back(copy(I, Span));
  for (const MapEntry &E : N->Entries)
    C->Entries.push_back({E.Key, map(E.KeyRange, Span), copy(E.Value, Span)});
  return C;
}

} // namespace

Document lowerTerraformJson(const Document &Json) {
  Document Out(Json.file(), Dialect::Terraform, FileRole::Template);
  Lowering(Json, Out).run();
  return Out;
}

} // namespace rampart::parsers
