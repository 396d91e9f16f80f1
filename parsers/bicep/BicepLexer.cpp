//===- BicepLexer.cpp - Tokens of Bicep and .bicepparam files -------------===//
#include "parsers/bicep/BicepLexer.h"

#include "llvm/ADT/StringSwitch.h"

#include <algorithm>

namespace rampart::parsers::bicep {

llvm::StringRef tokenKindName(TokenKind K) {
  switch (K) {
  case TokenKind::EndOfFile:
    return "the end of the file";
  case TokenKind::Identifier:
    return "an identifier";
  case TokenKind::Integer:
    return "an integer";
  case TokenKind::String:
  case TokenKind::StringLeft:
  case TokenKind::MultilineString:
    return "a string";
  case TokenKind::StringMiddle:
  case TokenKind::StringRight:
    return "'}'";
  case TokenKind::LeftBrace:
    return "'{'";
  case TokenKind::RightBrace:
    return "'}'";
  case TokenKind::LeftSquare:
    return "'['";
  case TokenKind::RightSquare:
    return "']'";
  case TokenKind::LeftParen:
    return "'('";
  case TokenKind::RightParen:
    return "')'";
  case TokenKind::Comma:
    return "','";
  case TokenKind::Colon:
    return "':'";
  case TokenKind::Dot:
    return "'.'";
  case TokenKind::DotQuestion:
    return "'.?'";
  case TokenKind::DoubleColon:
    return "'::'";
  case TokenKind::Ellipsis:
    return "'...'";
  case TokenKind::At:
    return "'@'";
  case TokenKind::Question:
    return "'?'";
  case TokenKind::DoubleQuestion:
    return "'?"
           "?'";
  case TokenKind::Assign:
    return "'='";
  case TokenKind::Arrow:
    return "'=>'";
  case TokenKind::Equal:
    return "'=='";
  case TokenKind::NotEqual:
    return "'!='";
  case TokenKind::EqualInsensitive:
    return "'=~'";
  case TokenKind::NotEqualInsensitive:
    return "'!~'";
  case TokenKind::Less:
    return "'<'";
  case TokenKind::LessEqual:
    return "'<='";
  case TokenKind::Greater:
    return "'>'";
  case TokenKind::GreaterEqual:
    return "'>='";
  case TokenKind::Plus:
    return "'+'";
  case TokenKind::Minus:
    return "'-'";
  case TokenKind::Star:
    return "'*'";
  case TokenKind::Slash:
    return "'/'";
  case TokenKind::Percent:
    return "'%'";
  case TokenKind::Exclamation:
    return "'!'";
  case TokenKind::AndAnd:
    return "'&&'";
  case TokenKind::OrOr:
    return "'||'";
  case TokenKind::Pipe:
    return "'|'";
  case TokenKind::Invalid:
    return "an invalid character";
  }
  return "a token";
}

namespace {

bool isIdentifierStart(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_';
}
bool isDigit(char C) { return C >= '0' && C <= '9'; }
bool isIdentifierChar(char C) { return isIdentifierStart(C) || isDigit(C); }

bool isOpener(TokenKind K) {
  return K == TokenKind::LeftBrace || K == TokenKind::LeftSquare ||
         K == TokenKind::LeftParen || K == TokenKind::StringLeft ||
         K == TokenKind::StringMiddle;
}
bool isCloser(TokenKind K) {
  return K == TokenKind::RightBrace || K == TokenKind::RightSquare ||
         K == TokenKind::RightParen || K == TokenKind::StringMiddle ||
         K == TokenKind::StringRight;
}
bool closes(TokenKind Open, TokenKind Close) {
  switch (Close) {
  case TokenKind::RightBrace:
    return Open == TokenKind::LeftBrace;
  case TokenKind::RightSquare:
    return Open == TokenKind::LeftSquare;
  case TokenKind::RightParen:
    return Open == TokenKind::LeftParen;
  case TokenKind::StringMiddle:
  case TokenKind::StringRight:
    return Open == TokenKind::StringLeft || Open == TokenKind::StringMiddle;
  default:
    return false;
  }
}

class Lexer {
public:
  Lexer(llvm::StringRef Text, LexErrorFn OnError)
      : Text(Text), OnError(OnError) {}

