//===- Suppressions.cpp - rampart:ignore in every dialect -----------------===//
#include "analyzer/posture/Suppressions.h"

#include "analyzer/posture/Config.h"
#include "analyzer/workspace/Discovery.h"
#include "parsers/common/Unicode.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <optional>

namespace rampart::posture {

namespace {

using llvm::StringRef;

constexpr StringRef Marker = "rampart:ignore";

bool isSpace(char C) { return C == ' ' || C == '\t' || C == '\r' || C == '\n'; }

/// Whether Text (a comment's body or a string) is a directive: it starts
/// with the marker as a whole word, so `rampart:ignored` or a sentence that
/// mentions the marker later is an ordinary comment.
bool startsWithMarker(StringRef Text) {
  Text = Text.ltrim(" \t");
  return Text.startswith(Marker) &&
         (Text.size() == Marker.size() || isSpace(Text[Marker.size()]));
}

//===----------------------------------------------------------------------===//
// Where a directive's text lies in the file
//===----------------------------------------------------------------------===//

/// Maps the bytes of a directive's text back to the file, so a warning can
/// point at the very key or value that is wrong. A comment's text is the
/// file's own bytes; a JSON string's decoded text is not, because of its
/// escapes (`\"` around every reason).
class TextOrigin {
public:
  static TextOrigin contiguous(uint32_t Base) {
    TextOrigin O;
    O.Base = Base;
    return O;
  }
  /// Offsets[I] is the file offset of decoded byte I; one more at the end.
  static TextOrigin mapped(std::vector<uint32_t> Offsets) {
    TextOrigin O;
    O.Offsets = std::move(Offsets);
    return O;
  }
  /// Every part of the text maps to the whole of Range: for a string whose
  /// escapes could not be followed.
  static TextOrigin whole(SourceRange Range) {
    TextOrigin O;
    O.Whole = Range;
    return O;
  }

  /// The same origin for the text with its first N bytes dropped.
  TextOrigin dropFront(size_t N) const {
    TextOrigin O = *this;
    O.Shift += N;
    return O;
  }

  SourceRange range(const SourceFile &File, size_t Begin, size_t End) const {
    if (Whole)
      return *Whole;
    return File.range(offsetOf(Begin), offsetOf(End));
  }

private:
  uint32_t offsetOf(size_t Index) const {
    Index += Shift;
    if (Offsets.empty())
      return Base + Index;
    return Offsets[std::min(Index, Offsets.size() - 1)];
  }

  uint32_t Base = 0;
  size_t Shift = 0;
  std::vector<uint32_t> Offsets;
  std::optional<SourceRange> Whole;
};

/// The file offset of each byte of a JSON string's decoded text, from the
/// raw string (quotes included) at RawStart; nullopt when the decoding does
/// not come out at DecodedSize bytes (an escape the parser read otherwise).
std::optional<std::vector<uint32_t>>
jsonStringOffsets(StringRef Raw, uint32_t RawStart, size_t DecodedSize) {
  if (Raw.size() < 2 || Raw.front() != '"' || Raw.back() != '"')
    return std::nullopt;
  std::vector<uint32_t> Offsets;
  size_t I = 1, Last = Raw.size() - 1;
  while (I < Last) {
    if (Raw[I] != '\\') {
      Offsets.push_back(RawStart + I);
      ++I;
      continue;
    }
    if (I + 1 >= Last)
      return std::nullopt;
    if (Raw[I + 1] != 'u') {
      Offsets.push_back(RawStart + I);
      I += 2;
      continue;
    }
    unsigned CodePoint = 0;
    if (Raw.substr(I + 2, 4).getAsInteger(16, CodePoint))
      return std::nullopt;
    size_t Length = 6;
    unsigned Low = 0;
    if (CodePoint >= 0xD800 && CodePoint < 0xDC00 &&
        Raw.substr(I + 6, 2) == "\\u" &&
        !Raw.substr(I + 8, 4).getAsInteger(16, Low) && Low >= 0xDC00 &&
        Low < 0xE000) {
      CodePoint = 0x10000 + ((CodePoint - 0xD800) << 10) + (Low - 0xDC00);
      Length = 12;
    }
    Offsets.insert(Offsets.end(), utf8Length(CodePoint), RawStart + I);
    I += Length;
  }
  Offsets.push_back(RawStart + Last);
  if (Offsets.size() != DecodedSize + 1)
    return std::nullopt;
  return Offsets;
}

TextOrigin originOfJsonString(const SourceFile &File, const Node &String) {
  uint32_t Begin = String.Range.Start.Offset, End = String.Range.End.Offset;
  if (auto Offsets = jsonStringOffsets(File.text().slice(Begin, End), Begin,
                                       String.Text.size()))
    return TextOrigin::mapped(std::move(*Offsets));
  return TextOrigin::whole(String.Range);
}

//===----------------------------------------------------------------------===//
// The directive: rampart:ignore IDS key=value...
//===----------------------------------------------------------------------===//

struct DirectiveError {
  std::string Message;
  size_t Begin = 0, End = 0;
};

std::optional<Exemption> parseCategory(StringRef Text) {
  if (Text.equals_insensitive("accepted"))
    return Exemption::Accepted;
  if (Text.equals_insensitive("mitigated"))
    return Exemption::Mitigated;
  return std::nullopt;
}

/// Reads the text of one directive into a suppression's ids, reason, expiry
/// and category. The first mistake stops it: a half-understood suppression
/// must not suppress.
class DirectiveParser {
public:
  explicit DirectiveParser(StringRef Text) : Text(Text) {}

