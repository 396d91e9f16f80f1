//===- BicepParser.cpp - Bicep and .bicepparam files ----------------------===//
//
// Recursive descent over BicepLexer's tokens, after Bicep's own parser:
// newlines end statements and separate object and array items, everything
// else is free-form. Binary operators continue across line breaks except
// `-`, and postfix `[`, `(` and `!` must stay on the line of their operand,
// because at the start of a line they begin the next array item.
//
// Failure discipline: a parse function that meets an unexpected token
// reports it once, sets Failed and returns what it has built so far (or
// null). Objects, arrays and the statement loop recover: they skip to the
// next token at their own level that starts a line (or to their closer), and
// clear Failed. The lexer's bracket pairing makes that skip exact.
//
//===----------------------------------------------------------------------===//
#include "parsers/bicep/BicepParser.h"

#include "parsers/bicep/BicepLexer.h"
#include "parsers/common/Unicode.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ConvertUTF.h"

#include <algorithm>

namespace rampart::parsers {

namespace {

using bicep::Token;
using bicep::TokenKind;
using bicep::TokenStream;

/// Past this many errors the rest are counted in one note: binary garbage
/// would otherwise produce one per byte run.
constexpr unsigned MaxReportedErrors = 50;

std::string depthMessage() {
  return "nesting deeper than " + std::to_string(MaxNestingDepth) + " levels";
}

// A short, printable excerpt of a token for messages.
std::string snippet(llvm::StringRef Text) {
  Text = Text.take_front(Text.find_first_of("\r\n"));
  std::string Out;
  for (char C : Text.take_front(24)) {
    auto U = static_cast<unsigned char>(C);
    if (U < 0x20 || U >= 0x7f) {
      static const char Hex[] = "0123456789abcdef";
      Out += "\\x";
      Out += Hex[U >> 4];
      Out += Hex[U & 15];
    } else {
      Out += C;
    }
  }
  if (Text.size() > 24)
    Out += "...";
  return Out;
}

// Appends Raw, reading each invalid UTF-8 byte as U+FFFD so that decoded
// values are always valid UTF-8 (reports and JSON output rely on it).
void appendUtf8(std::string &Out, llvm::StringRef Raw) {
  const auto *B = reinterpret_cast<const llvm::UTF8 *>(Raw.begin());
  const auto *E = reinterpret_cast<const llvm::UTF8 *>(Raw.end());
  while (B < E) {
    if (*B < 0x80) {
      Out += static_cast<char>(*B++);
      continue;
    }
    unsigned Len = llvm::getNumBytesForUTF8(*B);
    if (Len <= static_cast<unsigned>(E - B) &&
        llvm::isLegalUTF8Sequence(B, B + Len)) {
      Out.append(reinterpret_cast<const char *>(B), Len);
      B += Len;
    } else {
      appendCodePoint(Out, 0xFFFD);
      ++B;
    }
  }
}

int binaryPrecedence(TokenKind K) {
  switch (K) {
  case TokenKind::DoubleQuestion:
    return 1;
  case TokenKind::OrOr:
    return 2;
  case TokenKind::AndAnd:
    return 3;
  case TokenKind::Equal:
  case TokenKind::NotEqual:
  case TokenKind::EqualInsensitive:
  case TokenKind::NotEqualInsensitive:
    return 4;
  case TokenKind::Less:
  case TokenKind::LessEqual:
  case TokenKind::Greater:
  case TokenKind::GreaterEqual:
    return 5;
  case TokenKind::Plus:
  case TokenKind::Minus:
    return 6;
  case TokenKind::Star:
  case TokenKind::Slash:
  case TokenKind::Percent:
    return 7;
  default:
    return 0;
  }
}

bool isStringToken(TokenKind K) {
  return K == TokenKind::String || K == TokenKind::StringLeft ||
         K == TokenKind::MultilineString;
}

class BicepReader {
public:
  explicit BicepReader(Document &Doc)
      : Doc(Doc), File(Doc.file()), Text(File.text()), Role(Doc.role()) {}

  void read();

private:
  Document &Doc;
  const SourceFile &File;
  llvm::StringRef Text;
  FileRole Role;
  TokenStream Stream;
  size_t Pos = 0;
  unsigned Depth = 0;
  bool DepthReported = false;
  bool Failed = false;
  unsigned Reported = 0;
  unsigned Suppressed = 0;

  /// Counts one level of nesting for the lifetime of a parse function.
  class DepthScope {
  public:
    explicit DepthScope(BicepReader &R) : R(R) { ++R.Depth; }
    ~DepthScope() { --R.Depth; }
    bool tooDeep() const { return R.Depth > MaxNestingDepth; }

  private:
    BicepReader &R;
  };

  //===--- Tokens ---------------------------------------------------------===//

  const Token &tok(size_t Ahead = 0) const {
    return Stream.Tokens[std::min(Pos + Ahead, Stream.Tokens.size() - 1)];
  }
  TokenKind kind(size_t Ahead = 0) const { return tok(Ahead).Kind; }
  bool at(TokenKind K) const { return kind() == K; }
  llvm::StringRef spelling(const Token &T) const {
    return Text.slice(T.Begin, T.End);
  }
  bool atWord(llvm::StringRef Word, size_t Ahead = 0) const {
    return kind(Ahead) == TokenKind::Identifier && spelling(tok(Ahead)) == Word;
  }
  /// The token is on the same line as the one before it.
  bool onSameLine() const { return !tok().NewlineBefore; }
  bool atLineEnd() const {
    return at(TokenKind::EndOfFile) || tok().NewlineBefore;
  }
  const Token &advance() {
    const Token &T = Stream.Tokens[Pos];
    if (T.Kind != TokenKind::EndOfFile)
      ++Pos;
    return T;
  }
  uint32_t prevEnd() const { return Pos ? Stream.Tokens[Pos - 1].End : 0; }

  SourceRange rangeOf(const Token &T) const {
    return File.range(T.Begin, T.End);
  }
  /// From Begin to the end of the last token read.
  SourceRange spanFrom(uint32_t Begin) const {
    return File.range(Begin, std::max(Begin, prevEnd()));
  }

