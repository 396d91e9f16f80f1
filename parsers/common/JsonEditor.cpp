//===- JsonEditor.cpp - Format-preserving edits of JSON documents ---------===//
#include "parsers/common/JsonEditor.h"

#include "parsers/common/TextLayout.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace rampart::parsers {

namespace {

using llvm::StringRef;

const MapEntry *findEntry(const Node &Map, StringRef Key, bool IgnoreCase) {
  for (const MapEntry &E : Map.Entries)
    if (IgnoreCase ? StringRef(E.Key).equals_insensitive(Key) : E.Key == Key)
      return &E;
  return nullptr;
}

std::string jsonString(StringRef Key) {
  return nlohmann::json(Key.str()).dump();
}

/// Calls Code(I) for each offset of Text outside strings and comments (`//`
/// and `/* */`, which ARM JSON and Bicep allow), and String(Begin, End) for
/// each string, quotes included.
template <typename CodeFn, typename StringFn>
void scan(StringRef Text, char Quote, CodeFn Code, StringFn String) {
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == Quote) {
      size_t Begin = I;
      for (++I; I < Text.size() && Text[I] != Quote; ++I)
        if (Text[I] == '\\')
          ++I;
      String(Begin, std::min(I + 1, Text.size()));
      continue;
    }
    if (C == '/' && I + 1 < Text.size() && Text[I + 1] == '/') {
      I = std::min(Text.find('\n', I), Text.size()) - 1;
      continue;
    }
    if (C == '/' && I + 1 < Text.size() && Text[I + 1] == '*') {
      I = std::min(Text.find("*/", I + 2), Text.size()) + 1;
      continue;
    }
    Code(I);
  }
}

template <typename CodeFn>
void forEachCode(StringRef Text, char Quote, CodeFn Code) {
  scan(Text, Quote, Code, [](size_t, size_t) {});
}

/// Whether the file writes one-line objects with a space inside their
/// braces (`{ "a": 1 }`) rather than without (`{"a": 1}`): what most of its
/// one-line objects do; JSON's compact form when none tells, Bicep's
/// spaced one for Bicep.
bool padsBraces(StringRef Text, const ObjectSyntax &Syntax) {
  size_t Padded = 0, Tight = 0;
  forEachCode(Text, Syntax.Quote, [&](size_t I) {
    if (Text[I] != '{' || I + 1 >= Text.size())
      return;
    char Next = Text[I + 1];
    if (Next == ' ' && I + 2 < Text.size() &&
        !StringRef("\r\n").contains(Text[I + 2]))
      ++Padded;
    else if (!StringRef(" \t\r\n}").contains(Next))
      ++Tight;
  });
  if (Padded != Tight)
    return Padded > Tight;
  return !Syntax.CommasBetweenLines;
}

/// Value with the spacing inside its non-empty braces made the file's.
std::string styleBraces(StringRef Value, bool Padded, char Quote) {
  std::string Out;
  size_t Copied = 0;
  forEachCode(Value, Quote, [&](size_t I) {
    char C = Value[I];
    if (C != '{' && C != '}')
      return;
    Out += Value.slice(Copied, I);
    Copied = I + 1;
    if (C == '{') {
      Out += '{';
      size_t Next = Value.find_first_not_of(' ', I + 1);
      if (Next < Value.size() && Value[Next] != '}') {
        if (Padded)
          Out += ' ';
        Copied = Next;
      }
      return;
    }
    size_t Kept = Out.find_last_not_of(' ');
    if (Kept != std::string::npos && Out[Kept] != '{') {
      Out.erase(Kept + 1);
      if (Padded)
        Out += ' ';
    }
    Out += '}';
  });
  return Out + Value.substr(Copied).str();
}

/// JSON text laid out one key a line, the way its neighbours are: objects
/// open a line per key, lists holding objects or lists a line per item,
/// other lists stay on one line. The first line is not indented (it
/// follows a key); the others are indented from Indent.
std::string expandedJson(const nlohmann::ordered_json &J,
                         const std::string &Indent, const TextLayout &L) {
  std::string Deeper = Indent + L.unit(), NL = L.newline().str();
  if (J.is_object() && !J.empty()) {
    std::string Out = "{";
    for (auto It = J.begin(); It != J.end(); ++It)
      Out += (It == J.begin() ? "" : ",") + NL + Deeper + jsonString(It.key()) +
             ": " + expandedJson(It.value(), Deeper, L);
    return Out + NL + Indent + "}";
  }
  bool Nested = J.is_array() && llvm::any_of(J, [](const auto &Item) {
                  return Item.is_structured() && !Item.empty();
                });
  if (Nested) {
    std::string Out = "[";
    for (size_t I = 0; I < J.size(); ++I)
      Out += (I ? "," : "") + NL + Deeper + expandedJson(J[I], Deeper, L);
    return Out + NL + Indent + "]";
  }
  if (J.is_array()) {
    std::string Out = "[";
    for (size_t I = 0; I < J.size(); ++I)
      Out += (I ? ", " : "") + J[I].dump();
    return Out + "]";
  }
  return J.dump();
}