  std::optional<DirectiveError> parse(Suppression &Out) {
    Pos = Marker.size();
    if (auto Error = parseIds(Out))
      return Error;
    return parsePairs(Out);
  }

private:
  void skipSpaces() {
    while (Pos < Text.size() && isSpace(Text[Pos]))
      ++Pos;
  }
  bool atIdCharacter() const {
    char C = Text[Pos];
    return !isSpace(C) && C != ',' && C != '=' && C != '"';
  }
  size_t wordEnd(size_t From) const {
    while (From < Text.size() && !isSpace(Text[From]))
      ++From;
    return From;
  }

  std::optional<DirectiveError> parseIds(Suppression &Out) {
    size_t Comma = 0;
    while (true) {
      skipSpaces();
      size_t Begin = Pos;
      while (Pos < Text.size() && atIdCharacter())
        ++Pos;
      bool IsKey = Pos < Text.size() && (Text[Pos] == '=' || Text[Pos] == '"');
      if (Pos == Begin || IsKey) {
        if (Out.Ids.empty())
          return DirectiveError{"rampart:ignore names no check id; write "
                                "`rampart:ignore ID reason=\"...\"`",
                                0, Marker.size()};
        return DirectiveError{"expected a check id after ','", Comma,
                              std::max(wordEnd(Begin), Comma + 1)};
      }
      Out.Ids.push_back(Text.slice(Begin, Pos).str());
      skipSpaces();
      if (Pos >= Text.size() || Text[Pos] != ',')
        return std::nullopt;
      Comma = Pos++;
    }
  }

  std::optional<DirectiveError> parsePairs(Suppression &Out) {
    llvm::SmallVector<StringRef, 3> Seen;
    for (skipSpaces(); Pos < Text.size(); skipSpaces()) {
      size_t KeyBegin = Pos;
      while (Pos < Text.size() && !isSpace(Text[Pos]) && Text[Pos] != '=')
        ++Pos;
      if (Pos >= Text.size() || Text[Pos] != '=')
        return DirectiveError{
            "expected key=value after the check ids, found '" +
                Text.slice(KeyBegin, Pos).str() +
                "' (separate check ids with ',')",
            KeyBegin, Pos};
      StringRef Key = Text.slice(KeyBegin, Pos);
      ++Pos;
      size_t ValueBegin = Pos;
      std::string Value;
      if (auto Error = parseValue(Value))
        return Error;
      PairSpan Span{KeyBegin, ValueBegin, Pos};
      if (llvm::is_contained(Seen, Key))
        return DirectiveError{"'" + Key.str() + "' is given twice", KeyBegin,
                              Pos};
      Seen.push_back(Key);
      if (auto Error = applyPair(Key, Value, Span, Out))
        return Error;
    }
    return std::nullopt;
  }

  /// A quoted value ("..." with \" and \\ escapes) or a bare word.
  std::optional<DirectiveError> parseValue(std::string &Value) {
    size_t Begin = Pos;
    if (Pos >= Text.size() || Text[Pos] != '"') {
      while (Pos < Text.size() && !isSpace(Text[Pos]))
        Value += Text[Pos++];
      return std::nullopt;
    }
    for (++Pos; Pos < Text.size() && Text[Pos] != '"'; ++Pos) {
      if (Text[Pos] == '\\' && Pos + 1 < Text.size())
        ++Pos;
      Value += Text[Pos];
    }
    if (Pos >= Text.size())
      return DirectiveError{"unterminated quoted value", Begin, Text.size()};
    ++Pos;
    if (Pos < Text.size() && !isSpace(Text[Pos]))
      return DirectiveError{"expected a space after the quoted value", Pos,
                            wordEnd(Pos)};
    return std::nullopt;
  }