  //===--- Diagnostics ----------------------------------------------------===//

  void error(uint32_t Begin, uint32_t End, std::string Message) {
    if (Reported == MaxReportedErrors) {
      ++Suppressed;
      return;
    }
    ++Reported;
    Doc.error(File.range(Begin, End), std::move(Message));
  }

  /// Reports that the current token is not what the grammar wants, unless
  /// an error is already being recovered from; returns null for brevity.
  Node *fail(const llvm::Twine &Expected) {
    if (Failed)
      return nullptr;
    Failed = true;
    const Token &T = tok();
    if (T.Kind == TokenKind::Invalid) {
      error(T.Begin, T.End,
            "unexpected character '" + snippet(spelling(T)) + "'");
      return nullptr;
    }
    std::string Found = T.Kind == TokenKind::EndOfFile
                            ? std::string("the end of the file")
                            : "'" + snippet(spelling(T)) + "'";
    error(T.Begin, T.End, ("expected " + Expected + ", found " + Found).str());
    return nullptr;
  }

  bool expect(TokenKind K) {
    if (at(K)) {
      advance();
      return true;
    }
    fail(bicep::tokenKindName(K));
    return false;
  }

  bool expectWord(llvm::StringRef Word) {
    if (atWord(Word)) {
      advance();
      return true;
    }
    fail("'" + Word + "'");
    return false;
  }

  /// Reports the nesting bound once, skips the subtree at the current token
  /// and fails without a second diagnostic.
  Node *tooDeep() {
    if (!DepthReported) {
      DepthReported = true;
      error(tok().Begin, tok().End, depthMessage());
    }
    Failed = true;
    skipSubtree();
    return nullptr;
  }

  /// Moves past the bracketed subtree (or the one token) at Pos.
  void skipSubtree() {
    size_t Opener = Pos;
    int32_t Extent = Stream.Extent[Opener];
    if (Extent <= static_cast<int32_t>(Opener)) {
      advance();
      return;
    }
    Pos = static_cast<size_t>(Extent);
    if (Stream.Match[Opener] == Extent)
      advance();
  }

  //===--- Nodes ----------------------------------------------------------===//

  static void put(Node *N, llvm::StringRef Key, Node *Value) {
    if (N && Value)
      N->Entries.push_back({Key.str(), Value->Range, Value});
  }

  Node *nameNode(const Token &T) {
    return Doc.makeString(rangeOf(T), spelling(T).str());
  }

  /// An identifier token as a String node, or a failure.
  Node *parseName(llvm::StringRef What = "a name") {
    if (!at(TokenKind::Identifier))
      return fail(What);
    return nameNode(advance());
  }

  //===--- Containers -----------------------------------------------------===//

  bool insideOf(size_t Opener) const {
    return Opener < Pos && static_cast<int32_t>(Pos) < Stream.Extent[Opener];
  }

  /// Skips what is left of a broken item: to the next line that starts an
  /// item of this container, or to its closer. False if the container
  /// itself ended unclosed (Failed stays set).
  bool recoverInContainer(size_t Opener, size_t ItemStart) {
    if (Pos == ItemStart && insideOf(Opener))
      advance();
    while (insideOf(Opener)) {
      if (Stream.Parent[Pos] == static_cast<int32_t>(Opener) &&
          tok().NewlineBefore)
        break;
      advance();
    }
    if (!insideOf(Opener) && Stream.Match[Opener] != static_cast<int32_t>(Pos))
      return false;
    Failed = false;
    return true;
  }

  /// Reads `Open item (sep item)* Close` where items are separated by commas
  /// or new lines. Item parses one item at the current token. Returns false
  /// (Failed set) if the container never closed.
  bool parseItems(TokenKind Close, llvm::function_ref<void()> Item) {
    size_t Opener = Pos;
    advance();
    while (true) {
      if (at(Close)) {
        advance();
        return true;
      }
      if (!insideOf(Opener)) {
        fail(bicep::tokenKindName(Close));
        return false;
      }
      if (at(TokenKind::Comma)) {
        advance();
        continue;
      }
      size_t ItemStart = Pos;
      Item();
      if (!Failed && Pos == ItemStart)
        fail("an item");
      if (!Failed && !at(Close) && !tok().NewlineBefore) {
        if (at(TokenKind::Comma))
          advance();
        else
          fail("',' or a new line");
      }
      if (Failed && !recoverInContainer(Opener, ItemStart))
        return false;
    }
  }

  //===--- Strings --------------------------------------------------------===//

  /// Decodes a single-quoted string's text between delimiters.
  std::string decode(uint32_t Begin, uint32_t End) {
    std::string Out;
    uint32_t I = Begin;
    while (I < End) {
      uint32_t Run = I;
      while (Run < End && Text[Run] != '\\')
        ++Run;
      appendUtf8(Out, Text.slice(I, Run));
      I = Run;
      if (I < End)
        I = decodeEscape(Out, I, End);
    }
    return Out;
  }

  uint32_t decodeEscape(std::string &Out, uint32_t At, uint32_t End) {
    if (At + 1 >= End) {
      error(At, At + 1, "invalid escape sequence");
      Out += '\\';
      return At + 1;
    }
    char C = Text[At + 1];
    switch (C) {
    case '\\':
    case '\'':
    case '$':
      Out += C;
      return At + 2;
    case 'n':
      Out += '\n';
      return At + 2;
    case 'r':
      Out += '\r';
      return At + 2;
    case 't':
      Out += '\t';
      return At + 2;
    case 'u':
      if (uint32_t Next = decodeUnicodeEscape(Out, At, End))
        return Next;
      break;
    default:
      break;
    }
    error(At, At + 2,
          "invalid escape sequence '\\" + snippet(Text.slice(At + 1, At + 2)) +
              "'");
    Out += '\\';
    return At + 1;
  }

