//===- HclParser.cpp - Terraform native syntax ----------------------------===//
//
// Walks the tree-sitter-hcl syntax tree into Document nodes. The grammar
// inlines expression terms (its `_expr_term` rule is hidden), so an operand
// arrives as a run of sibling nodes, a primary followed by traversal steps,
// and term() rebuilds the nesting from such a run.
//
// Template literal text is taken from the source between the interpolation
// and directive tags, not from the grammar's template_literal nodes: its
// scanner skips whitespace before every chunk, so those nodes lose leading
// blanks.
//
//===----------------------------------------------------------------------===//
#include "parsers/terraform/HclParser.h"

#include "parsers/common/TreeSitter.h"
#include "parsers/terraform/HclText.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>

extern "C" const TSLanguage *tree_sitter_hcl(void);

namespace rampart::parsers {

namespace {

using llvm::ArrayRef;
using llvm::StringRef;
using Kids = llvm::SmallVector<TSNode, 4>;

bool is(TSNode N, StringRef Type) {
  return !ts_node_is_null(N) && ts::type(N) == Type;
}

uint32_t begin(TSNode N) { return ts_node_start_byte(N); }
uint32_t end(TSNode N) { return ts_node_end_byte(N); }

// The children without comments of the node Cursor is at. A cursor walks
// them in linear time, where indexing with ts_node_child would be quadratic
// on a long body.
Kids childrenAt(TSTreeCursor &Cursor) {
  Kids Out;
  if (ts_tree_cursor_goto_first_child(&Cursor)) {
    do {
      TSNode K = ts_tree_cursor_current_node(&Cursor);
      if (!is(K, "comment"))
        Out.push_back(K);
    } while (ts_tree_cursor_goto_next_sibling(&Cursor));
  }
  return Out;
}

Kids children(TSNode N) {
  TSTreeCursor Cursor = ts_tree_cursor_new(N);
  Kids Out = childrenAt(Cursor);
  ts_tree_cursor_delete(&Cursor);
  return Out;
}

// The first of Ks with this type, or a null node.
TSNode findKid(ArrayRef<TSNode> Ks, StringRef Type) {
  for (TSNode K : Ks)
    if (is(K, Type))
      return K;
  return TSNode{};
}

// The first named child that is not a comment or an error, or a null node.
TSNode firstNamed(TSNode N) {
  for (TSNode K : children(N))
    if (ts_node_is_named(K) && !ts_node_is_error(K))
      return K;
  return TSNode{};
}

bool isTemplateTag(TSNode N) {
  return is(N, "template_if_intro") || is(N, "template_else_intro") ||
         is(N, "template_if_end") || is(N, "template_for_start") ||
         is(N, "template_for_end");
}

// An interpolation or directive tag, as the literal text around it sees it.
struct TemplateMark {
  uint32_t Begin = 0, End = 0;
  bool TrimBefore = false; // `${~` or `%{~`
  bool TrimAfter = false;  // `~}`
};

// A literal run of a template with its final text.
struct TemplateGap {
  uint32_t Begin = 0, End = 0;
  std::string Text;
};

// Where a template's content lies and how its literal text is read.
struct TemplateShape {
  uint32_t Begin = 0, End = 0;
  bool Heredoc = false;
  bool Flush = false; // `<<-`
};

class HclReader {
public:
  HclReader(Document &Doc)
      : Doc(Doc), File(Doc.file()), Src(Doc.file().text()) {}
  HclReader(const HclReader &) = delete;
  HclReader &operator=(const HclReader &) = delete;
  ~HclReader() {
    if (HasCursor)
      ts_tree_cursor_delete(&Cursor);
  }

  void read(TSNode Root);

private:
  Document &Doc;
  const SourceFile &File;
  StringRef Src;
  bool ReportedDepth = false;
  // One cursor for the whole file, reset for each node: children() runs for
  // nearly every node, and a cursor of its own was a malloc and a free each
  // time. It is free again when children() returns, so recursion is safe.
  TSTreeCursor Cursor{};
  bool HasCursor = false;

  // The children of N without comments, as the free children() gives them.
  Kids children(TSNode N) {
    if (HasCursor)
      ts_tree_cursor_reset(&Cursor, N);
    else
      Cursor = ts_tree_cursor_new(N);
    HasCursor = true;
    return childrenAt(Cursor);
  }

  StringRef text(TSNode N) const { return ts::text(N, Src); }
  // From offsets, so that positions agree with SourceFile's line table
  // whatever bytes the grammar's decoder met.
  SourceRange range(TSNode N) const { return File.range(begin(N), end(N)); }
  SourceRange range(uint32_t B, uint32_t E) const { return File.range(B, E); }

  bool enter(TSNode N, unsigned Depth);
  Node *string(TSNode N, StringRef Value) {
    return Doc.makeString(range(N), Value.str());
  }
  static void add(Node *Parent, StringRef Key, Node *Value) {
    Parent->Entries.push_back({Key.str(), Value->Range, Value});
  }

  // The handlers marked noinline keep their locals out of the frames on the
  // recursion path: inlined into primary() they made each level of nesting
  // cost about 6 KB of stack, and nesting goes MaxNestingDepth deep.

  // Bodies.
  void bodyItem(TSNode N, Node *Body, llvm::StringMap<uint32_t> &Names,
                unsigned Depth);
  void salvage(TSNode Error, Node *Body, llvm::StringMap<uint32_t> &Names,
               unsigned Depth);
  [[gnu::noinline]] Node *attribute(TSNode N, unsigned Depth);
  [[gnu::noinline]] Node *block(TSNode N, unsigned Depth);
  Node *blockBody(TSNode Block, ArrayRef<TSNode> Ks, unsigned Depth);

