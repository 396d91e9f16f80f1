//===- Expression.cpp - ARM template expressions, parsed with positions ---===//
//
// A recursive-descent parser over the decoded string; recursion is bounded by
// MaxExpressionDepth so hostile input cannot overflow the stack.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/arm/Expression.h"

#include "parsers/common/Unicode.h"

#include "llvm/ADT/StringExtras.h"

namespace rampart::eval::arm {

namespace {

unsigned hexDigit(char C) {
  if (C >= '0' && C <= '9')
    return C - '0';
  if (C >= 'a' && C <= 'f')
    return C - 'a' + 10;
  if (C >= 'A' && C <= 'F')
    return C - 'A' + 10;
  return 16;
}

bool hex4At(llvm::StringRef Raw, size_t At, unsigned &Out) {
  if (At + 4 > Raw.size())
    return false;
  Out = 0;
  for (size_t I = At; I < At + 4; ++I) {
    unsigned H = hexDigit(Raw[I]);
    if (H == 16)
      return false;
    Out = Out * 16 + H;
  }
  return true;
}

} // namespace

StringSourceMap::StringSourceMap(const SourceFile *File,
                                 SourceRange StringRange,
                                 llvm::StringRef Decoded)
    : File(File), Size(Decoded.size()) {
  if (!File)
    return;
  Base = StringRange.Start.Offset + 1;
  llvm::StringRef Text = File->text();
  if (StringRange.End.Offset <= Base || StringRange.End.Offset > Text.size()) {
    File = nullptr; // Not a quoted token in this file: fall back.
    return;
  }
  llvm::StringRef RawText = Text.slice(Base, StringRange.End.Offset - 1);
  if (RawText.find('\\') == llvm::StringRef::npos &&
      RawText.size() == Decoded.size())
    return;
  // Walk the escapes the same way the JSON reader decoded them.
  Raw.reserve(Decoded.size());
  size_t I = 0;
  while (I < RawText.size()) {
    uint32_t Start = Base + I;
    if (RawText[I] != '\\') {
      Raw.push_back({Start, Start + 1});
      ++I;
      continue;
    }
    char C = I + 1 < RawText.size() ? RawText[I + 1] : 0;
    if (C != 'u') {
      Raw.push_back({Start, Start + 2});
      I += 2;
      continue;
    }
    unsigned CP = 0;
    size_t Len = 6;
    if (!hex4At(RawText, I + 2, CP)) {
      Len = 2;
      CP = 0;
    } else if (CP >= 0xD800 && CP < 0xDC00) {
      unsigned Low;
      if (RawText.substr(I + 6).startswith("\\u") &&
          hex4At(RawText, I + 8, Low) && Low >= 0xDC00 && Low < 0xE000) {
        Len = 12;
        CP = 0x10000;
      } else {
        CP = 0xFFFD;
      }
    } else if (CP >= 0xDC00 && CP < 0xE000) {
      CP = 0xFFFD;
    }
    for (unsigned B = 0, N = utf8Length(CP); B < N; ++B)
      Raw.push_back({Start, static_cast<uint32_t>(Start + Len)});
    I += Len;
  }
  if (Raw.size() != Decoded.size()) {
    // The token does not decode to this text: positions would lie, so map
    // everything onto the token instead.
    Raw.assign(Decoded.size(),
               {StringRange.Start.Offset, StringRange.End.Offset});
  }
}

uint32_t StringSourceMap::startOf(size_t I) const {
  if (!Raw.empty())
    return I < Raw.size() ? Raw[I].first : Raw.back().second;
  return Base + static_cast<uint32_t>(std::min(I, Size));
}

uint32_t StringSourceMap::endOf(size_t I) const {
  if (!Raw.empty())
    return I < Raw.size() ? Raw[I].second : Raw.back().second;
  return Base + static_cast<uint32_t>(std::min(I + 1, Size));
}

SourceRange StringSourceMap::range(size_t Begin, size_t End) const {
  if (!File) {
    auto At = [](size_t O) {
      return SourcePosition{static_cast<uint32_t>(O), 1,
                            static_cast<uint32_t>(O + 1)};
    };
    return {At(Begin), At(End)};
  }
  uint32_t B = startOf(Begin);
  uint32_t E = End > Begin ? endOf(End - 1) : B;
  return File->range(B, E);
}

bool isArmExpression(llvm::StringRef Decoded) {
  return Decoded.size() >= 2 && Decoded.front() == '[' &&
         Decoded.back() == ']' && !Decoded.startswith("[[");
}

namespace {

bool isNameStart(char C) { return llvm::isAlpha(C) || C == '_' || C == '$'; }
bool isNameChar(char C) { return isNameStart(C) || llvm::isDigit(C); }

class ExpressionParser {
public:
  ExpressionParser(llvm::StringRef Text, const StringSourceMap &Map,
                   std::vector<Diagnostic> &Diags)
      : Text(Text), Map(Map), Diags(Diags) {}