  // \u{hex}: returns the offset after it, or 0 if malformed.
  uint32_t decodeUnicodeEscape(std::string &Out, uint32_t At, uint32_t End) {
    uint32_t I = At + 2;
    if (I >= End || Text[I] != '{')
      return 0;
    ++I;
    uint64_t CodePoint = 0;
    uint32_t Digits = 0;
    for (; I < End && llvm::isHexDigit(Text[I]); ++I, ++Digits)
      CodePoint = std::min<uint64_t>(
          CodePoint * 16 + llvm::hexDigitValue(Text[I]), 0x110000);
    if (I >= End || Text[I] != '}' || Digits == 0)
      return 0;
    if (CodePoint > 0x10FFFF || (CodePoint >= 0xD800 && CodePoint < 0xE000)) {
      error(At, I + 1, "escape is not a Unicode scalar value");
      CodePoint = 0xFFFD;
    }
    appendCodePoint(Out, static_cast<unsigned>(CodePoint));
    return I + 1;
  }

  Node *segment(uint32_t Begin, uint32_t End) {
    return Doc.makeString(File.range(Begin, End), decode(Begin, End));
  }

  Node *parseString() {
    const Token &T = advance();
    switch (T.Kind) {
    case TokenKind::String:
      return Doc.makeString(
          rangeOf(T), decode(T.Begin + 1, T.Unterminated ? T.End : T.End - 1));
    case TokenKind::MultilineString:
      return multilineString(T);
    default:
      return interpolation(T);
    }
  }

  Node *multilineString(const Token &T) {
    uint32_t Begin = T.Begin + 3, End = T.Unterminated ? T.End : T.End - 3;
    llvm::StringRef Body = Text.slice(Begin, End);
    // A line break right after the opening quotes is not part of the value.
    if (Body.startswith("\r\n"))
      Body = Body.drop_front(2);
    else if (Body.startswith("\n"))
      Body = Body.drop_front(1);
    std::string Value;
    appendUtf8(Value, Body);
    return Doc.makeString(rangeOf(T), std::move(Value));
  }

  Node *interpolation(const Token &Left) {
    Node *N = Doc.makeExpression(rangeOf(Left), "interpolation");
    N->Items.push_back(segment(Left.Begin + 1, Left.End - 2));
    while (true) {
      Node *E = parseExpression();
      if (E)
        N->Items.push_back(E);
      if (Failed)
        break;
      if (at(TokenKind::StringMiddle)) {
        const Token &M = advance();
        N->Items.push_back(segment(M.Begin + 1, M.End - 2));
        continue;
      }
      if (at(TokenKind::StringRight)) {
        const Token &R = advance();
        N->Items.push_back(
            segment(R.Begin + 1, R.Unterminated ? R.End : R.End - 1));
        break;
      }
      fail("'}'");
      break;
    }
    N->Range = spanFrom(Left.Begin);
    return N;
  }

  //===--- Expressions ----------------------------------------------------===//

  Node *parseExpression() {
    DepthScope Scope(*this);
    if (Scope.tooDeep())
      return tooDeep();
    Node *Cond = parseBinary(1);
    if (!Cond || Failed || !at(TokenKind::Question))
      return Cond;
    advance();
    Node *N = Doc.makeExpression(Cond->Range, "ternary");
    N->Items.push_back(Cond);
    if (Node *Then = parseExpression())
      N->Items.push_back(Then);
    if (!Failed && expect(TokenKind::Colon))
      if (Node *Else = parseExpression())
        N->Items.push_back(Else);
    N->Range = spanFrom(Cond->Range.Start.Offset);
    return N;
  }

  Node *parseBinary(int MinPrecedence) {
    Node *Left = parseUnary();
    unsigned Wraps = 0;
    while (Left && !Failed) {
      const Token &Op = tok();
      int Precedence = binaryPrecedence(Op.Kind);
      if (Precedence < MinPrecedence || Precedence == 0)
        break;
      // At the start of a line, `-1` is the next array item.
      if (Op.Kind == TokenKind::Minus && Op.NewlineBefore)
        break;
      // Each left-nested operator deepens the tree without recursing.
      ++Wraps;
      ++Depth;
      if (Depth > MaxNestingDepth) {
        Depth -= Wraps;
        return tooDeep();
      }
      advance();
      Node *N = Doc.makeExpression(Left->Range, "binary", spelling(Op).str());
      N->Items.push_back(Left);
      if (Node *Right = parseBinary(Precedence + 1))
        N->Items.push_back(Right);
      N->Range = spanFrom(Left->Range.Start.Offset);
      Left = N;
    }
    Depth -= Wraps;
    return Left;
  }

  Node *parseUnary() {
    const Token &T = tok();
    if (T.Kind == TokenKind::Minus && kind(1) == TokenKind::Integer &&
        tok(1).Begin == T.End) {
      advance();
      const Token &Digits = advance();
      Node *N = Doc.make(NodeKind::Number, File.range(T.Begin, Digits.End));
      N->Text = Text.slice(T.Begin, Digits.End).str();
      return parsePostfix(N);
    }
    if (T.Kind != TokenKind::Exclamation && T.Kind != TokenKind::Minus)
      return parsePostfix(parsePrimary());
    DepthScope Scope(*this);
    if (Scope.tooDeep())
      return tooDeep();
    advance();
    Node *N = Doc.makeExpression(rangeOf(T), "unary", spelling(T).str());
    if (Node *Operand = parseUnary())
      N->Items.push_back(Operand);
    N->Range = spanFrom(T.Begin);
    return N;
  }

  Node *wrap(Node *Inner, llvm::StringRef Op, llvm::StringRef Name = {}) {
    Node *N = Doc.makeExpression(Inner->Range, Op.str(), Name.str());
    N->Items.push_back(Inner);
    return N;
  }