/// How values are written around an edit.
struct Layout {
  Layout(const TextLayout &L, const ObjectSyntax &Syntax, StringRef Text)
      : L(L), Syntax(Syntax), Text(Text) {}

  const TextLayout &L;
  const ObjectSyntax &Syntax;
  StringRef Text;

  /// The file's brace spacing, found once and only when an object is
  /// written: it reads the whole file, and most edits write a scalar.
  bool padded() const {
    if (!Padded)
      Padded = padsBraces(Text, Syntax);
    return *Padded;
  }
  std::string open() const { return padded() ? "{ " : "{"; }
  std::string close() const { return padded() ? " }" : "}"; }

private:
  mutable std::optional<bool> Padded;

public:
  /// Value as written among neighbours laid out one key a line, its key
  /// at Indent: JSON holding an object is expanded; anything else is kept.
  std::string multiLine(StringRef Value, const std::string &Indent) const {
    if (!Syntax.CommasBetweenLines || !Value.contains('{'))
      return Value.str();
    auto J = nlohmann::ordered_json::parse(Value.begin(), Value.end(), nullptr,
                                           /*allow_exceptions=*/false);
    if (J.is_discarded() || !J.is_structured())
      return Value.str();
    return expandedJson(J, Indent, L);
  }
};

/// The value for Keys[I...]: Value wrapped in one object per key, laid out
/// one key a line (the object's key at Indent) or on one line.
std::string nestedValue(llvm::ArrayRef<std::string> Keys, size_t I,
                        StringRef Value, bool OneLine,
                        const std::string &Indent, const Layout &Y) {
  if (I == Keys.size())
    return OneLine ? Value.str() : Y.multiLine(Value, Indent);
  std::string Deeper = Indent + Y.L.unit();
  std::string Inner = Y.Syntax.Key(Keys[I]) + ": " +
                      nestedValue(Keys, I + 1, Value, OneLine, Deeper, Y);
  if (OneLine)
    return Y.open() + Inner + Y.close();
  std::string NL = Y.L.newline().str();
  return "{" + NL + Deeper + Inner + NL + Indent + "}";
}

/// `"a": {"b": value}` for the keys still missing, the first at Indent.
std::string entryText(llvm::ArrayRef<std::string> Keys, StringRef Value,
                      bool OneLine, const std::string &Indent,
                      const Layout &Y) {
  return Y.Syntax.Key(Keys[0]) + ": " +
         nestedValue(Keys, 1, Value, OneLine, Indent, Y);
}

/// After the last member or item of an object or list (its value ending
/// at End): where new ones go, on its line or on lines of their own, and
/// whether the container ends with a trailing comma (which they keep).
struct Tail {
  uint32_t ValueEnd;
  uint32_t AfterValue;
  bool TrailingComma;
  uint32_t LineEnd;

  Tail(const TextLayout &L, uint32_t End)
      : ValueEnd(End), AfterValue(L.skipBlanks(End)),
        TrailingComma(L.at(AfterValue) == ','),
        LineEnd(L.lineEnd(TrailingComma ? AfterValue : End)) {}

  /// Entries (each `key: value` or an item) added after the last, on
  /// Last's line.
  std::vector<TextEdit> sameLine(llvm::ArrayRef<std::string> Entries) const {
    std::string Text;
    for (const std::string &E : Entries)
      Text += TrailingComma ? " " + E + "," : ", " + E;
    uint32_t At = TrailingComma ? AfterValue + 1 : ValueEnd;
    return {{At, At, Text}};
  }