  std::vector<Token> run() {
    std::vector<Token> Tokens;
    while (true) {
      skipTrivia();
      Token T;
      T.NewlineBefore = NewlineBefore;
      T.AtColumnOne = Pos == LineStart;
      T.Begin = static_cast<uint32_t>(Pos);
      NewlineBefore = false;
      if (Pos >= Text.size()) {
        T.Kind = TokenKind::EndOfFile;
        T.End = T.Begin;
        Tokens.push_back(T);
        return Tokens;
      }
      scanToken(T);
      T.End = static_cast<uint32_t>(Pos);
      Tokens.push_back(T);
    }
  }

private:
  llvm::StringRef Text;
  LexErrorFn OnError;
  size_t Pos = 0;
  size_t LineStart = 0;
  bool NewlineBefore = true; ///< The first token starts a line.
  /// Open `{` count inside each unfinished interpolation, innermost last.
  std::vector<unsigned> Interpolations;

  char peek(size_t Ahead = 0) const {
    return Pos + Ahead < Text.size() ? Text[Pos + Ahead] : '\0';
  }

  void newline() {
    NewlineBefore = true;
    LineStart = Pos;
  }

  bool onlySpaceBeforeOnLine() const {
    for (size_t I = LineStart; I < Pos; ++I)
      if (Text[I] != ' ' && Text[I] != '\t' && Text[I] != '\r')
        return false;
    return true;
  }

  void skipTrivia() {
    while (Pos < Text.size()) {
      char C = Text[Pos];
      if (C == '\n') {
        ++Pos;
        newline();
      } else if (C == ' ' || C == '\t' || C == '\r' || C == '\v' || C == '\f') {
        ++Pos;
      } else if (C == '/' && peek(1) == '/') {
        skipToLineEnd();
      } else if (C == '/' && peek(1) == '*') {
        skipBlockComment();
      } else if (C == '#' && onlySpaceBeforeOnLine()) {
        // `#disable-next-line` and `#disable-diagnostics` pragmas.
        skipToLineEnd();
      } else {
        return;
      }
    }
  }

  void skipToLineEnd() {
    size_t End = Text.find('\n', Pos);
    Pos = End == llvm::StringRef::npos ? Text.size() : End;
  }

  void skipBlockComment() {
    size_t Start = Pos;
    Pos += 2;
    while (Pos < Text.size()) {
      if (Text[Pos] == '*' && peek(1) == '/') {
        Pos += 2;
        return;
      }
      if (Text[Pos++] == '\n')
        newline();
    }
    OnError(Start, Start + 2, "unterminated comment");
  }

  void scanToken(Token &T) {
    char C = Text[Pos];
    if (isIdentifierStart(C)) {
      while (Pos < Text.size() && isIdentifierChar(Text[Pos]))
        ++Pos;
      T.Kind = TokenKind::Identifier;
      return;
    }
    if (isDigit(C)) {
      while (Pos < Text.size() && isDigit(Text[Pos]))
        ++Pos;
      T.Kind = TokenKind::Integer;
      return;
    }
    if (C == '\'') {
      if (peek(1) == '\'' && peek(2) == '\'')
        return scanMultilineString(T);
      ++Pos;
      return scanStringPiece(T, /*Continuation=*/false);
    }
    if (C == '}' && !Interpolations.empty() && Interpolations.back() == 0) {
      Interpolations.pop_back();
      ++Pos;
      return scanStringPiece(T, /*Continuation=*/true);
    }
    if (C == '{' && !Interpolations.empty())
      ++Interpolations.back();
    if (C == '}' && !Interpolations.empty())
      --Interpolations.back();
    if (scanPunctuation(T))
      return;
    // Coalesce a run of stray bytes (binary garbage, non-ASCII outside
    // strings) into one token, so it costs one diagnostic.
    size_t Start = Pos;
    while (Pos < Text.size() && !startsToken(Pos))
      ++Pos;
    if (Pos == Start)
      ++Pos;
    T.Kind = TokenKind::Invalid;
  }