  /// Where a key=value pair lies in the text.
  struct PairSpan {
    size_t KeyBegin, ValueBegin, End;
  };

  std::optional<DirectiveError> applyPair(StringRef Key,
                                          const std::string &Value,
                                          const PairSpan &Pair,
                                          Suppression &Out) {
    if (Key == "reason") {
      Out.Reason = Value;
    } else if (Key == "until") {
      Out.Until = parseDate(Value);
      if (!Out.Until)
        return DirectiveError{"invalid date '" + Value +
                                  "' for until; expected YYYY-MM-DD",
                              Pair.ValueBegin, Pair.End};
    } else if (Key == "category") {
      std::optional<Exemption> Category = parseCategory(Value);
      if (!Category)
        return DirectiveError{"unknown category '" + Value +
                                  "'; expected accepted or mitigated",
                              Pair.ValueBegin, Pair.End};
      Out.Category = *Category;
    } else {
      return DirectiveError{"unknown key '" + Key.str() +
                                "' in rampart:ignore; expected reason, until "
                                "or category",
                            Pair.KeyBegin, Pair.End};
    }
    return std::nullopt;
  }

  StringRef Text;
  size_t Pos = 0;
};

//===----------------------------------------------------------------------===//
// What a comment can apply to: the tree's nodes by their first line
//===----------------------------------------------------------------------===//

/// What a file's tree tells about its lines: the largest syntax starting on
/// each, and the multi-line strings whose lines are text, not comments.
struct TreeFacts {
  llvm::DenseMap<uint32_t, SourceRange> LargestByLine;
  std::vector<SourceRange> MultiLineStrings;
  /// A JSON or YAML root (an HCL or Bicep root is a list of statements, not
  /// syntax written on a line).
  std::optional<SourceRange> Root;

  /// The earliest start on the line wins, then the largest extent: on
  /// `resource "a" "b" {` the block, on `}, {` the object that opens.
  void offer(SourceRange R) {
    if (R.End.Offset <= R.Start.Offset)
      return;
    auto [It, Inserted] = LargestByLine.try_emplace(R.Start.Line, R);
    SourceRange &Best = It->second;
    if (Inserted)
      return;
    if (R.Start.Offset < Best.Start.Offset ||
        (R.Start.Offset == Best.Start.Offset && R.End.Offset > Best.End.Offset))
      Best = R;
  }

  bool insideString(uint32_t Offset) const {
    return llvm::any_of(MultiLineStrings, [&](const SourceRange &S) {
      return S.Start.Offset < Offset && Offset < S.End.Offset;
    });
  }
};

bool isStringLike(const Node &N) {
  return N.is(NodeKind::String) || N.isExpression("template") ||
         N.isExpression("interpolation");
}

/// A YAML block mapping or sequence starts at its first key or item: it has
/// no syntax of its own on that line, its first entry does. Bracketed
/// collections (JSON, Bicep, HCL, YAML flow style) do.
bool isBlockCollection(StringRef Text, const Node &N) {
  if (!N.is(NodeKind::Map) && !N.is(NodeKind::List))
    return false;
  uint32_t Start = N.Range.Start.Offset;
  return Start >= Text.size() || (Text[Start] != '{' && Text[Start] != '[');
}

void collectFacts(StringRef Text, const Node *N, TreeFacts &Facts) {
  if (!N)
    return;
  if (!isBlockCollection(Text, *N))
    Facts.offer(N->Range);
  if (isStringLike(*N) && N->Range.Start.Line != N->Range.End.Line)
    Facts.MultiLineStrings.push_back(N->Range);
  // Bicep decorators sit above their statement, which starts at its keyword:
  // a comment above the decorators is about the whole declaration.
  if (const Node *Decorators = N->get("decorators"))
    if (Decorators->is(NodeKind::List) && !Decorators->Items.empty())
      Facts.offer({Decorators->Items.front()->Range.Start, N->Range.End});
  for (const MapEntry &E : N->Entries) {
    if (!E.Value)
      continue;
    if (E.KeyRange.Start.Offset <= E.Value->Range.Start.Offset)
      Facts.offer({E.KeyRange.Start, E.Value->Range.End});
    collectFacts(Text, E.Value, Facts);
  }
  for (const Node *Item : N->Items)
    collectFacts(Text, Item, Facts);
}

TreeFacts factsOf(const Document &Doc) {
  TreeFacts Facts;
  const Node *Root = Doc.root();
  collectFacts(Doc.file().text(), Root, Facts);
  // A JSON or YAML document's root is the whole file, even where it starts
  // at its first key.
  if (Root && !Root->is(NodeKind::Expression)) {
    Facts.Root = Root->Range;
    Facts.offer(Root->Range);
  }
  return Facts;
}

//===----------------------------------------------------------------------===//
// Whole-line comments
//===----------------------------------------------------------------------===//

struct CommentStyle {
  bool Hash = false;    ///< # (HCL, YAML)
  bool Slashes = false; ///< // (Bicep, ARM, HCL)
  bool Blocks = false;  ///< /* */ (Bicep, ARM, HCL)
  /// Lines that stand between a comment and its target like comments do:
  /// Bicep's #disable-next-line, YAML's document markers.
  bool BicepPragmas = false;
  bool YamlMarkers = false;
};

enum class LineKind : uint8_t { Blank, Comment, Content };

struct ScannedLine {
  LineKind Kind = LineKind::Content;
  /// A comment's text after its opening (and before a closing */).
  StringRef Body;
  uint32_t BodyOffset = 0;
  /// The comment from its opening to the end of the line.
  uint32_t CommentBegin = 0, CommentEnd = 0;
};

class LineScanner {
public:
  LineScanner(const SourceFile &File, CommentStyle Style,
              const TreeFacts &Facts)
      : File(File), Style(Style), Facts(Facts) {}