  Node *parsePostfix(Node *E) {
    unsigned Wraps = 0;
    while (E && !Failed) {
      uint32_t Begin = E->Range.Start.Offset;
      TokenKind K = kind();
      bool SameLine = onSameLine();
      if (K == TokenKind::Dot || K == TokenKind::DotQuestion) {
        advance();
        if (!at(TokenKind::Identifier)) {
          fail("a property name");
          break;
        }
        const Token &Name = advance();
        if (K == TokenKind::Dot && at(TokenKind::LeftParen) && onSameLine()) {
          Node *Call =
              Doc.makeExpression(E->Range, "call", spelling(Name).str());
          Call->Entries.push_back({"target", E->Range, E});
          parseArguments(Call);
          E = Call;
        } else {
          E = wrap(E, K == TokenKind::Dot ? "member" : "safe-member",
                   spelling(Name));
        }
      } else if (K == TokenKind::LeftSquare && SameLine) {
        advance();
        bool Safe = at(TokenKind::Question);
        if (Safe)
          advance();
        E = wrap(E, Safe ? "safe-index" : "index");
        if (Node *Index = parseExpression())
          E->Items.push_back(Index);
        if (!Failed)
          expect(TokenKind::RightSquare);
      } else if (K == TokenKind::DoubleColon) {
        advance();
        const Token &Name = tok();
        if (!at(TokenKind::Identifier)) {
          fail("a resource name");
          break;
        }
        advance();
        E = wrap(E, "nested-resource", spelling(Name));
      } else if (K == TokenKind::Exclamation && SameLine) {
        advance();
        E = wrap(E, "non-null");
      } else {
        break;
      }
      E->Range = spanFrom(Begin);
      ++Wraps;
      ++Depth;
      if (Depth > MaxNestingDepth) {
        Depth -= Wraps;
        return tooDeep();
      }
    }
    Depth -= Wraps;
    return E;
  }

  void parseArguments(Node *Call) {
    uint32_t Begin = Call->Range.Start.Offset;
    parseItems(TokenKind::RightParen, [&] {
      if (Node *Arg = parseExpression())
        Call->Items.push_back(Arg);
    });
    Call->Range = spanFrom(Begin);
  }

  /// A new statement begins here, so no expression can continue into it.
  bool atStatementStart() const {
    return tok().NewlineBefore &&
           bicep::looksLikeStatementStart(Text, Stream.Tokens, Pos);
  }

  Node *parsePrimary() {
    const Token &T = tok();
    if (atStatementStart())
      return fail("an expression");
    switch (T.Kind) {
    case TokenKind::Identifier:
      return parseIdentifierExpression();
    case TokenKind::Integer: {
      advance();
      Node *N = Doc.make(NodeKind::Number, rangeOf(T));
      N->Text = spelling(T).str();
      return N;
    }
    case TokenKind::String:
    case TokenKind::StringLeft:
    case TokenKind::MultilineString:
      return parseString();
    case TokenKind::LeftBrace:
      return parseObject();
    case TokenKind::LeftSquare:
      if (atWord("for", 1))
        return parseFor();
      return parseArray();
    case TokenKind::LeftParen:
      if (isLambdaParen())
        return parseLambda();
      return parseParenthesized();
    default:
      return fail("an expression");
    }
  }

  Node *parseIdentifierExpression() {
    const Token &T = tok();
    llvm::StringRef Word = spelling(T);
    if (Word == "true" || Word == "false") {
      advance();
      Node *N = Doc.make(NodeKind::Bool, rangeOf(T));
      N->BoolValue = Word == "true";
      return N;
    }
    if (Word == "null") {
      advance();
      return Doc.make(NodeKind::Null, rangeOf(T));
    }
    if (kind(1) == TokenKind::Arrow)
      return parseLambda();
    advance();
    if (at(TokenKind::LeftParen) && onSameLine()) {
      Node *Call = Doc.makeExpression(rangeOf(T), "call", Word.str());
      parseArguments(Call);
      return Call;
    }
    return Doc.makeExpression(rangeOf(T), "identifier", Word.str());
  }

  bool isLambdaParen() const {
    int32_t Close = Stream.Match[Pos];
    return Close > static_cast<int32_t>(Pos) &&
           static_cast<size_t>(Close) + 1 < Stream.Tokens.size() &&
           Stream.Tokens[Close + 1].Kind == TokenKind::Arrow;
  }

  Node *parseLambda() {
    uint32_t Begin = tok().Begin;
    Node *N = Doc.makeExpression(rangeOf(tok()), "lambda");
    Node *Params = Doc.make(NodeKind::List, rangeOf(tok()));
    DepthScope Scope(*this);
    if (Scope.tooDeep())
      return tooDeep();
    if (at(TokenKind::Identifier)) {
      Params->Items.push_back(nameNode(advance()));
    } else {
      parseItems(TokenKind::RightParen, [&] {
        if (Node *P = parseName("a lambda parameter"))
          Params->Items.push_back(P);
      });
    }
    Params->Range = spanFrom(Begin);
    put(N, "parameters", Params);
    if (!Failed && expect(TokenKind::Arrow))
      put(N, "body", parseExpression());
    N->Range = spanFrom(Begin);
    return N;
  }

  Node *parseParenthesized() {
    advance();
    Node *Inner = parseExpression();
    if (!Failed)
      expect(TokenKind::RightParen);
    return Inner;
  }

  Node *parseArray() {
    uint32_t Begin = tok().Begin;
    Node *N = Doc.make(NodeKind::List, rangeOf(tok()));
    parseItems(TokenKind::RightSquare, [&] {
      if (at(TokenKind::Ellipsis)) {
        N->Items.push_back(parseSpread());
        return;
      }
      if (Node *Item = parseExpression())
        N->Items.push_back(Item);
    });
    N->Range = spanFrom(Begin);
    return N;
  }

  Node *parseSpread() {
    const Token &Dots = advance();
    Node *N = Doc.makeExpression(rangeOf(Dots), "spread");
    DepthScope Scope(*this);
    if (Scope.tooDeep())
      return tooDeep();
    if (Node *E = parseExpression())
      N->Items.push_back(E);
    N->Range = spanFrom(Dots.Begin);
    return N;
  }

  /// One item of an object literal, before it is known whether the object
  /// is a Map (all keys literal) or an Op "object".
  struct ObjectItem {
    enum { Property, Spread, Resource } Kind = Property;
    MapEntry Entry;
    Node *KeyExpression = nullptr; ///< Set for an interpolated key.
  };