  /// Entries added on lines of their own at Indent, past any comment that
  /// ends the last one's line.
  std::vector<TextEdit> ownLines(llvm::ArrayRef<std::string> Entries,
                                 const std::string &Indent,
                                 const Layout &Y) const {
    bool Commas = Y.Syntax.CommasBetweenLines;
    std::string Text;
    for (size_t I = 0; I < Entries.size(); ++I) {
      bool CommaBefore = Commas && I > 0 && !TrailingComma;
      Text += (CommaBefore ? "," : "") + Y.L.newline().str() + Indent +
              Entries[I] + (TrailingComma ? "," : "");
    }
    if (!Commas || TrailingComma)
      return {{LineEnd, LineEnd, Text}};
    return {{ValueEnd, ValueEnd, ","}, {LineEnd, LineEnd, Text}};
  }
};

/// Edits inserting the entry for Keys into Map.
std::vector<TextEdit> insertInto(const Node &Map,
                                 llvm::ArrayRef<std::string> Keys,
                                 StringRef Value, const Layout &Y) {
  const TextLayout &L = Y.L;
  uint32_t Open = Map.Range.Start.Offset, Close = Map.Range.End.Offset - 1;
  if (Map.Entries.empty()) {
    // `{}` stays on its line unless it is the value of a key that starts
    // its line: among keys one a line, the new keys are one a line too.
    llvm::StringRef Before = L.text().slice(L.lineStart(Open), Open).trim();
    bool AmongLines =
        Before.endswith(":") && !Before.contains('{') && !Before.contains(',');
    bool OneLine = L.lineStart(Open) == L.lineStart(Close) && !AmongLines;
    if (OneLine)
      return {{Open, Close + 1,
               Y.open() + entryText(Keys, Value, true, "", Y) + Y.close()}};
    std::string Outer = L.indentOf(Open), Inner = Outer + L.unit();
    return {{Open + 1, Close,
             L.newline().str() + Inner +
                 entryText(Keys, Value, false, Inner, Y) + L.newline().str() +
                 Outer}};
  }
  const MapEntry &First = Map.Entries.front();
  Tail T(L, Map.Entries.back().Value->Range.End.Offset);
  bool OneLine = !L.startsLine(First.KeyRange.Start.Offset) ||
                 L.lineEnd(T.ValueEnd) > Close;
  if (OneLine)
    return T.sameLine({entryText(Keys, Value, true, "", Y)});
  std::string Indent = L.indentOf(Map.Entries.back().KeyRange.Start.Offset);
  return T.ownLines({entryText(Keys, Value, false, Indent, Y)}, Indent, Y);
}

/// Text reduced to what it means, for comparing two writings of a value:
/// no blanks or comments, and one comma between members or items whether
/// a comma or a line break separates them (Bicep's multi-line objects).
std::string meaning(StringRef Text, char Quote) {
  std::string Out;
  bool Separated = false;
  auto Emit = [&](StringRef Piece) {
    if (Separated && !Out.empty() && !StringRef("[{(").contains(Out.back()) &&
        !StringRef("]})").contains(Piece.front()))
      Out += ',';
    Separated = false;
    Out += Piece;
  };
  scan(
      Text, Quote,
      [&](size_t I) {
        char C = Text[I];
        if (C == ',' || C == '\n')
          Separated = true;
        else if (!StringRef(" \t\r").contains(C))
          Emit(Text.substr(I, 1));
      },
      [&](size_t Begin, size_t End) { Emit(Text.slice(Begin, End)); });
  return Out;
}

/// The items of a one-line list as written by the renderer (`[a, b]`).
std::vector<StringRef> listItems(StringRef List, char Quote) {
  std::vector<StringRef> Items;
  int Depth = 0;
  size_t Start = 1;
  forEachCode(List, Quote, [&](size_t I) {
    char C = List[I];
    if (C == '[' || C == '{' || C == '(')
      ++Depth;
    else if (C == ']' || C == '}' || C == ')')
      --Depth;
    if ((C == ',' && Depth == 1) || (C == ']' && Depth == 0)) {
      StringRef Item = List.slice(Start, I).trim();
      if (!Item.empty())
        Items.push_back(Item);
      Start = I + 1;
    }
  });
  return Items;
}

/// The items of NewList past Old's, when NewList starts with Old's items as
/// they are written (by what they mean, not their layout).
std::optional<std::vector<StringRef>>
appendedItems(const Node &Old, StringRef NewList, StringRef Text, char Quote) {
  if (!Old.is(NodeKind::List) || Old.Items.empty() || !NewList.startswith("["))
    return std::nullopt;
  std::vector<StringRef> New = listItems(NewList, Quote);
  if (New.size() < Old.Items.size())
    return std::nullopt;
  for (size_t I = 0; I < Old.Items.size(); ++I) {
    const Node &Item = *Old.Items[I];
    StringRef Written =
        Text.slice(Item.Range.Start.Offset, Item.Range.End.Offset);
    if (meaning(Written, Quote) != meaning(New[I], Quote))
      return std::nullopt;
  }
  return std::vector<StringRef>(New.begin() + Old.Items.size(), New.end());
}