  std::vector<ScannedLine> scan() {
    std::vector<ScannedLine> Lines;
    for (uint32_t Line = 1; Line <= File.lineCount(); ++Line)
      Lines.push_back(classify(Line));
    return Lines;
  }

private:
  ScannedLine classify(uint32_t Line) {
    StringRef Text = File.lineText(Line).rtrim(" \t\r");
    StringRef Trimmed = Text.ltrim(" \t");
    uint32_t First =
        File.offset(Line, 1) + uint32_t(Text.size() - Trimmed.size());
    ScannedLine Out;
    Out.CommentBegin = First;
    Out.CommentEnd = First + Trimmed.size();
    if (InBlockComment) {
      InBlockComment = !Trimmed.contains("*/");
      Out.Kind = LineKind::Comment;
      return Out;
    }
    // A heredoc or multi-line string line is text, whatever it starts with.
    if (Facts.insideString(First))
      return Out;
    if (Trimmed.empty()) {
      Out.Kind = LineKind::Blank;
      return Out;
    }
    if (isTransparent(Trimmed)) {
      Out.Kind = LineKind::Comment;
      return Out;
    }
    size_t Opening = 0;
    StringRef Body;
    if (Style.Hash && Trimmed.startswith("#")) {
      Opening = 1;
      Body = Trimmed.drop_front(1);
    } else if (Style.Slashes && Trimmed.startswith("//")) {
      Opening = 2;
      Body = Trimmed.drop_front(2);
    } else if (Style.Blocks && Trimmed.startswith("/*")) {
      Opening = 2;
      size_t Close = Trimmed.find("*/", 2);
      if (Close == StringRef::npos) {
        InBlockComment = true;
        Out.Kind = LineKind::Comment;
        return Out;
      }
      // Code after the comment makes it a line of code.
      if (Close + 2 != Trimmed.size())
        return Out;
      Body = Trimmed.slice(2, Close);
    } else {
      return Out;
    }
    Out.Kind = LineKind::Comment;
    Out.Body = Body;
    Out.BodyOffset = First + Opening;
    return Out;
  }

  bool isTransparent(StringRef Trimmed) const {
    if (Style.BicepPragmas && (Trimmed.startswith("#disable-next-line") ||
                               Trimmed.startswith("#disable-diagnostics") ||
                               Trimmed.startswith("#restore-diagnostics")))
      return true;
    return Style.YamlMarkers && (Trimmed == "---" || Trimmed == "...");
  }

  const SourceFile &File;
  CommentStyle Style;
  const TreeFacts &Facts;
  bool InBlockComment = false;
};

//===----------------------------------------------------------------------===//
// Reading one file
//===----------------------------------------------------------------------===//

SourceRange spanOf(const MapEntry &E) {
  return {E.KeyRange.Start, E.Value->Range.End};
}

class SuppressionReader {
public:
  SuppressionReader(const SourceFile &File, const Document &Doc,
                    std::vector<Diagnostic> &Warnings)
      : File(File), Doc(Doc), Warnings(Warnings) {}

