//===- YamlEditor.cpp - Format-preserving edits of YAML templates ---------===//
#include "parsers/cloudformation/YamlEditor.h"

#include "parsers/cloudformation/YamlParser.h"
#include "parsers/common/TextLayout.h"

#include "llvm/ADT/STLExtras.h"

#include <memory>
#include <optional>

namespace rampart::parsers {

namespace {

using llvm::StringRef;

const MapEntry *findEntry(const Node &Map, StringRef Key) {
  for (const MapEntry &E : Map.Entries)
    if (E.Key == Key)
      return &E;
  return nullptr;
}

bool isCollection(const Node &N) {
  return N.is(NodeKind::Map) || N.is(NodeKind::List);
}

bool isEmptyCollection(const Node &N) {
  return (N.is(NodeKind::Map) && N.Entries.empty()) ||
         (N.is(NodeKind::List) && N.Items.empty());
}

/// A collection written in flow style: `{...}` or `[...]`.
bool isFlow(const Node &N, const TextLayout &L) {
  char C = L.at(N.Range.Start.Offset);
  return isCollection(N) && (C == '{' || C == '[');
}

/// A non-empty collection written in block style: keys or `-` items on
/// lines of their own.
bool isBlock(const Node &N, const TextLayout &L) {
  return isCollection(N) && !isEmptyCollection(N) && !isFlow(N, L);
}

/// The value to write, read back as YAML so that it can be compared with
/// what is written and laid out in block style; text() gives the value's
/// own text at one of its nodes' ranges.
class ParsedValue {
public:
  explicit ParsedValue(StringRef ValueYaml)
      : File(SourceFile::fromText("value.yaml", ValueYaml)),
        Doc(parseYaml(*File)) {}

  /// The value, or null when it did not parse (it always should: the
  /// renderer wrote it).
  const Node *root() const { return Doc.hasErrors() ? nullptr : Doc.root(); }
  StringRef text(const SourceRange &R) const {
    return File->text().slice(R.Start.Offset, R.End.Offset);
  }

private:
  std::unique_ptr<SourceFile> File;
  Document Doc;
};

/// Whether a new value reads better as block lines than on one line, in a
/// block mapping: a mapping, or a sequence of mappings.
bool wantsBlock(const Node &V) {
  if (V.is(NodeKind::Map))
    return !V.Entries.empty();
  return V.is(NodeKind::List) && llvm::any_of(V.Items, [](const Node *I) {
           return I->is(NodeKind::Map) && !I->Entries.empty();
         });
}

/// Equal as YAML values, however each is written (quoted or plain, flow or
/// block).
bool sameValue(const Node &A, const Node &B) {
  if (A.Kind != B.Kind)
    return false;
  switch (A.Kind) {
  case NodeKind::Null:
    return true;
  case NodeKind::Bool:
    return A.BoolValue == B.BoolValue;
  case NodeKind::Number:
  case NodeKind::String:
    return A.Text == B.Text;
  case NodeKind::List:
    return A.Items.size() == B.Items.size() &&
           llvm::all_of(llvm::zip(A.Items, B.Items), [](auto P) {
             return sameValue(*std::get<0>(P), *std::get<1>(P));
           });
  case NodeKind::Map:
    return A.Entries.size() == B.Entries.size() &&
           llvm::all_of(llvm::zip(A.Entries, B.Entries), [](auto P) {
             const MapEntry &X = std::get<0>(P), &Y = std::get<1>(P);
             return X.Key == Y.Key && sameValue(*X.Value, *Y.Value);
           });
  case NodeKind::Expression:
    return false;
  }
  return false;
}

/// How far a block sequence is indented under its key: by one level, or
/// not at all (`Key:` then `- item` at the key's column). The first block
/// sequence in the file decides; one level when there is none.
std::string sequenceIndent(StringRef Text, const TextLayout &L) {
  for (size_t At = Text.find('-'); At != StringRef::npos;
       At = Text.find('-', At + 1)) {
    if (!L.startsLine(At) ||
        (L.at(At + 1) != ' ' && L.at(At + 1) != '\n' && L.at(At + 1) != '\r'))
      continue;
    // The line above, skipping blank and comment lines, must be `key:`.
    uint32_t Line = L.lineStart(At);
    while (Line > 0) {
      uint32_t Prev = L.lineStart(Line - 1);
      StringRef Above = Text.slice(Prev, L.lineEnd(Prev)).trim();
      Line = Prev;
      if (Above.empty() || Above.startswith("#"))
        continue;
      if (!Above.endswith(":"))
        break;
      size_t Key = L.indentOf(Prev).size(), Dash = L.indentOf(At).size();
      if (Dash > Key)
        return L.unit();
      return "";
    }
  }
  return L.unit();
}

/// Lays a parsed value out in block style, the way a person writes YAML
/// by hand: one key a line, `- ` items, flow only for empty collections.
class BlockWriter {
public:
  BlockWriter(const ParsedValue &V, const TextLayout &L, std::string SeqIndent)
      : V(V), L(L), SeqIndent(std::move(SeqIndent)) {}