  /// Parses Text[1, size-1) as one expression.
  std::unique_ptr<Expr> parseAll() {
    Pos = 1;
    End = Text.size() - 1;
    skipSpace();
    if (Pos == End) {
      fail(0, Text.size(), "empty expression");
      return nullptr;
    }
    auto Root = expression(0);
    if (!Root)
      return nullptr;
    skipSpace();
    if (Pos < End) {
      fail(Pos, Pos + 1,
           "unexpected '" + std::string(1, Text[Pos]) + "' after expression");
      return nullptr;
    }
    return Root;
  }

private:
  llvm::StringRef Text;
  const StringSourceMap &Map;
  std::vector<Diagnostic> &Diags;
  size_t Pos = 0;
  size_t End = 0;
  bool Failed = false;

  void fail(size_t B, size_t E, std::string Message) {
    if (Failed)
      return; // One error per expression: later ones are consequences.
    Failed = true;
    Diags.push_back({Severity::Error, std::move(Message), Map.range(B, E)});
  }

  void skipSpace() {
    while (Pos < End && (Text[Pos] == ' ' || Text[Pos] == '\t' ||
                         Text[Pos] == '\n' || Text[Pos] == '\r'))
      ++Pos;
  }

  bool tooDeep(unsigned Depth) {
    if (Depth < MaxExpressionDepth)
      return false;
    fail(Pos, Pos + 1,
         "expression nests deeper than " + std::to_string(MaxExpressionDepth) +
             " levels");
    return true;
  }

  std::unique_ptr<Expr> node(ExprKind K, size_t B, size_t E) {
    auto N = std::make_unique<Expr>();
    N->Kind = K;
    N->Range = Map.range(B, E);
    return N;
  }

  std::unique_ptr<Expr> expression(unsigned Depth) {
    if (tooDeep(Depth))
      return nullptr;
    skipSpace();
    size_t Start = Pos;
    auto Result = primary(Depth);
    if (!Result)
      return nullptr;
    // Postfix chains deepen the tree too, so they count against the bound.
    unsigned ChainDepth = Depth;
    while (true) {
      skipSpace();
      if (Pos >= End || (Text[Pos] != '.' && Text[Pos] != '['))
        return Result;
      if (tooDeep(++ChainDepth))
        return nullptr;
      if (Text[Pos] == '.') {
        ++Pos;
        skipSpace();
        size_t NameStart = Pos;
        if (Pos >= End || !isNameStart(Text[Pos])) {
          fail(Pos, std::min(Pos + 1, Text.size()),
               "expected a property name after '.'");
          return nullptr;
        }
        while (Pos < End && isNameChar(Text[Pos]))
          ++Pos;
        auto M = node(ExprKind::Member, Start, Pos);
        M->Text = Text.slice(NameStart, Pos).str();
        M->NameRange = Map.range(NameStart, Pos);
        M->Operands.push_back(std::move(Result));
        Result = std::move(M);
        continue;
      }
      size_t Open = Pos++;
      skipSpace();
      auto Index = expression(ChainDepth + 1);
      if (!Index)
        return nullptr;
      skipSpace();
      if (Pos >= End || Text[Pos] != ']') {
        fail(Open, Open + 1, "'[' is not closed");
        return nullptr;
      }
      ++Pos;
      auto I = node(ExprKind::Index, Start, Pos);
      I->Operands.push_back(std::move(Result));
      I->Operands.push_back(std::move(Index));
      Result = std::move(I);
    }
  }

  std::unique_ptr<Expr> primary(unsigned Depth) {
    skipSpace();
    if (Pos >= End) {
      fail(End, End + 1, "expected an expression");
      return nullptr;
    }
    char C = Text[Pos];
    if (C == '\'')
      return stringLiteral();
    if (llvm::isDigit(C) || C == '-')
      return integer();
    if (isNameStart(C))
      return call(Depth);
    fail(Pos, Pos + 1, "unexpected '" + std::string(1, C) + "' in expression");
    return nullptr;
  }

  std::unique_ptr<Expr> stringLiteral() {
    size_t Start = Pos++;
    std::string Value;
    while (true) {
      if (Pos >= End) {
        fail(Start, End, "unterminated string literal");
        return nullptr;
      }
      if (Text[Pos] == '\'') {
        if (Pos + 1 < End && Text[Pos + 1] == '\'') {
          Value += '\'';
          Pos += 2;
          continue;
        }
        ++Pos;
        break;
      }
      Value += Text[Pos++];
    }
    auto N = node(ExprKind::String, Start, Pos);
    N->Text = std::move(Value);
    return N;
  }