  // Expressions.
  Node *expr(TSNode N, unsigned Depth);
  Node *term(ArrayRef<TSNode> Ks, unsigned Depth);
  Node *primary(TSNode N, unsigned Depth);
  Node *step(Node *Base, SourcePosition Start, TSNode Step, unsigned Depth);
  [[gnu::noinline]] Node *splat(Node *Base, SourcePosition Start, TSNode Splat,
                                unsigned Depth);
  Node *literal(TSNode N);
  [[gnu::noinline]] Node *tuple(TSNode N, unsigned Depth);
  [[gnu::noinline]] Node *object(TSNode N, unsigned Depth);
  std::optional<std::string> literalKey(TSNode Key, const Node *Converted);
  [[gnu::noinline]] Node *call(TSNode N, unsigned Depth);
  [[gnu::noinline]] Node *forExpr(TSNode N, unsigned Depth);
  [[gnu::noinline]] Node *unary(TSNode N, unsigned Depth);
  [[gnu::noinline]] Node *binary(TSNode N, unsigned Depth);
  [[gnu::noinline]] Node *conditional(TSNode N, unsigned Depth);

  // Templates.
  [[gnu::noinline]] Node *quoted(TSNode N, unsigned Depth);
  [[gnu::noinline]] Node *heredoc(TSNode N, unsigned Depth);
  Node *templateNode(TSNode N, ArrayRef<TSNode> Parts, TemplateShape Shape,
                     unsigned Depth);
  void collectMarks(ArrayRef<TSNode> Ks, std::vector<TemplateMark> &Out,
                    unsigned Depth);
  std::vector<TemplateGap> gaps(const std::vector<TemplateMark> &Marks,
                                TemplateShape Shape);
  std::vector<Node *> parts(ArrayRef<TSNode> Ks, uint32_t B, uint32_t E,
                            const std::vector<TemplateGap> &Gaps,
                            unsigned Depth);
  Node *section(ArrayRef<TSNode> Ks, uint32_t B, uint32_t E,
                const std::vector<TemplateGap> &Gaps, unsigned Depth);
  Node *interpolation(TSNode N, unsigned Depth);
  [[gnu::noinline]] Node *
  templateIf(TSNode N, const std::vector<TemplateGap> &Gaps, unsigned Depth);
  [[gnu::noinline]] Node *
  templateFor(TSNode N, const std::vector<TemplateGap> &Gaps, unsigned Depth);
};

//===-- Bodies ------------------------------------------------------------===//

void HclReader::read(TSNode Root) {
  // Terraform refuses such files ("Invalid character encoding").
  if (std::optional<uint32_t> Bad = File.firstInvalidUtf8()) {
    char Hex[8];
    snprintf(Hex, sizeof(Hex), "0x%02X", static_cast<unsigned char>(Src[*Bad]));
    Doc.error(range(*Bad, *Bad + 1), std::string("invalid UTF-8 byte ") + Hex +
                                         "; Terraform files must be UTF-8");
  }
  ts::reportSyntaxErrors(Root, Doc);
  Node *Body = Doc.makeExpression(range(0, Src.size()), "body");
  Doc.setRoot(Body);
  llvm::StringMap<uint32_t> Names;
  if (ts_node_is_error(Root)) {
    salvage(Root, Body, Names, 1);
    return;
  }
  for (TSNode K : children(Root)) {
    if (is(K, "body")) {
      for (TSNode Item : children(K))
        bodyItem(Item, Body, Names, 1);
    } else if (is(K, "object")) {
      Doc.error(range(K), "expected attributes and blocks, found an object");
    } else if (ts_node_is_error(K)) {
      salvage(K, Body, Names, 1);
    }
  }
}

void HclReader::bodyItem(TSNode N, Node *Body, llvm::StringMap<uint32_t> &Names,
                         unsigned Depth) {
  if (ts_node_is_error(N)) {
    salvage(N, Body, Names, Depth);
    return;
  }
  Node *Item = nullptr;
  if (is(N, "attribute"))
    Item = attribute(N, Depth);
  else if (is(N, "block"))
    Item = block(N, Depth);
  if (!Item)
    return;
  if (Item->isExpression("attribute")) {
    const MapEntry &Name = Item->Entries.front();
    auto [It, Inserted] =
        Names.try_emplace(Item->Text, Name.KeyRange.Start.Line);
    if (!Inserted)
      Doc.error(Name.KeyRange, "attribute '" + Item->Text +
                                   "' is already set on line " +
                                   std::to_string(It->second));
  }
  Body->Items.push_back(Item);
}

// Error recovery can wrap whole attributes and blocks in an ERROR node; they
// parsed, so they are kept. Those that follow an unclosed bracket in the
// ERROR belong to a construct that broke (often a block whose header failed),
// and hoisting them into this body would give them the wrong owner, so they
// are dropped. The ERROR itself is already reported.
void HclReader::salvage(TSNode Error, Node *Body,
                        llvm::StringMap<uint32_t> &Names, unsigned Depth) {
  unsigned Open = 0;
  for (TSNode K : children(Error)) {
    StringRef T = ts::type(K);
    if (T == "{" || T == "[" || T == "(" || T == "block_start" ||
        T == "object_start" || T == "tuple_start") {
      ++Open;
    } else if (T == "}" || T == "]" || T == ")" || T == "block_end" ||
               T == "object_end" || T == "tuple_end") {
      Open -= Open > 0;
    } else if (Open > 0) {
      continue;
    } else if (T == "attribute" || T == "block") {
      bodyItem(K, Body, Names, Depth);
    } else if (T == "body") {
      for (TSNode Item : children(K))
        if (!ts_node_is_error(Item))
          bodyItem(Item, Body, Names, Depth);
    }
  }
}

Node *HclReader::attribute(TSNode N, unsigned Depth) {
  if (!enter(N, Depth))
    return nullptr;
  Kids Ks = children(N);
  TSNode Name = findKid(Ks, "identifier");
  TSNode ValueNode = findKid(Ks, "expression");
  if (ts_node_is_null(Name) || ts_node_is_missing(Name) ||
      ts_node_is_null(ValueNode))
    return nullptr;
  // A broken value was reported as a syntax error; an attribute without a
  // value would only mislead the checks.
  Node *Value = expr(ValueNode, Depth + 1);
  if (!Value)
    return nullptr;
  Node *A = Doc.makeExpression(range(N), "attribute", text(Name).str());
  add(A, "name", string(Name, text(Name)));
  add(A, "value", Value);
  return A;
}

Node *HclReader::block(TSNode N, unsigned Depth) {
  if (!enter(N, Depth))
    return nullptr;
  Kids Ks = children(N);
  if (Ks.empty() || !is(Ks[0], "identifier") || ts_node_is_missing(Ks[0]))
    return nullptr;
  TSNode Type = Ks[0];
  Node *B = Doc.makeExpression(range(N), "block", text(Type).str());
  add(B, "type", string(Type, text(Type)));
  if (Doc.role() == FileRole::Variables)
    Doc.error(range(Type), "blocks are not allowed in a variables file");

  Node *Labels = Doc.make(NodeKind::List, {range(Type).End, range(Type).End});
  size_t I = 1;
  for (; I < Ks.size(); ++I) {
    Node *Label = nullptr;
    if (is(Ks[I], "string_lit"))
      Label = quoted(Ks[I], Depth + 2);
    else if (is(Ks[I], "identifier"))
      Label = string(Ks[I], text(Ks[I]));
    else
      break;
    if (!Label)
      continue;
    if (Labels->Items.empty())
      Labels->Range.Start = Label->Range.Start;
    Labels->Range.End = Label->Range.End;
    Labels->Items.push_back(Label);
  }
  add(B, "labels", Labels);
  add(B, "body", blockBody(N, ArrayRef<TSNode>(Ks).drop_front(I), Depth + 1));
  return B;
}

// Ks are the block's children after its labels: `{`, the body, `}`.
Node *HclReader::blockBody(TSNode Block, ArrayRef<TSNode> Ks, unsigned Depth) {
  TSNode Open = findKid(Ks, "block_start"), Close = findKid(Ks, "block_end");
  uint32_t B = ts_node_is_null(Open) ? end(Block) : begin(Open);
  uint32_t E = ts_node_is_null(Close) ? end(Block) : end(Close);
  Node *Body = Doc.makeExpression(range(B, std::max(B, E)), "body");
  llvm::StringMap<uint32_t> Names;
  for (TSNode K : Ks) {
    if (is(K, "body")) {
      for (TSNode Item : children(K))
        bodyItem(Item, Body, Names, Depth + 1);
    } else if (ts_node_is_error(K)) {
      salvage(K, Body, Names, Depth + 1);
    }
  }
  return Body;
}

//===-- Expressions -------------------------------------------------------===//

bool HclReader::enter(TSNode N, unsigned Depth) {
  // Depth counts from 0 at the root. Leaves are made up to two levels below
  // a checked node (block labels, literal runs in directive bodies, heredoc
  // markers) without a check of their own, so keep that much room.
  if (Depth + 2 < MaxNestingDepth)
    return true;
  if (!ReportedDepth) {
    ReportedDepth = true;
    uint32_t B = begin(N);
    Doc.error(range(B, std::min<size_t>(B + 1, Src.size())),
              "nesting deeper than " + std::to_string(MaxNestingDepth) +
                  " levels");
  }
  return false;
}

Node *HclReader::expr(TSNode N, unsigned Depth) {
  if (ts_node_is_null(N) || ts_node_is_missing(N) || !enter(N, Depth))
    return nullptr;
  if (is(N, "expression"))
    return term(children(N), Depth);
  return primary(N, Depth);
}

// How many nodes a traversal step adds above its base.
unsigned stepCount(TSNode Step) {
  if (!is(Step, "splat"))
    return 1;
  TSNode Inner = ts_node_named_child(Step, 0);
  // The splat, its each-leaf, and one node per step after it.
  return 2 + (ts_node_is_null(Inner) ? 0 : ts_node_named_child_count(Inner));
}

Node *HclReader::term(ArrayRef<TSNode> All, unsigned Depth) {
  // ERROR pieces are reported already and hold no operand.
  Kids Ks;
  for (TSNode K : All)
    if (!ts_node_is_error(K) && !ts_node_is_missing(K))
      Ks.push_back(K);
  if (Ks.empty())
    return nullptr;

  TSNode Inner = Ks[0];
  size_t I = 1;
  bool Paren = is(Ks[0], "(");
  if (Paren) {
    while (I < Ks.size() && !is(Ks[I], "expression"))
      ++I;
    if (I == Ks.size())
      return nullptr;
    Inner = Ks[I++];
    if (I < Ks.size() && is(Ks[I], ")"))
      ++I;
  }
  // The steps nest their base below them, so reserve their depth up front.
  unsigned Steps = 0;
  for (size_t J = I; J < Ks.size(); ++J)
    Steps += stepCount(Ks[J]);
  if (!enter(Ks[0], Depth + Steps))
    return nullptr;
  Node *Base =
      Paren ? expr(Inner, Depth + Steps + 1) : primary(Inner, Depth + Steps);
  SourcePosition Start = range(Ks[0]).Start;
  for (size_t J = I; Base && J < Ks.size(); ++J)
    Base = step(Base, Start, Ks[J], Depth + Steps + 1);
  return Base;
}

Node *HclReader::primary(TSNode N, unsigned Depth) {
  // Wrapper nodes hold one construct; unwrapping them in a loop keeps this
  // frame, which is on every level of the recursion, small.
  StringRef T = ts::type(N);
  while (T == "literal_value" || T == "template_expr" ||
         T == "collection_value" || T == "for_expr" || T == "operation") {
    N = firstNamed(N);
    if (ts_node_is_null(N))
      return nullptr;
    T = ts::type(N);
  }
  if (T == "numeric_lit" || T == "bool_lit" || T == "null_lit")
    return literal(N);
  if (T == "string_lit" || T == "quoted_template")
    return quoted(N, Depth);
  if (T == "heredoc_template")
    return heredoc(N, Depth);
  if (T == "tuple")
    return tuple(N, Depth);
  if (T == "object")
    return object(N, Depth);
  if (T == "variable_expr") {
    TSNode Name = firstNamed(N);
    if (ts_node_is_null(Name) || ts_node_is_missing(Name))
      return nullptr;
    return Doc.makeExpression(range(N), "identifier", text(Name).str());
  }
  if (T == "function_call")
    return call(N, Depth);
  if (T == "for_tuple_expr" || T == "for_object_expr")
    return forExpr(N, Depth);
  if (T == "unary_operation")
    return unary(N, Depth);
  if (T == "binary_operation")
    return binary(N, Depth);
  if (T == "conditional")
    return conditional(N, Depth);
  if (T == "expression")
    return expr(N, Depth + 1);
  return nullptr;
}

Node *HclReader::step(Node *Base, SourcePosition Start, TSNode Step,
                      unsigned Depth) {
  SourceRange R{Start, range(Step).End};
  if (is(Step, "get_attr")) {
    TSNode Name = findKid(children(Step), "identifier");
    if (ts_node_is_null(Name) || ts_node_is_missing(Name))
      return nullptr;
    Node *M = Doc.makeExpression(R, "member", text(Name).str());
    M->Items.push_back(Base);
    return M;
  }
  if (is(Step, "splat")) {
    TSNode Inner = firstNamed(Step);
    return ts_node_is_null(Inner) ? nullptr : splat(Base, Start, Inner, Depth);
  }
  if (!is(Step, "index"))
    return Base;
  TSNode Inner = firstNamed(Step);
  Node *Key = nullptr;
  if (ts_node_is_null(Inner))
    return nullptr;
  if (is(Inner, "legacy_index")) {
    // `.0`: the digits are an anonymous token after the dot.
    Key = Doc.make(NodeKind::Number, range(begin(Inner) + 1, end(Inner)));
    Key->Text = text(Inner).drop_front(1).str();
  } else {
    Key = expr(findKid(children(Inner), "expression"), Depth);
  }
  if (!Key)
    return nullptr;
  Node *I = Doc.makeExpression(R, "index");
  I->Items = {Base, Key};
  return I;
}

Node *HclReader::splat(Node *Base, SourcePosition Start, TSNode Splat,
                       unsigned Depth) {
  Kids Ks = children(Splat);
  if (Ks.empty())
    return nullptr;
  bool AttrOnly = is(Splat, "attr_splat");
  SourceRange Token = range(Ks[0]);
  Node *Each = Doc.makeExpression(Token, "splat-each");
  size_t I = 1;
  for (; Each && I < Ks.size(); ++I) {
    // `.*` is HCL 1's attribute-only splat: a bracket index ends it and
    // applies to the whole result.
    if (AttrOnly && is(Ks[I], "index") && is(firstNamed(Ks[I]), "new_index"))
      break;
    Each = step(Each, Token.Start, Ks[I], Depth);
  }
  if (!Each)
    return nullptr;
  Node *S = Doc.makeExpression({Start, Each->Range.End}, "splat",
                               AttrOnly ? ".*" : "[*]");
  S->Items = {Base, Each};
  for (; S && I < Ks.size(); ++I)
    S = step(S, Start, Ks[I], Depth);
  return S;
}

Node *HclReader::literal(TSNode N) {
  if (is(N, "numeric_lit")) {
    Node *Num = Doc.make(NodeKind::Number, range(N));
    Num->Text = text(N).str();
    return Num;
  }
  if (is(N, "bool_lit")) {
    Node *B = Doc.make(NodeKind::Bool, range(N));
    B->BoolValue = text(N) == "true";
    return B;
  }
  return Doc.make(NodeKind::Null, range(N));
}

Node *HclReader::tuple(TSNode N, unsigned Depth) {
  Node *L = Doc.make(NodeKind::List, range(N));
  for (TSNode K : children(N))
    if (is(K, "expression"))
      if (Node *Item = expr(K, Depth + 1))
        L->Items.push_back(Item);
  return L;
}

// A key HCL reads as a literal string: a bare identifier or keyword, or a
// quoted string without interpolation. Parentheses force an expression.
std::optional<std::string> HclReader::literalKey(TSNode Key,
                                                 const Node *Converted) {
  Kids Ks = children(Key);
  if (Ks.size() != 1)
    return std::nullopt;
  if (is(Ks[0], "variable_expr"))
    return Converted->Text;
  if (!is(Ks[0], "literal_value") && !is(Ks[0], "template_expr"))
    return std::nullopt;
  if (Converted->is(NodeKind::String))
    return Converted->Text;
  if (Converted->is(NodeKind::Bool) || Converted->is(NodeKind::Null))
    return text(Key).str();
  return std::nullopt;
}

Node *HclReader::object(TSNode N, unsigned Depth) {
  struct Item {
    TSNode Elem, Key;
    Node *KeyNode, *Value;
    std::optional<std::string> Literal;
  };
  std::vector<Item> Items;
  bool AllLiteral = true;
  for (TSNode K : children(N)) {
    if (!is(K, "object_elem"))
      continue;
    TSNode Key = ts::field(K, "key"), Val = ts::field(K, "val");
    // Depth + 2 leaves room for the object-item level of the expression form.
    Node *KeyNode = expr(Key, Depth + 2);
    Node *Value = KeyNode ? expr(Val, Depth + 2) : nullptr;
    if (!Value)
      continue;
    std::optional<std::string> Literal = literalKey(Key, KeyNode);
    AllLiteral &= Literal.has_value();
    Items.push_back({K, Key, KeyNode, Value, std::move(Literal)});
  }

  if (AllLiteral) {
    Node *M = Doc.make(NodeKind::Map, range(N));
    for (Item &I : Items)
      M->Entries.push_back({*I.Literal, range(I.Key), I.Value});
    return M;
  }
  Node *O = Doc.makeExpression(range(N), "object");
  for (Item &I : Items) {
    Node *Pair = Doc.makeExpression(range(I.Elem), "object-item");
    Node *Key = I.KeyNode;
    if (I.Literal && !Key->is(NodeKind::String))
      Key = Doc.makeString(range(I.Key), *I.Literal);
    add(Pair, "key", Key);
    add(Pair, "value", I.Value);
    O->Items.push_back(Pair);
  }
  return O;
}

Node *HclReader::call(TSNode N, unsigned Depth) {
  Kids Ks = children(N);
  TSNode Name = findKid(Ks, "identifier");
  if (ts_node_is_null(Name) || ts_node_is_missing(Name))
    return nullptr;
  Node *C = Doc.makeExpression(range(N), "call", text(Name).str());
  TSNode Args = findKid(Ks, "function_arguments");
  if (ts_node_is_null(Args))
    return C;
  for (TSNode K : children(Args)) {
    if (is(K, "expression")) {
      Node *Arg = expr(K, Depth + 1);
      if (!Arg)
        return nullptr;
      C->Items.push_back(Arg);
    } else if (is(K, "ellipsis")) {
      Node *Expand = Doc.make(NodeKind::Bool, range(K));
      Expand->BoolValue = true;
      add(C, "expand", Expand);
    }
  }
  return C;
}

Node *HclReader::forExpr(TSNode N, unsigned Depth) {
  bool IsObject = is(N, "for_object_expr");
  Kids Ks = children(N);
  TSNode Intro = findKid(Ks, "for_intro");
  if (ts_node_is_null(Intro))
    return nullptr;
  Kids IntroKs = children(Intro);
  Kids Vars;
  for (TSNode K : IntroKs)
    if (is(K, "identifier") && !ts_node_is_missing(K))
      Vars.push_back(K);
  Node *Collection = expr(findKid(IntroKs, "expression"), Depth + 1);
  Kids Results;
  for (TSNode K : Ks)
    if (is(K, "expression"))
      Results.push_back(K);
  if (Vars.empty() || !Collection || Results.size() != (IsObject ? 2u : 1u))
    return nullptr;

  Node *F = Doc.makeExpression(range(N), "for", IsObject ? "object" : "tuple");
  if (Vars.size() == 2)
    add(F, "key", string(Vars[0], text(Vars[0])));
  add(F, "value", string(Vars.back(), text(Vars.back())));
  add(F, "collection", Collection);
  for (size_t I = 0; I < Results.size(); ++I) {
    Node *R = expr(Results[I], Depth + 1);
    if (!R)
      return nullptr;
    add(F, I + 1 < Results.size() ? "result-key" : "result", R);
  }
  TSNode Ellipsis = findKid(Ks, "ellipsis");
  if (!ts_node_is_null(Ellipsis)) {
    Node *Grouping = Doc.make(NodeKind::Bool, range(Ellipsis));
    Grouping->BoolValue = true;
    add(F, "grouping", Grouping);
  }
  TSNode Cond = findKid(Ks, "for_cond");
  if (!ts_node_is_null(Cond)) {
    Node *C = expr(findKid(children(Cond), "expression"), Depth + 1);
    if (!C)
      return nullptr;
    add(F, "condition", C);
  }
  return F;
}

Node *HclReader::unary(TSNode N, unsigned Depth) {
  Kids Ks = children(N);
  if (Ks.size() < 2)
    return nullptr;
  StringRef Op = text(Ks[0]);
  // `-1` reads best as the number it is; Terraform folds it the same way
  // when it evaluates constants.
  if (Op == "-" && Ks.size() == 2 && is(Ks[1], "literal_value")) {
    TSNode Lit = firstNamed(Ks[1]);
    if (!ts_node_is_null(Lit) && is(Lit, "numeric_lit")) {
      Node *Num = Doc.make(NodeKind::Number, range(N));
      Num->Text = ("-" + text(Lit)).str();
      return Num;
    }
  }
  Node *Operand = term(ArrayRef<TSNode>(Ks).drop_front(), Depth + 1);
  if (!Operand)
    return nullptr;
  Node *U = Doc.makeExpression(range(N), "unary", Op.str());
  U->Items.push_back(Operand);
  return U;
}

Node *HclReader::binary(TSNode N, unsigned Depth) {
  Kids Ks = children(N);
  // The operands are inlined terms; the operator is the first anonymous
  // token that is not a parenthesis of the left operand.
  size_t OpIndex = Ks.size();
  for (size_t I = 0; I < Ks.size(); ++I) {
    if (!ts_node_is_named(Ks[I]) && !is(Ks[I], "(") && !is(Ks[I], ")")) {
      OpIndex = I;
      break;
    }
  }
  if (OpIndex == 0 || OpIndex + 1 >= Ks.size())
    return nullptr;
  ArrayRef<TSNode> All(Ks);
  Node *Lhs = term(All.take_front(OpIndex), Depth + 1);
  Node *Rhs = Lhs ? term(All.drop_front(OpIndex + 1), Depth + 1) : nullptr;
  if (!Rhs)
    return nullptr;
  Node *B = Doc.makeExpression(range(N), "binary", text(Ks[OpIndex]).str());
  B->Items = {Lhs, Rhs};
  return B;
}

Node *HclReader::conditional(TSNode N, unsigned Depth) {
  Node *C = Doc.makeExpression(range(N), "conditional");
  for (TSNode K : children(N)) {
    if (!is(K, "expression"))
      continue;
    Node *Part = expr(K, Depth + 1);
    if (!Part)
      return nullptr;
    C->Items.push_back(Part);
  }
  return C->Items.size() == 3 ? C : nullptr;
}

//===-- Templates ---------------------------------------------------------===//

Node *HclReader::quoted(TSNode N, unsigned Depth) {
  Kids Ks = children(N);
  if (Ks.empty())
    return nullptr;
  TemplateShape Shape;
  Shape.Begin = end(Ks[0]);
  Shape.End = end(N);
  size_t Last = Ks.size();
  if (Ks.size() > 1 && is(Ks.back(), "quoted_template_end")) {
    Shape.End = begin(Ks.back());
    --Last;
  }
  ArrayRef<TSNode> Parts = ArrayRef<TSNode>(Ks).slice(1, Last - 1);
  return templateNode(N, Parts, Shape, Depth);
}

Node *HclReader::heredoc(TSNode N, unsigned Depth) {
  Kids Ks = children(N);
  if (Ks.size() < 2 || !is(Ks[0], "heredoc_start") ||
      !is(Ks[1], "heredoc_identifier"))
    return nullptr;
  TemplateShape Shape;
  Shape.Heredoc = true;
  Shape.Flush = text(Ks[0]) == "<<-";
  // The text starts on the line after the opener and ends before the line
  // of the closing marker: the newline before the marker is part of it.
  size_t Newline = Src.find('\n', end(Ks[1]));
  Shape.Begin = Newline == StringRef::npos ? end(N) : Newline + 1;
  Shape.End = end(N);
  size_t Last = Ks.size();
  if (Ks.size() > 2 && is(Ks.back(), "heredoc_identifier")) {
    --Last;
    if (!ts_node_is_missing(Ks.back())) {
      size_t LineStart = Src.rfind('\n', begin(Ks.back()));
      Shape.End = LineStart == StringRef::npos ? 0 : LineStart + 1;
    } else {
      Shape.End = begin(Ks.back());
    }
  }
  Shape.Begin = std::min(Shape.Begin, end(N));
  Shape.End = std::max(Shape.Begin, Shape.End);

  ArrayRef<TSNode> Parts = ArrayRef<TSNode>(Ks).slice(2, Last - 2);
  Node *H = templateNode(N, Parts, Shape, Depth);
  if (H) {
    SourceRange Opener{range(Ks[0]).Start, range(Ks[1]).End};
    Node *Marker = Doc.makeString(
        Opener, Src.slice(Opener.Start.Offset, Opener.End.Offset).str());
    add(H, "heredoc", Marker);
  }
  return H;
}

Node *HclReader::templateNode(TSNode N, ArrayRef<TSNode> Parts,
                              TemplateShape Shape, unsigned Depth) {
  std::vector<TemplateMark> Marks;
  collectMarks(Parts, Marks, Depth + 1);
  std::vector<TemplateGap> Gaps = gaps(Marks, Shape);
  if (Marks.empty()) {
    std::string Value;
    for (const TemplateGap &G : Gaps)
      Value += G.Text;
    return Doc.makeString(range(N), std::move(Value));
  }
  Node *T = Doc.makeExpression(range(N), "template");
  T->Items = parts(Parts, Shape.Begin, Shape.End, Gaps, Depth + 1);
  return T;
}

TemplateMark markOf(TSNode N) {
  TemplateMark M{begin(N), end(N)};
  Kids Ks = children(N);
  if (Ks.size() >= 3) {
    M.TrimBefore = is(Ks[1], "strip_marker");
    M.TrimAfter = is(Ks[Ks.size() - 2], "strip_marker");
  }
  return M;
}

void HclReader::collectMarks(ArrayRef<TSNode> Ks,
                             std::vector<TemplateMark> &Out, unsigned Depth) {
  for (TSNode K : Ks) {
    if (is(K, "template_literal"))
      continue;
    if (is(K, "template_interpolation") || isTemplateTag(K)) {
      Out.push_back(markOf(K));
    } else if (is(K, "template_directive") || is(K, "template_if") ||
               is(K, "template_for")) {
      if (enter(K, Depth))
        collectMarks(children(K), Out, Depth + 1);
    } else if (ts_node_is_error(K)) {
      // Broken text is not literal text.
      Out.push_back({begin(K), end(K)});
    }
  }
}

std::vector<TemplateGap> HclReader::gaps(const std::vector<TemplateMark> &Marks,
                                         TemplateShape Shape) {
  // Lay out literal runs and tags in order; Owner maps each piece back to
  // its mark (or -1 for a literal run).
  std::vector<hcl::TemplatePiece> Pieces;
  std::vector<int> Owner;
  uint32_t Cursor = Shape.Begin;
  for (size_t I = 0; I < Marks.size(); ++I) {
    if (Marks[I].Begin > Cursor) {
      Pieces.push_back({Cursor, Marks[I].Begin, true});
      Owner.push_back(-1);
    }
    Pieces.push_back({Marks[I].Begin, Marks[I].End, false});
    Owner.push_back(static_cast<int>(I));
    Cursor = std::max(Cursor, Marks[I].End);
  }
  if (Shape.End > Cursor) {
    Pieces.push_back({Cursor, Shape.End, true});
    Owner.push_back(-1);
  }

  hcl::HeredocIndent Indent;
  if (Shape.Flush)
    Indent = hcl::flushIndent(Src, Pieces);
  std::vector<TemplateGap> Out;
  for (size_t I = 0; I < Pieces.size(); ++I) {
    const hcl::TemplatePiece &P = Pieces[I];
    if (!P.Literal)
      continue;
    std::string Raw = Shape.Flush
                          ? hcl::removeIndent(Src, P.Begin, P.End, Indent)
                          : Src.slice(P.Begin, P.End).str();
    std::string Text =
        Shape.Heredoc ? hcl::decodeHeredoc(Raw) : hcl::decodeQuoted(Raw);
    bool TrimFront =
        I > 0 && Owner[I - 1] >= 0 && Marks[Owner[I - 1]].TrimAfter;
    bool TrimBack = I + 1 < Pieces.size() && Owner[I + 1] >= 0 &&
                    Marks[Owner[I + 1]].TrimBefore;
    hcl::trimSpace(Text, TrimFront, TrimBack);
    Out.push_back({P.Begin, P.End, std::move(Text)});
  }
  return Out;
}

std::vector<Node *> HclReader::parts(ArrayRef<TSNode> Ks, uint32_t B,
                                     uint32_t E,
                                     const std::vector<TemplateGap> &Gaps,
                                     unsigned Depth) {
  std::vector<Node *> Out;
  auto G = std::lower_bound(Gaps.begin(), Gaps.end(), B,
                            [](const TemplateGap &Gap, uint32_t Offset) {
                              return Gap.Begin < Offset;
                            });
  auto LiteralsBefore = [&](uint32_t Until) {
    for (; G != Gaps.end() && G->Begin < Until; ++G)
      if (!G->Text.empty())
        Out.push_back(Doc.makeString(range(G->Begin, G->End), G->Text));
  };
  for (TSNode K : Ks) {
    bool IsDirective = is(K, "template_directive");
    if (!IsDirective && !is(K, "template_interpolation"))
      continue;
    LiteralsBefore(begin(K));
    Node *Part = nullptr;
    if (!IsDirective) {
      Part = interpolation(K, Depth);
    } else {
      TSNode D = firstNamed(K);
      if (is(D, "template_if"))
        Part = templateIf(D, Gaps, Depth);
      else if (is(D, "template_for"))
        Part = templateFor(D, Gaps, Depth);
    }
    if (Part)
      Out.push_back(Part);
    // A directive's own literal runs are inside its node.
    while (G != Gaps.end() && G->Begin < end(K))
      ++G;
  }
  LiteralsBefore(E);
  return Out;
}

// The template between two directive tags: always Op "template".
Node *HclReader::section(ArrayRef<TSNode> Ks, uint32_t B, uint32_t E,
                         const std::vector<TemplateGap> &Gaps, unsigned Depth) {
  Node *T = Doc.makeExpression(range(B, std::max(B, E)), "template");
  T->Items = parts(Ks, B, E, Gaps, Depth + 1);
  return T;
}

Node *HclReader::interpolation(TSNode N, unsigned Depth) {
  TSNode E = findKid(children(N), "expression");
  if (ts_node_is_null(E)) {
    if (!ts_node_has_error(N))
      Doc.error(range(N), "expected an expression in the interpolation");
    return nullptr;
  }
  return expr(E, Depth);
}

Node *HclReader::templateIf(TSNode N, const std::vector<TemplateGap> &Gaps,
                            unsigned Depth) {
  if (!enter(N, Depth))
    return nullptr;
  Kids Ks = children(N);
  if (Ks.empty() || !is(Ks[0], "template_if_intro"))
    return nullptr;
  Node *Cond = expr(findKid(children(Ks[0]), "expression"), Depth + 1);
  if (!Cond)
    return nullptr;
  // The else tag, then the end tag after it; either may be missing.
  size_t Else = 1;
  while (Else < Ks.size() && !is(Ks[Else], "template_else_intro") &&
         !is(Ks[Else], "template_if_end"))
    ++Else;
  size_t Stop = Else;
  while (Stop < Ks.size() && !is(Ks[Stop], "template_if_end"))
    ++Stop;
  if (Else < Ks.size() && !is(Ks[Else], "template_else_intro"))
    Else = Ks.size();
  auto At = [&](size_t I) { return I < Ks.size() ? begin(Ks[I]) : end(N); };
  ArrayRef<TSNode> All(Ks);
  size_t ThenStop = std::min(Else, Stop);
  Node *If = Doc.makeExpression(range(N), "template-if");
  add(If, "condition", Cond);
  add(If, "then",
      section(All.slice(1, ThenStop - 1), end(Ks[0]), At(ThenStop), Gaps,
              Depth + 1));
  if (Else < Ks.size())
    add(If, "else",
        section(All.slice(Else + 1, Stop - Else - 1), end(Ks[Else]), At(Stop),
                Gaps, Depth + 1));
  return If;
}

Node *HclReader::templateFor(TSNode N, const std::vector<TemplateGap> &Gaps,
                             unsigned Depth) {
  if (!enter(N, Depth))
    return nullptr;
  Kids Ks = children(N);
  if (Ks.empty() || !is(Ks[0], "template_for_start"))
    return nullptr;
  Kids StartKs = children(Ks[0]);
  Kids Vars;
  for (TSNode K : StartKs)
    if (is(K, "identifier") && !ts_node_is_missing(K))
      Vars.push_back(K);
  Node *Collection = expr(findKid(StartKs, "expression"), Depth + 1);
  if (Vars.empty() || !Collection)
    return nullptr;
  size_t Stop = Ks.size();
  if (Ks.size() > 1 && is(Ks.back(), "template_for_end"))
    Stop = Ks.size() - 1;

  Node *For = Doc.makeExpression(range(N), "template-for");
  if (Vars.size() == 2)
    add(For, "key", string(Vars[0], text(Vars[0])));
  add(For, "value", string(Vars.back(), text(Vars.back())));
  add(For, "collection", Collection);
  uint32_t BodyEnd = Stop < Ks.size() ? begin(Ks[Stop]) : end(N);
  add(For, "body",
      section(ArrayRef<TSNode>(Ks).slice(1, Stop - 1), end(Ks[0]), BodyEnd,
              Gaps, Depth + 1));
  return For;
}

// Tree-sitter's error recovery is superlinear on some hostile inputs (a
// 500 KB file of nested `"${` took minutes), and its operation count does
// not grow with that work, so the guard is a deadline far above what real
// files need (the largest corpus file, 100 KB, parses in 30 ms).
struct ParseDeadline {
  std::chrono::steady_clock::time_point At;
  bool Expired = false;
};

bool pastDeadline(TSParseState *State) {
  auto *D = static_cast<ParseDeadline *>(State->payload);
  D->Expired = std::chrono::steady_clock::now() > D->At;
  return D->Expired;
}

const char *readText(void *Payload, uint32_t Offset, TSPoint, uint32_t *Read) {
  StringRef Text = *static_cast<StringRef *>(Payload);
  StringRef Rest = Text.substr(std::min<size_t>(Offset, Text.size()));
  *Read = static_cast<uint32_t>(Rest.size());
  return Rest.data();
}

/// A parsed version of a file: its tree and the text it was parsed from.
struct HclTree : IncrementalState {
  ts::TreePtr Tree;
  std::string Text;
};

TSPoint pointAt(StringRef Text, size_t Offset) {
  StringRef Before = Text.take_front(Offset);
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  return {static_cast<uint32_t>(Before.count('\n')),
          static_cast<uint32_t>(Offset - LineStart)};
}

/// The one edit that turns Old into New: what lies between their common
/// prefix and their common suffix (tree-sitter re-reads around it).
TSInputEdit editBetween(StringRef Old, StringRef New) {
  size_t Prefix = 0, Limit = std::min(Old.size(), New.size());
  while (Prefix < Limit && Old[Prefix] == New[Prefix])
    ++Prefix;
  size_t Suffix = 0;
  while (Suffix < Limit - Prefix &&
         Old[Old.size() - 1 - Suffix] == New[New.size() - 1 - Suffix])
    ++Suffix;
  size_t OldEnd = Old.size() - Suffix, NewEnd = New.size() - Suffix;
  return {static_cast<uint32_t>(Prefix), static_cast<uint32_t>(OldEnd),
          static_cast<uint32_t>(NewEnd), pointAt(Old, Prefix),
          pointAt(Old, OldEnd),          pointAt(New, NewEnd)};
}

/// The previous version's tree, edited to line up with Text; null when there
/// is none to start from.
ts::TreePtr editedTree(const HclParseOptions &Options, StringRef Text) {
  if (!Options.Previous)
    return nullptr;
  const auto *Old =
      dynamic_cast<const HclTree *>(Options.Previous->incrementalState());
  if (!Old || !Old->Tree)
    return nullptr;
  ts::TreePtr Copy(ts_tree_copy(Old->Tree.get()));
  TSInputEdit Edit = editBetween(Old->Text, Text);
  ts_tree_edit(Copy.get(), &Edit);
  return Copy;
}

} // namespace

Document parseHcl(const SourceFile &File, FileRole Role,
                  const HclParseOptions &Options) {
  Document Doc(File, Dialect::Terraform, Role);
  try {
    StringRef Text = File.text();
    std::unique_ptr<TSParser, void (*)(TSParser *)> Parser(ts_parser_new(),
                                                           ts_parser_delete);
    ParseDeadline Deadline{std::chrono::steady_clock::now() +
                           std::chrono::seconds(10) +
                           std::chrono::microseconds(20) * Text.size()};
    ts::TreePtr Tree;
    if (ts_parser_set_language(Parser.get(), tree_sitter_hcl())) {
      TSInput Input{&Text, readText, TSInputEncodingUTF8, nullptr};
      ts::TreePtr Old = editedTree(Options, Text);
      Tree.reset(ts_parser_parse_with_options(Parser.get(), Old.get(), Input,
                                              {&Deadline, pastDeadline}));
    }
    if (Tree) {
      HclReader(Doc).read(ts_tree_root_node(Tree.get()));
      if (Options.KeepTree) {
        auto Kept = std::make_shared<HclTree>();
        Kept->Tree = std::move(Tree);
        Kept->Text = Text.str();
        Doc.keepIncrementalState(std::move(Kept));
      }
    } else if (Deadline.Expired)
      Doc.error(File.range(0, 0), "parsing took too long and was stopped; "
                                  "the file nests too deeply or is not HCL");
    else
      Doc.error(File.range(0, 0), "the HCL grammar could not be loaded");
  } catch (const std::exception &E) {
    // Only allocation can throw here; the file is then too big to read.
    Doc.error(File.range(0, 0),
              std::string("could not parse the file: ") + E.what());
  }
  if (!Doc.root())
    Doc.setRoot(Doc.makeExpression(File.range(0, File.text().size()), "body"));
  return Doc;
}

} // namespace rampart::parsers
