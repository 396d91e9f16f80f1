//===- JsonEditor.cpp - Format-preserving edits of JSON documents ---------===//
#include "parsers/common/JsonEditor.h"

#include "parsers/common/TextLayout.h"

#include <nlohmann/json.hpp>

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

/// The value for Keys[I...]: ValueJson wrapped in one object per key,
/// laid out one key a line (the object's key at Indent) or on one line.
std::string nestedValue(llvm::ArrayRef<std::string> Keys, size_t I,
                        StringRef ValueJson, bool OneLine,
                        const std::string &Indent, const TextLayout &L,
                        const ObjectSyntax &Syntax) {
  if (I == Keys.size())
    return ValueJson.str();
  std::string Deeper = Indent + L.unit();
  std::string Inner =
      Syntax.Key(Keys[I]) + ": " +
      nestedValue(Keys, I + 1, ValueJson, OneLine, Deeper, L, Syntax);
  if (OneLine)
    return "{" + Inner + "}";
  return "{" + L.newline().str() + Deeper + Inner + L.newline().str() + Indent +
         "}";
}

/// `"a": {"b": value}` for the keys still missing, the first at Indent.
std::string entryText(llvm::ArrayRef<std::string> Keys, StringRef ValueJson,
                      bool OneLine, const std::string &Indent,
                      const TextLayout &L, const ObjectSyntax &Syntax) {
  return Syntax.Key(Keys[0]) + ": " +
         nestedValue(Keys, 1, ValueJson, OneLine, Indent, L, Syntax);
}

/// Edits inserting the entry for Keys into Map.
std::vector<TextEdit> insertInto(const Node &Map,
                                 llvm::ArrayRef<std::string> Keys,
                                 StringRef ValueJson, const TextLayout &L,
                                 const ObjectSyntax &Syntax) {
  uint32_t Open = Map.Range.Start.Offset, Close = Map.Range.End.Offset - 1;
  if (Map.Entries.empty()) {
    bool OneLine = L.lineStart(Open) == L.lineStart(Close);
    if (OneLine)
      return {{Open + 1, Close,
               " " + entryText(Keys, ValueJson, true, "", L, Syntax) + " "}};
    std::string Outer = L.indentOf(Open), Inner = Outer + L.unit();
    return {{Open + 1, Close,
             L.newline().str() + Inner +
                 entryText(Keys, ValueJson, false, Inner, L, Syntax) +
                 L.newline().str() + Outer}};
  }
  const MapEntry &First = Map.Entries.front();
  const MapEntry &Last = Map.Entries.back();
  uint32_t ValueEnd = Last.Value->Range.End.Offset;
  uint32_t AfterValue = L.skipBlanks(ValueEnd);
  bool TrailingComma = L.at(AfterValue) == ',';
  bool OneLine =
      !L.startsLine(First.KeyRange.Start.Offset) || L.lineEnd(ValueEnd) > Close;
  if (OneLine) {
    std::string Entry = entryText(Keys, ValueJson, true, "", L, Syntax);
    if (TrailingComma)
      return {{AfterValue + 1, AfterValue + 1, " " + Entry + ","}};
    return {{ValueEnd, ValueEnd, ", " + Entry}};
  }
  // One key a line: the new one goes on a line of its own after the last,
  // past any comment that ends the last one's line.
  std::string Indent = L.indentOf(Last.KeyRange.Start.Offset);
  std::string Entry = L.newline().str() + Indent +
                      entryText(Keys, ValueJson, false, Indent, L, Syntax);
  uint32_t LineEnd = L.lineEnd(TrailingComma ? AfterValue : ValueEnd);
  if (TrailingComma)
    return {{LineEnd, LineEnd, Entry + ","}};
  if (!Syntax.CommasBetweenLines)
    return {{LineEnd, LineEnd, Entry}};
  return {{ValueEnd, ValueEnd, ","}, {LineEnd, LineEnd, Entry}};
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
  if (Found == Path.Keys.size())
    return std::vector<TextEdit>{
        {Node->Range.Start.Offset, Node->Range.End.Offset, Value.str()}};
  if (!Node->is(NodeKind::Map))
    return editError("'" + Path.Keys[Found - 1] + "' is not an object");
  TextLayout L(Doc.file().text());
  return insertInto(*Node, llvm::ArrayRef(Path.Keys).drop_front(Found), Value,
                    L, Syntax);
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

const ObjectSyntax JsonObjectSyntax{jsonString, /*CommasBetweenLines=*/true};

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