  Node *parseObject() {
    uint32_t Begin = tok().Begin;
    std::vector<ObjectItem> Items;
    bool Interpolated = false;
    parseItems(TokenKind::RightBrace, [&] {
      std::vector<Node *> Decorators;
      if (!parseDecorators(Decorators))
        return;
      ObjectItem Item;
      if (at(TokenKind::Ellipsis)) {
        const Token &Dots = tok();
        Item.Kind = ObjectItem::Spread;
        Item.Entry = {"...", rangeOf(Dots), parseSpread()};
      } else if (atWord("resource") && kind(1) == TokenKind::Identifier &&
                 isStringToken(kind(2))) {
        Node *R = parseResourceLike("resource");
        if (!Decorators.empty())
          put(R, "decorators", decoratorList(Decorators));
        Item.Kind = ObjectItem::Resource;
        const Node *Name = R->get("name");
        Item.Entry = {R->Text, Name ? Name->Range : R->Range, R};
        Decorators.clear();
      } else if (!parseProperty(Item)) {
        return;
      }
      if (!Decorators.empty())
        error(Decorators.front()->Range.Start.Offset,
              Decorators.back()->Range.End.Offset,
              "decorators are only allowed on nested resources here");
      Interpolated |= Item.KeyExpression != nullptr;
      if (Item.Entry.Value)
        Items.push_back(std::move(Item));
    });
    SourceRange Range = spanFrom(Begin);
    if (!Interpolated) {
      Node *N = Doc.make(NodeKind::Map, Range);
      for (ObjectItem &I : Items)
        N->Entries.push_back(std::move(I.Entry));
      return N;
    }
    Node *N = Doc.makeExpression(Range, "object");
    for (ObjectItem &I : Items) {
      Node *V = I.Entry.Value;
      if (I.Kind != ObjectItem::Property) {
        N->Items.push_back(V);
        continue;
      }
      Node *Key = I.KeyExpression
                      ? I.KeyExpression
                      : Doc.makeString(I.Entry.KeyRange, I.Entry.Key);
      Node *P = Doc.makeExpression(
          File.range(Key->Range.Start.Offset, V->Range.End.Offset), "property");
      P->Items = {Key, V};
      N->Items.push_back(P);
    }
    return N;
  }

  /// key: value. False if nothing could be read.
  bool parseProperty(ObjectItem &Item) {
    const Token &Key = tok();
    if (Key.Kind == TokenKind::Identifier) {
      advance();
      Item.Entry.Key = spelling(Key).str();
    } else if (Key.Kind == TokenKind::String ||
               Key.Kind == TokenKind::MultilineString) {
      Item.Entry.Key = parseString()->Text;
    } else if (Key.Kind == TokenKind::StringLeft) {
      Item.KeyExpression = parseString();
      Item.Entry.Key = spelling(Key).str();
      if (Failed)
        return false;
    } else {
      fail("a property name");
      return false;
    }
    Item.Entry.KeyRange = spanFrom(Key.Begin);
    if (!expect(TokenKind::Colon))
      return false;
    Item.Entry.Value = parseExpression();
    return Item.Entry.Value != nullptr;
  }

  Node *parseFor() {
    uint32_t Begin = tok().Begin;
    size_t Opener = Pos;
    Node *N = Doc.makeExpression(rangeOf(tok()), "for");
    advance(); // [
    advance(); // for
    if (at(TokenKind::LeftParen)) {
      advance();
      put(N, "item", parseName("a loop variable"));
      if (!Failed && expect(TokenKind::Comma))
        put(N, "index", parseName("an index variable"));
      if (!Failed)
        expect(TokenKind::RightParen);
    } else {
      put(N, "item", parseName("a loop variable"));
    }
    if (!Failed && expectWord("in"))
      put(N, "source", parseExpression());
    if (!Failed && expect(TokenKind::Colon))
      put(N, "body", atWord("if") ? parseIf() : parseExpression());
    if (!Failed)
      expect(TokenKind::RightSquare);
    if (Failed && Stream.Match[Opener] > static_cast<int32_t>(Pos)) {
      // The loop is bracketed: resume after its `]`.
      Pos = Opener;
      skipSubtree();
      Failed = false;
    }
    N->Range = spanFrom(Begin);
    return N;
  }

  Node *parseIf() {
    const Token &If = advance();
    Node *N = Doc.makeExpression(rangeOf(If), "if");
    if (expect(TokenKind::LeftParen)) {
      put(N, "condition", parseExpression());
      if (!Failed && expect(TokenKind::RightParen))
        put(N, "body", parseExpression());
    }
    N->Range = spanFrom(If.Begin);
    return N;
  }

  //===--- Decorators -----------------------------------------------------===//

  /// Reads `@...` lines into Decorators; false on a broken decorator.
  bool parseDecorators(std::vector<Node *> &Decorators) {
    while (at(TokenKind::At)) {
      Node *D = parseDecorator();
      if (D)
        Decorators.push_back(D);
      if (Failed)
        return false;
    }
    return true;
  }

  Node *parseDecorator() {
    const Token &At = advance();
    DepthScope Scope(*this);
    if (Scope.tooDeep())
      return tooDeep();
    if (!at(TokenKind::Identifier))
      return fail("a decorator name");
    const Token *Name = &advance();
    Node *Target = nullptr;
    if (at(TokenKind::Dot)) {
      Target = Doc.makeExpression(rangeOf(*Name), "identifier",
                                  spelling(*Name).str());
      advance();
      if (!at(TokenKind::Identifier))
        return fail("a decorator name");
      Name = &advance();
    }
    Node *N =
        Doc.makeExpression(rangeOf(At), "decorator", spelling(*Name).str());
    if (Target)
      put(N, "target", Target);
    if (!at(TokenKind::LeftParen)) {
      fail("'('");
      return N;
    }
    parseArguments(N);
    N->Range = spanFrom(At.Begin);
    return N;
  }

  Node *decoratorList(const std::vector<Node *> &Decorators) {
    Node *L = Doc.make(NodeKind::List,
                       File.range(Decorators.front()->Range.Start.Offset,
                                  Decorators.back()->Range.End.Offset));
    L->Items = Decorators;
    return L;
  }