  std::vector<Suppression> read() {
    llvm::StringRef Path = File.path();
    switch (Doc.dialect()) {
    case Dialect::Bicep:
      readComments({false, true, true, true, false});
      break;
    case Dialect::Arm:
      readComments({false, true, true, false, false});
      break;
    case Dialect::Terraform:
      if (Path.endswith(".json"))
        readTerraformJson(Doc.root(), std::nullopt);
      else
        readComments({true, true, true, false, false});
      break;
    case Dialect::CloudFormation:
      readComments({true, false, false, false, true});
      readCloudFormationMetadata();
      break;
    }
    // Comments and metadata entries of one YAML file, in source order.
    std::stable_sort(Found.begin(), Found.end(),
                     [](const Suppression &A, const Suppression &B) {
                       return A.Range.Start.Offset < B.Range.Start.Offset;
                     });
    return std::move(Found);
  }

private:
  void warn(SourceRange Range, std::string Message) {
    Warnings.push_back({Severity::Warning, std::move(Message), Range});
  }

  SourceRange wholeFile() const { return File.range(0, File.text().size()); }

  /// Parses a directive's text; on a mistake, warns at it and gives nullopt.
  std::optional<Suppression> parseDirective(StringRef Text,
                                            const TextOrigin &Origin,
                                            Suppression::Form Form) {
    size_t Leading = Text.size() - Text.ltrim(" \t").size();
    Text = Text.ltrim(" \t").rtrim(" \t\r\n");
    TextOrigin At = Origin.dropFront(Leading);
    Suppression S;
    S.TheForm = Form;
    S.File = File.path().str();
    if (auto Error = DirectiveParser(Text).parse(S)) {
      warn(At.range(File, Error->Begin, Error->End), Error->Message);
      return std::nullopt;
    }
    return S;
  }

  // Comments ---------------------------------------------------------------

  void readComments(CommentStyle Style) {
    // A directive's text is a slice of the file, so a file without the
    // marker has none: skip the walk of its tree and lines, which every
    // scanned file would otherwise pay for (most have no directive).
    if (!File.text().contains(Marker))
      return;
    TreeFacts Facts = factsOf(Doc);
    std::vector<ScannedLine> Lines = LineScanner(File, Style, Facts).scan();
    size_t FirstContent = Lines.size();
    for (size_t I = 0; I < Lines.size() && FirstContent == Lines.size(); ++I)
      if (Lines[I].Kind == LineKind::Content)
        FirstContent = I;
    for (size_t I = 0; I < Lines.size(); ++I) {
      const ScannedLine &L = Lines[I];
      if (L.Kind != LineKind::Comment || !startsWithMarker(L.Body))
        continue;
      std::optional<Suppression> S =
          parseDirective(L.Body, TextOrigin::contiguous(L.BodyOffset),
                         Suppression::Form::Comment);
      if (!S)
        continue;
      S->Range = File.range(L.CommentBegin, L.CommentEnd);
      if (resolveTarget(Lines, I, I < FirstContent, Facts, *S))
        Found.push_back(std::move(*S));
    }
  }

  /// Sets the target of the comment on line index At: the syntax starting
  /// on the next line of code, or the whole file. Warns and returns false
  /// when there is nothing it could apply to.
  bool resolveTarget(const std::vector<ScannedLine> &Lines, size_t At,
                     bool BeforeAnyContent, const TreeFacts &Facts,
                     Suppression &S) {
    size_t Next = At + 1;
    bool BlankBetween = false;
    for (; Next < Lines.size() && Lines[Next].Kind != LineKind::Content; ++Next)
      BlankBetween |= Lines[Next].Kind == LineKind::Blank;
    // The file's leading comments are about the file when a blank line
    // separates them from the code, as a header is; directly above the first
    // declaration they are about it, as anywhere else.
    if (BeforeAnyContent && (Next == Lines.size() || BlankBetween))
      return setWholeFile(S);
    if (Next == Lines.size()) {
      warn(S.Range, "rampart:ignore applies to nothing: no code follows it");
      return false;
    }
    auto It = Facts.LargestByLine.find(uint32_t(Next + 1));
    if (It == Facts.LargestByLine.end()) {
      warn(S.Range, "rampart:ignore applies to nothing: no declaration or "
                    "property starts on line " +
                        std::to_string(Next + 1));
      return false;
    }
    if (Facts.Root && It->second == *Facts.Root)
      return setWholeFile(S);
    S.Target = It->second;
    return true;
  }