  std::unique_ptr<Expr> integer() {
    size_t Start = Pos;
    if (Text[Pos] == '-')
      ++Pos;
    size_t Digits = Pos;
    while (Pos < End && llvm::isDigit(Text[Pos]))
      ++Pos;
    if (Pos == Digits) {
      fail(Start, Start + 1, "expected digits after '-'");
      return nullptr;
    }
    if (Pos < End &&
        (Text[Pos] == '.' && Pos + 1 < End && llvm::isDigit(Text[Pos + 1]))) {
      fail(Start, Pos + 1, "floating-point literals are not ARM syntax");
      return nullptr;
    }
    int64_t Value = 0;
    if (Text.slice(Start, Pos).getAsInteger(10, Value)) {
      fail(Start, Pos, "integer literal out of 64-bit range");
      return nullptr;
    }
    auto N = node(ExprKind::Integer, Start, Pos);
    N->Int = Value;
    return N;
  }

  std::unique_ptr<Expr> call(unsigned Depth) {
    size_t Start = Pos;
    while (Pos < End && isNameChar(Text[Pos]))
      ++Pos;
    std::string Namespace;
    std::string Name = Text.slice(Start, Pos).str();
    // `ns.fn(` is a user function; `fn().x` is a property access, decided
    // by the '(' after the second name.
    if (Pos < End && Text[Pos] == '.' && Pos + 1 < End &&
        isNameStart(Text[Pos + 1])) {
      size_t Second = Pos + 1;
      size_t After = Second;
      while (After < End && isNameChar(Text[After]))
        ++After;
      size_t Look = After;
      while (Look < End && (Text[Look] == ' ' || Text[Look] == '\t' ||
                            Text[Look] == '\n' || Text[Look] == '\r'))
        ++Look;
      if (Look < End && Text[Look] == '(') {
        Namespace = std::move(Name);
        Name = Text.slice(Second, After).str();
        Pos = After;
      }
    }
    size_t NameEnd = Pos;
    skipSpace();
    if (Pos >= End || Text[Pos] != '(') {
      fail(Start, NameEnd,
           "expected '(' after function name '" +
               Text.slice(Start, NameEnd).str() + "'");
      return nullptr;
    }
    size_t Open = Pos++;
    auto N = std::make_unique<Expr>();
    N->Kind = ExprKind::Call;
    N->Text = std::move(Name);
    N->Namespace = std::move(Namespace);
    N->NameRange = Map.range(Start, NameEnd);
    skipSpace();
    if (Pos < End && Text[Pos] == ')') {
      ++Pos;
      N->Range = Map.range(Start, Pos);
      return N;
    }
    while (true) {
      auto Arg = expression(Depth + 1);
      if (!Arg)
        return nullptr;
      N->Operands.push_back(std::move(Arg));
      skipSpace();
      if (Pos < End && Text[Pos] == ',') {
        ++Pos;
        continue;
      }
      if (Pos < End && Text[Pos] == ')') {
        ++Pos;
        break;
      }
      if (Pos >= End)
        fail(Open, Open + 1, "'(' is not closed");
      else
        fail(Pos, Pos + 1,
             "expected ',' or ')' in argument list, found '" +
                 std::string(1, Text[Pos]) + "'");
      return nullptr;
    }
    N->Range = Map.range(Start, Pos);
    return N;
  }
};

} // namespace

ParsedString parseArmString(llvm::StringRef Decoded,
                            const StringSourceMap &Map) {
  ParsedString Result;
  // "[[x]" is the literal "[x]"; "[[x" is not an expression candidate and
  // stays as written.
  if (Decoded.startswith("[[") && Decoded.endswith("]")) {
    Result.Form = StringForm::Escaped;
    Result.Literal = Decoded.drop_front().str();
    return Result;
  }
  if (!isArmExpression(Decoded)) {
    Result.Literal = Decoded.str();
    return Result;
  }
  Result.Form = StringForm::Expression;
  if (Decoded.size() > MaxExpressionBytes) {
    Result.Diagnostics.push_back({Severity::Error,
                                  "expression longer than " +
                                      std::to_string(MaxExpressionBytes) +
                                      " bytes; not evaluated",
                                  Map.range(0, Decoded.size())});
    return Result;
  }
  ExpressionParser P(Decoded, Map, Result.Diagnostics);
  Result.Root = P.parseAll();
  return Result;
}

} // namespace rampart::eval::arm