  //===--- Types ----------------------------------------------------------===//

  Node *parseType() {
    // Two levels: a union node and its members, known only after the first.
    DepthScope Outer(*this), Inner(*this);
    if (Inner.tooDeep())
      return tooDeep();
    // Multi-line unions may start with a `|` of their own.
    uint32_t Begin = tok().Begin;
    bool LeadingPipe = at(TokenKind::Pipe);
    if (LeadingPipe)
      advance();
    Node *First = parseTypeTerm();
    if (!First || Failed || (!at(TokenKind::Pipe) && !LeadingPipe))
      return First;
    Node *N = Doc.makeExpression(First->Range, "union-type");
    N->Items.push_back(First);
    while (at(TokenKind::Pipe) && !Failed) {
      advance();
      if (Node *Member = parseTypeTerm())
        N->Items.push_back(Member);
    }
    N->Range = spanFrom(Begin);
    return N;
  }

  Node *parseTypeTerm() {
    Node *T = parseTypePrimary();
    unsigned Wraps = 0;
    while (T && !Failed) {
      uint32_t Begin = T->Range.Start.Offset;
      if (at(TokenKind::LeftSquare) && onSameLine()) {
        advance();
        if (at(TokenKind::RightSquare)) {
          T = wrap(T, "array-type");
        } else if (at(TokenKind::Star) && kind(1) == TokenKind::RightSquare) {
          advance();
          T = wrap(T, "type-items");
        } else if (at(TokenKind::Integer)) {
          const Token &I = advance();
          T = wrap(T, "type-index");
          Node *Index = Doc.make(NodeKind::Number, rangeOf(I));
          Index->Text = spelling(I).str();
          T->Items.push_back(Index);
        } else {
          fail("']'");
          break;
        }
        if (!expect(TokenKind::RightSquare))
          break;
      } else if (at(TokenKind::Question) && onSameLine()) {
        advance();
        T = wrap(T, "nullable-type");
      } else if (at(TokenKind::Exclamation) && onSameLine()) {
        advance();
        T = wrap(T, "non-null-type");
      } else if (at(TokenKind::Dot)) {
        advance();
        if (!at(TokenKind::Identifier)) {
          fail("a property name");
          break;
        }
        T = wrap(T, "type-member", spelling(advance()));
      } else {
        break;
      }
      T->Range = spanFrom(Begin);
      ++Wraps;
      ++Depth;
      if (Depth > MaxNestingDepth) {
        Depth -= Wraps;
        return tooDeep();
      }
    }
    Depth -= Wraps;
    return T;
  }

  Node *parseTypePrimary() {
    const Token &T = tok();
    if (atStatementStart())
      return fail("a type");
    switch (T.Kind) {
    case TokenKind::Identifier: {
      llvm::StringRef Word = spelling(T);
      if ((Word == "resource" || Word == "resourceInput" ||
           Word == "resourceOutput") &&
          kind(1) == TokenKind::Less)
        return parseResourceType();
      if (Word == "resource" && isStringToken(kind(1))) {
        advance();
        Node *N = Doc.makeExpression(rangeOf(T), "resource-type", "resource");
        N->Items.push_back(parseString());
        N->Range = spanFrom(T.Begin);
        return N;
      }
      if (Word == "true" || Word == "false" || Word == "null")
        return parseIdentifierExpression();
      advance();
      return Doc.makeExpression(rangeOf(T), "type-ref", Word.str());
    }
    case TokenKind::Integer:
    case TokenKind::Minus:
      if (T.Kind == TokenKind::Minus && kind(1) != TokenKind::Integer)
        break;
      return parseUnary();
    case TokenKind::String:
    case TokenKind::StringLeft:
    case TokenKind::MultilineString:
      return parseString();
    case TokenKind::LeftBrace:
      return parseObjectType();
    case TokenKind::LeftSquare:
      return parseTupleType();
    case TokenKind::LeftParen: {
      advance();
      Node *Inner = parseType();
      if (!Failed)
        expect(TokenKind::RightParen);
      return Inner;
    }
    default:
      break;
    }
    return fail("a type");
  }

  Node *parseResourceType() {
    const Token &Keyword = advance();
    Node *N = Doc.makeExpression(rangeOf(Keyword), "resource-type",
                                 spelling(Keyword).str());
    advance(); // <
    do {
      if (!isStringToken(kind())) {
        fail("a resource type string");
        break;
      }
      N->Items.push_back(parseString());
    } while (!Failed && at(TokenKind::Comma) && (advance(), true));
    if (!Failed)
      expect(TokenKind::Greater);
    N->Range = spanFrom(Keyword.Begin);
    return N;
  }

  /// A member of an object or tuple type: decorators, then the type.
  Node *typedMember(llvm::StringRef Op, uint32_t Begin,
                    std::vector<Node *> &Decorators) {
    Node *P = Doc.makeExpression(File.range(Begin, Begin), Op.str());
    DepthScope Scope(*this);
    if (Scope.tooDeep())
      return tooDeep();
    put(P, "type", parseType());
    if (!Decorators.empty())
      put(P, "decorators", decoratorList(Decorators));
    P->Range = spanFrom(Begin);
    return P;
  }

  Node *parseObjectType() {
    uint32_t Begin = tok().Begin;
    Node *N = Doc.makeExpression(rangeOf(tok()), "object-type");
    parseItems(TokenKind::RightBrace, [&] {
      std::vector<Node *> Decorators;
      if (!parseDecorators(Decorators))
        return;
      const Token &Key = tok();
      MapEntry E;
      llvm::StringRef Op = "property";
      if (Key.Kind == TokenKind::Identifier) {
        E.Key = spelling(advance()).str();
      } else if (Key.Kind == TokenKind::Star) {
        advance();
        E.Key = "*";
        Op = "additional-properties";
      } else if (isStringToken(Key.Kind)) {
        E.Key = parseString()->Text;
      } else {
        fail("a property name");
        return;
      }
      E.KeyRange = spanFrom(Key.Begin);
      if (Failed || !expect(TokenKind::Colon))
        return;
      uint32_t MemberBegin = Decorators.empty()
                                 ? Key.Begin
                                 : Decorators.front()->Range.Start.Offset;
      E.Value = typedMember(Op, MemberBegin, Decorators);
      if (E.Value)
        N->Entries.push_back(std::move(E));
    });
    N->Range = spanFrom(Begin);
    return N;
  }