  bool setWholeFile(Suppression &S) {
    S.WholeFile = true;
    S.Target = wholeFile();
    return true;
  }

  // Terraform JSON "//" members ---------------------------------------------

  /// Enclosing is the entry (or array element) whose value N is; none at the
  /// top level, where a comment is about the whole file.
  void readTerraformJson(const Node *N, std::optional<SourceRange> Enclosing) {
    if (!N)
      return;
    for (const MapEntry &E : N->Entries) {
      if (!E.Value)
        continue;
      if (N->is(NodeKind::Map) && E.Key == "//") {
        readTerraformJsonComment(E, Enclosing);
        continue;
      }
      readTerraformJson(E.Value, spanOf(E));
    }
    for (const Node *Item : N->Items)
      readTerraformJson(Item, Item->Range);
  }

  void readTerraformJsonComment(const MapEntry &E,
                                std::optional<SourceRange> Enclosing) {
    const Node &Value = *E.Value;
    if (!Value.is(NodeKind::String) || !startsWithMarker(Value.Text))
      return;
    std::optional<Suppression> S =
        parseDirective(Value.Text, originOfJsonString(File, Value),
                       Suppression::Form::Comment);
    if (!S)
      return;
    S->Range = spanOf(E);
    if (Enclosing)
      S->Target = *Enclosing;
    else
      setWholeFile(*S);
    Found.push_back(std::move(*S));
  }

  // CloudFormation Metadata --------------------------------------------------

  void readCloudFormationMetadata() {
    const Node *Root = Doc.root();
    if (!Root || !Root->is(NodeKind::Map))
      return;
    // The template's own Metadata section is about the whole file.
    if (const Node *Metadata = Root->get("Metadata"))
      readMetadata(*Metadata, std::nullopt);
    const Node *Resources = Root->get("Resources");
    if (!Resources || !Resources->is(NodeKind::Map))
      return;
    for (const MapEntry &E : Resources->Entries)
      if (E.Value && E.Value->is(NodeKind::Map))
        if (const Node *Metadata = E.Value->get("Metadata"))
          readMetadata(*Metadata, spanOf(E));
  }

  void readMetadata(const Node &Metadata, std::optional<SourceRange> Target) {
    if (!Metadata.is(NodeKind::Map))
      return;
    const MapEntry *Rampart = Metadata.entry("rampart");
    if (!Rampart || !Rampart->Value)
      return;
    if (!Rampart->Value->is(NodeKind::Map)) {
      warn(Rampart->Value->Range,
           "Metadata rampart must be a map with an ignore list");
      return;
    }
    for (const MapEntry &E : Rampart->Value->Entries) {
      if (E.Key != "ignore") {
        warn(E.KeyRange, "unknown key '" + E.Key +
                             "' in Metadata rampart; expected ignore");
        continue;
      }
      if (!E.Value || !E.Value->is(NodeKind::List)) {
        warn(E.Value ? E.Value->Range : E.KeyRange,
             "rampart ignore must be a list of entries with id, reason, "
             "until and category");
        continue;
      }
      for (const Node *Item : E.Value->Items)
        if (std::optional<Suppression> S = readMetadataEntry(*Item)) {
          if (Target)
            S->Target = *Target;
          else
            setWholeFile(*S);
          Found.push_back(std::move(*S));
        }
    }
  }

  std::optional<Suppression> readMetadataEntry(const Node &Item) {
    if (!Item.is(NodeKind::Map)) {
      warn(Item.Range, "a rampart ignore entry must be a map with id, reason, "
                       "until and category");
      return std::nullopt;
    }
    Suppression S;
    S.TheForm = Suppression::Form::Metadata;
    S.File = File.path().str();
    S.Range = Item.Range;
    llvm::SmallVector<StringRef, 4> Seen;
    for (const MapEntry &E : Item.Entries) {
      if (llvm::is_contained(Seen, E.Key)) {
        warn(E.KeyRange, "'" + E.Key + "' is given twice");
        return std::nullopt;
      }
      Seen.push_back(E.Key);
      if (!readMetadataField(E, S))
        return std::nullopt;
    }
    if (S.Ids.empty()) {
      warn(Item.Range, "rampart ignore entry names no check id; give it an "
                       "id");
      return std::nullopt;
    }
    return S;
  }

