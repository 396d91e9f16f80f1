//===- YamlParser.cpp - CloudFormation YAML with positions ----------------===//
//
// yaml-cpp's event interface drives a builder that keeps its own stack, so the
// tree stays within MaxNestingDepth without recursion of ours, an alias keeps
// its own position, and an empty value can be told apart from the token after
// it (which is where yaml-cpp marks it). Starts come from yaml-cpp's marks,
// which are byte offsets; ends are found in the text by YamlSource.
//
//===----------------------------------------------------------------------===//
#include "parsers/cloudformation/YamlParser.h"

#include "parsers/cloudformation/YamlSchema.h"
#include "parsers/cloudformation/YamlSource.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <streambuf>

namespace rampart::parsers {

namespace {

using yaml::YamlSource;

/// Nodes that aliases may copy per file: real templates stay far below, and
/// "billion laughs" input stops here.
constexpr unsigned AliasNodeBudget = 100000;
constexpr llvm::StringLiteral StandardTagPrefix = "tag:yaml.org,2002:";

/// Lets yaml-cpp read the text in place instead of from a copy. The buffer
/// is only read: yaml-cpp puts back the bytes it peeked at, which moves the
/// get pointer and writes nothing.
class MemoryStreamBuf : public std::streambuf {
public:
  explicit MemoryStreamBuf(llvm::StringRef Text) {
    char *Begin = const_cast<char *>(Text.data());
    setg(Begin, Begin, Begin + Text.size());
  }
};

enum class TagKind {
  None,        ///< An untagged plain scalar, or a collection.
  NonSpecific, ///< `!`, which yaml-cpp also gives quoted and block scalars.
  Standard,    ///< `!!str`, `!!int`, ...: Name is the part after `!!`.
  Intrinsic,   ///< A short-form intrinsic: Name is the long form.
  Custom,      ///< Any other tag: Name is the tag.
};

struct TagInfo {
  TagKind Kind = TagKind::None;
  std::string Name;
  bool wrapsValue() const {
    return Kind == TagKind::Intrinsic || Kind == TagKind::Custom;
  }
};

TagInfo classifyTag(llvm::StringRef Tag) {
  if (Tag.empty() || Tag == "?")
    return {TagKind::None, ""};
  if (Tag == "!")
    return {TagKind::NonSpecific, ""};
  if (Tag.startswith(StandardTagPrefix))
    return {TagKind::Standard, Tag.drop_front(StandardTagPrefix.size()).str()};
  llvm::StringRef Op = yaml::intrinsicForTag(Tag);
  if (!Op.empty())
    return {TagKind::Intrinsic, Op.str()};
  return {TagKind::Custom, Tag.str()};
}

/// Where a node's properties (tag, anchor) end and its content starts.
struct Properties {
  uint32_t TagBegin = 0, TagEnd = 0; ///< Empty when there is no tag.
  uint32_t End = 0;                  ///< End of the last property.
  uint32_t Content = 0;
  bool any(uint32_t Start) const { return End != Start; }
};

/// One collection being read.
struct Frame {
  Node *Collection = nullptr; ///< List or Map; null past the depth limit.
  Node *Outer = nullptr;      ///< What the parent gets: it or its tag's node.
  uint32_t Start = 0;         ///< At the tag or anchor, if any.
  uint32_t Content = 0;       ///< The `[`, `{`, first `-` or first key.
  uint32_t LastEnd = 0;       ///< End of the last child read so far.
  unsigned ChildDepth = 0;
  YAML::anchor_t Anchor = 0;
  bool IsMap = false;
  bool Bracketed = false; ///< Compact maps in flow sequences have no braces.
  bool InFlow = false;
  int Indent = -1; ///< Column of the innermost block collection.
  // Maps: the key waiting for its value.
  bool HasKey = false;
  uint32_t KeyEnd = 0;
  MapEntry Pending;
  llvm::StringMap<uint32_t> KeyLines;
};

struct AnchorSlot {
  const Node *Target = nullptr;
  bool Done = false;
};

class TreeBuilder final : public YAML::EventHandler {
public:
  TreeBuilder(Document &Doc, const YamlSource &Src, uint32_t Shift)
      : Doc(Doc), Src(Src), Shift(Shift) {}