  Node *parseTupleType() {
    uint32_t Begin = tok().Begin;
    Node *N = Doc.makeExpression(rangeOf(tok()), "tuple-type");
    parseItems(TokenKind::RightSquare, [&] {
      std::vector<Node *> Decorators;
      if (!parseDecorators(Decorators))
        return;
      uint32_t MemberBegin = Decorators.empty()
                                 ? tok().Begin
                                 : Decorators.front()->Range.Start.Offset;
      if (Node *P = typedMember("property", MemberBegin, Decorators))
        N->Items.push_back(P);
    });
    N->Range = spanFrom(Begin);
    return N;
  }

  //===--- Statements -----------------------------------------------------===//

  Node *beginStatement(llvm::StringRef Op) {
    const Token &Keyword = advance();
    return Doc.makeExpression(rangeOf(Keyword), Op.str());
  }

  /// Reads the declared name into N (Text and "name"); false on failure.
  bool declareName(Node *N, llvm::StringRef What = "a name") {
    Node *Name = parseName(What);
    if (!Name)
      return false;
    N->Text = Name->Text;
    put(N, "name", Name);
    return true;
  }

  void assignValue(Node *N) {
    if (expect(TokenKind::Assign))
      put(N, "value", parseExpression());
  }

  Node *parseStatement(std::vector<Node *> &Decorators) {
    Node *N = dispatchStatement();
    if (!N)
      return nullptr;
    N->Range = spanFrom(N->Range.Start.Offset);
    if (!Decorators.empty()) {
      put(N, "decorators", decoratorList(Decorators));
      Decorators.clear();
    }
    return N;
  }

  Node *dispatchStatement() {
    if (!at(TokenKind::Identifier))
      return fail("a declaration");
    llvm::StringRef Word = spelling(tok());
    if (Word == "param")
      return parseParam();
    if (Word == "var")
      return parseVar();
    if (Word == "output")
      return parseOutput();
    if (Word == "resource" || Word == "module" || Word == "test")
      return parseResourceLike(Word);
    if (Word == "metadata" || Word == "assert") {
      Node *N = beginStatement(Word);
      if (declareName(N))
        assignValue(N);
      return N;
    }
    if (Word == "targetScope") {
      Node *N = beginStatement(Word);
      assignValue(N);
      return N;
    }
    if (Word == "type")
      return parseTypeStatement();
    if (Word == "func")
      return parseFunc();
    if (Word == "import")
      return parseImport();
    if (Word == "provider" || Word == "extension")
      return parseExtension(Word);
    if (Word == "using" || Word == "extends")
      return parseUsing(Word);
    return fail("a declaration");
  }

  Node *parseParam() {
    Node *N = beginStatement("param");
    if (!declareName(N, "a parameter name"))
      return N;
    if (at(TokenKind::Assign)) {
      if (Role != FileRole::Parameters)
        error(tok().Begin, tok().End, "expected a parameter type, found '='");
      assignValue(N);
      return N;
    }
    put(N, "type", parseType());
    if (Role == FileRole::Parameters && !Failed)
      error(N->get("type")->Range.Start.Offset,
            N->get("type")->Range.End.Offset,
            "a parameters file assigns parameters: expected '='");
    if (!Failed && at(TokenKind::Assign))
      assignValue(N);
    return N;
  }

  Node *parseVar() {
    Node *N = beginStatement("var");
    if (!declareName(N, "a variable name"))
      return N;
    if (!at(TokenKind::Assign))
      put(N, "type", parseType());
    if (!Failed)
      assignValue(N);
    return N;
  }

  Node *parseOutput() {
    Node *N = beginStatement("output");
    if (!declareName(N, "an output name"))
      return N;
    put(N, "type", parseType());
    if (!Failed)
      assignValue(N);
    return N;
  }

  /// resource, module and test: `kw name 'type' [existing] = body`.
  Node *parseResourceLike(llvm::StringRef Op) {
    Node *N = beginStatement(Op);
    if (!declareName(N))
      return N;
    if (!isStringToken(kind())) {
      fail(Op == "resource" ? "a resource type string" : "a path string");
      return N;
    }
    put(N, "type", parseString());
    if (Failed)
      return N;
    if (Op == "resource" && atWord("existing")) {
      Node *Existing = Doc.make(NodeKind::Bool, rangeOf(advance()));
      Existing->BoolValue = true;
      put(N, "existing", Existing);
    }
    if (expect(TokenKind::Assign))
      put(N, "value", parseBody());
    N->Range = spanFrom(N->Range.Start.Offset);
    return N;
  }

  Node *parseBody() {
    DepthScope Scope(*this);
    if (Scope.tooDeep())
      return tooDeep();
    if (atWord("if"))
      return parseIf();
    if (at(TokenKind::LeftSquare) && atWord("for", 1))
      return parseFor();
    if (at(TokenKind::LeftBrace))
      return parseObject();
    return fail("'{', 'if' or 'for'");
  }

  Node *parseTypeStatement() {
    Node *N = beginStatement("type");
    if (declareName(N, "a type name") && expect(TokenKind::Assign))
      put(N, "value", parseType());
    return N;
  }