  /// The lines of Collection, each starting with Indent.
  std::string lines(const Node &Collection, const std::string &Indent) const {
    std::string Out;
    if (Collection.is(NodeKind::Map)) {
      for (const MapEntry &E : Collection.Entries)
        Out += (Out.empty() ? "" : newline()) + Indent +
               V.text(E.KeyRange).str() + ":" + afterKey(*E.Value, Indent);
      return Out;
    }
    for (const Node *Item : Collection.Items)
      Out += (Out.empty() ? "" : newline()) + Indent + "-" +
             afterDash(*Item, Indent);
    return Out;
  }

  /// What follows `key:` for Value, the key being at Indent.
  std::string afterKey(const Node &Value, const std::string &Indent) const {
    if (!isCollection(Value) || isEmptyCollection(Value))
      return " " + V.text(Value.Range).str();
    std::string Deeper =
        Indent + (Value.is(NodeKind::Map) ? L.unit() : SeqIndent);
    return newline() + lines(Value, Deeper);
  }

private:
  /// What follows `-` for Item, the dash being at Indent: a mapping's first
  /// key goes on the dash's line, the others under it.
  std::string afterDash(const Node &Item, const std::string &Indent) const {
    if (!Item.is(NodeKind::Map) || Item.Entries.empty())
      return " " + V.text(Item.Range).str();
    std::string Under = Indent + "  ";
    return " " + lines(Item, Under).substr(Under.size());
  }

  std::string newline() const { return L.newline().str(); }