/// Edits appending Items to the list Old, laid out as its items are: on
/// their line, or one a line (expanded like the last, for JSON objects).
std::vector<TextEdit> appendTo(const Node &Old, llvm::ArrayRef<StringRef> Items,
                               const Layout &Y) {
  if (Items.empty())
    return {};
  const TextLayout &L = Y.L;
  const Node &Last = *Old.Items.back();
  Tail T(L, Last.Range.End.Offset);
  std::vector<std::string> Texts;
  if (!L.startsLine(Old.Items.front()->Range.Start.Offset)) {
    for (StringRef I : Items)
      Texts.push_back(I.str());
    return T.sameLine(Texts);
  }
  std::string Indent = L.indentOf(Last.Range.Start.Offset);
  bool Expanded = Last.Range.Start.Line != Last.Range.End.Line;
  for (StringRef I : Items)
    Texts.push_back(Expanded ? Y.multiLine(I, Indent) : I.str());
  return T.ownLines(Texts, Indent, Y);
}

/// Follows Path from Object as far as it exists: the deepest map reached
/// and how many keys were found.
llvm::Expected<std::pair<const Node *, size_t>> walk(const Node &Object,
                                                     const JsonPath &Path) {
  const Node *Cur = &Object;
  for (size_t I = 0; I < Path.Keys.size(); ++I) {
    if (!Cur->is(NodeKind::Map))
      return editError("'" + Path.Keys[I - 1] + "' is not an object");
    const MapEntry *E = findEntry(*Cur, Path.Keys[I], Path.IgnoreCase);
    if (!E)
      return std::make_pair(Cur, I);
    if (I + 1 == Path.Keys.size())
      return std::make_pair(E->Value, I + 1);
    Cur = E->Value;
  }
  return std::make_pair(Cur, Path.Keys.size());
}

/// Whether N is written without expressions: no ARM `[...]` string, no
/// CloudFormation `Ref` or `Fn::` object, no Terraform `${...}`, no Bicep
/// expression, anywhere in it.
bool writtenLiterally(const Node &N, Dialect D) {
  switch (N.Kind) {
  case NodeKind::Expression:
    return false;
  case NodeKind::String:
    if (D == Dialect::Arm)
      return !StringRef(N.Text).startswith("[") ||
             StringRef(N.Text).startswith("[[");
    return D != Dialect::Terraform || !StringRef(N.Text).contains("${");
  case NodeKind::Map:
    for (const MapEntry &E : N.Entries)
      if ((D == Dialect::CloudFormation &&
           (E.Key == "Ref" || StringRef(E.Key).startswith("Fn::"))) ||
          !writtenLiterally(*E.Value, D))
        return false;
    return true;
  case NodeKind::List:
    return llvm::all_of(N.Items,
                        [&](const Node *I) { return writtenLiterally(*I, D); });
  default:
    return true;
  }
}

/// Edits replacing Old (the value of Key) with Value: a list that only
/// grows is appended to; a value written over several lines gets its new
/// one laid out likewise. A list or object holding expressions is not
/// rewritten: their values, written in their place, would stop following
/// the parameters.
llvm::Expected<std::vector<TextEdit>> replace(const Node &Old, StringRef Key,
                                              StringRef Value, Dialect D,
                                              StringRef Text, const Layout &Y) {
  if (auto More = appendedItems(Old, Value, Text, Y.Syntax.Quote))
    return appendTo(Old, *More, Y);
  if ((Old.is(NodeKind::Map) || Old.is(NodeKind::List)) &&
      !writtenLiterally(Old, D))
    return editError("'" + Key +
                     "' holds expressions, which the new value would replace "
                     "with their current values");
  std::string New = Value.str();
  if (Old.Range.Start.Line != Old.Range.End.Line)
    New = Y.multiLine(Value, Y.L.indentOf(Old.Range.Start.Offset));
  return std::vector<TextEdit>{
      {Old.Range.Start.Offset, Old.Range.End.Offset, New}};
}

} // namespace