  Node *parseFunc() {
    Node *N = beginStatement("func");
    if (!declareName(N, "a function name"))
      return N;
    if (!at(TokenKind::LeftParen)) {
      fail("'('");
      return N;
    }
    Node *Params = Doc.make(NodeKind::List, rangeOf(tok()));
    uint32_t Begin = tok().Begin;
    parseItems(TokenKind::RightParen, [&] {
      const Token &Name = tok();
      Node *P = Doc.makeExpression(rangeOf(Name), "parameter");
      if (!declareName(P, "a parameter name"))
        return;
      put(P, "type", parseType());
      P->Range = spanFrom(Name.Begin);
      Params->Items.push_back(P);
    });
    Params->Range = spanFrom(Begin);
    put(N, "parameters", Params);
    if (Failed)
      return N;
    put(N, "type", parseType());
    if (!Failed && expect(TokenKind::Arrow))
      put(N, "value", parseExpression());
    return N;
  }

  Node *parseImport() {
    Node *N = beginStatement("import");
    if (at(TokenKind::LeftBrace)) {
      Node *Symbols = Doc.make(NodeKind::List, rangeOf(tok()));
      uint32_t Begin = tok().Begin;
      parseItems(TokenKind::RightBrace, [&] {
        const Token &Name = tok();
        Node *S = Doc.makeExpression(rangeOf(Name), "import-symbol");
        if (!declareName(S, "an imported name"))
          return;
        if (atWord("as")) {
          advance();
          put(S, "alias", parseName("an alias"));
        }
        S->Range = spanFrom(Name.Begin);
        Symbols->Items.push_back(S);
      });
      Symbols->Range = spanFrom(Begin);
      put(N, "symbols", Symbols);
      if (!Failed)
        importFrom(N);
      return N;
    }
    if (at(TokenKind::Star)) {
      advance();
      if (expectWord("as")) {
        Node *Alias = parseName("a namespace name");
        put(N, "namespace", Alias);
        if (Alias) {
          N->Text = Alias->Text;
          importFrom(N);
        }
      }
      return N;
    }
    specification(N);
    return N;
  }

  void importFrom(Node *N) {
    if (!expectWord("from"))
      return;
    if (!isStringToken(kind())) {
      fail("a path string");
      return;
    }
    put(N, "from", parseString());
  }

  Node *parseExtension(llvm::StringRef Keyword) {
    Node *N = beginStatement(Keyword);
    specification(N);
    return N;
  }

  /// 'name@version' or a bare name, then `with {...}` and `as alias`.
  void specification(Node *N) {
    if (isStringToken(kind())) {
      put(N, "specification", parseString());
    } else if (at(TokenKind::Identifier)) {
      const Token &Name = advance();
      put(N, "specification",
          Doc.makeExpression(rangeOf(Name), "identifier",
                             spelling(Name).str()));
    } else {
      fail("a string or a name");
      return;
    }
    if (!Failed && atWord("with") && onSameLine()) {
      advance();
      put(N, "config", parseExpression());
    }
    if (!Failed && atWord("as") && onSameLine()) {
      advance();
      if (Node *Alias = parseName("an alias")) {
        N->Text = Alias->Text;
        put(N, "alias", Alias);
      }
    }
  }

  Node *parseUsing(llvm::StringRef Keyword) {
    Node *N = beginStatement(Keyword);
    if (Keyword == "using" && atWord("none")) {
      advance();
      N->Text = "none";
      return N;
    }
    if (!isStringToken(kind())) {
      fail("a path string");
      return N;
    }
    put(N, "path", parseString());
    return N;
  }

  /// Skips to the next top-level token that starts a line.
  void recoverStatement(size_t Start) {
    if (Pos == Start)
      advance();
    while (!at(TokenKind::EndOfFile) &&
           !(tok().NewlineBefore && Stream.Parent[Pos] == -1))
      advance();
    Failed = false;
  }

  //===--- Depth bound on the finished tree
  //--------------------------------===//

  /// The parser bounds its recursion, but left-nested chains are counted
  /// conservatively rather than exactly; this pass makes the bound exact.
  void enforceDepth(Node *Root) {
    std::vector<std::pair<Node *, unsigned>> Stack{{Root, 1}};
    while (!Stack.empty()) {
      auto [N, D] = Stack.back();
      Stack.pop_back();
      if (D == MaxNestingDepth) {
        if (N->Items.empty() && N->Entries.empty())
          continue;
        if (!DepthReported) {
          DepthReported = true;
          Doc.error(N->Range, depthMessage());
        }
        N->Items.clear();
        N->Entries.clear();
        continue;
      }
      for (Node *I : N->Items)
        Stack.push_back({I, D + 1});
      for (MapEntry &E : N->Entries)
        Stack.push_back({E.Value, D + 1});
    }
  }
};

void BicepReader::read() {
  Stream = bicep::lexBicep(Text, [&](uint32_t B, uint32_t E, std::string M) {
    error(B, E, std::move(M));
  });
  if (std::optional<uint32_t> Bad = File.firstInvalidUtf8())
    Doc.report(Severity::Warning, File.range(*Bad, *Bad + 1),
               "invalid UTF-8 byte sequence, read as U+FFFD");
  Node *Root = Doc.makeExpression(File.range(0, Text.size()), "program");
  Doc.setRoot(Root);
  // The root is level 1 and statements level 2.
  Depth = 2;
  std::vector<Node *> Decorators;
  while (!at(TokenKind::EndOfFile)) {
    size_t Start = Pos;
    bool IsDecorator = at(TokenKind::At);
    if (IsDecorator) {
      if (Node *D = parseDecorator())
        Decorators.push_back(D);
    } else if (Node *S = parseStatement(Decorators)) {
      Root->Items.push_back(S);
    }
    // A decorator may share its line with the declaration it decorates.
    if (!Failed && !IsDecorator && !atLineEnd())
      fail("a new line");
    if (Failed)
      recoverStatement(Start);
  }
  if (!Decorators.empty())
    error(Decorators.front()->Range.Start.Offset,
          Decorators.back()->Range.End.Offset,
          "expected a declaration after the decorators");
  enforceDepth(Root);
  if (Suppressed)
    Doc.report(Severity::Note, File.range(0, 0),
               std::to_string(Suppressed) + " more syntax errors not shown");
}

} // namespace

Document parseBicep(const SourceFile &File, FileRole Role) {
  Document Doc(File, Dialect::Bicep, Role);
  BicepReader(Doc).read();
  return Doc;
}

} // namespace rampart::parsers