  bool readMetadataField(const MapEntry &E, Suppression &S) {
    static constexpr StringRef Keys[] = {"id", "reason", "until", "category"};
    if (!llvm::is_contained(Keys, StringRef(E.Key))) {
      warn(E.KeyRange, "unknown key '" + E.Key +
                           "' in a rampart ignore entry; expected id, "
                           "reason, until or category");
      return false;
    }
    const Node *Value = E.Value;
    if (!Value || !Value->is(NodeKind::String)) {
      warn(Value ? Value->Range : E.KeyRange,
           "'" + E.Key + "' of a rampart ignore entry must be a string");
      return false;
    }
    StringRef Text = Value->Text;
    if (E.Key == "id") {
      llvm::SmallVector<StringRef, 4> Ids;
      Text.split(Ids, ',', -1, /*KeepEmpty=*/false);
      for (StringRef Id : Ids)
        if (!Id.trim().empty())
          S.Ids.push_back(Id.trim().str());
    } else if (E.Key == "reason") {
      S.Reason = Text.str();
    } else if (E.Key == "until") {
      S.Until = parseDate(Text);
      if (!S.Until) {
        warn(Value->Range, "invalid date '" + Text.str() +
                               "' for until; expected YYYY-MM-DD");
        return false;
      }
    } else if (std::optional<Exemption> Category = parseCategory(Text)) {
      S.Category = *Category;
    } else {
      warn(Value->Range, "unknown category '" + Text.str() +
                             "'; expected accepted or mitigated");
      return false;
    }
    return true;
  }