  void OnDocumentStart(const YAML::Mark &) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark &M, YAML::anchor_t A) override {
    uint32_t At = offsetOf(M);
    uint32_t Empty = emptyPosition(At);
    uint32_t Start = Empty, End = Empty;
    if (nodeIsAt(At, Empty)) {
      if (Src.at(At) == '&') {
        Properties P = readProperties(At, /*Tag=*/false);
        Start = At;
        End = P.End;
        if (!detached(P.End, P.Content))
          if (auto E = Src.nullLiteralEnd(P.Content))
            End = *E;
      } else if (auto E = Src.nullLiteralEnd(At)) {
        Start = At;
        End = *E;
      }
    }
    Node *N = nullptr;
    if (fits(0, Start))
      N = Doc.make(NodeKind::Null, range(Start, End));
    finish(N, Start, End, A);
  }

  void OnAlias(const YAML::Mark &M, YAML::anchor_t A) override {
    uint32_t Start = offsetOf(M);
    uint32_t End = Src.propertyEnd(Start);
    Node *N = nullptr;
    if (fits(0, Start)) {
      N = copyAnchored(A, Start, End);
      if (!N)
        N = Doc.make(NodeKind::Null, range(Start, End));
    }
    finish(N, Start, End, 0);
  }

  void OnScalar(const YAML::Mark &M, const std::string &Tag, YAML::anchor_t A,
                const std::string &Value) override {
    uint32_t Start = offsetOf(M);
    Properties P = readProperties(Start);
    uint32_t Content = P.Content;
    bool HasContent = true;
    if (P.any(Start) && Value.empty()) {
      // `!GetAZs ''` has content; `!GetAZs` alone is followed by the next
      // token, possibly a quoted key on the next line.
      char C = Src.at(Content);
      HasContent = (C == '"' || C == '\'' || C == '|' || C == '>') &&
                   !detached(P.End, Content);
    }
    uint32_t End = P.End;
    if (HasContent)
      End = scalarEnd(Content, Value);
    else
      Content = P.End;
    Node *N = makeScalar(Start, Content, End, Tag, P, Value);
    finish(N, Start, End, A);
  }