llvm::Expected<std::vector<TextEdit>>
setObjectValue(const Document &Doc, const Node &Object, const JsonPath &Path,
               llvm::StringRef Value, const ObjectSyntax &Syntax) {
  if (Path.Keys.empty() || !Object.is(NodeKind::Map))
    return editError("an edit needs an object and a key");
  auto Reached = walk(Object, Path);
  if (!Reached)
    return Reached.takeError();
  auto [Node, Found] = *Reached;
  StringRef Text = Doc.file().text();
  TextLayout L(Text);
  Layout Y(L, Syntax, Text);
  std::string Styled = Value.contains('{')
                           ? styleBraces(Value, Y.padded(), Syntax.Quote)
                           : Value.str();
  if (Found == Path.Keys.size())
    return replace(*Node, Path.Keys.back(), Styled, Doc.dialect(), Text, Y);
  if (!Node->is(NodeKind::Map))
    return editError("'" + Path.Keys[Found - 1] + "' is not an object");
  return insertInto(*Node, llvm::ArrayRef(Path.Keys).drop_front(Found), Styled,
                    Y);
}

llvm::Expected<std::vector<TextEdit>>
removeObjectKey(const Document &Doc, const Node &Object, const JsonPath &Path,
                const ObjectSyntax &Syntax) {
  if (Path.Keys.empty() || !Object.is(NodeKind::Map))
    return editError("an edit needs an object and a key");
  JsonPath Parent = Path;
  Parent.Keys.pop_back();
  const rampart::Node *Map = &Object;
  if (!Parent.Keys.empty()) {
    auto Reached = walk(Object, Parent);
    if (!Reached)
      return Reached.takeError();
    if (Reached->second != Parent.Keys.size() ||
        !Reached->first->is(NodeKind::Map))
      return std::vector<TextEdit>{};
    Map = Reached->first;
  }
  const MapEntry *E = findEntry(*Map, Path.Keys.back(), Path.IgnoreCase);
  if (!E)
    return std::vector<TextEdit>{};
  TextLayout L(Doc.file().text());
  size_t Index = E - Map->Entries.data();
  uint32_t KeyStart = E->KeyRange.Start.Offset;
  uint32_t ValueEnd = E->Value->Range.End.Offset;
  uint32_t AfterValue = L.skipBlanks(ValueEnd);
  bool OwnComma = L.at(AfterValue) == ',';
  uint32_t End = OwnComma ? AfterValue + 1 : ValueEnd;
  bool OwnLine = L.startsLine(KeyStart);
  std::vector<TextEdit> Edits;
  if (Index + 1 < Map->Entries.size()) {
    // Up to the next key: the comma and the line break go with it.
    uint32_t Next = Map->Entries[Index + 1].KeyRange.Start.Offset;
    if (OwnLine && L.startsLine(Next))
      Edits.push_back({L.lineStart(KeyStart), L.lineStart(Next), ""});
    else
      Edits.push_back({KeyStart, Next, ""});
    return Edits;
  }
  if (OwnLine) {
    // The last key's lines go; so does the comma before it, when commas
    // separate lines and the object has no trailing one.
    if (Index > 0 && Syntax.CommasBetweenLines && !OwnComma) {
      uint32_t Comma =
          L.skipBlanks(Map->Entries[Index - 1].Value->Range.End.Offset);
      if (L.at(Comma) == ',')
        Edits.push_back({Comma, Comma + 1, ""});
    }
    Edits.push_back({L.lineStart(KeyStart), L.nextLineStart(End), ""});
    return Edits;
  }
  uint32_t From =
      Index == 0 ? KeyStart : Map->Entries[Index - 1].Value->Range.End.Offset;
  Edits.push_back({From, End, ""});
  return Edits;
}

const ObjectSyntax JsonObjectSyntax{jsonString, /*CommasBetweenLines=*/true,
                                    /*Quote=*/'"'};

llvm::Expected<std::vector<TextEdit>> setJsonValue(const Document &Doc,
                                                   const Node &Object,
                                                   const JsonPath &Path,
                                                   llvm::StringRef ValueJson) {
  return setObjectValue(Doc, Object, Path, ValueJson, JsonObjectSyntax);
}

llvm::Expected<std::vector<TextEdit>>
removeJsonKey(const Document &Doc, const Node &Object, const JsonPath &Path) {
  return removeObjectKey(Doc, Object, Path, JsonObjectSyntax);
}

} // namespace rampart::parsers