  bool startsToken(size_t At) const {
    char C = Text[At];
    return isIdentifierChar(C) || C == '\'' || C == ' ' || C == '\t' ||
           C == '\r' || C == '\n' ||
           llvm::StringRef("{}[](),:.@?=!<>+-*/%&|").contains(C);
  }

  bool scanPunctuation(Token &T) {
    // StringRef, not const char *: its length is computed at compile time,
    // where startswith would call strlen per spelling per token.
    struct Spelling {
      llvm::StringRef Text;
      TokenKind Kind;
    };
    // Longest spellings first.
    static constexpr Spelling Spellings[] = {
        {"...", TokenKind::Ellipsis},
        {".?", TokenKind::DotQuestion},
        {"::", TokenKind::DoubleColon},
        {"??", TokenKind::DoubleQuestion},
        {"=>", TokenKind::Arrow},
        {"==", TokenKind::Equal},
        {"=~", TokenKind::EqualInsensitive},
        {"!=", TokenKind::NotEqual},
        {"!~", TokenKind::NotEqualInsensitive},
        {"<=", TokenKind::LessEqual},
        {">=", TokenKind::GreaterEqual},
        {"&&", TokenKind::AndAnd},
        {"||", TokenKind::OrOr},
        {"{", TokenKind::LeftBrace},
        {"}", TokenKind::RightBrace},
        {"[", TokenKind::LeftSquare},
        {"]", TokenKind::RightSquare},
        {"(", TokenKind::LeftParen},
        {")", TokenKind::RightParen},
        {",", TokenKind::Comma},
        {":", TokenKind::Colon},
        {".", TokenKind::Dot},
        {"@", TokenKind::At},
        {"?", TokenKind::Question},
        {"=", TokenKind::Assign},
        {"<", TokenKind::Less},
        {">", TokenKind::Greater},
        {"+", TokenKind::Plus},
        {"-", TokenKind::Minus},
        {"*", TokenKind::Star},
        {"/", TokenKind::Slash},
        {"%", TokenKind::Percent},
        {"!", TokenKind::Exclamation},
        {"|", TokenKind::Pipe},
    };
    llvm::StringRef Rest = Text.substr(Pos);
    for (const Spelling &S : Spellings) {
      if (Rest.startswith(S.Text)) {
        T.Kind = S.Kind;
        Pos += S.Text.size();
        return true;
      }
    }
    return false;
  }

  // Scans from just after `'` or the `}` closing an interpolation up to the
  // closing quote or the next `${`. Escapes are decoded by the parser.
  void scanStringPiece(Token &T, bool Continuation) {
    while (Pos < Text.size()) {
      char C = Text[Pos];
      if (C == '\'') {
        ++Pos;
        T.Kind = Continuation ? TokenKind::StringRight : TokenKind::String;
        return;
      }
      if (C == '\\' && Pos + 1 < Text.size() && Text[Pos + 1] != '\n') {
        Pos += 2;
        continue;
      }
      if (C == '$' && peek(1) == '{') {
        Pos += 2;
        Interpolations.push_back(0);
        T.Kind = Continuation ? TokenKind::StringMiddle : TokenKind::StringLeft;
        return;
      }
      if (C == '\n')
        break;
      ++Pos;
    }
    // Bicep strings cannot span lines: stop before the line break so the
    // next line lexes normally.
    size_t End = Pos;
    if (End > T.Begin && Text[End - 1] == '\r')
      --End;
    Pos = End;
    T.Kind = Continuation ? TokenKind::StringRight : TokenKind::String;
    T.Unterminated = true;
    OnError(T.Begin, static_cast<uint32_t>(End), "unterminated string");
  }