  const SourceFile &File;
  const Document &Doc;
  std::vector<Diagnostic> &Warnings;
  std::vector<Suppression> Found;
};

//===----------------------------------------------------------------------===//
// Applying suppressions to results
//===----------------------------------------------------------------------===//

bool within(const SourceRange &Inner, const SourceRange &Outer) {
  return Outer.Start.Offset <= Inner.Start.Offset &&
         Inner.End.Offset <= Outer.End.Offset;
}

StringRef declarationFile(const check::Result &R) {
  if (R.Resource && R.Resource->Declaration.File)
    return R.Resource->Declaration.File->path();
  return "";
}

/// Check ids ignore case; a config entry's id may be a glob, matched as
/// the config matches it.
bool idMatches(const Suppression &S, const std::string &Id,
               const std::string &CheckId) {
  if (S.TheForm == Suppression::Form::Config)
    return ignoreMatchesId(S, CheckId);
  return StringRef(Id).equals_insensitive(CheckId);
}

bool configEntryCovers(const Suppression &S, const check::Result &R) {
  StringRef File = R.File.empty() ? declarationFile(R) : StringRef(R.File);
  return ignoreMatchesResource(S, R.Resource ? StringRef(R.Resource->Id)
                                             : StringRef()) &&
         ignoreMatchesPath(S, File);
}

/// Whether the result lies in what S covers: its file, or its target by the
/// result's own range or its resource's declaration (a finding about a
/// missing property points at an ancestor, and a value can come from
/// another file through a variable).
bool inScope(const Suppression &S, const check::Result &R) {
  if (S.TheForm == Suppression::Form::Config)
    return configEntryCovers(S, R);
  bool SameFile = !R.File.empty() && R.File == S.File;
  StringRef DeclFile = declarationFile(R);
  bool DeclSameFile = !DeclFile.empty() && DeclFile == S.File;
  if (S.WholeFile)
    return SameFile || DeclSameFile;
  if ((SameFile && within(R.Range, S.Target)) ||
      (DeclSameFile && within(R.Resource->Declaration.Range, S.Target)))
    return true;
  // A value set elsewhere (a parameter, a variable) points there; the
  // property's key is still written under the suppression.
  const model::Origin *Key =
      R.Resource && !R.PropertyPath.empty()
          ? check::nearestKeyOrigin(*R.Resource, R.PropertyPath)
          : nullptr;
  return Key && Key->hasFile() && Key->File->path() == S.File &&
         within(Key->Range, S.Target);
}

bool covers(const Suppression &S, const check::Result &R) {
  return llvm::any_of(S.Ids,
                      [&](const std::string &Id) {
                        return idMatches(S, Id, R.TheCheck->Id);
                      }) &&
         inScope(S, R);
}

std::string idList(const Suppression &S) { return llvm::join(S.Ids, ","); }

/// Whether S may suppress at all today under the policy; warns why not.
bool isActive(const Suppression &S, const SuppressionPolicy &Policy, Date Today,
              std::vector<model::FileDiagnostic> &Warnings) {
  auto Warn = [&](std::string Message) {
    Warnings.push_back(
        {S.File, {Severity::Warning, std::move(Message), S.Range}});
  };
  std::string What = "suppression of " + idList(S);
  if (S.Until && *S.Until < Today) {
    Warn(What + " expired on " + formatDate(*S.Until));
    return false;
  }
  // The policy is what inline suppressions must say (docs/config.md); the
  // config's own entries are the platform team's.
  if (S.TheForm == Suppression::Form::Config)
    return true;
  bool Active = true;
  auto Refuse = [&](llvm::StringRef Why) {
    Warn(What + " does not apply: " + Why.str());
    Active = false;
  };
  if (!Policy.AllowInline)
    Refuse("the config allows only its own ignore entries "
           "(suppressions: allow-inline is false)");
  if (Policy.RequireReason && StringRef(S.Reason).trim().empty())
    Refuse("it has no reason, and the config requires one "
           "(suppressions: require-reason)");
  if (Policy.RequireExpiry && !S.Until)
    Refuse("it has no until date, and the config requires one "
           "(suppressions: require-expiry)");
  // An undated one is require-expiry's business (docs/config.md).
  if (Policy.MaxDays && S.Until && *S.Until > addDays(Today, *Policy.MaxDays))
    Refuse("it lasts until " + formatDate(*S.Until) +
           ", beyond the config's limit of " + std::to_string(*Policy.MaxDays) +
           " days from today (suppressions: max-days)");
  return Active;
}

std::string unmatchedMessage(const Suppression &S, const std::string &Id) {
  switch (S.TheForm) {
  case Suppression::Form::Comment:
    return "rampart:ignore " + Id + " matches no finding";
  case Suppression::Form::Metadata:
    return "Metadata rampart ignore " + Id + " matches no finding";
  case Suppression::Form::Config:
    return "ignore entry " + Id + " matches no finding";
  }
  return Id + " matches no finding";
}

/// Warns for each id of S whose check ran (or has results) but has no
/// unhealthy or unknown result in S's scope. A check that did not run (a
/// --checks subset) proves nothing.
void reportUnmatched(const Suppression &S,
                     llvm::ArrayRef<check::Result> Results,
                     const llvm::StringSet<> &ChecksRan,
                     std::vector<model::FileDiagnostic> &Warnings) {
  for (const std::string &Id : S.Ids) {
    bool Known = llvm::any_of(ChecksRan, [&](const auto &Entry) {
      return idMatches(S, Id, Entry.getKey().str());
    });
    bool Matched = false;
    for (const check::Result &R : Results) {
      if (!R.TheCheck || !idMatches(S, Id, R.TheCheck->Id))
        continue;
      Known = true;
      if ((R.TheOutcome == check::Outcome::Unhealthy ||
           R.TheOutcome == check::Outcome::Unknown) &&
          inScope(S, R)) {
        Matched = true;
        break;
      }
    }
    if (Known && !Matched)
      Warnings.push_back(
          {S.File, {Severity::Warning, unmatchedMessage(S, Id), S.Range}});
  }
}

} // namespace

std::vector<Suppression> readSuppressions(const SourceFile &File,
                                          const Document &Doc,
                                          std::vector<Diagnostic> &Warnings) {
  return SuppressionReader(File, Doc, Warnings).read();
}

SuppressionOutcome applySuppressions(llvm::ArrayRef<Suppression> Suppressions,
                                     llvm::ArrayRef<check::Result> Results,
                                     const SuppressionPolicy &Policy,
                                     Date Today,
                                     const llvm::StringSet<> &ChecksRan) {
  SuppressionOutcome Out;
  Out.SuppressedBy.assign(Results.size(), nullptr);
  std::vector<bool> Active;
  for (const Suppression &S : Suppressions)
    Active.push_back(isActive(S, Policy, Today, Out.Warnings));
  for (size_t I = 0; I < Results.size(); ++I) {
    const check::Result &R = Results[I];
    // An unknown result is covered too: --strict scores it as unhealthy.
    if ((R.TheOutcome != check::Outcome::Unhealthy &&
         R.TheOutcome != check::Outcome::Unknown) ||
        !R.TheCheck)
      continue;
    for (size_t J = 0; J < Suppressions.size(); ++J)
      if (Active[J] && covers(Suppressions[J], R)) {
        Out.SuppressedBy[I] = &Suppressions[J];
        break;
      }
  }
  for (size_t J = 0; J < Suppressions.size(); ++J)
    if (Active[J])
      reportUnmatched(Suppressions[J], Results, ChecksRan, Out.Warnings);
  return Out;
}

} // namespace rampart::posture
