//===- YamlEditor.cpp - Format-preserving edits of YAML templates ---------===//
#include "parsers/cloudformation/YamlEditor.h"

#include "parsers/common/TextLayout.h"

namespace rampart::parsers {

namespace {

using llvm::StringRef;

const MapEntry *findEntry(const Node &Map, StringRef Key) {
  for (const MapEntry &E : Map.Entries)
    if (E.Key == Key)
      return &E;
  return nullptr;
}

/// `Key: value`, or `Key:` with the missing mappings below it, one key a
/// line, the first key at Indent.
std::string entryLines(llvm::ArrayRef<std::string> Keys, StringRef ValueYaml,
                       const std::string &Indent, const TextLayout &L) {
  if (Keys.size() == 1)
    return Keys[0] + ": " + ValueYaml.str();
  return Keys[0] + ":" + L.newline().str() + Indent + L.unit() +
         entryLines(Keys.drop_front(), ValueYaml, Indent + L.unit(), L);
}

/// `{Key: {Sub: value}}` pieces for a flow mapping.
std::string flowEntry(llvm::ArrayRef<std::string> Keys, StringRef ValueYaml) {
  if (Keys.size() == 1)
    return Keys[0] + ": " + ValueYaml.str();
  return Keys[0] + ": {" + flowEntry(Keys.drop_front(), ValueYaml) + "}";
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

std::vector<TextEdit> insertLine(After At, const std::string &Indent,
                                 const std::string &Entry,
                                 const TextLayout &L) {
  if (At.AtLineStart)
    return {{At.Offset, At.Offset, Indent + Entry + L.newline().str()}};
  return {{At.Offset, At.Offset, L.newline().str() + Indent + Entry}};
}

/// Edits adding Keys (missing from Map) to Map, whose key is at KeyIndent
/// (for a mapping written empty).
std::vector<TextEdit> insertInto(const Node &Map,
                                 llvm::ArrayRef<std::string> Keys,
                                 StringRef ValueYaml,
                                 const std::string &KeyIndent, StringRef Text) {
  TextLayout L(Text);
  bool Flow = Map.is(NodeKind::Map) && L.at(Map.Range.Start.Offset) == '{';
  if (Flow) {
    uint32_t Close = Map.Range.End.Offset - 1;
    if (Map.Entries.empty())
      return {{Map.Range.Start.Offset + 1, Close,
               " " + flowEntry(Keys, ValueYaml) + " "}};
    uint32_t End = Map.Entries.back().Value->Range.End.Offset;
    return {{End, End, ", " + flowEntry(Keys, ValueYaml)}};
  }
  if (!Map.is(NodeKind::Map) || Map.Entries.empty()) {
    // `Key:` with nothing after it: the mapping starts on the next line.
    std::string Indent = KeyIndent + L.unit();
    return {
        {Map.Range.Start.Offset, Map.Range.End.Offset,
         L.newline().str() + Indent + entryLines(Keys, ValueYaml, Indent, L)}};
  }
  std::string Indent = L.indentOf(Map.Entries.front().KeyRange.Start.Offset);
  const MapEntry &Last = Map.Entries.back();
  return insertLine(afterValue(*Last.Value, Text, L), Indent,
                    entryLines(Keys, ValueYaml, Indent, L), L);
}

} // namespace

llvm::Expected<std::vector<TextEdit>>
setYamlValue(const Document &Doc, const Node &Object,
             llvm::ArrayRef<std::string> Path, llvm::StringRef ValueYaml) {
  if (Path.empty() || !Object.is(NodeKind::Map))
    return editError("a YAML edit needs a mapping and a key");
  StringRef Text = Doc.file().text();
  TextLayout L(Text);
  const Node *Cur = &Object;
  std::string KeyIndent;
  for (size_t I = 0; I < Path.size(); ++I) {
    const MapEntry *E =
        Cur->is(NodeKind::Map) ? findEntry(*Cur, Path[I]) : nullptr;
    if (!E)
      return insertInto(*Cur, Path.drop_front(I), ValueYaml, KeyIndent, Text);
    if (I + 1 == Path.size())
      return std::vector<TextEdit>{{E->Value->Range.Start.Offset,
                                    E->Value->Range.End.Offset,
                                    ValueYaml.str()}};
    if (!E->Value->is(NodeKind::Map) && !E->Value->is(NodeKind::Null))
      return editError("'" + Path[I] + "' is not a mapping");
    KeyIndent = L.indentOf(E->KeyRange.Start.Offset);
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