  const ParsedValue &V;
  const TextLayout &L;
  std::string SeqIndent;
};

/// `Key: value`, or `Key:` with the missing mappings below it, one key a
/// line, the first key at Indent. A mapping, or a sequence of mappings, is
/// written in block style.
std::string entryLines(llvm::ArrayRef<std::string> Keys, StringRef ValueYaml,
                       const std::string &Indent, const TextLayout &L,
                       StringRef Text) {
  if (Keys.size() == 1) {
    ParsedValue V(ValueYaml);
    if (V.root() && wantsBlock(*V.root()))
      return Keys[0] + ":" +
             BlockWriter(V, L, sequenceIndent(Text, L))
                 .afterKey(*V.root(), Indent);
    return Keys[0] + ": " + ValueYaml.str();
  }
  return Keys[0] + ":" + L.newline().str() + Indent + L.unit() +
         entryLines(Keys.drop_front(), ValueYaml, Indent + L.unit(), L, Text);
}

/// `{Key: {Sub: value}}` pieces for a flow mapping; Pad is the space its
/// braces have inside.
std::string flowEntry(llvm::ArrayRef<std::string> Keys, StringRef ValueYaml,
                      StringRef Pad) {
  if (Keys.size() == 1)
    return Keys[0] + ": " + ValueYaml.str();
  return Keys[0] + ": {" + Pad.str() +
         flowEntry(Keys.drop_front(), ValueYaml, Pad) + Pad.str() + "}";
}

/// Where a line can be added after Value: the end of its last line, or,
/// for a value whose range already ends a line (a block scalar or a nested
/// block mapping), the start of the next one.
struct After {
  uint32_t Offset;
  bool AtLineStart;
};

After afterValue(const Node &Value, StringRef Text, const TextLayout &L) {
  uint32_t End = Value.Range.End.Offset;
  if (End > 0 && Text[End - 1] == '\n')
    return {End, true};
  return {L.lineEnd(End), false};
}

/// Where Value's text ends, before the line break its range may include.
uint32_t contentEnd(const Node &Value, StringRef Text) {
  uint32_t End = Value.Range.End.Offset;
  if (End > 0 && Text[End - 1] == '\n')
    --End;
  if (End > 0 && Text[End - 1] == '\r')
    --End;
  return End;
}

std::vector<TextEdit> insertLine(After At, const std::string &Indent,
                                 const std::string &Entry,
                                 const TextLayout &L) {
  if (At.AtLineStart)
    return {{At.Offset, At.Offset, Indent + Entry + L.newline().str()}};
  return {{At.Offset, At.Offset, L.newline().str() + Indent + Entry}};
}

/// Edits adding Keys (missing from Map) to Map. Parent is the entry whose
/// value Map is (null for the resource), InFlow whether Map sits inside a
/// flow collection.
std::vector<TextEdit> insertInto(const Node &Map,
                                 llvm::ArrayRef<std::string> Keys,
                                 StringRef ValueYaml, const MapEntry *Parent,
                                 bool InFlow, StringRef Text) {
  TextLayout L(Text);
  std::string KeyIndent =
      Parent ? L.indentOf(Parent->KeyRange.Start.Offset) : std::string();
  bool Flow = Map.is(NodeKind::Map) && L.at(Map.Range.Start.Offset) == '{';
  // `Key: {}` in a block mapping is filled the way `Key:` is, in block
  // style; inside flow collections it stays flow.
  bool EmptyFlowInBlock = Flow && Map.Entries.empty() && !InFlow && Parent;
  if (Flow && !EmptyFlowInBlock) {
    uint32_t Close = Map.Range.End.Offset - 1;
    if (Map.Entries.empty())
      return {
          {Map.Range.Start.Offset + 1, Close, flowEntry(Keys, ValueYaml, "")}};
    StringRef Pad = L.at(Map.Range.Start.Offset + 1) == ' ' ? " " : "";
    uint32_t End = Map.Entries.back().Value->Range.End.Offset;
    return {{End, End, ", " + flowEntry(Keys, ValueYaml, Pad)}};
  }
  if (!Map.is(NodeKind::Map) || Map.Entries.empty()) {
    // `Key:` with nothing after it (or `{}`): the mapping starts on the next
    // line. The range of nothing is empty, just after the colon.
    std::string Indent = KeyIndent + L.unit();
    uint32_t From = Map.Range.Start.Offset;
    if (EmptyFlowInBlock)
      From = Text.find(':', Parent->KeyRange.End.Offset) + 1;
    return {{From, Map.Range.End.Offset,
             L.newline().str() + Indent +
                 entryLines(Keys, ValueYaml, Indent, L, Text)}};
  }
  std::string Indent = L.indentOf(Map.Entries.front().KeyRange.Start.Offset);
  const MapEntry &Last = Map.Entries.back();
  return insertLine(afterValue(*Last.Value, Text, L), Indent,
                    entryLines(Keys, ValueYaml, Indent, L, Text), L);
}

/// Items of New past Old's, when New starts with Old's items: an append.
std::optional<llvm::ArrayRef<Node *>> appended(const Node &Old,
                                               const Node &New) {
  if (!Old.is(NodeKind::List) || !New.is(NodeKind::List) ||
      New.Items.size() < Old.Items.size())
    return std::nullopt;
  for (size_t I = 0; I < Old.Items.size(); ++I)
    if (!sameValue(*Old.Items[I], *New.Items[I]))
      return std::nullopt;
  return llvm::ArrayRef<Node *>(New.Items).drop_front(Old.Items.size());
}

/// Edits appending Items (of V) to the sequence Old, in its style: `- `
/// lines at its items' column, or `, item` in a flow sequence. The items
/// already there keep their text and comments.
std::vector<TextEdit> appendItems(const Node &Old, llvm::ArrayRef<Node *> Items,
                                  const ParsedValue &V, StringRef Text,
                                  const TextLayout &L) {
  if (Items.empty())
    return {};
  if (isFlow(Old, L)) {
    std::string More;
    for (const Node *I : Items)
      More += ", " + V.text(I->Range).str();
    uint32_t End = Old.Items.back()->Range.End.Offset;
    return {{End, End, More}};
  }
  std::string Indent = L.indentOf(Old.Range.Start.Offset);
  Node Tail;
  Tail.Kind = NodeKind::List;
  Tail.Items.assign(Items.begin(), Items.end());
  std::string Lines =
      BlockWriter(V, L, sequenceIndent(Text, L)).lines(Tail, Indent);
  return insertLine(afterValue(Old, Text, L), "", Lines, L);
}

/// Whether N is written without intrinsic functions: no tag (`!Ref`,
/// `!If`) and no long form (`Ref:`, `Fn::If:`) anywhere in it.
bool writtenLiterally(const Node &N) {
  if (N.is(NodeKind::Expression))
    return false;
  for (const MapEntry &E : N.Entries)
    if (E.Key == "Ref" || StringRef(E.Key).startswith("Fn::") ||
        !writtenLiterally(*E.Value))
      return false;
  return llvm::all_of(N.Items,
                      [](const Node *I) { return writtenLiterally(*I); });
}

/// Edits making the value of entry E be ValueYaml, in the style it is
/// written in: a sequence that only grows is appended to (its items keep
/// their text and comments), a block collection stays in block style, and
/// a key written with nothing after it gets its value after `Key:`. A
/// collection holding intrinsic functions is not rewritten: their values,
/// written in their place, would stop following the parameters and
/// conditions.
llvm::Expected<std::vector<TextEdit>> replaceValue(const MapEntry &E,
                                                   StringRef ValueYaml,
                                                   StringRef Text,
                                                   const TextLayout &L) {
  const Node &Old = *E.Value;
  ParsedValue V(ValueYaml);
  const Node *New = V.root();
  if (New && Old.is(NodeKind::List) && !Old.Items.empty())
    if (auto More = appended(Old, *New))
      return appendItems(Old, *More, V, Text, L);
  if (isCollection(Old) && !writtenLiterally(Old))
    return editError("'" + E.Key +
                     "' holds intrinsic functions, which the new value would "
                     "replace with their current values");
  BlockWriter Block(V, L, sequenceIndent(Text, L));
  uint32_t Colon = Text.find(':', E.KeyRange.End.Offset);
  using Edits = std::vector<TextEdit>;
  if (isBlock(Old, L)) {
    if (New && isCollection(*New) && !isEmptyCollection(*New)) {
      std::string At = L.indentOf(Old.Range.Start.Offset);
      return Edits{{Old.Range.Start.Offset, contentEnd(Old, Text),
                    Block.lines(*New, At).substr(At.size())}};
    }
    return Edits{{Colon + 1, contentEnd(Old, Text), " " + ValueYaml.str()}};
  }
  bool Nothing =
      Old.is(NodeKind::Null) && Old.Range.Start.Offset == Old.Range.End.Offset;
  if (Nothing) {
    std::string After = " " + ValueYaml.str();
    if (New && wantsBlock(*New))
      After = Block.afterKey(*New, L.indentOf(E.KeyRange.Start.Offset));
    return Edits{{Old.Range.Start.Offset, Old.Range.End.Offset, After}};
  }
  return Edits{{Old.Range.Start.Offset, Old.Range.End.Offset, ValueYaml.str()}};
}

/// Whether Text quotes its scalars with double quotes rather than single
/// ones, by what most of its quoted values (after `: ` or `- `) use;
/// nullopt when it quotes none.
std::optional<bool> prefersDoubleQuotes(StringRef Text) {
  size_t Double = 0, Single = 0;
  for (size_t At = Text.find_first_of("'\""); At != StringRef::npos;
       At = Text.find_first_of("'\"", At + 1)) {
    StringRef Before = Text.substr(At < 2 ? 0 : At - 2, At < 2 ? At : 2);
    if (Before != ": " && Before != "- ")
      continue;
    (Text[At] == '"' ? Double : Single)++;
  }
  if (Double == Single)
    return std::nullopt;
  return Double > Single;
}

/// The quotes new values take: those of the value being replaced, else of
/// the resource, else of the file; the renderer's single ones when nothing
/// is quoted.
bool useDoubleQuotes(const Node &Object, llvm::ArrayRef<std::string> Path,
                     StringRef Text) {
  const Node *Old = &Object;
  for (const std::string &Key : Path) {
    const MapEntry *E = Old->is(NodeKind::Map) ? findEntry(*Old, Key) : nullptr;
    if (!E) {
      Old = nullptr;
      break;
    }
    Old = E->Value;
  }
  for (const Node *Scope : {Old, &Object})
    if (Scope)
      if (auto Double = prefersDoubleQuotes(
              Text.slice(Scope->Range.Start.Offset, Scope->Range.End.Offset)))
        return *Double;
  return prefersDoubleQuotes(Text).value_or(false);
}

/// The renderer's single-quoted scalars in ValueYaml written with double
/// quotes, for a file that uses them.
std::string withDoubleQuotes(StringRef ValueYaml) {
  std::string Out;
  for (size_t I = 0; I < ValueYaml.size(); ++I) {
    if (ValueYaml[I] != '\'') {
      Out += ValueYaml[I];
      continue;
    }
    Out += '"';
    for (++I; I < ValueYaml.size(); ++I) {
      char C = ValueYaml[I];
      if (C == '\'' && I + 1 < ValueYaml.size() && ValueYaml[I + 1] == '\'') {
        Out += '\'';
        ++I;
        continue;
      }
      if (C == '\'')
        break;
      if (C == '"' || C == '\\')
        Out += '\\';
      Out += C;
    }
    Out += '"';
  }
  return Out;
}

} // namespace

llvm::Expected<std::vector<TextEdit>>
setYamlValue(const Document &Doc, const Node &Object,
             llvm::ArrayRef<std::string> Path, llvm::StringRef ValueYaml) {
  if (Path.empty() || !Object.is(NodeKind::Map))
    return editError("a YAML edit needs a mapping and a key");
  StringRef Text = Doc.file().text();
  TextLayout L(Text);
  std::string Quoted;
  if (useDoubleQuotes(Object, Path, Text)) {
    Quoted = withDoubleQuotes(ValueYaml);
    ValueYaml = Quoted;
  }
  const Node *Cur = &Object;
  const MapEntry *Parent = nullptr;
  bool InFlow = false;
  for (size_t I = 0; I < Path.size(); ++I) {
    const MapEntry *E =
        Cur->is(NodeKind::Map) ? findEntry(*Cur, Path[I]) : nullptr;
    if (!E)
      return insertInto(*Cur, Path.drop_front(I), ValueYaml, Parent, InFlow,
                        Text);
    if (I + 1 == Path.size())
      return replaceValue(*E, ValueYaml, Text, L);
    if (!E->Value->is(NodeKind::Map) && !E->Value->is(NodeKind::Null))
      return editError("'" + Path[I] + "' is not a mapping");
    InFlow = InFlow || isFlow(*Cur, L);
    Parent = E;
    Cur = E->Value;
  }
  return std::vector<TextEdit>{};
}

llvm::Expected<std::vector<TextEdit>>
removeYamlKey(const Document &Doc, const Node &Object,
              llvm::ArrayRef<std::string> Path) {
  if (Path.empty() || !Object.is(NodeKind::Map))
    return editError("a YAML edit needs a mapping and a key");
  const Node *Cur = &Object;
  for (size_t I = 0; I + 1 < Path.size(); ++I) {
    const MapEntry *E = findEntry(*Cur, Path[I]);
    if (!E || !E->Value->is(NodeKind::Map))
      return std::vector<TextEdit>{};
    Cur = E->Value;
  }
  const MapEntry *E = findEntry(*Cur, Path.back());
  if (!E)
    return std::vector<TextEdit>{};
  StringRef Text = Doc.file().text();
  TextLayout L(Text);
  if (L.at(Cur->Range.Start.Offset) == '{') {
    // A flow mapping: the entry and the comma after it, or, for the last,
    // the comma before it.
    size_t Index = E - Cur->Entries.data();
    if (Index + 1 < Cur->Entries.size())
      return std::vector<TextEdit>{
          {E->KeyRange.Start.Offset,
           Cur->Entries[Index + 1].KeyRange.Start.Offset, ""}};
    uint32_t From = Index == 0
                        ? E->KeyRange.Start.Offset
                        : Cur->Entries[Index - 1].Value->Range.End.Offset;
    return std::vector<TextEdit>{{From, E->Value->Range.End.Offset, ""}};
  }
  After End = afterValue(*E->Value, Text, L);
  uint32_t Stop = End.AtLineStart ? End.Offset : L.nextLineStart(End.Offset);
  return std::vector<TextEdit>{
      {L.lineStart(E->KeyRange.Start.Offset), Stop, ""}};
}

} // namespace rampart::parsers