  void OnSequenceStart(const YAML::Mark &M, const std::string &Tag,
                       YAML::anchor_t A,
                       YAML::EmitterStyle::value Style) override {
    open(M, Tag, A, /*IsMap=*/false, Style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close(/*Complete=*/true); }

  void OnMapStart(const YAML::Mark &M, const std::string &Tag, YAML::anchor_t A,
                  YAML::EmitterStyle::value Style) override {
    open(M, Tag, A, /*IsMap=*/true, Style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override { close(/*Complete=*/true); }

  /// Closes the collections a syntax error left open, keeping what was read.
  void unwind() {
    while (!Stack.empty())
      close(/*Complete=*/false);
  }

  /// Where the node yaml-cpp was about to read starts: just after the last
  /// key's `:`, the last child, or the `-` or `,` that follows it.
  uint32_t nextNodeOffset(uint32_t Fallback) const {
    if (Stack.empty())
      return Fallback;
    const Frame &F = Stack.back();
    uint32_t P = F.LastEnd;
    if (F.IsMap && F.HasKey)
      P = Src.after(F.KeyEnd, ':').value_or(F.KeyEnd);
    P = Src.skipSeparation(P);
    if (Src.at(P) == ',' || (!F.IsMap && !F.Bracketed && Src.at(P) == '-'))
      P = Src.skipSeparation(P + 1);
    return std::min(P, Fallback);
  }

  /// The innermost open `[` or `{`, if any.
  const Frame *openBracket() const {
    for (auto It = Stack.rbegin(); It != Stack.rend(); ++It)
      if (It->Bracketed)
        return &*It;
    return nullptr;
  }

  bool hasRoot() const { return HaveRoot; }
  Node *root() const { return Root; }

  uint32_t offsetOf(const YAML::Mark &M) const {
    if (M.pos < 0)
      return Src.size();
    return std::min<uint64_t>(static_cast<uint64_t>(M.pos) + Shift, Src.size());
  }

private:
  Document &Doc;
  const YamlSource &Src;
  uint32_t Shift; ///< Bytes yaml-cpp skipped before its offset 0.
  std::vector<Frame> Stack;
  Node *Root = nullptr;
  bool HaveRoot = false;
  std::vector<AnchorSlot> Anchors;
  unsigned AliasNodesLeft = AliasNodeBudget;
  bool ReportedDepth = false;
  bool ReportedBudget = false;

  SourceRange range(uint32_t Begin, uint32_t End) const {
    return Doc.file().range(Begin, std::max(Begin, End));
  }

  bool inFlow() const { return !Stack.empty() && Stack.back().InFlow; }
  int blockIndent() const { return Stack.empty() ? -1 : Stack.back().Indent; }
  unsigned childDepth() const {
    return Stack.empty() ? 0 : Stack.back().ChildDepth;
  }

  /// Whether a node that would need Extra levels below the current child
  /// depth fits in the tree; reports the first node that does not.
  bool fits(unsigned Extra, uint32_t At) {
    if (childDepth() + Extra < MaxNestingDepth)
      return true;
    reportDepth(At);
    return false;
  }

  void reportDepth(uint32_t At) {
    if (ReportedDepth)
      return;
    ReportedDepth = true;
    Doc.error(range(At, std::min(At + 1, Src.size())),
              "nesting deeper than " + std::to_string(MaxNestingDepth) +
                  " levels");
  }

  /// Whether content found at C, after properties that end at From, belongs
  /// to the next block entry rather than to this node: it is on a later line
  /// and not indented past the enclosing block collection.
  bool detached(uint32_t From, uint32_t C) const {
    return !inFlow() && Src.line(C) > Src.line(From) &&
           Src.column(C) <= blockIndent();
  }

  /// Reads the tag and anchor a node starts with, at most one of each: after
  /// them may come the first key of a block mapping with its own.
  Properties readProperties(uint32_t Start, bool Tag = true,
                            bool Anchor = true) const {
    Properties P;
    P.End = P.Content = Start;
    uint32_t At = Start;
    while ((Tag && Src.at(At) == '!') || (Anchor && Src.at(At) == '&')) {
      uint32_t E = Src.propertyEnd(At);
      if (Src.at(At) == '!') {
        P.TagBegin = At;
        P.TagEnd = E;
        Tag = false;
      } else {
        Anchor = false;
      }
      P.End = E;
      At = Src.skipSeparation(E);
      if (detached(E, At))
        break;
    }
    P.Content = P.any(Start) ? At : Start;
    return P;
  }

  /// Where an empty node in the current position goes: just after the `:`
  /// of its key or the `-` of its entry.
  uint32_t emptyPosition(uint32_t At) const {
    if (Stack.empty())
      return At;
    const Frame &F = Stack.back();
    if (F.IsMap)
      return F.HasKey ? Src.after(F.KeyEnd, ':').value_or(F.KeyEnd) : At;
    if (!F.Bracketed)
      if (auto P = Src.after(F.LastEnd, '-'))
        return *P;
    return F.LastEnd;
  }

  /// Whether yaml-cpp's mark At for a null is the null itself. For an empty
  /// value it is the next token instead, which comes before the empty spot
  /// (`[? a]`) or sits on a later line no deeper than the collection.
  bool nodeIsAt(uint32_t At, uint32_t Empty) const {
    if (Stack.empty())
      return true;
    const Frame &F = Stack.back();
    if (F.IsMap && !F.HasKey)
      return true;
    if (At < Empty)
      return false;
    return F.InFlow || Src.line(At) <= Src.line(Empty) ||
           Src.column(At) > F.Indent;
  }

  uint32_t scalarEnd(uint32_t Content, llvm::StringRef Value) {
    char C = Src.at(Content);
    if (C == '"' || C == '\'') {
      if (auto E = Src.quotedEnd(Content))
        return *E;
      Doc.error(range(Content, Content + 1),
                "unterminated quoted string: the closing quote is missing");
      return Src.size();
    }
    if (C == '|' || C == '>')
      return Src.blockScalarEnd(Content, blockIndent());
    if (auto E = Src.plainEnd(Content, Value))
      return *E;
    return Src.plainLineEnd(Content, inFlow());
  }

  Node *makeWrapper(const TagInfo &T, const Properties &P, uint32_t Start,
                    uint32_t End) {
    llvm::StringRef Written = Src.slice(P.TagBegin, P.TagEnd);
    if (T.Kind == TagKind::Custom)
      Doc.report(Severity::Warning, range(P.TagBegin, P.TagEnd),
                 "unknown tag '" + Written.str() +
                     "'; read as an expression with that name");
    return Doc.makeExpression(range(Start, End), T.Name, Written.str());
  }

  Node *makeScalar(uint32_t Start, uint32_t Content, uint32_t End,
                   const std::string &Tag, const Properties &P,
                   const std::string &Value) {
    TagInfo T = classifyTag(Tag);
    if (!fits(T.wrapsValue() ? 1 : 0, Start))
      return nullptr;
    if (T.wrapsValue()) {
      Node *E = makeWrapper(T, P, Start, End);
      E->Items.push_back(Doc.makeString(range(Content, End), Value));
      return E;
    }
    SourceRange R = range(Start, End);
    switch (T.Kind) {
    case TagKind::None: {
      bool B = false;
      NodeKind K = yaml::resolvePlainScalar(Value, B);
      return literal(K, B, R, Value);
    }
    case TagKind::Standard:
      return standardScalar(T.Name, P, R, Value);
    default:
      return Doc.makeString(R, Value);
    }
  }

  Node *literal(NodeKind K, bool B, SourceRange R, const std::string &Value) {
    if (K == NodeKind::String)
      return Doc.makeString(R, Value);
    Node *N = Doc.make(K, R);
    N->BoolValue = B;
    if (K == NodeKind::Number)
      N->Text = Value;
    return N;
  }

  Node *standardScalar(llvm::StringRef Name, const Properties &P, SourceRange R,
                       const std::string &Value) {
    llvm::StringRef Written = Src.slice(P.TagBegin, P.TagEnd);
    std::optional<NodeKind> K;
    bool B = false;
    if (Name == "str") {
      K = NodeKind::String;
    } else if (Name == "int") {
      if (yaml::isCoreInt(Value))
        K = NodeKind::Number;
    } else if (Name == "float") {
      if (yaml::isCoreInt(Value) || yaml::isCoreFloat(Value))
        K = NodeKind::Number;
    } else if (Name == "bool") {
      if (std::optional<bool> V = yaml::coreBool(Value)) {
        K = NodeKind::Bool;
        B = *V;
      }
    } else if (Name == "null") {
      if (yaml::isCoreNull(Value))
        K = NodeKind::Null;
    } else {
      Doc.report(Severity::Warning, range(P.TagBegin, P.TagEnd),
                 "tag '" + Written.str() +
                     "' is not supported by CloudFormation; read as a string");
      K = NodeKind::String;
    }
    if (!K) {
      Doc.report(Severity::Warning, R,
                 "'" + Value + "' is not a valid " + Written.str() +
                     " value; read as a string");
      K = NodeKind::String;
    }
    return literal(*K, B, R, Value);
  }

  void checkCollectionTag(const TagInfo &T, const Properties &P, bool IsMap) {
    if (T.Kind != TagKind::Standard)
      return;
    if (T.Name == (IsMap ? "map" : "seq"))
      return;
    llvm::StringRef Written = Src.slice(P.TagBegin, P.TagEnd);
    Doc.report(Severity::Warning, range(P.TagBegin, P.TagEnd),
               "tag '" + Written.str() + "' on a " +
                   (IsMap ? "mapping" : "sequence") +
                   " is not supported by CloudFormation; read as a plain " +
                   (IsMap ? "mapping" : "sequence"));
  }

  void open(const YAML::Mark &M, const std::string &Tag, YAML::anchor_t A,
            bool IsMap, bool Flow) {
    Frame F;
    F.Start = offsetOf(M);
    // A block mapping's mark is its first key's, so a tag or anchor there
    // may be the key's; yaml-cpp says which properties the mapping has.
    Properties P = readProperties(F.Start, !Tag.empty() && Tag != "?", A != 0);
    F.Content = P.Content;
    F.IsMap = IsMap;
    F.Anchor = A;
    // A block mapping whose first key is `{...}` starts with a brace too.
    F.Bracketed = Flow && Src.at(F.Content) == (IsMap ? '{' : '[');
    F.InFlow = F.Bracketed || inFlow();
    F.Indent = F.InFlow ? blockIndent() : Src.column(F.Content);
    F.LastEnd = F.Bracketed ? F.Content + 1 : F.Content;
    TagInfo T = classifyTag(Tag);
    unsigned Extra = T.wrapsValue() ? 1 : 0;
    F.ChildDepth = childDepth() + Extra + 1;
    if (fits(Extra, F.Start)) {
      F.Collection = Doc.make(IsMap ? NodeKind::Map : NodeKind::List, {});
      F.Outer = F.Collection;
      if (T.wrapsValue()) {
        F.Outer = makeWrapper(T, P, F.Start, F.Start);
        F.Outer->Items.push_back(F.Collection);
      } else {
        checkCollectionTag(T, P, IsMap);
      }
    }
    Stack.push_back(std::move(F));
  }

  void close(bool Complete) {
    if (Stack.empty())
      return;
    Frame F = std::move(Stack.back());
    Stack.pop_back();
    uint32_t End = F.LastEnd;
    if (F.Bracketed && Complete)
      End = Src.flowCloseAfter(F.LastEnd, F.IsMap ? '}' : ']')
                .value_or(F.LastEnd);
    if (F.Collection) {
      F.Collection->Range =
          range(F.Outer == F.Collection ? F.Start : F.Content, End);
      F.Outer->Range = range(F.Start, End);
    }
    finish(F.Outer, F.Start, End, F.Anchor);
  }

  Node *copyAnchored(YAML::anchor_t A, uint32_t Start, uint32_t End) {
    if (A >= Anchors.size() || !Anchors[A].Done) {
      Doc.error(range(Start, End), "alias '" + Src.slice(Start, End).str() +
                                       "' refers to a node that contains it");
      return nullptr;
    }
    const Node *Target = Anchors[A].Target;
    if (!Target) // beyond the depth limit, already reported
      return nullptr;
    Node *Copy = copyTree(Target, childDepth());
    if (!Copy) {
      if (!ReportedBudget) {
        ReportedBudget = true;
        Doc.error(range(Start, End),
                  "aliases expand to more than " +
                      std::to_string(AliasNodeBudget) +
                      " nodes; the remaining aliases are read as null");
      }
      return nullptr;
    }
    Copy->Range = range(Start, End);
    return Copy;
  }

  /// Copies a subtree, bounded by the depth limit and the alias budget.
  Node *copyTree(const Node *From, unsigned Depth) {
    if (AliasNodesLeft == 0)
      return nullptr;
    if (Depth >= MaxNestingDepth) {
      reportDepth(From->Range.Start.Offset);
      return nullptr;
    }
    --AliasNodesLeft;
    Node *N = Doc.make(From->Kind, From->Range);
    N->BoolValue = From->BoolValue;
    N->Op = From->Op;
    N->Text = From->Text;
    for (const Node *Item : From->Items) {
      Node *C = copyTree(Item, Depth + 1);
      if (AliasNodesLeft == 0)
        return nullptr;
      if (C)
        N->Items.push_back(C);
    }
    for (const MapEntry &E : From->Entries) {
      Node *C = copyTree(E.Value, Depth + 1);
      if (AliasNodesLeft == 0)
        return nullptr;
      if (C)
        N->Entries.push_back({E.Key, E.KeyRange, C});
    }
    return N;
  }

  void finish(Node *N, uint32_t Start, uint32_t End, YAML::anchor_t A) {
    if (A != 0) {
      if (Anchors.size() <= A)
        Anchors.resize(A + 1);
      Anchors[A] = {N, true};
    }
    attach(N, Start, End);
  }

  void attach(Node *N, uint32_t Start, uint32_t End) {
    if (Stack.empty()) {
      if (!HaveRoot) {
        HaveRoot = true;
        Root = N;
      }
      return;
    }
    Frame &F = Stack.back();
    F.LastEnd = std::max(F.LastEnd, End);
    if (!F.IsMap) {
      if (N && F.Collection)
        F.Collection->Items.push_back(N);
      return;
    }
    if (!F.HasKey) {
      F.HasKey = true;
      F.KeyEnd = End;
      F.Pending.KeyRange = range(Start, End);
      F.Pending.Key =
          N && N->is(NodeKind::String) ? N->Text : Src.slice(Start, End).str();
      return;
    }
    F.HasKey = false;
    MapEntry E = std::move(F.Pending);
    F.Pending = MapEntry();
    if (!N || !F.Collection)
      return;
    auto [It, New] = F.KeyLines.try_emplace(E.Key, E.KeyRange.Start.Line);
    if (!New)
      Doc.report(Severity::Warning, E.KeyRange,
                 "duplicate key '" + E.Key + "' (first on line " +
                     std::to_string(It->second) + ")");
    E.Value = N;
    F.Collection->Entries.push_back(std::move(E));
  }
};

/// Stops at the start of a second document, which only gets a warning.
class DocumentProbe final : public YAML::EventHandler {
public:
  struct Found {
    YAML::Mark At;
  };
  void OnDocumentStart(const YAML::Mark &M) override { throw Found{M}; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t,
                const std::string &) override {}
  void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

/// A one-byte range at P, or an empty one at a line break or the end.
SourceRange pointAt(const SourceFile &File, uint32_t P) {
  llvm::StringRef Text = File.text();
  P = std::min<uint32_t>(P, Text.size());
  bool Char = P < Text.size() && Text[P] != '\n' && Text[P] != '\r';
  return File.range(P, Char ? P + 1 : P);
}

std::string hexByte(unsigned char C) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::format_hex(C, 4);
  return OS.str();
}

/// YAML allows no C0 control character but tab and line breaks, and yaml-cpp
/// misreads some (a leading NUL switches it to UTF-16, 0x04 ends its input).
/// They are blanked in a copy of the same length so positions still hold.
llvm::StringRef blankControlCharacters(Document &Doc, llvm::StringRef Text,
                                       std::string &Copy) {
  auto Forbidden = [](unsigned char C) {
    return (C < 0x20 && C != '\t' && C != '\n' && C != '\r') || C == 0x7F;
  };
  auto First = std::find_if(Text.begin(), Text.end(), Forbidden);
  if (First == Text.end())
    return Text;
  uint32_t At = First - Text.begin();
  Doc.error(pointAt(Doc.file(), At),
            "control character " + hexByte(*First) +
                " is not allowed in YAML; read as a space");
  Copy = Text.str();
  std::replace_if(Copy.begin(), Copy.end(), Forbidden, ' ');
  return Copy;
}

void reportYamlError(Document &Doc, const TreeBuilder &B,
                     const YAML::Exception &E) {
  Doc.error(pointAt(Doc.file(), B.offsetOf(E.mark)), E.msg);
  // yaml-cpp finds a missing `]` or `}` where the text ends or goes wrong;
  // the bracket left open is the other half of the story.
  if (llvm::StringRef(E.msg).endswith("flow not found"))
    if (const Frame *F = B.openBracket())
      Doc.report(Severity::Note, pointAt(Doc.file(), F->Content),
                 std::string("the '") + (F->IsMap ? "{" : "[") +
                     "' opened here is not closed");
}

void readYaml(Document &Doc) {
  const SourceFile &File = Doc.file();
  llvm::StringRef Text = File.text();
  if (Text.startswith("\xFE\xFF") || Text.startswith("\xFF\xFE")) {
    Doc.error(File.range(0, 2),
              "the file is UTF-16; CloudFormation YAML must be UTF-8");
    Doc.setRoot(Doc.make(NodeKind::Null, File.range(0, 0)));
    return;
  }
  if (std::optional<uint32_t> Bad = File.firstInvalidUtf8())
    Doc.error(pointAt(File, *Bad),
              "invalid UTF-8 byte " +
                  hexByte(static_cast<unsigned char>(Text[*Bad])) +
                  "; YAML text must be UTF-8");
  std::string Copy;
  llvm::StringRef Input = blankControlCharacters(Doc, Text, Copy);
  // A second byte order mark is eaten by yaml-cpp without counting it.
  uint32_t Shift = Input.startswith("\xEF\xBB\xBF") ? 3 : 0;

  YamlSource Src(File, Input);
  MemoryStreamBuf Buffer(Input);
  std::istream Stream(&Buffer);
  TreeBuilder Builder(Doc, Src, Shift);
  try {
    YAML::Parser Parser(Stream);
    if (Parser.HandleNextDocument(Builder)) {
      DocumentProbe Probe;
      try {
        Parser.HandleNextDocument(Probe);
      } catch (const DocumentProbe::Found &Next) {
        uint32_t At = Builder.offsetOf(Next.At);
        bool Marker = Src.slice(At, At + 3) == "---";
        Doc.report(Severity::Warning, File.range(At, Marker ? At + 3 : At),
                   "only the first YAML document of a template is read; "
                   "this one is ignored");
      }
    }
  } catch (const YAML::DeepRecursion &E) {
    // yaml-cpp's mark is where its scanner got to, often far ahead.
    uint32_t At = Builder.nextNodeOffset(Builder.offsetOf(E.mark));
    Builder.unwind();
    Doc.error(pointAt(File, At),
              "nesting too deep for yaml-cpp, which stops at " +
                  std::to_string(E.depth()) +
                  " levels; the rest of the file is not read");
  } catch (const YAML::Exception &E) {
    reportYamlError(Doc, Builder, E);
    Builder.unwind();
  }
  Builder.unwind();
  if (Builder.hasRoot() && Builder.root()) {
    Doc.setRoot(Builder.root());
    return;
  }
  if (!Builder.hasRoot() && !Doc.hasErrors())
    Doc.report(Severity::Warning, File.range(0, 0),
               "the file holds no YAML document");
  Doc.setRoot(Doc.make(NodeKind::Null, File.range(0, 0)));
}

} // namespace

Document parseYaml(const SourceFile &File, Dialect D) {
  Document Doc(File, D);
  try {
    readYaml(Doc);
  } catch (const std::exception &E) {
    Doc.error(File.range(0, 0),
              std::string("internal error while reading YAML: ") + E.what());
  } catch (...) {
    Doc.error(File.range(0, 0), "internal error while reading YAML");
  }
  if (!Doc.root())
    Doc.setRoot(Doc.make(NodeKind::Null, File.range(0, 0)));
  return Doc;
}

} // namespace rampart::parsers