  void scanMultilineString(Token &T) {
    T.Kind = TokenKind::MultilineString;
    Pos += 3;
    while (Pos < Text.size()) {
      if (Text[Pos] == '\'' && peek(1) == '\'' && peek(2) == '\'') {
        // Extra quotes before the closing three belong to the content.
        while (peek(3) == '\'')
          ++Pos;
        Pos += 3;
        return;
      }
      if (Text[Pos++] == '\n')
        LineStart = Pos;
    }
    T.Unterminated = true;
    OnError(T.Begin, T.Begin + 3, "unterminated multi-line string");
  }
};

bool isStatementKeyword(llvm::StringRef Word) {
  return llvm::StringSwitch<bool>(Word)
      .Cases("param", "var", "resource", "module", "output", "type", "func",
             true)
      .Cases("metadata", "import", "provider", "extension", "using", "extends",
             true)
      .Cases("test", "assert", "targetScope", true)
      .Default(false);
}

} // namespace

// Unclosed brackets before such a line should not swallow the rest of the
// file.
bool looksLikeStatementStart(llvm::StringRef Text,
                             const std::vector<Token> &Tokens, size_t I) {
  const Token &T = Tokens[I];
  if (!T.AtColumnOne || I + 1 >= Tokens.size())
    return false;
  const Token &Next = Tokens[I + 1];
  if (Next.NewlineBefore)
    return false;
  if (T.Kind == TokenKind::At)
    return Next.Kind == TokenKind::Identifier;
  if (T.Kind != TokenKind::Identifier ||
      !isStatementKeyword(Text.slice(T.Begin, T.End)))
    return false;
  return Next.Kind == TokenKind::Identifier || Next.Kind == TokenKind::String ||
         Next.Kind == TokenKind::LeftBrace || Next.Kind == TokenKind::Star ||
         Next.Kind == TokenKind::Assign;
}

namespace {

// Pairs brackets; returns false if some opener stayed unpaired.
bool pairBrackets(llvm::StringRef Text, TokenStream &S,
                  bool CloseAtStatements) {
  const std::vector<Token> &Tokens = S.Tokens;
  S.Match.assign(Tokens.size(), -1);
  S.Parent.assign(Tokens.size(), -1);
  S.Extent.assign(Tokens.size(), -1);
  std::vector<int32_t> Open;
  bool Unpaired = false;
  auto CloseFrom = [&](size_t Keep, size_t I) {
    for (size_t J = Keep; J < Open.size(); ++J)
      S.Extent[Open[J]] = static_cast<int32_t>(I);
    Open.resize(Keep);
  };
  for (size_t I = 0; I < Tokens.size(); ++I) {
    TokenKind K = Tokens[I].Kind;
    if (CloseAtStatements && !Open.empty() &&
        looksLikeStatementStart(Text, Tokens, I)) {
      CloseFrom(0, I);
      Unpaired = true;
    }
    if (isCloser(K)) {
      auto It = std::find_if(Open.rbegin(), Open.rend(), [&](int32_t O) {
        return closes(Tokens[O].Kind, K);
      });
      if (It != Open.rend()) {
        int32_t O = *It;
        if (It != Open.rbegin())
          Unpaired = true;
        CloseFrom(static_cast<size_t>(std::prev(It.base()) - Open.begin()), I);
        S.Match[O] = static_cast<int32_t>(I);
        S.Match[I] = O;
      }
    }
    S.Parent[I] = Open.empty() ? -1 : Open.back();
    if (isOpener(K))
      Open.push_back(static_cast<int32_t>(I));
  }
  bool AllClosed = Open.empty();
  CloseFrom(0, Tokens.size() - 1);
  return !Unpaired && AllClosed;
}

} // namespace

TokenStream lexBicep(llvm::StringRef Text, LexErrorFn OnError) {
  TokenStream S;
  S.Tokens = Lexer(Text, OnError).run();
  // Well-formed files pair exactly; only broken ones get the heuristic.
  if (!pairBrackets(Text, S, /*CloseAtStatements=*/false))
    pairBrackets(Text, S, /*CloseAtStatements=*/true);
  return S;
}

} // namespace rampart::parsers::bicep
