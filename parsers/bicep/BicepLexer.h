//===- BicepLexer.h - Tokens of Bicep and .bicepparam files ----*- C++ -*-===//
//
// Splits Bicep source into tokens, as Bicep's own lexer does: interpolated
// strings become a left piece, middle pieces and a right piece with the
// expression tokens between them, so the parser sees `${...}` like brackets.
// Comments and `#disable-next-line` pragmas are trivia; a newline before a
// token is recorded on it, because Bicep separates statements and the items
// of objects and arrays by newlines.
//
// The lexer also pairs brackets once for the whole file, so that the parser
// can skip a subtree in constant time (error recovery, nesting bound) and
// resynchronise on the next line of the enclosing object or statement.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_BICEP_BICEPLEXER_H
#define RAMPART_PARSERS_BICEP_BICEPLEXER_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace rampart::parsers::bicep {

enum class TokenKind : uint8_t {
  EndOfFile,
  Identifier, ///< Also keywords: Bicep keywords are contextual.
  Integer,
  String,          ///< 'text' without interpolation.
  StringLeft,      ///< 'text${
  StringMiddle,    ///< }text${
  StringRight,     ///< }text'
  MultilineString, ///< '''text'''
  LeftBrace,
  RightBrace,
  LeftSquare,
  RightSquare,
  LeftParen,
  RightParen,
  Comma,
  Colon,
  Dot,
  DotQuestion, ///< .? (safe dereference)
  DoubleColon,
  Ellipsis,
  At,
  Question,
  DoubleQuestion,
  Assign,
  Arrow,
  Equal,
  NotEqual,
  EqualInsensitive,
  NotEqualInsensitive,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Exclamation,
  AndAnd,
  OrOr,
  Pipe,
  Invalid, ///< A run of characters no token starts with.
};

/// How the lexer spells a token kind in diagnostics ("'{'", "a string").
llvm::StringRef tokenKindName(TokenKind K);

struct Token {
  TokenKind Kind = TokenKind::EndOfFile;
  bool NewlineBefore =
      false; ///< A line break separates it from the previous token.
  bool AtColumnOne = false;
  bool Unterminated = false; ///< A string or string piece that never closed.
  uint32_t Begin = 0;
  uint32_t End = 0;
};

struct TokenStream {
  std::vector<Token> Tokens; ///< Always ends with EndOfFile.
  /// For each bracket or string piece, its partner's index; -1 otherwise or
  /// when unpaired.
  std::vector<int32_t> Match;
  /// For each opener, the index of its closer, or of the first token after
  /// it when it never closes: the tokens inside are those in between.
  std::vector<int32_t> Extent;
  /// For each token, the innermost unclosed bracket or string piece around it
  /// (-1 at the top level). A closing bracket belongs to the outer level.
  std::vector<int32_t> Parent;
};

/// Whether token I starts a line at column 1 with a declaration keyword
/// followed by a name (or is `@name` there): the start of a statement, never
/// the continuation of an expression.
bool looksLikeStatementStart(llvm::StringRef Text,
                             const std::vector<Token> &Tokens, size_t I);

using LexErrorFn =
    llvm::function_ref<void(uint32_t Begin, uint32_t End, std::string Message)>;

/// Tokenizes Text; lexical errors (unterminated strings and comments, stray
/// characters) go to OnError, and lexing always runs to the end.
TokenStream lexBicep(llvm::StringRef Text, LexErrorFn OnError);

} // namespace rampart::parsers::bicep

#endif
