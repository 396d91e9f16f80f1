//===- Functions.cpp - Terraform's built-in functions ---------------------===//
//
// Semantics follow developer.hashicorp.com/terraform/language/functions and,
// where the pages are silent, the behaviour of Terraform 1.11 (go-cty 1.16):
// argument conversions (a number passed where a string is expected becomes
// its text, "true" becomes a bool), set ordering, and what stays known when
// some argument is Unknown.
//
// Known approximations (everything else is exact or Unknown):
// - Numbers are int64 or double where cty keeps 512-bit decimals. A Float is
//   printed as the shortest decimal that reads back as the same double, which
//   is what the user wrote for literals; rounding a value that sits exactly
//   on a tie of its shortest decimal (format("%.2f", 2.675)) depends on the
//   512-bit binary value, so it is Unknown unless the double is exact; so
//   are sum() and range() over fractions that binary cannot hold (0.1), and
//   numbers written with more digits than a double keeps.
// - "Characters" are Unicode grapheme clusters; we model Latin, Greek,
//   Cyrillic, CJK, CR LF, combining marks and emoji with modifiers or ZWJ,
//   and are Unknown for other text (flags, Indic scripts, Hangul jamo).
// - upper/lower/title map ASCII, Latin-1, Latin Extended-A and basic Greek and
//   Cyrillic, leave caseless scripts alone and are Unknown for the rest.
// - Sets of collections keep their first-seen order (cty orders them by a
//   hash); sets of strings, numbers and bools are ordered as Terraform does.
// - Values carry no type: a null or an Unknown takes any type, lists and
//   tuples are alike, and so are maps and objects.
// - Regular expressions follow Go's RE2 syntax and leftmost-first matching
//   exactly (our own parser and Go's bit-state backtracker, with a work
//   budget); Unicode classes (\pL) and case-insensitive matching of
//   non-ASCII letters are Unknown with a warning.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/terraform/Functions.h"

#include "analyzer/eval/Base64.h"

#include "analyzer/eval/Cidr.h"
#include "parsers/common/Document.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/MD5.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/SHA256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <variant>

namespace rampart::eval::terraform {

using model::firstUnknown;
using model::Member;
using model::Origin;
using model::Value;
using model::ValueKind;

Value unknownBecause(const Value &Cause) {
  if (Cause.is(ValueKind::Unknown))
    return Cause;
  return Value::unknown("depends on '" + Cause.asString().str() +
                            "', known only after apply",
                        Cause.origin());
}

namespace {

//===- Unknowns -----------------------------------------------------------===//

bool isNumber(const Value &V) {
  return V.is(ValueKind::Int) || V.is(ValueKind::Float);
}

bool isPrimitive(const Value &V) {
  return V.is(ValueKind::String) || V.is(ValueKind::Bool) || isNumber(V);
}

//===- One call -----------------------------------------------------------===//

class Call {
public:
  Call(llvm::StringRef Name, llvm::ArrayRef<Value> Args, CallContext &Ctx)
      : Name(Name), Args(Args), Ctx(Ctx) {}

  llvm::StringRef Name;
  llvm::ArrayRef<Value> Args;
  CallContext &Ctx;

  size_t size() const { return Args.size(); }
  const Value &arg(size_t I) const { return Args[I]; }
  const Origin &origin() const { return Ctx.Call; }
  const Origin &argOrigin(size_t I) const {
    return I < Ctx.Args.size() ? Ctx.Args[I] : Ctx.Call;
  }
  std::string fn() const { return Name.str() + "()"; }

  void report(Severity Level, const Origin &At, std::string Message) const {
    if (Ctx.Diagnostics)
      Ctx.Diagnostics->push_back({Level, std::move(Message), At.Range});
  }

  /// Checks the argument count; reports and returns false when wrong.
  bool arity(size_t Min, size_t Max) const {
    if (size() >= Min && size() <= Max)
      return true;
    std::string Expected =
        Min == Max        ? std::to_string(Min)
        : Max == SIZE_MAX ? "at least " + std::to_string(Min)
                          : std::to_string(Min) + " to " + std::to_string(Max);
    report(Severity::Error, origin(),
           fn() + " takes " + Expected + " argument" +
               (Min == 1 && Max == 1 ? "" : "s") + ", found " +
               std::to_string(size()));
    return false;
  }

  /// Reports an error on argument I / on the call; returns the Unknown.
  Value failArg(size_t I, const std::string &Message) const {
    report(Severity::Error, argOrigin(I), fn() + ": " + Message);
    return invalid();
  }
  Value fail(const std::string &Message) const {
    report(Severity::Error, origin(), fn() + ": " + Message);
    return invalid();
  }
  Value invalid() const { return unknown("invalid call to " + fn()); }
  /// What we cannot evaluate faithfully: a warning and an Unknown.
  Value unsupported(const std::string &Why) const {
    report(Severity::Warning, origin(), fn() + ": " + Why);
    return unknown(fn() + ": " + Why);
  }
  /// A result over the limits: a warning and an Unknown.
  Value tooLarge(const std::string &What) const {
    return unsupported(What + " would exceed the evaluation limits");
  }

  /// The first argument (deep) that is not known, as the Unknown result.
  std::optional<Value> unknownDeepAll() const {
    for (const Value &A : Args)
      if (const Value *U = firstUnknown(A))
        return unknownBecause(*U);
    return std::nullopt;
  }
  std::optional<Value> unknownDeep(size_t I) const {
    if (const Value *U = firstUnknown(arg(I)))
      return unknownBecause(*U);
    return std::nullopt;
  }
  std::optional<Value> unknownShallow(size_t I) const {
    if (!arg(I).isKnown())
      return unknownBecause(arg(I));
    return std::nullopt;
  }

  Value string(std::string S) const {
    if (S.size() > MaxStringBytes)
      return tooLarge("a string of " + std::to_string(S.size()) + " bytes");
    return Value::string(std::move(S), origin());
  }
  Value integer(int64_t I) const { return Value::integer(I, origin()); }
  Value boolean(bool B) const { return Value::boolean(B, origin()); }
  Value null() const { return Value::null(origin()); }
  Value array(std::vector<Value> Items) const {
    if (Items.size() > MaxCollectionElements)
      return tooLarge("a list of " + std::to_string(Items.size()) +
                      " elements");
    return Value::array(std::move(Items), origin());
  }
  Value object(std::vector<Member> Members) const {
    if (Members.size() > MaxCollectionElements)
      return tooLarge("a map of " + std::to_string(Members.size()) +
                      " elements");
    return Value::object(std::move(Members), origin());
  }
  Value unknown(std::string Reason) const {
    return Value::unknown(std::move(Reason), origin());
  }
};

#define ARITY(Min, Max)                                                        \
  if (!C.arity(Min, Max))                                                      \
  return C.invalid()
#define NEED_KNOWN_DEEP()                                                      \
  if (auto U_ = C.unknownDeepAll())                                            \
  return *U_

//===- Numbers ------------------------------------------------------------===//

/// A number as a decimal: value = 0.Digits x 10^Exp, as Go's big.Float
/// prints it. Digits has no leading or trailing zeros; zero has none.
struct Decimal {
  bool Negative = false;
  std::string Digits;
  int Exp = 0;
  /// Whether the number is exactly this decimal (a double that is not,
  /// such as 2.675, cannot decide a rounding tie).
  bool Exact = true;
};

void trimDecimal(Decimal &D) {
  size_t Lead = D.Digits.find_first_not_of('0');
  if (Lead == std::string::npos) {
    D.Digits.clear();
    D.Exp = 0;
    return;
  }
  D.Digits.erase(0, Lead);
  D.Exp -= static_cast<int>(Lead);
  D.Digits.erase(D.Digits.find_last_not_of('0') + 1);
}

/// Digits and exponent of a "d.ddde+x" text from std::to_chars.
Decimal parseScientific(llvm::StringRef Text) {
  Decimal D;
  if (Text.consume_front("-"))
    D.Negative = true;
  auto [Mantissa, Exponent] = Text.split('e');
  int E = 0;
  Exponent.consume_front("+");
  bool Neg = Exponent.consume_front("-");
  Exponent.getAsInteger(10, E);
  for (char Ch : Mantissa)
    if (llvm::isDigit(Ch))
      D.Digits += Ch;
  D.Exp = (Neg ? -E : E) + 1;
  trimDecimal(D);
  return D;
}

std::optional<Decimal> toDecimal(const Value &V) {
  if (V.is(ValueKind::Int)) {
    int64_t I = V.asInt();
    Decimal D;
    D.Negative = I < 0;
    uint64_t Abs = D.Negative ? 0 - static_cast<uint64_t>(I) : I;
    D.Digits = std::to_string(Abs);
    D.Exp = static_cast<int>(D.Digits.size());
    trimDecimal(D);
    return D;
  }
  if (!V.is(ValueKind::Float) || !std::isfinite(V.asNumber()))
    return std::nullopt;
  double F = V.asNumber();
  char Buf[64];
  auto R =
      std::to_chars(Buf, Buf + sizeof(Buf), F, std::chars_format::scientific);
  Decimal D = parseScientific(llvm::StringRef(Buf, R.ptr - Buf));
  // A double's exact expansion has at most 767 significant digits.
  static constexpr int ExactDigits = 800;
  std::string Exact(ExactDigits + 32, '\0');
  auto RE = std::to_chars(Exact.data(), Exact.data() + Exact.size(), F,
                          std::chars_format::scientific, ExactDigits);
  Decimal Full =
      parseScientific(llvm::StringRef(Exact.data(), RE.ptr - Exact.data()));
  D.Exact = Full.Digits == D.Digits && Full.Exp == D.Exp;
  return D;
}

/// Rounds D to N significant digits as Go's decimal.round does (half to
/// even); false when that needs a tie decided on an inexact value.
bool roundDecimal(Decimal &D, int N) {
  if (N < 0 || N >= static_cast<int>(D.Digits.size()))
    return true;
  bool Up;
  if (D.Digits[N] == '5' && N + 1 == static_cast<int>(D.Digits.size())) {
    if (!D.Exact)
      return false;
    Up = N > 0 && (D.Digits[N - 1] - '0') % 2 == 1;
  } else {
    Up = D.Digits[N] >= '5';
  }
  if (!Up) {
    D.Digits.resize(N);
    trimDecimal(D);
    return true;
  }
  int K = N;
  while (K > 0 && D.Digits[K - 1] == '9')
    --K;
  if (K == 0) {
    D.Digits = "1";
    ++D.Exp;
    return true;
  }
  ++D.Digits[K - 1];
  D.Digits.resize(K);
  return true;
}

char digitAt(const Decimal &D, int I) {
  return I >= 0 && I < static_cast<int>(D.Digits.size()) ? D.Digits[I] : '0';
}

/// Go's fmtF: fixed notation with Prec fraction digits (no sign).
std::string fixedText(const Decimal &D, int Prec) {
  std::string Out;
  if (D.Exp > 0) {
    for (int I = 0; I < D.Exp; ++I)
      Out += digitAt(D, I);
  } else {
    Out += '0';
  }
  if (Prec > 0) {
    Out += '.';
    for (int I = 0; I < Prec; ++I)
      Out += digitAt(D, D.Exp + I);
  }
  return Out;
}

/// Go's fmtE: d.ddde+XX with Prec fraction digits (no sign).
std::string scientificText(const Decimal &D, int Prec, char E) {
  std::string Out(1, D.Digits.empty() ? '0' : D.Digits[0]);
  if (Prec > 0) {
    Out += '.';
    for (int I = 1; I <= Prec; ++I)
      Out += digitAt(D, I);
  }
  Out += E;
  int Exp = D.Digits.empty() ? 0 : D.Exp - 1;
  Out += Exp < 0 ? '-' : '+';
  Exp = std::abs(Exp);
  if (Exp < 10)
    Out += '0';
  Out += std::to_string(Exp);
  return Out;
}

/// big.Float's Text(Verb, Prec) without the sign; Prec < 0 is the
/// shortest form. nullopt when the rounding is a tie we cannot decide.
std::optional<std::string> goFloatText(Decimal D, char Verb, int Prec) {
  bool Shortest = Prec < 0;
  int Len = static_cast<int>(D.Digits.size());
  char Lower = static_cast<char>(llvm::toLower(Verb));
  if (Shortest) {
    Prec = Lower == 'e'   ? Len - 1
           : Lower == 'f' ? std::max(Len - D.Exp, 0)
                          : Len;
  } else {
    bool Ok = Lower == 'e'   ? roundDecimal(D, 1 + Prec)
              : Lower == 'f' ? roundDecimal(D, D.Exp + Prec)
                             : roundDecimal(D, Prec == 0 ? (Prec = 1) : Prec);
    if (!Ok)
      return std::nullopt;
  }
  Len = static_cast<int>(D.Digits.size());
  char E = Verb == 'E' || Verb == 'G' ? 'E' : 'e';
  if (Lower == 'e')
    return scientificText(D, Prec, E);
  if (Lower == 'f')
    return fixedText(D, Prec);
  int EPrec = Shortest ? 6 : Prec;
  int Exp = D.Exp - 1;
  if (!D.Digits.empty() && (Exp < -4 || Exp >= EPrec))
    return scientificText(D, std::min(Prec, Len) - 1, E);
  if (Prec > D.Exp)
    Prec = Len;
  return fixedText(D, std::max(Prec - D.Exp, 0));
}

/// Terraform's text for a number (cty's Text('f', -1)).
std::optional<std::string> numberText(const Value &V) {
  if (V.is(ValueKind::Float) && std::isinf(V.asNumber()))
    return std::string(V.asNumber() > 0 ? "+Inf" : "-Inf");
  auto D = toDecimal(V);
  if (!D)
    return std::nullopt;
  auto T = goFloatText(*D, 'f', -1);
  if (!T)
    return std::nullopt;
  return (D->Negative && !D->Digits.empty() ? "-" : "") + *T;
}

/// A computed number: Int when integral and within int64, else Float.
Value numberValue(double F, const Origin &O) {
  if (std::isfinite(F) && F == std::floor(F) && F >= -9223372036854775808.0 &&
      F < 9223372036854775808.0)
    return Value::integer(static_cast<int64_t>(F), O);
  return Value::floating(F, O);
}

/// Terraform's reading of a string as a number: a decimal with optional
/// sign, fraction and exponent (big.Float's syntax, base 10).
std::optional<Value> parseNumber(llvm::StringRef S, const Origin &O) {
  llvm::StringRef Rest = S;
  bool Neg = false;
  if (Rest.consume_front("-"))
    Neg = true;
  else
    Rest.consume_front("+");
  if (Rest == "Inf" || Rest == "inf")
    return Value::floating(Neg ? -INFINITY : INFINITY, O);
  size_t I = 0, Digits = 0;
  while (I < Rest.size() && llvm::isDigit(Rest[I]))
    ++I, ++Digits;
  if (I < Rest.size() && Rest[I] == '.') {
    ++I;
    while (I < Rest.size() && llvm::isDigit(Rest[I]))
      ++I, ++Digits;
  }
  if (Digits == 0)
    return std::nullopt;
  if (I < Rest.size() && (Rest[I] == 'e' || Rest[I] == 'E')) {
    ++I;
    if (I < Rest.size() && (Rest[I] == '+' || Rest[I] == '-'))
      ++I;
    size_t ExpDigits = 0;
    while (I < Rest.size() && llvm::isDigit(Rest[I]))
      ++I, ++ExpDigits;
    if (ExpDigits == 0)
      return std::nullopt;
  }
  if (I != Rest.size())
    return std::nullopt;
  int64_t Int;
  if (!Rest.contains('.') && !Rest.contains('e') && !Rest.contains('E') &&
      !Rest.getAsInteger(10, Int) && Rest.size() < 19)
    return Value::integer(Neg ? -Int : Int, O);
  std::string Text = (Neg ? "-" : "") + Rest.str();
  double F = std::strtod(Text.c_str(), nullptr);
  // The written decimal, to check that the double holds it exactly.
  Decimal Written;
  size_t EPos = Rest.find_first_of("eE");
  llvm::StringRef Mantissa = Rest.take_front(EPos);
  llvm::StringRef Exponent =
      EPos == llvm::StringRef::npos ? "" : Rest.drop_front(EPos + 1);
  int E = 0;
  bool NegExp = Exponent.consume_front("-");
  Exponent.consume_front("+");
  if (!Exponent.empty() && Exponent.getAsInteger(10, E))
    E = 1000000;
  size_t Dot = Mantissa.find('.');
  Written.Digits = Mantissa.str();
  if (Dot != llvm::StringRef::npos)
    Written.Digits.erase(Dot, 1);
  Written.Exp =
      static_cast<int>(Dot == llvm::StringRef::npos ? Mantissa.size() : Dot) +
      (NegExp ? -E : E);
  trimDecimal(Written);
  auto Stored = toDecimal(numberValue(F, O));
  if (!std::isfinite(F) || !Stored || Stored->Digits != Written.Digits ||
      (!Written.Digits.empty() && Stored->Exp != Written.Exp))
    return Value::unknown(
        "the number " + S.str() + " has more precision than is evaluated", O);
  return numberValue(F, O);
}

/// A whole number within int64, as cty's AsBigFloat().Int64() requires.
std::optional<int64_t> wholeNumber(const Value &V) {
  if (V.is(ValueKind::Int))
    return V.asInt();
  if (V.is(ValueKind::Float)) {
    double F = V.asNumber();
    if (std::isfinite(F) && F == std::floor(F) && F >= -9223372036854775808.0 &&
        F < 9223372036854775808.0)
      return static_cast<int64_t>(F);
  }
  return std::nullopt;
}

//===- UTF-8 --------------------------------------------------------------===//

/// Decodes one code point at S[I], advancing I; invalid bytes read as
/// U+FFFD one at a time, as Go does.
uint32_t decodeAt(llvm::StringRef S, size_t &I) {
  auto B = static_cast<unsigned char>(S[I]);
  if (B < 0x80) {
    ++I;
    return B;
  }
  int Len = (B >> 5) == 6 ? 2 : (B >> 4) == 14 ? 3 : (B >> 3) == 30 ? 4 : 0;
  if (Len == 0 || I + Len > S.size()) {
    ++I;
    return 0xFFFD;
  }
  uint32_t CP = B & (0x7F >> Len);
  for (int K = 1; K < Len; ++K) {
    auto C = static_cast<unsigned char>(S[I + K]);
    if ((C & 0xC0) != 0x80) {
      ++I;
      return 0xFFFD;
    }
    CP = CP << 6 | (C & 0x3F);
  }
  static const uint32_t Min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (CP < Min[Len] || CP > 0x10FFFF || (CP >= 0xD800 && CP < 0xE000)) {
    ++I;
    return 0xFFFD;
  }
  I += Len;
  return CP;
}

std::u32string decodeUtf8(llvm::StringRef S) {
  std::u32string Out;
  Out.reserve(S.size());
  for (size_t I = 0; I < S.size();)
    Out += static_cast<char32_t>(decodeAt(S, I));
  return Out;
}

void appendUtf8(std::string &Out, uint32_t CP) {
  if (CP < 0x80) {
    Out += static_cast<char>(CP);
  } else if (CP < 0x800) {
    Out += static_cast<char>(0xC0 | CP >> 6);
    Out += static_cast<char>(0x80 | (CP & 0x3F));
  } else if (CP < 0x10000) {
    Out += static_cast<char>(0xE0 | CP >> 12);
    Out += static_cast<char>(0x80 | (CP >> 6 & 0x3F));
    Out += static_cast<char>(0x80 | (CP & 0x3F));
  } else {
    Out += static_cast<char>(0xF0 | CP >> 18);
    Out += static_cast<char>(0x80 | (CP >> 12 & 0x3F));
    Out += static_cast<char>(0x80 | (CP >> 6 & 0x3F));
    Out += static_cast<char>(0x80 | (CP & 0x3F));
  }
}

std::string encodeUtf8(std::u32string_view S) {
  std::string Out;
  for (char32_t C : S)
    appendUtf8(Out, C);
  return Out;
}

bool isValidUtf8(llvm::StringRef S) {
  for (size_t I = 0; I < S.size();) {
    size_t Before = I;
    if (decodeAt(S, I) == 0xFFFD &&
        S.substr(Before, I - Before) != "\xEF\xBF\xBD")
      return false;
  }
  return true;
}

bool isAscii(llvm::StringRef S) {
  return llvm::all_of(
      S, [](char Ch) { return static_cast<unsigned char>(Ch) < 0x80; });
}

/// Whether a code point is certain to be a grapheme cluster on its own
/// (Unicode's Control, Other or Extended_Pictographic classes, never
/// Extend, SpacingMark, Prepend, ZWJ, Regional_Indicator or Hangul jamo).
bool isSingleCluster(uint32_t CP) {
  struct Range {
    uint32_t Lo, Hi;
  };
  static constexpr Range Safe[] = {
      {0x0000, 0x02FF},   {0x0370, 0x0482},   {0x048A, 0x052F},
      {0x0531, 0x058A},   {0x10A0, 0x10FF},   {0x1E00, 0x1FFF},
      {0x2000, 0x200B},   {0x200E, 0x20CF},   {0x2100, 0x2BFF},
      {0x3000, 0x3029},   {0x3030, 0x3098},   {0x309B, 0x30FF},
      {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xF900, 0xFAFF},
      {0xFF01, 0xFF9D},   {0x1F300, 0x1F3FA}, {0x1F400, 0x1FAFF},
      {0x20000, 0x3FFFF},
  };
  return llvm::any_of(Safe,
                      [&](const Range &R) { return CP >= R.Lo && CP <= R.Hi; });
}

/// Extend code points that attach to the preceding character: combining
/// marks, variation selectors, emoji modifiers and tags.
bool isExtend(uint32_t CP) {
  return (CP >= 0x0300 && CP <= 0x036F) || (CP >= 0x1AB0 && CP <= 0x1AFF) ||
         (CP >= 0x1DC0 && CP <= 0x1DFF) || (CP >= 0x20D0 && CP <= 0x20FF) ||
         (CP >= 0xFE00 && CP <= 0xFE0F) || (CP >= 0xFE20 && CP <= 0xFE2F) ||
         (CP >= 0x1F3FB && CP <= 0x1F3FF) || (CP >= 0xE0020 && CP <= 0xE007F) ||
         (CP >= 0xE0100 && CP <= 0xE01EF);
}

/// A subset of Extended_Pictographic: the emoji blocks.
bool isPictographic(uint32_t CP) {
  return (CP >= 0x2600 && CP <= 0x27BF) ||
         (CP >= 0x1F300 && CP <= 0x1FAFF && !(CP >= 0x1F3FB && CP <= 0x1F3FF));
}

/// Terraform's characters (grapheme clusters) of S as byte ranges; nullopt
/// when S has a code point whose clustering we do not model.
std::optional<std::vector<llvm::StringRef>> graphemes(llvm::StringRef S) {
  std::vector<llvm::StringRef> Out;
  size_t Start = 0;
  bool Open = false;         // a cluster that Extend and ZWJ may join
  bool Pictographic = false; // it started with an emoji
  bool AfterZwj = false;
  for (size_t I = 0; I < S.size();) {
    size_t At = I;
    uint32_t CP = decodeAt(S, I);
    if (Open && (isExtend(CP) || CP == 0x200D)) {
      AfterZwj = CP == 0x200D;
      continue;
    }
    if (Open && AfterZwj && Pictographic && isPictographic(CP)) {
      AfterZwj = false;
      continue;
    }
    if (AfterZwj && !(CP < 0x80))
      return std::nullopt; // whether a ZWJ joins here is not modelled
    if (!isSingleCluster(CP))
      return std::nullopt;
    if (At > 0)
      Out.push_back(S.substr(Start, At - Start));
    Start = At;
    AfterZwj = false;
    if (CP == '\r' && I < S.size() && S[I] == '\n')
      ++I;
    // Controls end their cluster at once (Unicode's GB4).
    bool Control = CP < 0x20 || (CP >= 0x7F && CP < 0xA0) || CP == 0xAD ||
                   CP == 0x200B || CP == 0x200E || CP == 0x200F ||
                   (CP >= 0x2028 && CP <= 0x202E) ||
                   (CP >= 0x2060 && CP <= 0x206F);
    Open = !Control;
    Pictographic = isPictographic(CP);
  }
  if (!S.empty())
    Out.push_back(S.substr(Start));
  return Out;
}

/// Go's unicode.IsSpace.
bool isGoSpace(uint32_t CP) {
  switch (CP) {
  case '\t':
  case '\n':
  case '\v':
  case '\f':
  case '\r':
  case ' ':
  case 0x85:
  case 0xA0:
  case 0x1680:
  case 0x2028:
  case 0x2029:
  case 0x202F:
  case 0x205F:
  case 0x3000:
    return true;
  default:
    return CP >= 0x2000 && CP <= 0x200A;
  }
}

/// Simple case mappings (Go's unicode.ToUpper / ToLower) for the scripts we
/// model; nullopt for a code point we do not know.
std::optional<uint32_t> mapCase(uint32_t CP, bool Upper) {
  auto Pair = [&](uint32_t UpperCP, uint32_t LowerCP) {
    return Upper ? UpperCP : LowerCP;
  };
  if (CP < 0x80) {
    if (Upper && CP >= 'a' && CP <= 'z')
      return CP - 32;
    if (!Upper && CP >= 'A' && CP <= 'Z')
      return CP + 32;
    return CP;
  }
  if (CP < 0xC0)
    return CP == 0xB5 && Upper ? 0x39C : CP;
  if (CP < 0x100) {
    if (CP == 0xD7 || CP == 0xF7 || CP == 0xDF)
      return CP;
    if (CP == 0xFF)
      return Pair(0x178, 0xFF);
    return CP < 0xE0 ? Pair(CP, CP + 32) : Pair(CP - 32, CP);
  }
  if (CP < 0x180) {
    switch (CP) {
    case 0x130:
      return Pair(0x130, 'i');
    case 0x131:
      return Pair('I', 0x131);
    case 0x138:
    case 0x149:
      return CP;
    case 0x178:
      return Pair(0x178, 0xFF);
    case 0x17F:
      return Pair('S', 0x17F);
    default:
      break;
    }
    // Pairs are (even upper, odd lower), except in 0x139-0x148 and
    // 0x179-0x17E where the upper case is odd.
    bool OddUpper =
        (CP >= 0x139 && CP <= 0x148) || (CP >= 0x179 && CP <= 0x17E);
    bool IsUpper = OddUpper ? CP % 2 == 1 : CP % 2 == 0;
    if (IsUpper)
      return Pair(CP, CP + 1);
    return Pair(CP - 1, CP);
  }
  if (CP >= 0x391 && CP <= 0x3A9 && CP != 0x3A2)
    return Pair(CP, CP + 32);
  if (CP >= 0x3B1 && CP <= 0x3C9)
    return CP == 0x3C2 ? Pair(0x3A3, CP) : Pair(CP - 32, CP);
  if (CP == 0x386)
    return Pair(CP, 0x3AC);
  if (CP == 0x3AC)
    return Pair(0x386, CP);
  if (CP >= 0x388 && CP <= 0x38A)
    return Pair(CP, CP + 37);
  if (CP >= 0x3AD && CP <= 0x3AF)
    return Pair(CP - 37, CP);
  if (CP == 0x38C)
    return Pair(CP, 0x3CC);
  if (CP == 0x3CC)
    return Pair(0x38C, CP);
  if (CP == 0x38E || CP == 0x38F)
    return Pair(CP, CP + 63);
  if (CP == 0x3CD || CP == 0x3CE)
    return Pair(CP - 63, CP);
  if (CP >= 0x400 && CP <= 0x40F)
    return Pair(CP, CP + 80);
  if (CP >= 0x410 && CP <= 0x42F)
    return Pair(CP, CP + 32);
  if (CP >= 0x430 && CP <= 0x44F)
    return Pair(CP - 32, CP);
  if (CP >= 0x450 && CP <= 0x45F)
    return Pair(CP - 80, CP);
  // Scripts and symbols without case.
  bool Caseless =
      (CP >= 0x2000 && CP <= 0x20FF) || (CP >= 0x2190 && CP <= 0x24B5) ||
      (CP >= 0x24EA && CP <= 0x2BFF) || (CP >= 0x3000 && CP <= 0x9FFF) ||
      (CP >= 0xAC00 && CP <= 0xD7A3) || (CP >= 0xF900 && CP <= 0xFAFF) ||
      (CP >= 0x1F300 && CP <= 0x1FAFF) || (CP >= 0x20000 && CP <= 0x3FFFF);
  if (Caseless)
    return CP;
  return std::nullopt;
}

//===- Conversions --------------------------------------------------------===//

/// Terraform's automatic conversion of a primitive to a string.
std::optional<std::string> primitiveText(const Value &V) {
  switch (V.kind()) {
  case ValueKind::String:
    return V.asString().str();
  case ValueKind::Bool:
    return std::string(V.asBool() ? "true" : "false");
  case ValueKind::Int:
  case ValueKind::Float:
    return numberText(V);
  default:
    return std::nullopt;
  }
}

/// "string", "number", ... as Terraform names a value's type in messages.
std::string typeName(const Value &V) {
  switch (V.kind()) {
  case ValueKind::Null:
    return "null";
  case ValueKind::Bool:
    return "bool";
  case ValueKind::Int:
  case ValueKind::Float:
    return "number";
  case ValueKind::String:
    return "string";
  case ValueKind::Array:
    return "list";
  case ValueKind::Object:
    return "object";
  default:
    return "unknown";
  }
}

/// Converts a known primitive to a string parameter, or reports.
std::optional<std::string> stringArg(const Call &C, size_t I) {
  const Value &V = C.arg(I);
  if (auto S = primitiveText(V))
    return S;
  if (V.isNull())
    C.failArg(I, "argument " + std::to_string(I + 1) + " must not be null");
  else if (isNumber(V))
    C.unsupported("the number is beyond what is evaluated");
  else
    C.failArg(I, "argument " + std::to_string(I + 1) +
                     " must be a string, found " + typeName(V));
  return std::nullopt;
}

/// Terraform's conversion of a value to a number (strings are parsed).
std::optional<Value> toNumber(const Value &V) {
  if (isNumber(V))
    return V;
  if (V.is(ValueKind::String))
    return parseNumber(V.asString(), V.origin());
  return std::nullopt;
}

std::optional<Value> numberArg(const Call &C, size_t I) {
  const Value &V = C.arg(I);
  if (auto N = toNumber(V)) {
    if (N->is(ValueKind::Unknown)) {
      C.unsupported(N->asString().str());
      return std::nullopt;
    }
    return N;
  }
  if (V.isNull())
    C.failArg(I, "argument " + std::to_string(I + 1) + " must not be null");
  else if (V.is(ValueKind::String))
    C.failArg(I, "cannot convert \"" + V.asString().str() +
                     "\" to number; given string must be a decimal "
                     "representation of a number");
  else
    C.failArg(I, "argument " + std::to_string(I + 1) +
                     " must be a number, found " + typeName(V));
  return std::nullopt;
}

/// A whole-number parameter (Terraform's "must be a whole number").
std::optional<int64_t> intArg(const Call &C, size_t I) {
  auto N = numberArg(C, I);
  if (!N)
    return std::nullopt;
  if (auto W = wholeNumber(*N))
    return W;
  C.failArg(I, "value must be a whole number, between -9223372036854775808 "
               "and 9223372036854775807");
  return std::nullopt;
}

std::optional<bool> toBool(const Value &V) {
  if (V.is(ValueKind::Bool))
    return V.asBool();
  if (V.is(ValueKind::String)) {
    llvm::StringRef S = V.asString();
    if (S == "true" || S == "1")
      return true;
    if (S == "false" || S == "0")
      return false;
  }
  return std::nullopt;
}

/// Argument I when it is of Kind (Described for the message); reports a
/// null or another kind.
const Value *argOfKind(const Call &C, size_t I, ValueKind Kind,
                       const char *Described) {
  const Value &V = C.arg(I);
  if (V.is(Kind))
    return &V;
  if (V.isNull())
    C.failArg(I, "argument " + std::to_string(I + 1) + " must not be null");
  else
    C.failArg(I, "argument " + std::to_string(I + 1) + " must be " + Described +
                     ", found " + typeName(V));
  return nullptr;
}

/// A list, set or tuple argument (all are Arrays); reports otherwise.
const Value *listArg(const Call &C, size_t I) {
  return argOfKind(C, I, ValueKind::Array, "a list, set or tuple");
}

const Value *mapArg(const Call &C, size_t I) {
  return argOfKind(C, I, ValueKind::Object, "a map or object");
}

/// The elements of a list(string) parameter, converted; reports a null or
/// non-primitive element.
std::optional<std::vector<std::string>> stringList(const Call &C, size_t I) {
  const Value *L = listArg(C, I);
  if (!L)
    return std::nullopt;
  std::vector<std::string> Out;
  for (size_t K = 0; K < L->items().size(); ++K) {
    const Value &E = L->items()[K];
    auto S = primitiveText(E);
    if (!S) {
      C.failArg(I, E.isNull() ? "element " + std::to_string(K) + " is null"
                              : "element " + std::to_string(K) +
                                    " must be a string, found " + typeName(E));
      return std::nullopt;
    }
    Out.push_back(std::move(*S));
  }
  return Out;
}

//===- Equality and ordering ----------------------------------------------===//

/// Terraform's == on values: numbers by value, collections structurally.
/// nullopt when an Unknown decides it.
std::optional<bool> equalValues(const Value &A, const Value &B) {
  if (!A.isKnown() || !B.isKnown())
    return std::nullopt;
  if (isNumber(A) && isNumber(B)) {
    if (A.is(ValueKind::Int) && B.is(ValueKind::Int))
      return A.asInt() == B.asInt();
    return A.asNumber() == B.asNumber();
  }
  if (A.kind() != B.kind())
    return false;
  switch (A.kind()) {
  case ValueKind::Array: {
    if (A.items().size() != B.items().size())
      return false;
    bool Unsure = false;
    for (size_t I = 0; I < A.items().size(); ++I) {
      auto E = equalValues(A.items()[I], B.items()[I]);
      if (E && !*E)
        return false;
      Unsure |= !E;
    }
    if (Unsure)
      return std::nullopt;
    return true;
  }
  case ValueKind::Object: {
    if (A.members().size() != B.members().size())
      return false;
    bool Unsure = false;
    for (const Member &M : A.members()) {
      const Value *Other = B.get(M.Key);
      if (!Other)
        return false;
      auto E = equalValues(M.V, *Other);
      if (E && !*E)
        return false;
      Unsure |= !E;
    }
    if (Unsure)
      return std::nullopt;
    return true;
  }
  default:
    return A.sameAs(B);
  }
}

/// cty's order of set elements of one primitive type.
bool setLess(const Value &A, const Value &B) {
  if (isNumber(A) && isNumber(B)) {
    if (A.is(ValueKind::Int) && B.is(ValueKind::Int))
      return A.asInt() < B.asInt();
    return A.asNumber() < B.asNumber();
  }
  if (A.is(ValueKind::String) && B.is(ValueKind::String))
    return A.asString() < B.asString();
  if (A.is(ValueKind::Bool) && B.is(ValueKind::Bool))
    return !A.asBool() && B.asBool();
  return false;
}

//===- Type unification ---------------------------------------------------===//

/// Converts the elements of a tuple to one element type, as Terraform does
/// for tolist/toset/tomap and the functions taking list(any): primitives
/// mixed with strings become strings; nulls and Unknowns take any type.
/// nullopt (and a report) when no single type fits.
std::optional<std::vector<Value>>
unifyElements(const Call &C, size_t ArgIndex, llvm::ArrayRef<Value> Items,
              llvm::StringRef What, llvm::StringRef From = "tuple") {
  bool HasString = false, HasNumber = false, HasBool = false;
  bool HasArray = false, HasObject = false;
  for (const Value &V : Items) {
    HasString |= V.is(ValueKind::String);
    HasNumber |= isNumber(V);
    HasBool |= V.is(ValueKind::Bool);
    HasArray |= V.is(ValueKind::Array);
    HasObject |= V.is(ValueKind::Object);
  }
  int Kinds = (HasString || HasNumber || HasBool) + HasArray + HasObject;
  bool Fails = Kinds > 1 || (!HasString && HasNumber && HasBool);
  if (Fails) {
    C.failArg(ArgIndex, "cannot convert " + From.str() + " to " + What.str() +
                            " of any single type");
    return std::nullopt;
  }
  std::vector<Value> Out(Items.begin(), Items.end());
  if (HasString && (HasNumber || HasBool)) {
    for (Value &V : Out) {
      if (!isPrimitive(V) || V.is(ValueKind::String))
        continue;
      auto S = primitiveText(V);
      if (!S) {
        C.unsupported("the number is beyond what is evaluated");
        return std::nullopt;
      }
      V = Value::string(*S, V.origin());
    }
  }
  return Out;
}

std::optional<std::string> encodeJson(const Value &V, std::string &Why,
                                      size_t Budget = MaxStringBytes);

/// Orders and deduplicates set elements: primitives as cty orders them;
/// collections keep their first-seen order. nullopt if an Unknown element
/// leaves the set's size open.
std::optional<std::vector<Value>> makeSet(std::vector<Value> Items) {
  if (llvm::any_of(Items, [](const Value &V) { return firstUnknown(V); }))
    return std::nullopt;
  if (llvm::all_of(Items, isPrimitive)) {
    std::stable_sort(Items.begin(), Items.end(), setLess);
    std::vector<Value> Out;
    for (Value &V : Items)
      if (Out.empty() || !equalValues(Out.back(), V).value_or(false))
        Out.push_back(std::move(V));
    return Out;
  }
  // Equal collections print the same JSON (keys sorted, numbers by value).
  std::vector<Value> Out;
  std::set<std::string> Seen;
  for (Value &V : Items) {
    std::string Why;
    auto Key = encodeJson(V, Why);
    if (!Key)
      return std::nullopt;
    if (Seen.insert(*Key).second)
      Out.push_back(std::move(V));
  }
  return Out;
}

/// The identities of known values: equal values print the same JSON
/// (keys sorted, numbers by value).
std::set<std::string> identities(llvm::ArrayRef<Value> Values) {
  std::set<std::string> Out;
  for (const Value &V : Values) {
    std::string Why;
    if (auto Key = encodeJson(V, Why))
      Out.insert(std::move(*Key));
  }
  return Out;
}

bool inIdentities(const std::set<std::string> &Set, const Value &V) {
  std::string Why;
  auto Key = encodeJson(V, Why);
  return Key && Set.count(*Key);
}

//===- JSON ---------------------------------------------------------------===//

/// Go's encoding/json string escaping (HTML-safe, as Terraform's).
void appendJsonString(std::string &Out, llvm::StringRef S) {
  static const char Hex[] = "0123456789abcdef";
  Out += '"';
  for (size_t I = 0; I < S.size();) {
    size_t Start = I;
    uint32_t CP = decodeAt(S, I);
    switch (CP) {
    case '"':
      Out += "\\\"";
      continue;
    case '\\':
      Out += "\\\\";
      continue;
    case '\n':
      Out += "\\n";
      continue;
    case '\r':
      Out += "\\r";
      continue;
    case '\t':
      Out += "\\t";
      continue;
    case '\b':
      Out += "\\b";
      continue;
    case '\f':
      Out += "\\f";
      continue;
    default:
      break;
    }
    if (CP < 0x20 || CP == '<' || CP == '>' || CP == '&' || CP == 0x2028 ||
        CP == 0x2029) {
      Out += "\\u";
      Out += Hex[CP >> 12 & 15];
      Out += Hex[CP >> 8 & 15];
      Out += Hex[CP >> 4 & 15];
      Out += Hex[CP & 15];
      continue;
    }
    if (CP == 0xFFFD && S.substr(Start, I - Start) != "\xEF\xBF\xBD") {
      Out += "\\ufffd";
      continue;
    }
    Out += S.substr(Start, I - Start);
  }
  Out += '"';
}

/// Terraform's jsonencode text: object keys sorted, no spaces. nullopt with
/// Why set when a value cannot be encoded.
std::optional<std::string> encodeJson(const Value &V, std::string &Why,
                                      size_t Budget) {
  std::string Out;
  std::function<bool(const Value &)> Walk = [&](const Value &X) -> bool {
    if (Out.size() > Budget) {
      Why = "the JSON text would exceed the evaluation limits";
      return false;
    }
    switch (X.kind()) {
    case ValueKind::Null:
      Out += "null";
      return true;
    case ValueKind::Bool:
      Out += X.asBool() ? "true" : "false";
      return true;
    case ValueKind::Int:
    case ValueKind::Float: {
      if (X.is(ValueKind::Float) && std::isinf(X.asNumber())) {
        Why = "cannot serialize infinity as JSON";
        return false;
      }
      auto T = numberText(X);
      if (!T) {
        Why = "the number is beyond what is evaluated";
        return false;
      }
      Out += *T;
      return true;
    }
    case ValueKind::String:
      appendJsonString(Out, X.asString());
      return true;
    case ValueKind::Array: {
      Out += '[';
      bool First = true;
      for (const Value &I : X.items()) {
        if (!First)
          Out += ',';
        First = false;
        if (!Walk(I))
          return false;
      }
      Out += ']';
      return true;
    }
    case ValueKind::Object: {
      std::vector<const Member *> Sorted;
      for (const Member &M : X.members())
        Sorted.push_back(&M);
      std::stable_sort(
          Sorted.begin(), Sorted.end(),
          [](const Member *A, const Member *B) { return A->Key < B->Key; });
      Out += '{';
      bool First = true;
      for (const Member *M : Sorted) {
        if (!First)
          Out += ',';
        First = false;
        appendJsonString(Out, M->Key);
        Out += ':';
        if (!Walk(M->V))
          return false;
      }
      Out += '}';
      return true;
    }
    default:
      Why = "the value is not known";
      return false;
    }
  };
  if (!Walk(V))
    return std::nullopt;
  return Out;
}

/// Keys sorted lexically, as Terraform orders maps and objects; the last
/// of duplicate keys wins.
std::vector<Member> sortedMembers(std::vector<Member> Members) {
  std::map<std::string, Member> ByKey;
  for (Member &M : Members)
    ByKey[M.Key] = std::move(M);
  std::vector<Member> Out;
  Out.reserve(ByKey.size());
  for (auto &Entry : ByKey)
    Out.push_back(std::move(Entry.second));
  return Out;
}
std::vector<Member> sortedMembers(llvm::ArrayRef<Member> Members) {
  return sortedMembers(std::vector<Member>(Members.begin(), Members.end()));
}

//===- format -------------------------------------------------------------===//

struct FormatVerb {
  size_t Offset = 0;
  std::string Raw;
  size_t ArgNum = 0;
  char Mode = 0;
  bool Zero = false, Sharp = false, Plus = false, Minus = false, Space = false;
  bool HasWidth = false, HasPrec = false;
  int Width = 0, Prec = 0;
};

/// The outcome of one format(): text, an error message, or a reason the
/// result is Unknown.
struct FormatResult {
  std::string Text;
  std::string Error;
  std::string Unknown;
  size_t MaxArgUsed = 0;
  bool HasVerb = false;
};

/// Pads to Width characters (grapheme clusters), as cty's formatPadWidth;
/// false when the text's clusters are not modelled.
bool padWidth(const FormatVerb &V, std::string &Text) {
  if (!V.HasWidth)
    return true;
  auto G = graphemes(Text);
  if (!G)
    return false;
  if (static_cast<int>(G->size()) >= V.Width)
    return true;
  std::string Pad(V.Width - G->size(), V.Zero ? '0' : ' ');
  Text = V.Minus ? Text + Pad : Pad + Text;
  return true;
}

/// Go's big.Int Format for %b %d %o %x %X, flags included.
std::string goIntText(const FormatVerb &V, bool Negative, std::string Digits) {
  std::string Sign = Negative ? "-" : V.Plus ? "+" : V.Space ? " " : "";
  std::string Prefix;
  if (V.Sharp) {
    if (V.Mode == 'b')
      Prefix = "0b";
    else if (V.Mode == 'o')
      Prefix = "0";
    else if (V.Mode == 'x')
      Prefix = "0x";
    else if (V.Mode == 'X')
      Prefix = "0X";
  }
  size_t Zeros = 0;
  if (V.HasPrec) {
    if (Digits.size() < static_cast<size_t>(V.Prec))
      Zeros = V.Prec - Digits.size();
    else if (Digits == "0" && V.Prec == 0)
      return "";
  }
  size_t Length = Sign.size() + Prefix.size() + Zeros + Digits.size();
  size_t Left = 0, Right = 0;
  if (V.HasWidth && Length < static_cast<size_t>(V.Width)) {
    size_t D = V.Width - Length;
    if (V.Minus)
      Right = D;
    else if (V.Zero && !V.HasPrec)
      Zeros = D;
    else
      Left = D;
  }
  return std::string(Left, ' ') + Sign + Prefix + std::string(Zeros, '0') +
         Digits + std::string(Right, ' ');
}

/// Go's big.Float Format for %e %E %f %g %G, flags included.
std::optional<std::string> goFloatFormat(const FormatVerb &V,
                                         const Decimal &D) {
  int Prec = V.HasPrec ? V.Prec : 6;
  if ((V.Mode == 'g' || V.Mode == 'G') && !V.HasPrec)
    Prec = -1;
  auto Body = goFloatText(D, V.Mode, Prec);
  if (!Body)
    return std::nullopt;
  bool Negative = D.Negative && !D.Digits.empty();
  std::string Sign = Negative ? "-" : V.Plus ? "+" : V.Space ? " " : "";
  size_t Padding = 0;
  if (V.HasWidth && static_cast<size_t>(V.Width) > Sign.size() + Body->size())
    Padding = V.Width - Sign.size() - Body->size();
  if (V.Zero && !V.Minus)
    return Sign + std::string(Padding, '0') + *Body;
  if (V.Minus)
    return Sign + *Body + std::string(Padding, ' ');
  return std::string(Padding, ' ') + Sign + *Body;
}

std::string quoteVerb(const FormatVerb &V) {
  std::string Q;
  appendJsonString(Q, V.Raw);
  return Q;
}

/// Appends one verb's text, as cty's formatAppend.
void formatOne(FormatVerb &V, llvm::ArrayRef<Value> Args, FormatResult &R) {
  std::string At = quoteVerb(V) + " at " + std::to_string(V.Offset);
  if (V.ArgNum > Args.size() || V.ArgNum == 0) {
    R.Error = "not enough arguments for " + At + ": need index " +
              std::to_string(V.ArgNum) + " but have " +
              std::to_string(Args.size()) + " total";
    return;
  }
  R.MaxArgUsed = std::max(R.MaxArgUsed, V.ArgNum);
  const Value &Arg = Args[V.ArgNum - 1];
  if (Arg.isNull()) {
    if (V.Mode == 'v')
      R.Unknown = "formatting a null depends on its type";
    else
      R.Error =
          "unsupported value for " + At + ": null value cannot be formatted";
    return;
  }
  std::string Out;
  switch (V.Mode) {
  case 'v': {
    std::string Why;
    if (!V.Sharp && Arg.is(ValueKind::String)) {
      Out = Arg.asString().str();
    } else if (!V.Sharp && isNumber(Arg)) {
      auto D = toDecimal(Arg);
      auto T = D ? goFloatText(*D, 'g', -1) : std::nullopt;
      if (!T) {
        R.Unknown = "the number is beyond what is evaluated";
        return;
      }
      Out = (D->Negative && !D->Digits.empty() ? "-" : "") + *T;
    } else if (auto J = encodeJson(Arg, Why)) {
      Out = *J;
    } else {
      R.Error = "unsupported value for " + At + ": " + Why;
      return;
    }
    break;
  }
  case 't': {
    auto B = toBool(Arg);
    if (!B) {
      R.Error = "unsupported value for " + At + ": bool required";
      return;
    }
    R.Text += *B ? "true" : "false";
    return;
  }
  case 'b':
  case 'd':
  case 'o':
  case 'x':
  case 'X':
  case 'e':
  case 'E':
  case 'f':
  case 'g':
  case 'G': {
    auto N = toNumber(Arg);
    if (!N) {
      R.Error = "unsupported value for " + At + ": " +
                (Arg.is(ValueKind::String) ? "a number is required"
                                           : "number required");
      return;
    }
    if (N->is(ValueKind::Unknown)) {
      R.Unknown = N->asString().str();
      return;
    }
    if (N->is(ValueKind::Float) && std::isinf(N->asNumber())) {
      R.Unknown = "formatting an infinity is not evaluated";
      return;
    }
    auto D = toDecimal(*N);
    if (!D) {
      R.Unknown = "the number is beyond what is evaluated";
      return;
    }
    if (llvm::StringRef("bdoxX").contains(V.Mode)) {
      bool Integral = D->Exp >= static_cast<int>(D->Digits.size());
      if (!Integral) {
        R.Error = "unsupported value for " + At + ": an integer is required";
        return;
      }
      std::string Digits;
      if (auto W = wholeNumber(*N)) {
        uint64_t Abs = *W < 0 ? 0 - static_cast<uint64_t>(*W) : *W;
        unsigned Base = V.Mode == 'b'   ? 2
                        : V.Mode == 'o' ? 8
                        : V.Mode == 'd' ? 10
                                        : 16;
        static const char Hex[] = "0123456789abcdef";
        do {
          Digits.insert(Digits.begin(), Hex[Abs % Base]);
          Abs /= Base;
        } while (Abs != 0);
        if (V.Mode == 'X')
          Digits = llvm::StringRef(Digits).upper();
      } else if (V.Mode == 'd') {
        Digits = D->Digits + std::string(D->Exp - D->Digits.size(), '0');
      } else {
        R.Unknown = "the number is beyond what is evaluated";
        return;
      }
      R.Text += goIntText(V, D->Negative && Digits != "0", Digits);
      return;
    }
    auto T = goFloatFormat(V, *D);
    if (!T) {
      R.Unknown = "rounding " + *numberText(*N) +
                  " there depends on Terraform's binary representation";
      return;
    }
    R.Text += *T;
    return;
  }
  case 's':
  case 'q': {
    auto S = primitiveText(Arg);
    if (!S) {
      R.Error = "unsupported value for " + At + ": string required";
      return;
    }
    if (V.HasPrec && V.Prec > 0) {
      auto G = graphemes(*S);
      if (!G) {
        R.Unknown = "the characters of this text are not modelled";
        return;
      }
      if (G->size() > static_cast<size_t>(V.Prec))
        S = S->substr(0, (*G)[V.Prec].data() - S->data());
    }
    if (V.Mode == 's') {
      Out = *S;
    } else {
      appendJsonString(Out, *S);
    }
    break;
  }
  default:
    R.Error = "unsupported format verb '" + std::string(1, V.Mode) + "' in " +
              quoteVerb(V) + " at offset " + std::to_string(V.Offset);
    return;
  }
  if (!padWidth(V, Out)) {
    R.Unknown = "the characters of this text are not modelled";
    return;
  }
  R.Text += Out;
}

/// cty's format state machine: literal text, %%, and verbs
/// %[flags][[n]][width][.prec]letter.
FormatResult runFormat(llvm::StringRef Spec, llvm::ArrayRef<Value> Args) {
  FormatResult R;
  size_t NextArg = 1;
  size_t P = 0;
  auto Digits = [&](int &Out) {
    bool Any = false;
    Out = 0;
    while (P < Spec.size() && llvm::isDigit(Spec[P])) {
      Out = std::min(Out * 10 + (Spec[P] - '0'), 1000000);
      ++P;
      Any = true;
    }
    return Any;
  };
  while (P < Spec.size()) {
    if (R.Text.size() > MaxStringBytes) {
      R.Unknown = "the text would exceed the evaluation limits";
      return R;
    }
    char Ch = Spec[P];
    if (Ch != '%') {
      R.Text += Ch;
      ++P;
      continue;
    }
    if (P + 1 < Spec.size() && Spec[P + 1] == '%') {
      R.Text += '%';
      P += 2;
      continue;
    }
    FormatVerb V;
    V.Offset = P;
    V.ArgNum = NextArg;
    ++P;
    for (; P < Spec.size(); ++P) {
      char F = Spec[P];
      if (F == '0')
        V.Zero = true;
      else if (F == '#')
        V.Sharp = true;
      else if (F == '-')
        V.Minus = true;
      else if (F == '+')
        V.Plus = true;
      else if (F == ' ')
        V.Space = true;
      else
        break;
    }
    auto BadChar = [&]() {
      if (P >= Spec.size()) {
        R.Error =
            "invalid format string starting at offset " + std::to_string(P);
      } else {
        std::string C;
        appendJsonString(C, Spec.substr(P, 1));
        R.Error = "unrecognized format character '" +
                  C.substr(1, C.size() - 2) + "' at offset " +
                  std::to_string(P);
      }
      return R;
    };
    if (P < Spec.size() && Spec[P] == '[') {
      ++P;
      int N;
      if (P >= Spec.size() || Spec[P] == '0' || !Digits(N))
        return BadChar();
      if (P >= Spec.size() || Spec[P] != ']')
        return BadChar();
      ++P;
      V.ArgNum = N;
    }
    if (P < Spec.size() && Spec[P] >= '1' && Spec[P] <= '9') {
      V.HasWidth = true;
      Digits(V.Width);
    }
    if (P < Spec.size() && Spec[P] == '.') {
      ++P;
      V.HasPrec = true;
      Digits(V.Prec);
    }
    if (P >= Spec.size() || !llvm::isAlpha(Spec[P]))
      return BadChar();
    V.Mode = Spec[P];
    ++P;
    V.Raw = Spec.substr(V.Offset, P - V.Offset).str();
    R.HasVerb = true;
    // Go's fmt never pads numbers with zeros on the right.
    formatOne(V, Args, R);
    if (!R.Error.empty() || !R.Unknown.empty())
      return R;
    NextArg = V.ArgNum + 1;
  }
  return R;
}

/// Formats with every argument known; the text, or an Unknown/invalid.
Value formatValues(const Call &C, llvm::StringRef Spec,
                   llvm::ArrayRef<Value> Args, const std::string &Context,
                   bool *Failed = nullptr) {
  FormatResult R = runFormat(Spec, Args);
  if (Failed)
    *Failed =
        !R.Error.empty() || (R.Unknown.empty() && R.MaxArgUsed < Args.size());
  if (!R.Error.empty())
    return C.fail(Context + R.Error);
  if (!R.Unknown.empty())
    return C.unknown(C.fn() + ": " + R.Unknown);
  if (R.MaxArgUsed < Args.size())
    return C.fail(Context + (R.HasVerb ? "too many arguments; only " +
                                             std::to_string(R.MaxArgUsed) +
                                             " used by format string"
                                       : "too many arguments; no verbs in "
                                         "format string"));
  return C.string(std::move(R.Text));
}

Value fnFormat(Call &C) {
  ARITY(1, SIZE_MAX);
  NEED_KNOWN_DEEP();
  auto Spec = stringArg(C, 0);
  if (!Spec)
    return C.invalid();
  return formatValues(C, *Spec, C.Args.drop_front(), "");
}

Value fnFormatList(Call &C) {
  ARITY(1, SIZE_MAX);
  if (auto U = C.unknownDeep(0))
    return *U;
  auto Spec = stringArg(C, 0);
  if (!Spec)
    return C.invalid();
  llvm::ArrayRef<Value> Args = C.Args.drop_front();
  std::optional<size_t> Length;
  size_t Chooser = 0;
  for (size_t I = 0; I < Args.size(); ++I) {
    const Value &A = Args[I];
    // An Unknown may be a list whose length decides the result's.
    if (!A.isKnown())
      return unknownBecause(A);
    if (!A.is(ValueKind::Array))
      continue;
    if (!Length) {
      Length = A.items().size();
      Chooser = I;
    } else if (*Length != A.items().size()) {
      return C.failArg(I + 1, "argument " + std::to_string(I + 1) +
                                  " has length " +
                                  std::to_string(A.items().size()) +
                                  ", which is inconsistent with argument " +
                                  std::to_string(Chooser + 1) + " of length " +
                                  std::to_string(*Length));
    }
  }
  size_t Count = Length.value_or(1);
  if (Count > MaxCollectionElements)
    return C.tooLarge("a list of " + std::to_string(Count) + " elements");
  std::vector<Value> Out;
  for (size_t K = 0; K < Count; ++K) {
    std::vector<Value> Row;
    std::optional<Value> Pending;
    for (const Value &A : Args) {
      Row.push_back(A.is(ValueKind::Array) ? A.items()[K] : A);
      if (!Pending)
        if (const Value *U = firstUnknown(Row.back()))
          Pending = unknownBecause(*U);
    }
    if (Pending) {
      Out.push_back(*Pending);
      continue;
    }
    bool Failed = false;
    Value V = formatValues(
        C, *Spec, Row, "error on format iteration " + std::to_string(K) + ": ",
        &Failed);
    if (Failed)
      return V;
    Out.push_back(V);
  }
  return C.array(std::move(Out));
}

//===- Regular expressions ------------------------------------------------===//
//
// Terraform's patterns are Go's RE2 syntax, matched leftmost-first over code
// points. We parse them, compile them to a small program as Go's
// regexp/syntax does, and run Go's bit-state backtracker, which visits each
// (instruction, position) pair at most once: results equal Go's and the
// work is bounded. Unicode classes (\pL) and case folding beyond ASCII are
// not modelled and give Unknown.

struct ReRange {
  uint32_t Lo, Hi;
};

enum class ReAssert : uint8_t {
  BeginLine,
  EndLine,
  BeginText,
  EndText,
  WordBoundary,
  NotWordBoundary
};

struct ReNode {
  enum KindT : uint8_t {
    Empty,
    Literal,
    Class,
    AnyChar,
    AnyNotNL,
    Concat,
    Alternate,
    Repeat,
    Capture,
    Assert
  } Kind = Empty;
  uint32_t Char = 0;
  bool Fold = false; // ASCII case-insensitive literal
  std::vector<ReRange> Ranges;
  std::vector<int> Kids;
  int Min = 0, Max = 0; // Max < 0: unbounded
  bool Greedy = true;
  int Cap = 0;
  ReAssert Assertion = ReAssert::BeginText;
};

struct ReFlags {
  bool I = false, M = false, S = false, U = false;
};

/// Why a pattern was not compiled: RE2 rejects it (an error in Terraform)
/// or we do not model it (Unknown).
struct ReError {
  std::string Why;
  bool Invalid = false;
};

class ReParser {
public:
  ReParser(std::u32string P) : P(std::move(P)) {}

  std::vector<ReNode> Nodes;
  std::vector<std::string> Names; // per capture group, "" if unnamed
  std::optional<ReError> Error;
  bool FoldsCase = false;

  /// The root node, or -1 with Error set.
  int parse() {
    ReFlags F;
    int Root = alternation(F, 0);
    if (Root >= 0 && I < P.size())
      return reject("the pattern has an unmatched ')'");
    return Root;
  }

private:
  std::u32string P;
  size_t I = 0;

  int add(ReNode N) {
    Nodes.push_back(std::move(N));
    return static_cast<int>(Nodes.size()) - 1;
  }
  int reject(std::string Why) {
    if (!Error)
      Error = ReError{std::move(Why), true};
    return -1;
  }
  int unsupported(std::string Why) {
    if (!Error)
      Error = ReError{std::move(Why), false};
    return -1;
  }
  bool at(char32_t C) const { return I < P.size() && P[I] == C; }

  int alternation(ReFlags &F, unsigned Depth) {
    if (Depth > 64)
      return unsupported("groups nested more than 64 deep are not evaluated");
    std::vector<int> Alts;
    while (true) {
      int C = concatenation(F, Depth);
      if (C < 0)
        return -1;
      Alts.push_back(C);
      if (!at('|'))
        break;
      ++I;
    }
    if (Alts.size() == 1)
      return Alts[0];
    ReNode N;
    N.Kind = ReNode::Alternate;
    N.Kids = std::move(Alts);
    return add(std::move(N));
  }

  int concatenation(ReFlags &F, unsigned Depth) {
    ReNode N;
    N.Kind = ReNode::Concat;
    bool LastWasRepeat = false;
    while (I < P.size() && P[I] != '|' && P[I] != ')') {
      // Flags for the rest of this group: (?i), (?-s), ...
      if (at('(') && I + 2 < P.size() && P[I + 1] == '?') {
        size_t J = I + 2;
        ReFlags G = F;
        if (readFlags(J, G) && J < P.size() && P[J] == ')') {
          F = G;
          I = J + 1;
          LastWasRepeat = false;
          continue;
        }
      }
      // \Q...\E: each character is an item of its own.
      if (at('\\') && I + 1 < P.size() && P[I + 1] == 'Q') {
        I += 2;
        while (I < P.size()) {
          if (P[I] == '\\' && I + 1 < P.size() && P[I + 1] == 'E') {
            I += 2;
            break;
          }
          int L = literal(P[I++], F);
          if (L < 0)
            return -1;
          N.Kids.push_back(L);
        }
        LastWasRepeat = false;
        continue;
      }
      // A repetition applies to the last item, even across a flag group,
      // with the flags in force where the operator is written.
      int Min, Max;
      size_t J = I;
      if (readRepeat(J, Min, Max)) {
        if (N.Kids.empty())
          return reject("missing argument to repetition operator");
        if (LastWasRepeat)
          return reject("invalid nested repetition operator");
        if (Min > 1000 || Max > 1000)
          return reject("invalid repeat count");
        bool Lazy = J < P.size() && P[J] == '?';
        if (Lazy)
          ++J;
        ReNode R;
        R.Kind = ReNode::Repeat;
        R.Kids = {N.Kids.back()};
        R.Min = Min;
        R.Max = Max;
        R.Greedy = Lazy == F.U;
        N.Kids.back() = add(std::move(R));
        LastWasRepeat = true;
        I = J;
        continue;
      }
      int A = atom(F, Depth);
      if (A < 0)
        return -1;
      N.Kids.push_back(A);
      LastWasRepeat = false;
    }
    return add(std::move(N));
  }

  /// Reads flag letters at J (i, m, s, U, with '-' to clear) into F.
  bool readFlags(size_t &J, ReFlags &F) {
    bool Clear = false, Any = false;
    for (; J < P.size() && P[J] != ')' && P[J] != ':'; ++J) {
      char32_t C = P[J];
      bool *Flag = C == 'i'   ? &F.I
                   : C == 'm' ? &F.M
                   : C == 's' ? &F.S
                   : C == 'U' ? &F.U
                              : nullptr;
      if (C == '-' && !Clear) {
        Clear = true;
        continue;
      }
      if (!Flag)
        return false;
      *Flag = !Clear;
      Any = true;
    }
    return Any;
  }

  /// A repetition operator at J (*, +, ?, {n}, {n,}, {n,m}); J moves past
  /// it. False for anything else, a literal brace included.
  bool readRepeat(size_t &J, int &Min, int &Max) {
    if (J >= P.size())
      return false;
    switch (P[J]) {
    case '*':
      Min = 0, Max = -1, ++J;
      return true;
    case '+':
      Min = 1, Max = -1, ++J;
      return true;
    case '?':
      Min = 0, Max = 1, ++J;
      return true;
    case '{':
      return readCount(J, Min, Max);
    default:
      return false;
    }
  }

  /// {n}, {n,} or {n,m} at J; false when the brace is a literal.
  bool readCount(size_t &J, int &Min, int &Max) {
    size_t K = J + 1;
    auto Number = [&](int &Out) {
      size_t From = K;
      Out = 0;
      while (K < P.size() && P[K] >= '0' && P[K] <= '9') {
        Out = std::min(Out * 10 + static_cast<int>(P[K] - '0'), 100000);
        ++K;
      }
      return K > From;
    };
    if (!Number(Min))
      return false;
    Max = Min;
    if (K < P.size() && P[K] == ',') {
      ++K;
      if (!Number(Max))
        Max = -1;
    }
    if (K >= P.size() || P[K] != '}')
      return false;
    if (Max >= 0 && Max < Min)
      return false;
    J = K + 1;
    return true;
  }

  int literal(uint32_t C, const ReFlags &F) {
    ReNode N;
    N.Kind = ReNode::Literal;
    N.Char = C;
    if (F.I && C < 0x80 && llvm::isAlpha(static_cast<char>(C)))
      N.Fold = FoldsCase = true;
    else if (F.I && mapCase(C, true) != mapCase(C, false))
      return unsupported("case-insensitive matching of non-ASCII letters is "
                         "not evaluated");
    return add(std::move(N));
  }

  int atom(ReFlags &F, unsigned Depth) {
    char32_t C = P[I];
    switch (C) {
    case '(':
      return group(F, Depth);

    case '.': {
      ++I;
      ReNode N;
      N.Kind = F.S ? ReNode::AnyChar : ReNode::AnyNotNL;
      return add(std::move(N));
    }
    case '^':
    case '$': {
      ++I;
      ReNode N;
      N.Kind = ReNode::Assert;
      N.Assertion = C == '^' ? (F.M ? ReAssert::BeginLine : ReAssert::BeginText)
                             : (F.M ? ReAssert::EndLine : ReAssert::EndText);
      return add(std::move(N));
    }
    case '[':
      return bracket(F);
    case '\\':
      return escape(F);
    default:
      ++I;
      return literal(C, F);
    }
  }

  int group(ReFlags &F, unsigned Depth) {
    ++I; // '('
    int Cap = -1;
    ReFlags Inner = F;
    if (at('?')) {
      size_t J = I + 1;
      if (J < P.size() && (P[J] == 'P' || P[J] == '<')) {
        if (P[J] == 'P')
          ++J;
        if (J >= P.size() || P[J] != '<')
          return reject("invalid or unsupported Perl syntax");
        if (J + 1 < P.size() && (P[J + 1] == '=' || P[J + 1] == '!'))
          return reject("invalid or unsupported Perl syntax: lookbehind");
        ++J;
        std::string Name;
        while (J < P.size() && P[J] != '>') {
          char32_t NC = P[J++];
          if (NC >= 0x80 ||
              !(llvm::isAlnum(static_cast<char>(NC)) || NC == '_'))
            return reject("invalid named capture");
          Name += static_cast<char>(NC);
        }
        if (J >= P.size() || Name.empty())
          return reject("invalid named capture");
        Names.push_back(Name);
        Cap = static_cast<int>(Names.size());
        I = J + 1;
      } else {
        if (!readFlags(J, Inner) &&
            !(J < P.size() && P[J] == ':' && J == I + 1))
          return reject("invalid or unsupported Perl syntax");
        if (J >= P.size() || P[J] != ':')
          return reject("invalid or unsupported Perl syntax");
        I = J + 1;
      }
    } else {
      Names.push_back("");
      Cap = static_cast<int>(Names.size());
    }
    int Body = alternation(Inner, Depth + 1);
    if (Body < 0)
      return -1;
    if (!at(')'))
      return reject("missing closing )");
    ++I;
    if (Cap < 0)
      return Body;
    ReNode N;
    N.Kind = ReNode::Capture;
    N.Cap = Cap;
    N.Kids = {Body};
    return add(std::move(N));
  }

  static std::vector<ReRange> perlClass(char32_t Letter) {
    switch (Letter) {
    case 'd':
    case 'D':
      return {{'0', '9'}};
    case 'w':
    case 'W':
      return {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
    default:
      return {{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}};
    }
  }

  static std::vector<ReRange> negate(std::vector<ReRange> R) {
    llvm::sort(R,
               [](const ReRange &A, const ReRange &B) { return A.Lo < B.Lo; });
    std::vector<ReRange> Out;
    uint32_t Next = 0;
    for (const ReRange &X : R) {
      if (X.Lo > Next)
        Out.push_back({Next, X.Lo - 1});
      Next = std::max(Next, X.Hi + 1);
    }
    if (Next <= 0x10FFFF)
      Out.push_back({Next, 0x10FFFF});
    return Out;
  }

  static std::optional<std::vector<ReRange>> posixClass(llvm::StringRef Name) {
    using V = std::vector<ReRange>;
    static const std::pair<const char *, V> Classes[] = {
        {"alnum", {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}}},
        {"alpha", {{'A', 'Z'}, {'a', 'z'}}},
        {"ascii", {{0, 0x7F}}},
        {"blank", {{'\t', '\t'}, {' ', ' '}}},
        {"cntrl", {{0, 0x1F}, {0x7F, 0x7F}}},
        {"digit", {{'0', '9'}}},
        {"graph", {{'!', '~'}}},
        {"lower", {{'a', 'z'}}},
        {"print", {{' ', '~'}}},
        {"punct", {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}}},
        {"space", {{'\t', '\r'}, {' ', ' '}}},
        {"upper", {{'A', 'Z'}}},
        {"word", {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}},
        {"xdigit", {{'0', '9'}, {'A', 'F'}, {'a', 'f'}}},
    };
    for (const auto &[N, R] : Classes)
      if (Name == N)
        return R;
    return std::nullopt;
  }

  /// A literal escape (\n, \x41, \x{263a}, \., \123); nullopt otherwise.
  std::optional<uint32_t> escapedLiteral() {
    char32_t E = P[I];
    switch (E) {
    case 'a':
      return ++I, 7;
    case 'f':
      return ++I, '\f';
    case 't':
      return ++I, '\t';
    case 'n':
      return ++I, '\n';
    case 'r':
      return ++I, '\r';
    case 'v':
      return ++I, '\v';
    case 'x': {
      size_t J = I + 1;
      std::string Hex;
      if (J < P.size() && P[J] == '{') {
        ++J;
        while (J < P.size() && P[J] != '}' && Hex.size() < 8)
          Hex += static_cast<char>(P[J++]);
        if (J >= P.size() || P[J] != '}')
          return std::nullopt;
        ++J;
      } else {
        for (int K = 0; K < 2 && J < P.size(); ++K)
          Hex += static_cast<char>(P[J++]);
        if (Hex.size() != 2)
          return std::nullopt;
      }
      unsigned V;
      if (Hex.empty() || !llvm::all_of(Hex, llvm::isHexDigit) ||
          llvm::StringRef(Hex).getAsInteger(16, V) || V > 0x10FFFF)
        return std::nullopt;
      I = J;
      return V;
    }
    default:
      if (E >= '0' && E <= '7') {
        // Go: \1-\7 alone would be a backreference; \0 and \1x are octal.
        if (E != '0' &&
            !(I + 1 < P.size() && P[I + 1] >= '0' && P[I + 1] <= '7'))
          return std::nullopt;
        uint32_t V = 0;
        for (int K = 0; K < 3 && I < P.size() && P[I] >= '0' && P[I] <= '7';
             ++K)
          V = V * 8 + (P[I++] - '0');
        return V;
      }
      if (E < 0x80 && llvm::isPrint(static_cast<char>(E)) &&
          !llvm::isAlnum(static_cast<char>(E)) && E != ' ') {
        ++I;
        return E;
      }
      return std::nullopt;
    }
  }

  int badEscape(char32_t E) {
    std::string Text = "\\" + encodeUtf8(std::u32string(1, E));
    if (E == 'p' || E == 'P' || E == 'C')
      return unsupported("the escape '" + Text + "' is not evaluated");
    return reject("invalid escape sequence: '" + Text + "'");
  }

  int escape(ReFlags &F) {
    ++I;
    if (I >= P.size())
      return reject("trailing backslash at end of expression");
    char32_t E = P[I];
    if (E < 0x80 && llvm::StringRef("dDwWsS").contains(static_cast<char>(E))) {
      ++I;
      ReNode N;
      N.Kind = ReNode::Class;
      N.Ranges = perlClass(E);
      if (E >= 'A' && E <= 'Z')
        N.Ranges = negate(N.Ranges);
      return add(std::move(N));
    }
    ReAssert A;
    bool IsAssert = true;
    switch (E) {
    case 'b':
      A = ReAssert::WordBoundary;
      break;
    case 'B':
      A = ReAssert::NotWordBoundary;
      break;
    case 'A':
      A = ReAssert::BeginText;
      break;
    case 'z':
      A = ReAssert::EndText;
      break;
    default:
      IsAssert = false;
    }
    if (IsAssert) {
      ++I;
      ReNode N;
      N.Kind = ReNode::Assert;
      N.Assertion = A;
      return add(std::move(N));
    }
    if (E == 'Q') {
      ++I;
      ReNode N;
      N.Kind = ReNode::Concat;
      while (I < P.size()) {
        if (P[I] == '\\' && I + 1 < P.size() && P[I + 1] == 'E') {
          I += 2;
          break;
        }
        int L = literal(P[I++], F);
        if (L < 0)
          return -1;
        N.Kids.push_back(L);
      }
      return add(std::move(N));
    }
    auto Lit = escapedLiteral();
    if (!Lit)
      return badEscape(E);
    return literal(*Lit, F);
  }

  /// One class item's code point (a literal or an escape); nullopt after
  /// setting Error, or for a Perl class that Ranges received.
  std::optional<uint32_t> classChar(std::vector<ReRange> &Ranges, bool &Done) {
    Done = false;
    if (P[I] != '\\')
      return P[I++];
    ++I;
    if (I >= P.size()) {
      reject("trailing backslash at end of expression");
      return std::nullopt;
    }
    char32_t E = P[I];
    if (E < 0x80 && llvm::StringRef("dDwWsS").contains(static_cast<char>(E))) {
      ++I;
      auto R = perlClass(E);
      if (E >= 'A' && E <= 'Z')
        R = negate(R);
      llvm::append_range(Ranges, R);
      Done = true;
      return std::nullopt;
    }
    auto Lit = escapedLiteral();
    if (!Lit)
      badEscape(E);
    return Lit;
  }

  int bracket(const ReFlags &F) {
    ++I; // '['
    bool Negated = at('^');
    if (Negated)
      ++I;
    std::vector<ReRange> Ranges;
    bool First = true;
    while (true) {
      if (I >= P.size())
        return reject("missing closing ]");
      if (P[I] == ']' && !First) {
        ++I;
        break;
      }
      First = false;
      if (P[I] == '[' && I + 1 < P.size() && P[I + 1] == ':') {
        size_t End = I + 2;
        std::string Name;
        while (End < P.size() && P[End] != ':' && Name.size() < 10)
          Name += static_cast<char>(P[End++]);
        if (End + 1 < P.size() && P[End] == ':' && P[End + 1] == ']') {
          bool Neg = llvm::StringRef(Name).consume_front("^");
          auto R = posixClass(Neg ? Name.substr(1) : Name);
          if (!R)
            return reject("invalid character class range");
          llvm::append_range(Ranges, Neg ? negate(*R) : *R);
          I = End + 2;
          continue;
        }
      }
      bool Done;
      auto Lo = classChar(Ranges, Done);
      if (Done)
        continue;
      if (!Lo)
        return -1;
      uint32_t Hi = *Lo;
      if (at('-') && I + 1 < P.size() && P[I + 1] != ']') {
        ++I;
        auto H = classChar(Ranges, Done);
        if (Done || !H)
          return Error ? -1 : reject("invalid character class range");
        if (*H < *Lo)
          return reject("invalid character class range");
        Hi = *H;
      }
      Ranges.push_back({*Lo, Hi});
    }
    if (F.I) {
      FoldsCase = true;
      std::vector<ReRange> Folded;
      for (const ReRange &R : Ranges) {
        if (R.Hi >= 0x80 && R.Lo < 0x10FFFF && !(R.Lo == 0x80))
          for (uint32_t C = std::max<uint32_t>(R.Lo, 0x80);
               C <= std::min<uint32_t>(R.Hi, 0x24F); ++C)
            if (mapCase(C, true) != mapCase(C, false))
              return unsupported("case-insensitive matching of non-ASCII "
                                 "letters is not evaluated");
        for (uint32_t C = std::max<uint32_t>(R.Lo, 'A');
             C <= std::min<uint32_t>(R.Hi, 'z'); ++C)
          if (llvm::isAlpha(static_cast<char>(C)))
            Folded.push_back({C ^ 0x20, C ^ 0x20});
      }
      llvm::append_range(Ranges, Folded);
    }
    ReNode N;
    N.Kind = ReNode::Class;
    N.Ranges = Negated ? negate(std::move(Ranges)) : std::move(Ranges);
    return add(std::move(N));
  }
};

/// One instruction of the compiled pattern.
struct ReInst {
  enum OpT : uint8_t {
    Char,
    Class,
    Any,
    AnyNotNL,
    Split,
    Jump,
    Save,
    Assert,
    Match
  } Op;
  uint32_t Rune = 0;
  bool Fold = false;
  int Node = -1;      // the Class node
  int X = -1, Y = -1; // Split: X preferred; Jump: X
  int Slot = 0;
  ReAssert Assertion = ReAssert::BeginText;
};

struct Regex {
  std::vector<ReNode> Nodes;
  std::vector<ReInst> Prog;
  /// One per capture group; empty for an unnamed group.
  std::vector<std::string> Names;
  /// Whether some part matches case-insensitively.
  bool FoldsCase = false;
};

/// Compiles nodes to instructions as Go's regexp/syntax compiler does
/// (repetitions expanded as its simplifier does).
class ReCompiler {
public:
  ReCompiler(Regex &R) : R(R) {}

  bool compile(int Root) {
    emit(Root);
    ReInst M{ReInst::Match};
    R.Prog.push_back(M);
    return R.Prog.size() <= MaxInsts;
  }

private:
  static constexpr size_t MaxInsts = 20000;
  Regex &R;

  int here() const { return static_cast<int>(R.Prog.size()); }
  int push(ReInst I) {
    R.Prog.push_back(I);
    return here() - 1;
  }

  bool nullable(int N) const {
    const ReNode &X = R.Nodes[N];
    switch (X.Kind) {
    case ReNode::Empty:
    case ReNode::Assert:
      return true;
    case ReNode::Concat:
      return llvm::all_of(X.Kids, [&](int K) { return nullable(K); });
    case ReNode::Alternate:
      return llvm::any_of(X.Kids, [&](int K) { return nullable(K); });
    case ReNode::Repeat:
      return X.Min == 0 || nullable(X.Kids[0]);
    case ReNode::Capture:
      return nullable(X.Kids[0]);
    default:
      return false;
    }
  }

  void emit(int N) {
    if (R.Prog.size() > MaxInsts)
      return;
    const ReNode &X = R.Nodes[N];
    switch (X.Kind) {
    case ReNode::Empty:
      return;
    case ReNode::Literal: {
      ReInst I{ReInst::Char};
      I.Rune = X.Char;
      I.Fold = X.Fold;
      push(I);
      return;
    }
    case ReNode::Class: {
      ReInst I{ReInst::Class};
      I.Node = N;
      push(I);
      return;
    }
    case ReNode::AnyChar:
      push(ReInst{ReInst::Any});
      return;
    case ReNode::AnyNotNL:
      push(ReInst{ReInst::AnyNotNL});
      return;
    case ReNode::Assert: {
      ReInst I{ReInst::Assert};
      I.Assertion = X.Assertion;
      push(I);
      return;
    }
    case ReNode::Concat:
      for (int K : std::vector<int>(X.Kids))
        emit(K);
      return;
    case ReNode::Capture: {
      ReInst Open{ReInst::Save};
      Open.Slot = 2 * X.Cap;
      push(Open);
      emit(X.Kids[0]);
      ReInst Close{ReInst::Save};
      Close.Slot = 2 * X.Cap + 1;
      push(Close);
      return;
    }
    case ReNode::Alternate: {
      std::vector<int> Jumps;
      std::vector<int> Kids = X.Kids;
      for (size_t K = 0; K < Kids.size(); ++K) {
        if (K + 1 == Kids.size()) {
          emit(Kids[K]);
          break;
        }
        int S = push(ReInst{ReInst::Split});
        R.Prog[S].X = here();
        emit(Kids[K]);
        Jumps.push_back(push(ReInst{ReInst::Jump}));
        R.Prog[S].Y = here();
      }
      for (int J : Jumps)
        R.Prog[J].X = here();
      return;
    }
    case ReNode::Repeat:
      repeat(X.Kids[0], X.Min, X.Max, X.Greedy);
      return;
    }
  }

  /// x? : Split(x, next), preferring x when greedy.
  void quest(int Kid, bool Greedy) {
    int S = push(ReInst{ReInst::Split});
    int Body = here();
    emit(Kid);
    setSplit(S, Body, here(), Greedy);
  }
  /// x+ : x; Split(x, next).
  void plus(int Kid, bool Greedy) {
    int Body = here();
    emit(Kid);
    int S = push(ReInst{ReInst::Split});
    setSplit(S, Body, here(), Greedy);
  }
  /// x* : L: Split(x, next); x; Jump L. Go compiles a nullable x* as (x+)?.
  void star(int Kid, bool Greedy) {
    if (nullable(Kid)) {
      int S = push(ReInst{ReInst::Split});
      int Body = here();
      plus(Kid, Greedy);
      setSplit(S, Body, here(), Greedy);
      return;
    }
    int S = push(ReInst{ReInst::Split});
    int Body = here();
    emit(Kid);
    ReInst J{ReInst::Jump};
    J.X = S;
    push(J);
    setSplit(S, Body, here(), Greedy);
  }
  void setSplit(int S, int Body, int Next, bool Greedy) {
    R.Prog[S].X = Greedy ? Body : Next;
    R.Prog[S].Y = Greedy ? Next : Body;
  }

  void repeat(int Kid, int Min, int Max, bool Greedy) {
    if (Min == 0 && Max == 1)
      return quest(Kid, Greedy);
    if (Min == 0 && Max < 0)
      return star(Kid, Greedy);
    if (Min == 1 && Max < 0)
      return plus(Kid, Greedy);
    if (Max < 0) { // x{n,} is n-1 copies then x+
      for (int K = 0; K < Min - 1; ++K)
        emit(Kid);
      return plus(Kid, Greedy);
    }
    for (int K = 0; K < Min; ++K)
      emit(Kid);
    // x{n,m}: the rest as nested optionals, (x(x)?)?.
    std::vector<int> Splits;
    for (int K = Min; K < Max; ++K) {
      Splits.push_back(push(ReInst{ReInst::Split}));
      R.Prog[Splits.back()].X = here();
      emit(Kid);
    }
    for (int S : Splits)
      setSplit(S, R.Prog[S].X, here(), Greedy);
  }
};

std::optional<Regex> compileRe2(llvm::StringRef Pattern, ReError &Error) {
  if (Pattern.size() > 16384) {
    Error = {"patterns this long are not evaluated", false};
    return std::nullopt;
  }
  ReParser Parser(decodeUtf8(Pattern));
  int Root = Parser.parse();
  if (Root < 0) {
    Error = *Parser.Error;
    return std::nullopt;
  }
  Regex R;
  R.Nodes = std::move(Parser.Nodes);
  R.Names = std::move(Parser.Names);
  R.FoldsCase = Parser.FoldsCase;
  if (!ReCompiler(R).compile(Root)) {
    Error = {"expression too large", true};
    return std::nullopt;
  }
  return R;
}

/// Match spans in code points: [2g], [2g+1]; -1 where a group did not take
/// part.
using Spans = std::vector<long>;

/// Go's bit-state backtracker over one text; Budget bounds the work of all
/// searches together.
class ReMatcher {
public:
  ReMatcher(const Regex &R, const std::u32string &T, size_t &Budget)
      : R(R), T(T), Budget(Budget) {}

  /// The leftmost-first match starting at or after Pos; nullopt when there
  /// is none; sets OverBudget when the work limit was hit.
  std::optional<Spans> search(long Pos) {
    size_t Bits = R.Prog.size() * (T.size() + 1);
    if (Bits > Budget) {
      OverBudget = true;
      return std::nullopt;
    }
    Budget -= Bits;
    Visited.assign((Bits + 63) / 64, 0);
    size_t Slots = 2 * (R.Names.size() + 1);
    for (long Start = Pos; Start <= static_cast<long>(T.size()); ++Start) {
      Cap.assign(Slots, -1);
      Cap[0] = Start;
      if (tryAt(Start))
        return Cap;
    }
    return std::nullopt;
  }

  bool OverBudget = false;

private:
  const Regex &R;
  const std::u32string &T;
  size_t &Budget;
  std::vector<uint64_t> Visited;
  Spans Cap;
  struct Job {
    int PC;
    long Pos;
    bool Arg;
  };
  std::vector<Job> Jobs;

  bool shouldVisit(int PC, long Pos) {
    size_t N = static_cast<size_t>(PC) * (T.size() + 1) + Pos;
    uint64_t Bit = uint64_t(1) << (N % 64);
    if (Visited[N / 64] & Bit)
      return false;
    Visited[N / 64] |= Bit;
    return true;
  }

  static bool isWord(long C) {
    return C >= 0 && C < 0x80 &&
           (llvm::isAlnum(static_cast<char>(C)) || C == '_');
  }

  bool assertion(ReAssert A, long Pos) const {
    long Before = Pos > 0 ? static_cast<long>(T[Pos - 1]) : -1;
    long After =
        Pos < static_cast<long>(T.size()) ? static_cast<long>(T[Pos]) : -1;
    switch (A) {
    case ReAssert::BeginText:
      return Pos == 0;
    case ReAssert::EndText:
      return After < 0;
    case ReAssert::BeginLine:
      return Pos == 0 || Before == '\n';
    case ReAssert::EndLine:
      return After < 0 || After == '\n';
    case ReAssert::WordBoundary:
      return isWord(Before) != isWord(After);
    case ReAssert::NotWordBoundary:
      return isWord(Before) == isWord(After);
    }
    return false;
  }

  bool matchesChar(const ReInst &I, char32_t C) const {
    switch (I.Op) {
    case ReInst::Char:
      return C == I.Rune || (I.Fold && (C ^ 0x20) == I.Rune);
    case ReInst::Any:
      return true;
    case ReInst::AnyNotNL:
      return C != '\n';
    case ReInst::Class:
      return llvm::any_of(R.Nodes[I.Node].Ranges, [&](const ReRange &X) {
        return C >= X.Lo && C <= X.Hi;
      });
    default:
      return false;
    }
  }

  void pushJob(int PC, long Pos, bool Arg) {
    if (Arg || shouldVisit(PC, Pos))
      Jobs.push_back({PC, Pos, Arg});
  }

  bool tryAt(long Start) {
    Jobs.clear();
    pushJob(0, Start, false);
    while (!Jobs.empty()) {
      Job J = Jobs.back();
      Jobs.pop_back();
      int PC = J.PC;
      long Pos = J.Pos;
      bool Arg = J.Arg;
      bool Check = false;
      while (true) {
        if (Check && !shouldVisit(PC, Pos))
          break;
        Check = true;
        const ReInst &I = R.Prog[PC];
        if (I.Op == ReInst::Split) {
          if (Arg) {
            Arg = false;
            PC = I.Y;
          } else {
            pushJob(PC, Pos, true);
            PC = I.X;
          }
          continue;
        }
        if (I.Op == ReInst::Save) {
          if (Arg) {
            Cap[I.Slot] = Pos; // restoring the value saved below
            break;
          }
          if (static_cast<size_t>(I.Slot) < Cap.size()) {
            pushJob(PC, Cap[I.Slot], true);
            Cap[I.Slot] = Pos;
          }
          ++PC;
          continue;
        }
        if (I.Op == ReInst::Jump) {
          PC = I.X;
          continue;
        }
        if (I.Op == ReInst::Assert) {
          if (!assertion(I.Assertion, Pos))
            break;
          ++PC;
          continue;
        }
        if (I.Op == ReInst::Match) {
          Cap[1] = Pos;
          return true;
        }
        if (Pos >= static_cast<long>(T.size()) || !matchesChar(I, T[Pos]))
          break;
        ++Pos;
        ++PC;
      }
    }
    return false;
  }
};

/// Work allowed for the matches of one call: (instructions x positions)
/// visited, summed over the searches.
constexpr size_t RegexBudget = size_t(1) << 26;

/// Go's FindAllStringSubmatchIndex: successive matches, an empty match
/// right after a previous match skipped. nullopt when over budget.
std::optional<std::vector<Spans>>
findAll(const Regex &R, const std::u32string &Text, size_t Limit) {
  size_t Budget = RegexBudget;
  ReMatcher M(R, Text, Budget);
  std::vector<Spans> Out;
  long Pos = 0, PrevEnd = -1, End = static_cast<long>(Text.size());
  while (Pos <= End && Out.size() < Limit) {
    auto S = M.search(Pos);
    if (M.OverBudget)
      return std::nullopt;
    if (!S)
      break;
    bool Accept = true;
    if ((*S)[1] == Pos) {
      if ((*S)[0] == PrevEnd)
        Accept = false;
      Pos += 1;
    } else {
      Pos = (*S)[1];
    }
    PrevEnd = (*S)[1];
    if (Accept)
      Out.push_back(std::move(*S));
  }
  return Out;
}

std::string fromCodePoints(const std::u32string &S, long Begin, long End) {
  return encodeUtf8(std::u32string_view(S).substr(Begin, End - Begin));
}

/// regex()'s result for one match: the match, a tuple of groups, or an
/// object of named groups.
Value matchResult(const Call &C, const Regex &R, const std::u32string &Text,
                  const Spans &S) {
  if (R.Names.empty())
    return C.string(fromCodePoints(Text, S[0], S[1]));
  auto Group = [&](size_t G) {
    long B = S[2 * (G + 1)], E = S[2 * (G + 1) + 1];
    if (B < 0 || E < 0)
      return C.null();
    return C.string(fromCodePoints(Text, B, E));
  };
  if (R.Names[0].empty()) {
    std::vector<Value> Items;
    for (size_t G = 0; G < R.Names.size(); ++G)
      Items.push_back(Group(G));
    return C.array(std::move(Items));
  }
  std::vector<Member> Members;
  for (size_t G = 0; G < R.Names.size(); ++G)
    Members.push_back({R.Names[G], C.origin(), Group(G)});
  return C.object(sortedMembers(std::move(Members)));
}

/// Go folds k with U+212A (Kelvin) and s with U+017F (long s); we fold
/// ASCII only.
bool foldsBeyondAscii(const Regex &R, const std::u32string &Text) {
  return R.FoldsCase && (Text.find(U'\u212A') != std::u32string::npos ||
                         Text.find(U'\u017F') != std::u32string::npos);
}

/// The compiled pattern, or the result to return.
std::variant<Regex, Value> patternArg(const Call &C, llvm::StringRef Pattern) {
  ReError Error;
  auto R = compileRe2(Pattern, Error);
  if (!R)
    return Error.Invalid ? C.failArg(0, "invalid regexp pattern: " + Error.Why)
                         : C.unsupported(Error.Why);
  return std::move(*R);
}

Value regexCall(Call &C, bool All) {
  ARITY(2, 2);
  NEED_KNOWN_DEEP();
  auto Pattern = stringArg(C, 0);
  auto Text = Pattern ? stringArg(C, 1) : std::nullopt;
  if (!Text)
    return C.invalid();
  auto Compiled = patternArg(C, *Pattern);
  if (auto *V = std::get_if<Value>(&Compiled))
    return *V;
  const Regex &R = std::get<Regex>(Compiled);
  // regex() gives a tuple or an object; replace() takes both kinds.
  bool Named = llvm::any_of(R.Names, [](auto &N) { return !N.empty(); });
  bool Unnamed = llvm::any_of(R.Names, [](auto &N) { return N.empty(); });
  if (Named && Unnamed)
    return C.failArg(0, "invalid regexp pattern: cannot mix both named and "
                        "unnamed capture groups");
  std::u32string Wide = decodeUtf8(*Text);
  if (foldsBeyondAscii(R, Wide))
    return C.unsupported("case-insensitive matching of non-ASCII letters is "
                         "not evaluated");
  auto Matches = findAll(R, Wide, All ? SIZE_MAX : 1);
  if (!Matches)
    return C.tooLarge("matching this text");
  if (!All) {
    if (Matches->empty())
      return C.fail("pattern did not match any part of the given string");
    return matchResult(C, R, Wide, Matches->front());
  }
  std::vector<Value> Out;
  for (const Spans &S : *Matches)
    Out.push_back(matchResult(C, R, Wide, S));
  return C.array(std::move(Out));
}

Value fnRegex(Call &C) { return regexCall(C, false); }
Value fnRegexAll(Call &C) { return regexCall(C, true); }

/// Go's Regexp.Expand of a replacement template ($1, ${1}, $name, $$);
/// nullopt for a template whose names we cannot read.
std::optional<std::string> expandTemplate(llvm::StringRef Template,
                                          const Regex &R,
                                          const std::u32string &Text,
                                          const Spans &S) {
  std::string Out;
  while (!Template.empty()) {
    size_t Dollar = Template.find('$');
    if (Dollar == llvm::StringRef::npos)
      break;
    Out += Template.take_front(Dollar);
    Template = Template.drop_front(Dollar + 1);
    if (Template.startswith("$")) {
      Out += '$';
      Template = Template.drop_front();
      continue;
    }
    bool Brace = Template.startswith("{");
    llvm::StringRef Rest = Brace ? Template.drop_front() : Template;
    size_t N = 0;
    while (N < Rest.size() && (llvm::isAlnum(Rest[N]) || Rest[N] == '_'))
      ++N;
    if (N < Rest.size() && static_cast<unsigned char>(Rest[N]) >= 0x80)
      return std::nullopt; // Go reads Unicode letters into the name
    if (N == 0 || (Brace && (N >= Rest.size() || Rest[N] != '}'))) {
      Out += '$';
      continue;
    }
    llvm::StringRef Name = Rest.take_front(N);
    Template = Rest.drop_front(Brace ? N + 1 : N);
    long Group = -1;
    unsigned Num;
    if (llvm::all_of(Name, llvm::isDigit) &&
        !(Name.size() > 1 && Name[0] == '0') && Name.size() <= 8 &&
        !Name.getAsInteger(10, Num)) {
      Group = Num;
    } else {
      for (size_t G = 0; G < R.Names.size(); ++G)
        if (R.Names[G] == Name) {
          Group = static_cast<long>(G + 1);
          break;
        }
    }
    if (Group >= 0 && 2 * static_cast<size_t>(Group) + 1 < S.size() &&
        S[2 * Group] >= 0)
      Out += fromCodePoints(Text, S[2 * Group], S[2 * Group + 1]);
  }
  Out += Template;
  return Out;
}

/// Go's ReplaceAllString.
Value regexReplace(const Call &C, llvm::StringRef Text, llvm::StringRef Pattern,
                   llvm::StringRef Replacement) {
  auto Compiled = patternArg(C, Pattern);
  if (auto *V = std::get_if<Value>(&Compiled))
    return *V;
  const Regex &R = std::get<Regex>(Compiled);
  std::u32string Wide = decodeUtf8(Text);
  if (foldsBeyondAscii(R, Wide))
    return C.unsupported("case-insensitive matching of non-ASCII letters is "
                         "not evaluated");
  size_t Budget = RegexBudget;
  ReMatcher M(R, Wide, Budget);
  std::string Out;
  long Last = 0, Pos = 0, End = static_cast<long>(Wide.size());
  while (Pos <= End) {
    auto S = M.search(Pos);
    if (M.OverBudget)
      return C.tooLarge("matching this text");
    if (!S)
      break;
    Out += fromCodePoints(Wide, Last, (*S)[0]);
    // No replacement for an empty match right after a match.
    if ((*S)[1] > Last || (*S)[0] == 0) {
      auto Expanded = expandTemplate(Replacement, R, Wide, *S);
      if (!Expanded)
        return C.unsupported("the replacement names a group we cannot read");
      Out += *Expanded;
    }
    if (Out.size() > MaxStringBytes)
      return C.tooLarge("the replaced text");
    Last = (*S)[1];
    Pos = Pos + 1 > (*S)[1] ? Pos + 1 : (*S)[1];
  }
  Out += fromCodePoints(Wide, Last, End);
  return C.string(std::move(Out));
}

//===- Strings ------------------------------------------------------------===//

/// The strings of all arguments, converted; nullopt after a report.
std::optional<std::vector<std::string>> stringArgs(const Call &C) {
  std::vector<std::string> Out;
  for (size_t I = 0; I < C.size(); ++I) {
    auto S = stringArg(C, I);
    if (!S)
      return std::nullopt;
    Out.push_back(std::move(*S));
  }
  return Out;
}

#define STRING_ARGS(N, Var)                                                    \
  ARITY(N, N);                                                                 \
  NEED_KNOWN_DEEP();                                                           \
  auto Var = stringArgs(C);                                                    \
  if (!Var)                                                                    \
  return C.invalid()

Value caseMap(Call &C, bool Upper) {
  STRING_ARGS(1, S);
  std::string Out;
  llvm::StringRef In = (*S)[0];
  for (size_t I = 0; I < In.size();) {
    auto Mapped = mapCase(decodeAt(In, I), Upper);
    if (!Mapped)
      return C.unknown(C.fn() + ": the case mapping of this text is not "
                                "modelled");
    appendUtf8(Out, *Mapped);
  }
  return C.string(std::move(Out));
}

Value fnUpper(Call &C) { return caseMap(C, true); }
Value fnLower(Call &C) { return caseMap(C, false); }

/// Go's strings.Title: the first letter after a separator goes upper case.
Value fnTitle(Call &C) {
  STRING_ARGS(1, S);
  std::string Out;
  llvm::StringRef In = (*S)[0];
  uint32_t Prev = ' ';
  for (size_t I = 0; I < In.size();) {
    uint32_t CP = decodeAt(In, I);
    bool Separator = Prev < 0x80 ? !(llvm::isAlnum(char(Prev)) || Prev == '_')
                                 : isGoSpace(Prev);
    Prev = CP;
    if (!Separator) {
      appendUtf8(Out, CP);
      continue;
    }
    auto Mapped = mapCase(CP, true);
    if (!Mapped)
      return C.unknown(C.fn() + ": the case mapping of this text is not "
                                "modelled");
    appendUtf8(Out, *Mapped);
  }
  return C.string(std::move(Out));
}

Value fnTrimSpace(Call &C) {
  STRING_ARGS(1, S);
  std::u32string U = decodeUtf8((*S)[0]);
  size_t B = 0, E = U.size();
  while (B < E && isGoSpace(U[B]))
    ++B;
  while (E > B && isGoSpace(U[E - 1]))
    --E;
  return C.string(encodeUtf8(std::u32string_view(U).substr(B, E - B)));
}

Value fnTrim(Call &C) {
  STRING_ARGS(2, S);
  std::u32string U = decodeUtf8((*S)[0]);
  std::u32string Cut = decodeUtf8((*S)[1]);
  auto InCut = [&](char32_t Ch) {
    return Cut.find(Ch) != std::u32string::npos;
  };
  size_t B = 0, E = U.size();
  while (B < E && InCut(U[B]))
    ++B;
  while (E > B && InCut(U[E - 1]))
    --E;
  return C.string(encodeUtf8(std::u32string_view(U).substr(B, E - B)));
}

Value fnTrimPrefix(Call &C) {
  STRING_ARGS(2, S);
  llvm::StringRef In = (*S)[0];
  In.consume_front((*S)[1]);
  return C.string(In.str());
}

Value fnTrimSuffix(Call &C) {
  STRING_ARGS(2, S);
  llvm::StringRef In = (*S)[0];
  In.consume_back((*S)[1]);
  return C.string(In.str());
}

Value fnChomp(Call &C) {
  STRING_ARGS(1, S);
  llvm::StringRef In = (*S)[0];
  while (In.endswith("\n") || In.endswith("\r"))
    In = In.drop_back();
  return C.string(In.str());
}

Value fnStartsWith(Call &C) {
  STRING_ARGS(2, S);
  return C.boolean(llvm::StringRef((*S)[0]).startswith((*S)[1]));
}

Value fnEndsWith(Call &C) {
  STRING_ARGS(2, S);
  return C.boolean(llvm::StringRef((*S)[0]).endswith((*S)[1]));
}

Value fnStrContains(Call &C) {
  STRING_ARGS(2, S);
  return C.boolean(llvm::StringRef((*S)[0]).contains((*S)[1]));
}

Value fnStrRev(Call &C) {
  STRING_ARGS(1, S);
  auto G = graphemes((*S)[0]);
  if (!G)
    return C.unknown(C.fn() + ": the characters of this text are not "
                              "modelled");
  std::string Out;
  for (auto It = G->rbegin(); It != G->rend(); ++It)
    Out += *It;
  return C.string(std::move(Out));
}

/// Go's strings.Split: an empty separator splits between code points.
std::vector<std::string> goSplit(llvm::StringRef S, llvm::StringRef Sep) {
  std::vector<std::string> Out;
  if (Sep.empty()) {
    for (size_t I = 0; I < S.size();) {
      size_t Start = I;
      decodeAt(S, I);
      Out.push_back(S.substr(Start, I - Start).str());
    }
    return Out;
  }
  while (true) {
    size_t At = S.find(Sep);
    if (At == llvm::StringRef::npos)
      break;
    Out.push_back(S.take_front(At).str());
    S = S.drop_front(At + Sep.size());
  }
  Out.push_back(S.str());
  return Out;
}

Value fnSplit(Call &C) {
  STRING_ARGS(2, S);
  std::vector<Value> Items;
  for (std::string &Part : goSplit((*S)[1], (*S)[0])) {
    if (Items.size() >= MaxCollectionElements)
      return C.tooLarge("the split list");
    Items.push_back(C.string(std::move(Part)));
  }
  return C.array(std::move(Items));
}

Value fnJoin(Call &C) {
  ARITY(1, SIZE_MAX);
  if (C.size() < 2)
    return C.fail("at least one list is required");
  NEED_KNOWN_DEEP();
  auto Sep = stringArg(C, 0);
  if (!Sep)
    return C.invalid();
  std::string Out;
  bool First = true;
  for (size_t I = 1; I < C.size(); ++I) {
    auto Items = stringList(C, I);
    if (!Items)
      return C.invalid();
    for (const std::string &S : *Items) {
      if (!First)
        Out += *Sep;
      First = false;
      Out += S;
      if (Out.size() > MaxStringBytes)
        return C.tooLarge("the joined text");
    }
  }
  return C.string(std::move(Out));
}

/// Go's strings.Replace(S, Old, New, -1).
std::optional<std::string> goReplace(llvm::StringRef S, llvm::StringRef Old,
                                     llvm::StringRef New) {
  std::string Out;
  if (Old.empty()) {
    Out += New;
    for (size_t I = 0; I < S.size();) {
      size_t Start = I;
      decodeAt(S, I);
      Out += S.substr(Start, I - Start);
      Out += New;
      if (Out.size() > MaxStringBytes)
        return std::nullopt;
    }
    return Out;
  }
  while (true) {
    size_t At = S.find(Old);
    if (At == llvm::StringRef::npos)
      break;
    Out += S.take_front(At);
    Out += New;
    if (Out.size() > MaxStringBytes)
      return std::nullopt;
    S = S.drop_front(At + Old.size());
  }
  Out += S;
  return Out;
}

Value fnReplace(Call &C) {
  STRING_ARGS(3, S);
  llvm::StringRef Text = (*S)[0], Sub = (*S)[1], With = (*S)[2];
  if (Sub.size() > 1 && Sub.front() == '/' && Sub.back() == '/')
    return regexReplace(C, Text, Sub.drop_front().drop_back(), With);
  auto Out = goReplace(Text, Sub, With);
  if (!Out)
    return C.tooLarge("the replaced text");
  return C.string(std::move(*Out));
}

Value fnSubstr(Call &C) {
  ARITY(3, 3);
  NEED_KNOWN_DEEP();
  auto S = stringArg(C, 0);
  auto Offset = S ? intArg(C, 1) : std::nullopt;
  auto Length = Offset ? intArg(C, 2) : std::nullopt;
  if (!Length)
    return C.invalid();
  auto G = graphemes(*S);
  if (!G)
    return C.unknown(C.fn() + ": the characters of this text are not "
                              "modelled");
  int64_t Count = static_cast<int64_t>(G->size());
  int64_t Off = *Offset;
  // cty's substr: a negative offset counts from the end, and only a
  // non-negative one short-cuts a zero length.
  if (Off < 0)
    Off += Count;
  else if (*Length == 0)
    return C.string("");
  size_t From = 0;
  if (Off > 0) {
    if (Off > Count)
      return C.string("");
    From = static_cast<size_t>(Off);
  }
  if (From >= G->size())
    return C.string("");
  size_t To = G->size();
  if (*Length > 0 && static_cast<uint64_t>(*Length) < G->size() - From)
    To = From + static_cast<size_t>(*Length);
  const char *Begin = (*G)[From].data();
  const char *End = (*G)[To - 1].data() + (*G)[To - 1].size();
  return C.string(std::string(Begin, End));
}

Value fnIndent(Call &C) {
  ARITY(2, 2);
  NEED_KNOWN_DEEP();
  auto Spaces = intArg(C, 0);
  auto S = Spaces ? stringArg(C, 1) : std::nullopt;
  if (!S)
    return C.invalid();
  if (*Spaces < 0)
    return C.failArg(0, "the number of spaces must not be negative");
  if (static_cast<uint64_t>(*Spaces) > MaxStringBytes)
    return C.tooLarge("the indented text");
  auto Out = goReplace(*S, "\n", "\n" + std::string(*Spaces, ' '));
  if (!Out)
    return C.tooLarge("the indented text");
  return C.string(std::move(*Out));
}

//===- Collections --------------------------------------------------------===//

Value fnLength(Call &C) {
  ARITY(1, 1);
  if (auto U = C.unknownShallow(0))
    return *U;
  const Value &V = C.arg(0);
  switch (V.kind()) {
  case ValueKind::Array:
    return C.integer(static_cast<int64_t>(V.items().size()));
  case ValueKind::Object:
    return C.integer(static_cast<int64_t>(V.members().size()));
  case ValueKind::String:
  case ValueKind::Int:
  case ValueKind::Float:
  case ValueKind::Bool: {
    if (!V.is(ValueKind::String))
      return C.fail("argument must be a string, a collection type, or a "
                    "structural type");
    auto G = graphemes(V.asString());
    if (!G)
      return C.unknown(C.fn() + ": the characters of this text are not "
                                "modelled");
    return C.integer(static_cast<int64_t>(G->size()));
  }
  default:
    return C.fail("argument must not be null");
  }
}

Value fnKeys(Call &C) {
  ARITY(1, 1);
  if (auto U = C.unknownShallow(0))
    return *U;
  const Value *M = mapArg(C, 0);
  if (!M)
    return C.invalid();
  std::vector<Value> Out;
  for (const Member &Mem : sortedMembers(M->members()))
    Out.push_back(Value::string(Mem.Key, Mem.KeyOrigin));
  return C.array(std::move(Out));
}

Value fnValues(Call &C) {
  ARITY(1, 1);
  if (auto U = C.unknownShallow(0))
    return *U;
  const Value *M = mapArg(C, 0);
  if (!M)
    return C.invalid();
  std::vector<Value> Out;
  for (const Member &Mem : sortedMembers(M->members()))
    Out.push_back(Mem.V);
  return C.array(std::move(Out));
}

Value fnLookup(Call &C) {
  ARITY(2, 3);
  if (C.arg(0).isNull())
    return C.failArg(0, "argument 1 must not be null");
  if (auto U = C.unknownShallow(0))
    return *U;
  if (auto U = C.unknownDeep(1))
    return *U;
  const Value &M = C.arg(0);
  if (!M.is(ValueKind::Object))
    return C.failArg(0, "lookup() requires a map as the first argument");
  auto Key = stringArg(C, 1);
  if (!Key)
    return C.invalid();
  if (const Value *Found = M.get(*Key))
    return *Found;
  if (C.size() == 3)
    return C.arg(2);
  return C.failArg(0, "the given object has no attribute \"" + *Key + "\"");
}

Value fnElement(Call &C) {
  ARITY(2, 2);
  if (auto U = C.unknownShallow(0))
    return *U;
  if (auto U = C.unknownDeep(1))
    return *U;
  const Value *L = listArg(C, 0);
  auto Index = L ? intArg(C, 1) : std::nullopt;
  if (!Index)
    return C.invalid();
  if (L->items().empty())
    return C.fail("cannot use element function with an empty list");
  if (*Index < 0)
    return C.failArg(1, "cannot use a negative index");
  return L->items()[static_cast<uint64_t>(*Index) % L->items().size()];
}

Value fnIndex(Call &C) {
  ARITY(2, 2);
  if (auto U = C.unknownShallow(0))
    return *U;
  if (auto U = C.unknownDeep(1))
    return *U;
  const Value *L = listArg(C, 0);
  if (!L)
    return C.invalid();
  std::optional<Value> Unsure;
  for (size_t I = 0; I < L->items().size(); ++I) {
    auto E = equalValues(L->items()[I], C.arg(1));
    if (!E) {
      if (!Unsure)
        Unsure = unknownBecause(*firstUnknown(L->items()[I]));
      continue;
    }
    if (*E)
      return Unsure ? *Unsure : C.integer(static_cast<int64_t>(I));
  }
  if (Unsure)
    return *Unsure;
  return C.fail("item not found");
}

Value fnContains(Call &C) {
  ARITY(2, 2);
  if (C.arg(1).isNull())
    return C.failArg(1, "argument 2 must not be null");
  if (auto U = C.unknownShallow(0))
    return *U;
  if (auto U = C.unknownDeep(1))
    return *U;
  if (!C.arg(0).is(ValueKind::Array)) {
    if (C.arg(0).isNull())
      return C.failArg(0, "argument 1 must not be null");
    return C.fail("argument must be list, tuple, or set");
  }
  std::optional<Value> Unsure;
  for (const Value &E : C.arg(0).items()) {
    auto Eq = equalValues(E, C.arg(1));
    if (Eq && *Eq)
      return C.boolean(true);
    if (!Eq && !Unsure)
      Unsure = unknownBecause(*firstUnknown(E));
  }
  if (Unsure)
    return *Unsure;
  return C.boolean(false);
}

Value fnCoalesce(Call &C) {
  ARITY(1, SIZE_MAX);
  std::vector<Value> Known;
  for (const Value &V : C.Args)
    if (V.isKnown() && !V.isNull())
      Known.push_back(V);
  bool Primitive = llvm::any_of(Known, isPrimitive);
  bool Collection = llvm::any_of(Known, [](const Value &V) {
    return V.is(ValueKind::Array) || V.is(ValueKind::Object);
  });
  if (Primitive && Collection)
    return C.fail("all arguments must have the same type");
  bool ToString = llvm::any_of(
      Known, [](const Value &V) { return V.is(ValueKind::String); });
  bool Numbers = llvm::any_of(Known, isNumber);
  bool Bools =
      llvm::any_of(Known, [](const Value &V) { return V.is(ValueKind::Bool); });
  if (!ToString && Numbers && Bools)
    return C.fail("all arguments must have the same type");
  for (const Value &V : C.Args) {
    if (!V.isKnown())
      return unknownBecause(V);
    if (V.isNull())
      continue;
    if (ToString && isPrimitive(V)) {
      auto S = primitiveText(V);
      if (!S)
        return C.unsupported("the number is beyond what is evaluated");
      if (S->empty())
        continue;
      if (V.is(ValueKind::String))
        return V;
      return Value::string(*S, V.origin());
    }
    return V;
  }
  return C.fail("no non-null, non-empty-string arguments");
}

Value fnCoalesceList(Call &C) {
  ARITY(1, SIZE_MAX);
  for (const Value &V : C.Args) {
    if (!V.isKnown())
      return unknownBecause(V);
    if (!V.is(ValueKind::Array))
      return C.fail("coalescelist arguments must be lists or tuples");
    if (!V.items().empty())
      return V;
  }
  return C.fail("no non-null arguments");
}

Value fnCompact(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN_DEEP();
  const Value *L = listArg(C, 0);
  if (!L)
    return C.invalid();
  std::vector<Value> Out;
  for (const Value &E : L->items()) {
    if (E.isNull())
      continue;
    auto S = primitiveText(E);
    if (!S)
      return C.failArg(0, "compact() takes a list of strings, found an "
                          "element of type " +
                              typeName(E));
    if (!S->empty())
      Out.push_back(E.is(ValueKind::String) ? E
                                            : Value::string(*S, E.origin()));
  }
  return C.array(std::move(Out));
}

Value fnConcat(Call &C) {
  ARITY(1, SIZE_MAX);
  size_t Total = 0;
  for (size_t I = 0; I < C.size(); ++I) {
    if (C.arg(I).isNull())
      return C.failArg(I, "argument must not be null");
    if (auto U = C.unknownShallow(I))
      return *U;
    if (!C.arg(I).is(ValueKind::Array))
      return C.failArg(I, "all arguments must be lists or tuples; got " +
                              typeName(C.arg(I)));
    Total += C.arg(I).items().size();
  }
  if (Total > MaxCollectionElements)
    return C.tooLarge("a list of " + std::to_string(Total) + " elements");
  std::vector<Value> Out;
  for (const Value &L : C.Args)
    llvm::append_range(Out, L.items());
  return C.array(std::move(Out));
}

Value fnDistinct(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN_DEEP();
  const Value *L = listArg(C, 0);
  if (!L)
    return C.invalid();
  auto Items = unifyElements(C, 0, L->items(), "list");
  if (!Items)
    return C.invalid();
  std::vector<Value> Out;
  std::set<std::string> Seen;
  for (Value &V : *Items) {
    std::string Why;
    auto Key = encodeJson(V, Why);
    if (!Key)
      return C.unsupported(Why);
    if (Seen.insert(*Key).second)
      Out.push_back(std::move(V));
  }
  return C.array(std::move(Out));
}

/// Appends the flattened elements of L; nullopt-equivalent false with the
/// Unknown set when an element might be a list of unknown length.
bool flattenInto(const Value &L, std::vector<Value> &Out,
                 std::optional<Value> &Unknown, unsigned Depth) {
  if (Depth > MaxNestingDepth)
    return false;
  for (const Value &E : L.items()) {
    if (!E.isKnown()) {
      Unknown = unknownBecause(E);
      return false;
    }
    if (E.is(ValueKind::Array)) {
      if (!flattenInto(E, Out, Unknown, Depth + 1))
        return false;
      continue;
    }
    Out.push_back(E);
    if (Out.size() > MaxCollectionElements)
      return false;
  }
  return true;
}

Value fnFlatten(Call &C) {
  ARITY(1, 1);
  if (auto U = C.unknownShallow(0))
    return *U;
  if (!C.arg(0).is(ValueKind::Array))
    return C.fail("can only flatten lists, sets and tuples");
  std::vector<Value> Out;
  std::optional<Value> Unknown;
  if (!flattenInto(C.arg(0), Out, Unknown, 0))
    return Unknown ? *Unknown : C.tooLarge("the flattened list");
  return C.array(std::move(Out));
}

Value fnMerge(Call &C) {
  std::map<std::string, Member> Out;
  for (size_t I = 0; I < C.size(); ++I) {
    const Value &M = C.arg(I);
    if (M.isNull())
      continue;
    if (!M.isKnown())
      return unknownBecause(M);
    if (!M.is(ValueKind::Object))
      return C.failArg(I, "arguments must be maps or objects, got \"" +
                              typeName(M) + "\"");
    for (const Member &Mem : M.members())
      Out[Mem.Key] = Mem;
  }
  std::vector<Member> Members;
  for (auto &[Key, Mem] : Out)
    Members.push_back(std::move(Mem));
  return C.object(std::move(Members));
}

Value fnOne(Call &C) {
  ARITY(1, 1);
  if (auto U = C.unknownShallow(0))
    return *U;
  const Value *L = listArg(C, 0);
  if (!L)
    return C.invalid();
  if (L->items().empty())
    return C.null();
  if (L->items().size() == 1)
    return L->items()[0];
  return C.failArg(0, "must be a list, set, or tuple value with either zero "
                      "or one elements");
}

/// Whether arithmetic on V is exact in both double and cty's 512-bit
/// decimals (integers and short binary fractions such as 0.25).
bool exactOperand(const Value &V) {
  if (V.is(ValueKind::Int))
    return true;
  auto D = toDecimal(V);
  return D && D->Exact && D->Digits.size() <= 15;
}

Value fnRange(Call &C) {
  ARITY(1, 3);
  NEED_KNOWN_DEEP();
  std::vector<Value> Params;
  for (size_t I = 0; I < C.size(); ++I) {
    auto N = numberArg(C, I);
    if (!N)
      return C.invalid();
    if (!exactOperand(*N))
      return C.unknown(C.fn() + ": stepping by fractions that are not exact "
                                "in binary follows Terraform's 512-bit "
                                "arithmetic, which is not evaluated");
    Params.push_back(*N);
  }
  double Start = 0, End, Step = 1;
  if (Params.size() == 1) {
    End = Params[0].asNumber();
  } else {
    Start = Params[0].asNumber();
    End = Params[1].asNumber();
    if (Params.size() == 3)
      Step = Params[2].asNumber();
    else if (End < Start)
      Step = -1;
  }
  if (Step == 0)
    return C.fail("step must not be zero");
  if (Step < 0 && End > Start)
    return C.fail("end must be less than start when step is negative");
  if (Step > 0 && End < Start)
    return C.fail("end must be greater than start when step is positive");
  std::vector<Value> Out;
  for (double V = Start; Step > 0 ? V < End : V > End; V += Step) {
    if (Out.size() >= 1024)
      return C.fail("more than 1024 values were generated; either decrease "
                    "the difference between start and end or use a smaller "
                    "step");
    Out.push_back(numberValue(V, C.origin()));
  }
  return C.array(std::move(Out));
}

Value fnReverse(Call &C) {
  ARITY(1, 1);
  if (auto U = C.unknownShallow(0))
    return *U;
  if (!C.arg(0).is(ValueKind::Array))
    return C.failArg(0, "can only reverse list or tuple values, not " +
                            typeName(C.arg(0)));
  std::vector<Value> Out(C.arg(0).items().rbegin(), C.arg(0).items().rend());
  return C.array(std::move(Out));
}

Value fnSlice(Call &C) {
  ARITY(3, 3);
  if (auto U = C.unknownShallow(0))
    return *U;
  for (size_t I = 1; I < 3; ++I)
    if (auto U = C.unknownDeep(I))
      return *U;
  const Value *L = listArg(C, 0);
  auto Start = L ? intArg(C, 1) : std::nullopt;
  auto End = Start ? intArg(C, 2) : std::nullopt;
  if (!End)
    return C.invalid();
  int64_t Size = static_cast<int64_t>(L->items().size());
  if (*Start < 0)
    return C.failArg(1, "start index must not be less than zero");
  if (*End > Size)
    return C.failArg(2, "end index must not be greater than the length of "
                        "the list");
  if (*Start > *End)
    return C.failArg(1, "start index must not be greater than end index");
  return C.array(std::vector<Value>(L->items().begin() + *Start,
                                    L->items().begin() + *End));
}

Value fnSort(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN_DEEP();
  const Value *L = listArg(C, 0);
  if (!L)
    return C.invalid();
  std::vector<std::string> Items;
  for (size_t I = 0; I < L->items().size(); ++I) {
    const Value &E = L->items()[I];
    if (E.isNull())
      return C.fail("given list element " + std::to_string(I) +
                    " is null; a null string cannot be sorted");
    auto S = primitiveText(E);
    if (!S)
      return C.failArg(0, "sort() takes a list of strings, found an element "
                          "of type " +
                              typeName(E));
    Items.push_back(std::move(*S));
  }
  llvm::sort(Items);
  std::vector<Value> Out;
  for (std::string &S : Items)
    Out.push_back(C.string(std::move(S)));
  return C.array(std::move(Out));
}

/// The list's elements as numbers; reports a null or non-number element.
std::optional<std::vector<Value>> numberList(const Call &C, size_t I) {
  const Value *L = listArg(C, I);
  if (!L)
    return std::nullopt;
  std::vector<Value> Out;
  for (size_t K = 0; K < L->items().size(); ++K) {
    auto N = toNumber(L->items()[K]);
    if (!N) {
      C.failArg(I, "element " + std::to_string(K) + ": number required");
      return std::nullopt;
    }
    if (N->is(ValueKind::Unknown)) {
      C.unsupported(N->asString().str());
      return std::nullopt;
    }
    Out.push_back(*N);
  }
  return Out;
}

Value fnSum(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN_DEEP();
  auto Items = numberList(C, 0);
  if (!Items)
    return C.invalid();
  if (Items->empty())
    return C.failArg(0, "cannot sum an empty list");
  bool AllInt =
      llvm::all_of(*Items, [](const Value &V) { return V.is(ValueKind::Int); });
  if (AllInt) {
    int64_t Total = 0;
    for (const Value &V : *Items)
      if (__builtin_add_overflow(Total, V.asInt(), &Total))
        return C.unknown(C.fn() + ": the sum is beyond what is evaluated");
    return C.integer(Total);
  }
  if (!llvm::all_of(*Items, exactOperand))
    return C.unknown(C.fn() + ": adding fractions that are not exact in "
                              "binary follows Terraform's 512-bit "
                              "arithmetic, which is not evaluated");
  double Total = 0;
  for (const Value &V : *Items)
    Total += V.asNumber();
  return numberValue(Total, C.origin());
}

Value minMax(Call &C, bool IsMin) {
  if (C.size() == 0)
    return C.fail("must pass at least one number");
  NEED_KNOWN_DEEP();
  std::optional<Value> Best;
  for (size_t I = 0; I < C.size(); ++I) {
    auto N = numberArg(C, I);
    if (!N)
      return C.invalid();
    bool Better = !Best || (IsMin ? setLess(*N, *Best) : setLess(*Best, *N));
    if (Better)
      Best = N;
  }
  return Best->withOrigin(C.origin());
}

Value fnMin(Call &C) { return minMax(C, true); }
Value fnMax(Call &C) { return minMax(C, false); }

Value allAny(Call &C, bool All) {
  ARITY(1, 1);
  if (auto U = C.unknownShallow(0))
    return *U;
  const Value *L = listArg(C, 0);
  if (!L)
    return C.invalid();
  std::optional<Value> Pending;
  for (size_t I = 0; I < L->items().size(); ++I) {
    const Value &E = L->items()[I];
    if (!E.isKnown()) {
      if (!Pending)
        Pending = unknownBecause(E);
      continue;
    }
    if (E.isNull()) {
      if (All)
        return C.boolean(false);
      continue;
    }
    auto B = toBool(E);
    if (!B)
      return C.failArg(0, "element " + std::to_string(I) + ": bool required");
    if (*B != All)
      return C.boolean(!All);
  }
  if (Pending)
    return *Pending;
  return C.boolean(All);
}

Value fnAllTrue(Call &C) { return allAny(C, true); }
Value fnAnyTrue(Call &C) { return allAny(C, false); }

Value fnChunkList(Call &C) {
  ARITY(2, 2);
  if (auto U = C.unknownShallow(0))
    return *U;
  if (auto U = C.unknownDeep(1))
    return *U;
  const Value *L = listArg(C, 0);
  auto Size = L ? intArg(C, 1) : std::nullopt;
  if (!Size)
    return C.invalid();
  if (*Size < 0)
    return C.failArg(1, "the size argument must be positive");
  std::vector<Value> Out;
  llvm::ArrayRef<Value> Items = L->items();
  if (Items.empty())
    return C.array({});
  if (*Size == 0)
    return C.array({C.array(Items.vec())});
  for (size_t I = 0; I < Items.size(); I += *Size)
    Out.push_back(C.array(
        Items.slice(I, std::min<size_t>(*Size, Items.size() - I)).vec()));
  return C.array(std::move(Out));
}

Value fnTranspose(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN_DEEP();
  const Value *M = mapArg(C, 0);
  if (!M)
    return C.invalid();
  std::map<std::string, std::vector<Value>> Out;
  size_t Total = 0;
  for (const Member &Mem : sortedMembers(M->members())) {
    if (!Mem.V.is(ValueKind::Array))
      return C.failArg(0, "transpose() takes a map of lists of strings");
    for (const Value &E : Mem.V.items()) {
      auto S = primitiveText(E);
      if (!S)
        return C.failArg(0, "transpose() takes a map of lists of strings");
      Out[*S].push_back(Value::string(Mem.Key, Mem.KeyOrigin));
      if (++Total > MaxCollectionElements)
        return C.tooLarge("the transposed map");
    }
  }
  std::vector<Member> Members;
  for (auto &[Key, Items] : Out)
    Members.push_back({Key, C.origin(), C.array(std::move(Items))});
  return C.object(std::move(Members));
}

Value fnMatchKeys(Call &C) {
  ARITY(3, 3);
  if (auto U = C.unknownShallow(0))
    return *U;
  if (auto U = C.unknownDeep(1))
    return *U;
  if (auto U = C.unknownDeep(2))
    return *U;
  const Value *Values = listArg(C, 0);
  const Value *Keys = Values ? listArg(C, 1) : nullptr;
  const Value *Search = Keys ? listArg(C, 2) : nullptr;
  if (!Search)
    return C.invalid();
  if (Values->items().size() != Keys->items().size())
    return C.fail("length of keys and values should be equal");
  std::set<std::string> Wanted = identities(Search->items());
  std::vector<Value> Out;
  for (size_t I = 0; I < Keys->items().size(); ++I)
    if (inIdentities(Wanted, Keys->items()[I]))
      Out.push_back(Values->items()[I]);
  return C.array(std::move(Out));
}

Value fnZipMap(Call &C) {
  ARITY(2, 2);
  if (auto U = C.unknownDeep(0))
    return *U;
  if (auto U = C.unknownShallow(1))
    return *U;
  auto Keys = stringList(C, 0);
  const Value *Vals = Keys ? listArg(C, 1) : nullptr;
  if (!Vals)
    return C.invalid();
  if (Keys->size() != Vals->items().size())
    return C.fail("number of keys (" + std::to_string(Keys->size()) +
                  ") does not match number of values (" +
                  std::to_string(Vals->items().size()) + ")");
  std::vector<Member> Members;
  for (size_t I = 0; I < Keys->size(); ++I)
    Members.push_back(
        {(*Keys)[I], C.arg(0).items()[I].origin(), Vals->items()[I]});
  return C.object(sortedMembers(std::move(Members)));
}

//===- Sets ---------------------------------------------------------------===//

/// All arguments as set elements of one unified type; nullopt after a
/// report or with Unknown set.
std::optional<std::vector<std::vector<Value>>>
setArgs(const Call &C, std::optional<Value> &Unknown) {
  std::vector<Value> All;
  std::vector<size_t> Sizes;
  for (size_t I = 0; I < C.size(); ++I) {
    if (const Value *U = firstUnknown(C.arg(I))) {
      Unknown = unknownBecause(*U);
      return std::nullopt;
    }
    const Value *L = listArg(C, I);
    if (!L)
      return std::nullopt;
    llvm::append_range(All, L->items());
    Sizes.push_back(L->items().size());
  }
  auto Unified = unifyElements(C, 0, All, "set");
  if (!Unified)
    return std::nullopt;
  std::vector<std::vector<Value>> Out;
  size_t At = 0;
  for (size_t N : Sizes) {
    Out.emplace_back(Unified->begin() + At, Unified->begin() + At + N);
    At += N;
  }
  return Out;
}

Value setOperation(Call &C, char Op) {
  if (Op == '-') {
    ARITY(2, 2);
  } else {
    ARITY(1, SIZE_MAX);
  }
  std::optional<Value> Unknown;
  auto Sets = setArgs(C, Unknown);
  if (!Sets)
    return Unknown ? *Unknown : C.invalid();
  std::vector<Value> Out;
  if (Op == '|') {
    for (auto &S : *Sets)
      llvm::append_range(Out, S);
  } else {
    std::vector<std::set<std::string>> Others;
    for (const auto &S : llvm::drop_begin(*Sets))
      Others.push_back(identities(S));
    for (const Value &V : (*Sets)[0]) {
      bool Keep = Op == '&' ? llvm::all_of(Others,
                                           [&](const std::set<std::string> &S) {
                                             return inIdentities(S, V);
                                           })
                            : !inIdentities(Others[0], V);
      if (Keep)
        Out.push_back(V);
    }
  }
  auto Set = makeSet(std::move(Out));
  if (!Set)
    return C.invalid();
  return C.array(std::move(*Set));
}

Value fnSetUnion(Call &C) { return setOperation(C, '|'); }
Value fnSetIntersection(Call &C) { return setOperation(C, '&'); }
Value fnSetSubtract(Call &C) { return setOperation(C, '-'); }

Value fnSetProduct(Call &C) {
  if (C.size() < 2)
    return C.fail("at least two arguments are required");
  size_t Count = 1;
  for (size_t I = 0; I < C.size(); ++I) {
    if (auto U = C.unknownShallow(I))
      return *U;
    const Value *L = listArg(C, I);
    if (!L)
      return C.invalid();
    Count = L->items().empty() ? 0 : Count * L->items().size();
    if (Count > MaxCollectionElements)
      return C.tooLarge("the product");
  }
  std::vector<Value> Out;
  std::vector<size_t> Pos(C.size(), 0);
  for (size_t K = 0; K < Count; ++K) {
    std::vector<Value> Row;
    for (size_t I = 0; I < C.size(); ++I)
      Row.push_back(C.arg(I).items()[Pos[I]]);
    Out.push_back(C.array(std::move(Row)));
    for (size_t I = C.size(); I-- > 0;) {
      if (++Pos[I] < C.arg(I).items().size())
        break;
      Pos[I] = 0;
    }
  }
  return C.array(std::move(Out));
}

//===- Type conversions ---------------------------------------------------===//

Value fnToString(Call &C) {
  ARITY(1, 1);
  const Value &V = C.arg(0);
  if (!V.isKnown())
    return unknownBecause(V);
  if (V.isNull())
    return C.null();
  if (V.is(ValueKind::String))
    return V;
  if (auto S = primitiveText(V))
    return Value::string(*S, V.origin());
  if (isNumber(V))
    return C.unsupported("the number is beyond what is evaluated");
  return C.failArg(
      0, "cannot convert " +
             std::string(V.is(ValueKind::Array) ? "tuple" : "object") +
             " to string");
}

Value fnToNumber(Call &C) {
  ARITY(1, 1);
  const Value &V = C.arg(0);
  if (!V.isKnown())
    return unknownBecause(V);
  if (V.isNull())
    return C.null();
  if (isNumber(V))
    return V;
  if (V.is(ValueKind::String)) {
    if (auto N = parseNumber(V.asString(), V.origin()))
      return *N;
    return C.failArg(0, "cannot convert \"" + V.asString().str() +
                            "\" to number; given string must be a decimal "
                            "representation of a number");
  }
  return C.failArg(0, "cannot convert " + typeName(V) + " to number");
}

Value fnToBool(Call &C) {
  ARITY(1, 1);
  const Value &V = C.arg(0);
  if (!V.isKnown())
    return unknownBecause(V);
  if (V.isNull())
    return C.null();
  if (V.is(ValueKind::Bool))
    return V;
  if (V.is(ValueKind::String)) {
    if (auto B = toBool(V))
      return Value::boolean(*B, V.origin());
    return C.failArg(0, "cannot convert \"" + V.asString().str() +
                            "\" to bool; only the strings \"true\" or "
                            "\"false\" are allowed");
  }
  return C.failArg(0, "cannot convert " + typeName(V) + " to bool");
}

Value toCollection(Call &C, bool AsSet) {
  ARITY(1, 1);
  const Value &V = C.arg(0);
  if (!V.isKnown())
    return unknownBecause(V);
  if (V.isNull())
    return C.null();
  llvm::StringRef Kind = AsSet ? "set" : "list";
  if (!V.is(ValueKind::Array))
    return C.failArg(
        0, "cannot convert " +
               std::string(V.is(ValueKind::Object) ? "object" : typeName(V)) +
               " to " + Kind.str() + " of any single type");
  auto Items = unifyElements(C, 0, V.items(), Kind);
  if (!Items)
    return C.invalid();
  if (!AsSet)
    return C.array(std::move(*Items));
  for (const Value &E : *Items)
    if (const Value *U = firstUnknown(E))
      return unknownBecause(*U); // its size is open until the element is known
  auto Set = makeSet(std::move(*Items));
  return C.array(std::move(*Set));
}

Value fnToList(Call &C) { return toCollection(C, false); }
Value fnToSet(Call &C) { return toCollection(C, true); }

Value fnToMap(Call &C) {
  ARITY(1, 1);
  const Value &V = C.arg(0);
  if (!V.isKnown())
    return unknownBecause(V);
  if (V.isNull())
    return C.null();
  if (!V.is(ValueKind::Object))
    return C.failArg(
        0, "cannot convert " +
               std::string(V.is(ValueKind::Array) ? "tuple" : typeName(V)) +
               " to map of any single type");
  std::vector<Value> Values;
  for (const Member &M : V.members())
    Values.push_back(M.V);
  auto Unified = unifyElements(C, 0, Values, "map", "object");
  if (!Unified) {
    return C.invalid();
  }
  std::vector<Member> Members;
  for (size_t I = 0; I < Values.size(); ++I)
    Members.push_back(
        {V.members()[I].Key, V.members()[I].KeyOrigin, (*Unified)[I]});
  return C.object(sortedMembers(std::move(Members)));
}

Value fnPassThrough(Call &C) {
  ARITY(1, 1);
  return C.arg(0);
}

//===- Numbers ------------------------------------------------------------===//

#define NUMBER_ARGS(N, Var)                                                    \
  ARITY(N, N);                                                                 \
  NEED_KNOWN_DEEP();                                                           \
  std::vector<Value> Var;                                                      \
  for (size_t I_ = 0; I_ < C.size(); ++I_) {                                   \
    auto N_ = numberArg(C, I_);                                                \
    if (!N_)                                                                   \
      return C.invalid();                                                      \
    Var.push_back(*N_);                                                        \
  }

Value fnAbs(Call &C) {
  NUMBER_ARGS(1, N);
  if (N[0].is(ValueKind::Int)) {
    if (N[0].asInt() == std::numeric_limits<int64_t>::min())
      return Value::floating(9223372036854775808.0, C.origin());
    return C.integer(std::abs(N[0].asInt()));
  }
  return numberValue(std::fabs(N[0].asNumber()), C.origin());
}

Value roundingFn(Call &C, double (*Round)(double)) {
  NUMBER_ARGS(1, N);
  if (N[0].is(ValueKind::Int))
    return N[0].withOrigin(C.origin());
  return numberValue(Round(N[0].asNumber()), C.origin());
}

Value fnCeil(Call &C) {
  return roundingFn(C, [](double F) { return std::ceil(F); });
}
Value fnFloor(Call &C) {
  return roundingFn(C, [](double F) { return std::floor(F); });
}

Value fnLog(Call &C) {
  NUMBER_ARGS(2, N);
  double X = N[0].asNumber(), Base = N[1].asNumber();
  double R = std::log(X) / std::log(Base);
  if (std::isnan(R))
    return C.fail("the logarithm of " + *numberText(N[0]) + " in base " +
                  *numberText(N[1]) + " is not a number");
  return numberValue(R, C.origin());
}

Value fnPow(Call &C) {
  NUMBER_ARGS(2, N);
  double R = std::pow(N[0].asNumber(), N[1].asNumber());
  if (std::isnan(R))
    return C.fail("the power is not a number");
  return numberValue(R, C.origin());
}

Value fnSignum(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN_DEEP();
  auto N = intArg(C, 0);
  if (!N)
    return C.invalid();
  return C.integer(*N > 0 ? 1 : *N < 0 ? -1 : 0);
}

Value fnParseInt(Call &C) {
  ARITY(2, 2);
  NEED_KNOWN_DEEP();
  auto S = stringArg(C, 0);
  auto Base = S ? intArg(C, 1) : std::nullopt;
  if (!Base)
    return C.invalid();
  if (*Base < 2 || *Base > 62)
    return C.failArg(1, "base must be a whole number between 2 and 62 "
                        "inclusive");
  llvm::StringRef Digits = *S;
  bool Negative = Digits.consume_front("-");
  if (!Negative)
    Digits.consume_front("+");
  auto Bad = [&] {
    return C.failArg(0, "cannot parse \"" + *S + "\" as a base " +
                            std::to_string(*Base) + " integer");
  };
  if (Digits.empty())
    return Bad();
  unsigned __int128 Acc = 0;
  for (char Ch : Digits) {
    int D = llvm::isDigit(Ch)        ? Ch - '0'
            : Ch >= 'a' && Ch <= 'z' ? Ch - 'a' + 10
            : Ch >= 'A' && Ch <= 'Z' ? Ch - 'A' + (*Base <= 36 ? 10 : 36)
                                     : 99;
    if (D >= *Base)
      return Bad();
    Acc = Acc * *Base + D;
    if (Acc >
        static_cast<unsigned __int128>(std::numeric_limits<int64_t>::max()) + 1)
      return C.unknown(C.fn() + ": the number is beyond what is evaluated");
  }
  if (!Negative &&
      Acc > static_cast<unsigned __int128>(std::numeric_limits<int64_t>::max()))
    return C.unknown(C.fn() + ": the number is beyond what is evaluated");
  int64_t V = Negative ? static_cast<int64_t>(0 - static_cast<uint64_t>(Acc))
                       : static_cast<int64_t>(Acc);
  return C.integer(V);
}

//===- Encoding -----------------------------------------------------------===//

Value fnJsonEncode(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN_DEEP();
  std::string Why;
  auto J = encodeJson(C.arg(0), Why);
  if (!J)
    return Why.find("limits") != std::string::npos ||
                   Why.find("evaluated") != std::string::npos
               ? C.unsupported(Why)
               : C.fail(Why);
  return C.string(std::move(*J));
}

/// The deepest nesting of brackets outside strings in JSON text.
size_t jsonDepth(llvm::StringRef S) {
  size_t Depth = 0, Max = 0;
  bool InString = false;
  for (size_t I = 0; I < S.size(); ++I) {
    char Ch = S[I];
    if (InString) {
      if (Ch == '\\')
        ++I;
      else if (Ch == '"')
        InString = false;
    } else if (Ch == '"') {
      InString = true;
    } else if (Ch == '[' || Ch == '{') {
      Max = std::max(Max, ++Depth);
    } else if ((Ch == ']' || Ch == '}') && Depth > 0) {
      --Depth;
    }
  }
  return Max;
}

std::optional<Value> jsonToValue(const nlohmann::json &J, const Origin &O) {
  switch (J.type()) {
  case nlohmann::json::value_t::null:
    return Value::null(O);
  case nlohmann::json::value_t::boolean:
    return Value::boolean(J.get<bool>(), O);
  case nlohmann::json::value_t::number_integer:
    return Value::integer(J.get<int64_t>(), O);
  case nlohmann::json::value_t::number_unsigned: {
    uint64_t U = J.get<uint64_t>();
    if (U > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      return std::nullopt;
    return Value::integer(static_cast<int64_t>(U), O);
  }
  case nlohmann::json::value_t::number_float: {
    double F = J.get<double>();
    if (!std::isfinite(F))
      return std::nullopt;
    return numberValue(F, O);
  }
  case nlohmann::json::value_t::string:
    return Value::string(J.get<std::string>(), O);
  case nlohmann::json::value_t::array: {
    std::vector<Value> Items;
    for (const auto &E : J) {
      auto V = jsonToValue(E, O);
      if (!V)
        return std::nullopt;
      Items.push_back(std::move(*V));
    }
    return Value::array(std::move(Items), O);
  }
  case nlohmann::json::value_t::object: {
    std::vector<Member> Members;
    for (const auto &[K, E] : J.items()) {
      auto V = jsonToValue(E, O);
      if (!V)
        return std::nullopt;
      Members.push_back({K, O, std::move(*V)});
    }
    return Value::object(sortedMembers(std::move(Members)), O);
  }
  default:
    return std::nullopt;
  }
}

Value fnJsonDecode(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN_DEEP();
  auto S = stringArg(C, 0);
  if (!S)
    return C.invalid();
  if (jsonDepth(*S) > MaxNestingDepth)
    return C.tooLarge("the decoded value");
  nlohmann::json J = nlohmann::json::parse(*S, nullptr, false);
  if (J.is_discarded())
    return C.failArg(0, "the text is not valid JSON");
  auto V = jsonToValue(J, C.origin());
  if (!V)
    return C.unsupported("a number in the JSON text is beyond what is "
                         "evaluated");
  if (!V->hasAtMostNodes(MaxCollectionElements))
    return C.tooLarge("the decoded value");
  return *V;
}

/// go-yaml's double-quoted scalar, as cty's yamlencode writes strings.
/// Column is where the scalar starts; false when the emitter would fold the
/// line (a space past column 80), which we do not reproduce.
bool yamlDoubleQuoted(llvm::StringRef S, size_t Column, bool AllowBreaks,
                      std::string &Out) {
  static const char Hex[] = "0123456789ABCDEF";
  Out += '"';
  ++Column;
  std::u32string U = decodeUtf8(S);
  for (size_t I = 0; I < U.size(); ++I) {
    uint32_t CP = U[I];
    bool Printable = CP == '\n' || (CP >= 0x20 && CP <= 0x7E) ||
                     (CP >= 0xA0 && CP <= 0xD7FF) ||
                     (CP >= 0xE000 && CP <= 0xFFFD && CP != 0xFEFF);
    bool Break =
        CP == '\n' || CP == '\r' || CP == 0x85 || CP == 0x2028 || CP == 0x2029;
    if (!Printable || Break || CP == '"' || CP == '\\') {
      std::string E = "\\";
      switch (CP) {
      case 0:
        E += '0';
        break;
      case 7:
        E += 'a';
        break;
      case 8:
        E += 'b';
        break;
      case 9:
        E += 't';
        break;
      case 0xA:
        E += 'n';
        break;
      case 0xB:
        E += 'v';
        break;
      case 0xC:
        E += 'f';
        break;
      case 0xD:
        E += 'r';
        break;
      case 0x1B:
        E += 'e';
        break;
      case '"':
        E += '"';
        break;
      case '\\':
        E += '\\';
        break;
      case 0x85:
        E += 'N';
        break;
      case 0xA0:
        E += '_';
        break;
      case 0x2028:
        E += 'L';
        break;
      case 0x2029:
        E += 'P';
        break;
      default: {
        int Width = CP <= 0xFF ? 2 : CP <= 0xFFFF ? 4 : 8;
        E += CP <= 0xFF ? 'x' : CP <= 0xFFFF ? 'u' : 'U';
        for (int K = Width - 1; K >= 0; --K)
          E += Hex[CP >> (4 * K) & 15];
      }
      }
      Out += E;
      Column += E.size();
      continue;
    }
    if (CP == ' ' && AllowBreaks && Column > 80 && I != 0 &&
        I + 1 != U.size() && (I == 0 || U[I - 1] != ' '))
      return false;
    appendUtf8(Out, CP);
    ++Column;
  }
  Out += '"';
  return true;
}

class YamlWriter {
public:
  std::string Out;
  std::string Why;

  size_t column() const {
    size_t NL = Out.rfind('\n');
    return NL == std::string::npos ? Out.size() : Out.size() - NL - 1;
  }

  /// A scalar after "- ", "key: " or at the root; block text is indented
  /// by ContentIndent. Plain tells whether the root needs "...".
  bool scalar(const Value &V, size_t ContentIndent, bool &Plain) {
    Plain = true;
    switch (V.kind()) {
    case ValueKind::Null:
      Out += "null";
      return true;
    case ValueKind::Bool:
      Out += V.asBool() ? "true" : "false";
      return true;
    case ValueKind::Int:
    case ValueKind::Float: {
      auto T = V.is(ValueKind::Float) && std::isinf(V.asNumber())
                   ? std::nullopt
                   : numberText(V);
      if (!T) {
        Why = "the number is beyond what is evaluated";
        return false;
      }
      Out += *T;
      return true;
    }
    case ValueKind::String:
      Plain = false;
      return string(V.asString(), ContentIndent);
    case ValueKind::Array:
      Out += "[]";
      return true;
    case ValueKind::Object:
      Out += "{}";
      return true;
    default:
      Why = "the value is not known";
      return false;
    }
  }

  bool string(llvm::StringRef S, size_t ContentIndent) {
    if (S.contains('\n') && literalAllowed(S)) {
      Out += '|';
      if (S.front() == ' ' || S.front() == '\n')
        Out += '2';
      if (!S.endswith("\n")) {
        Out += '-';
      } else if (S.size() == 1 || S.drop_back().endswith("\n")) {
        Why = "a string ending in several line breaks is not encoded";
        return false;
      }
      llvm::StringRef Body = S.endswith("\n") ? S.drop_back() : S;
      llvm::SmallVector<llvm::StringRef, 8> Lines;
      Body.split(Lines, '\n');
      for (llvm::StringRef L : Lines) {
        Out += '\n';
        if (!L.empty())
          Out += std::string(ContentIndent, ' ') + L.str();
      }
      return true;
    }
    if (!yamlDoubleQuoted(S, column(), true, Out)) {
      Why = "the emitter would fold this long string";
      return false;
    }
    return true;
  }

  /// go-yaml writes a literal block unless the text has characters it must
  /// escape or a space before a line break.
  static bool literalAllowed(llvm::StringRef S) {
    std::u32string U = decodeUtf8(S);
    for (size_t I = 0; I < U.size(); ++I) {
      uint32_t CP = U[I];
      bool Printable = CP == '\n' || (CP >= 0x20 && CP <= 0x7E) ||
                       (CP >= 0xA0 && CP <= 0xD7FF) ||
                       (CP >= 0xE000 && CP <= 0xFFFD && CP != 0xFEFF);
      if (!Printable || CP == 0x2028 || CP == 0x2029)
        return false;
      if (CP == '\n' && I > 0 && U[I - 1] == ' ')
        return false;
    }
    return U.back() != ' ';
  }

  bool key(llvm::StringRef K) {
    if (K.contains('\n') || K.size() > 128) {
      Why = "a key that is long or has line breaks is not encoded";
      return false;
    }
    yamlDoubleQuoted(K, column(), false, Out);
    Out += ':';
    return true;
  }

  static bool isBlock(const Value &V) {
    return (V.is(ValueKind::Array) && !V.items().empty()) ||
           (V.is(ValueKind::Object) && !V.members().empty());
  }

  bool mapping(const Value &M, size_t Indent, bool FirstInline,
               unsigned Depth) {
    bool First = true;
    for (const Member &Mem : sortedMembers(M.members())) {
      if (!(First && FirstInline)) {
        if (!Out.empty() && Out.back() != '\n')
          Out += '\n';
        Out += std::string(Indent, ' ');
      }
      First = false;
      if (!key(Mem.Key))
        return false;
      if (Mem.V.is(ValueKind::Object) && isBlock(Mem.V)) {
        Out += '\n';
        if (!mapping(Mem.V, Indent + 2, false, Depth + 1))
          return false;
      } else if (isBlock(Mem.V)) {
        Out += '\n';
        if (!sequence(Mem.V, Indent, false, Depth + 1))
          return false;
      } else {
        Out += ' ';
        bool Plain;
        if (!scalar(Mem.V, Indent + 2, Plain))
          return false;
      }
    }
    return true;
  }

  bool sequence(const Value &S, size_t Indent, bool FirstInline,
                unsigned Depth) {
    if (Depth > MaxNestingDepth) {
      Why = "the value is nested too deeply";
      return false;
    }
    bool First = true;
    for (const Value &Item : S.items()) {
      if (!(First && FirstInline)) {
        if (!Out.empty() && Out.back() != '\n')
          Out += '\n';
        Out += std::string(Indent, ' ');
      }
      First = false;
      Out += "- ";
      if (Item.is(ValueKind::Object) && isBlock(Item)) {
        if (!mapping(Item, Indent + 2, true, Depth + 1))
          return false;
      } else if (isBlock(Item)) {
        if (!sequence(Item, Indent + 2, true, Depth + 1))
          return false;
      } else {
        bool Plain;
        if (!scalar(Item, Indent + 2, Plain))
          return false;
      }
    }
    return true;
  }

  bool document(const Value &V) {
    if (V.is(ValueKind::Object) && isBlock(V)) {
      if (!mapping(V, 0, false, 0))
        return false;
    } else if (isBlock(V)) {
      if (!sequence(V, 0, false, 0))
        return false;
    } else {
      bool Plain;
      if (!scalar(V, 2, Plain))
        return false;
      if (Plain && !V.is(ValueKind::Array) && !V.is(ValueKind::Object))
        Out += "\n...";
    }
    Out += '\n';
    return true;
  }
};

Value fnYamlEncode(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN_DEEP();
  if (!C.arg(0).hasAtMostNodes(MaxCollectionElements))
    return C.tooLarge("the YAML text");
  YamlWriter W;
  if (!W.document(C.arg(0)))
    return C.unsupported(W.Why);
  return C.string(std::move(W.Out));
}

Value fnBase64Encode(Call &C) {
  STRING_ARGS(1, S);
  return C.string(llvm::encodeBase64((*S)[0]));
}

/// Go's base64.StdEncoding: padded, line breaks ignored.
std::optional<std::string> decodeBase64(llvm::StringRef In) {
  std::string Clean;
  for (char Ch : In)
    if (Ch != '\r' && Ch != '\n')
      Clean += Ch;
  return eval::decodeBase64(Clean);
}

Value fnBase64Decode(Call &C) {
  STRING_ARGS(1, S);
  auto Out = decodeBase64((*S)[0]);
  if (!Out) {
    std::string Quoted;
    appendJsonString(Quoted, (*S)[0]);
    return C.failArg(0, "failed to decode base64 data " + Quoted);
  }
  if (!isValidUtf8(*Out))
    return C.failArg(0, "the result of decoding the provided string is not "
                        "valid UTF-8");
  return C.string(std::move(*Out));
}

/// UTF-16 of S, little- or big-endian.
std::string toUtf16(llvm::StringRef S, bool Little) {
  std::string Out;
  auto Unit = [&](uint32_t U) {
    char Lo = static_cast<char>(U & 0xFF), Hi = static_cast<char>(U >> 8);
    Out += Little ? Lo : Hi;
    Out += Little ? Hi : Lo;
  };
  for (char32_t CP : decodeUtf8(S)) {
    if (CP >= 0x10000) {
      Unit(0xD800 + ((CP - 0x10000) >> 10));
      Unit(0xDC00 + ((CP - 0x10000) & 0x3FF));
    } else {
      Unit(CP);
    }
  }
  return Out;
}

std::optional<std::string> fromUtf16(llvm::StringRef Bytes, bool Little) {
  if (Bytes.size() % 2)
    return std::nullopt;
  std::string Out;
  for (size_t I = 0; I < Bytes.size(); I += 2) {
    auto B0 = static_cast<unsigned char>(Bytes[I]),
         B1 = static_cast<unsigned char>(Bytes[I + 1]);
    uint32_t U = Little ? (B1 << 8 | B0) : (B0 << 8 | B1);
    if (U >= 0xD800 && U < 0xDC00 && I + 3 < Bytes.size()) {
      auto C0 = static_cast<unsigned char>(Bytes[I + 2]),
           C1 = static_cast<unsigned char>(Bytes[I + 3]);
      uint32_t L = Little ? (C1 << 8 | C0) : (C0 << 8 | C1);
      if (L >= 0xDC00 && L < 0xE000) {
        appendUtf8(Out, 0x10000 + ((U - 0xD800) << 10) + (L - 0xDC00));
        I += 2;
        continue;
      }
    }
    appendUtf8(Out, U >= 0xD800 && U < 0xE000 ? 0xFFFD : U);
  }
  return Out;
}

/// The encodings we model: UTF-8, UTF-16LE/BE, and single-byte Latin-1
/// for ASCII text (the same bytes).
std::optional<std::string> encodingKind(llvm::StringRef Name) {
  std::string N = Name.lower();
  llvm::erase_if(N, [](char Ch) { return Ch == '-' || Ch == '_'; });
  if (N == "utf8")
    return std::string("utf8");
  if (N == "utf16le")
    return std::string("utf16le");
  if (N == "utf16be")
    return std::string("utf16be");
  if (N == "iso88591" || N == "latin1" || N == "usascii" || N == "ascii")
    return std::string("ascii");
  return std::nullopt;
}

Value fnTextEncodeBase64(Call &C) {
  STRING_ARGS(2, S);
  auto Kind = encodingKind((*S)[1]);
  if (!Kind || (*Kind == "ascii" && !isAscii((*S)[0])))
    return C.unknown(C.fn() + ": the encoding '" + (*S)[1] +
                     "' is not evaluated");
  std::string Bytes = *Kind == "utf16le"   ? toUtf16((*S)[0], true)
                      : *Kind == "utf16be" ? toUtf16((*S)[0], false)
                                           : (*S)[0];
  return C.string(llvm::encodeBase64(Bytes));
}

Value fnTextDecodeBase64(Call &C) {
  STRING_ARGS(2, S);
  auto Kind = encodingKind((*S)[1]);
  auto Bytes = decodeBase64((*S)[0]);
  if (!Bytes)
    return C.failArg(0, "the given value is not valid base64");
  if (!Kind || (*Kind == "ascii" && !isAscii(*Bytes)))
    return C.unknown(C.fn() + ": the encoding '" + (*S)[1] +
                     "' is not evaluated");
  std::optional<std::string> Out = *Kind == "utf16le" ? fromUtf16(*Bytes, true)
                                   : *Kind == "utf16be"
                                       ? fromUtf16(*Bytes, false)
                                       : std::optional<std::string>(*Bytes);
  if (!Out || (*Kind == "utf8" && !isValidUtf8(*Out)))
    return C.failArg(0, "the given value is has an invalid " + (*S)[1] +
                            " sequence");
  return C.string(std::move(*Out));
}

/// Go's url.QueryEscape.
Value fnUrlEncode(Call &C) {
  STRING_ARGS(1, S);
  std::string Out;
  static const char Hex[] = "0123456789ABCDEF";
  for (char Ch : (*S)[0]) {
    auto B = static_cast<unsigned char>(Ch);
    if (llvm::isAlnum(Ch) || Ch == '-' || Ch == '_' || Ch == '.' || Ch == '~') {
      Out += Ch;
    } else if (Ch == ' ') {
      Out += '+';
    } else {
      Out += '%';
      Out += Hex[B >> 4];
      Out += Hex[B & 15];
    }
  }
  return C.string(std::move(Out));
}

/// Go's encoding/csv with its defaults; nullopt with Error set on a parse
/// error.
std::optional<std::vector<std::vector<std::string>>>
parseCsv(llvm::StringRef S, std::string &Error) {
  std::vector<std::vector<std::string>> Rows;
  size_t I = 0, Line = 1;
  while (I < S.size()) {
    // Empty lines are skipped.
    if (S[I] == '\n') {
      ++I, ++Line;
      continue;
    }
    if (S[I] == '\r' && I + 1 < S.size() && S[I + 1] == '\n') {
      I += 2, ++Line;
      continue;
    }
    size_t RecordLine = Line;
    std::vector<std::string> Fields;
    while (true) {
      std::string Field;
      if (I < S.size() && S[I] == '"') {
        ++I;
        while (true) {
          if (I >= S.size()) {
            Error = "CSV parse error on line " + std::to_string(RecordLine) +
                    ": extraneous or missing \" in quoted-field";
            return std::nullopt;
          }
          char Ch = S[I];
          if (Ch == '"') {
            if (I + 1 < S.size() && S[I + 1] == '"') {
              Field += '"';
              I += 2;
              continue;
            }
            ++I;
            break;
          }
          if (Ch == '\r' && I + 1 < S.size() && S[I + 1] == '\n') {
            Field += '\n';
            I += 2, ++Line;
            continue;
          }
          if (Ch == '\n')
            ++Line;
          Field += Ch;
          ++I;
        }
        if (I < S.size() && S[I] != ',' && S[I] != '\n' &&
            !(S[I] == '\r' && I + 1 < S.size() && S[I + 1] == '\n')) {
          Error = "CSV parse error on line " + std::to_string(Line) +
                  ": extraneous or missing \" in quoted-field";
          return std::nullopt;
        }
      } else {
        while (I < S.size() && S[I] != ',' && S[I] != '\n' &&
               !(S[I] == '\r' && I + 1 < S.size() && S[I + 1] == '\n')) {
          if (S[I] == '"') {
            Error = "CSV parse error on line " + std::to_string(Line) +
                    ": bare \" in non-quoted-field";
            return std::nullopt;
          }
          Field += S[I++];
        }
      }
      Fields.push_back(std::move(Field));
      if (I < S.size() && S[I] == ',') {
        ++I;
        continue;
      }
      if (I < S.size())
        I += S[I] == '\r' ? 2 : 1, ++Line;
      break;
    }
    if (!Rows.empty() && Fields.size() != Rows.front().size()) {
      Error = "CSV parse error on line " + std::to_string(RecordLine) +
              ": wrong number of fields";
      return std::nullopt;
    }
    Rows.push_back(std::move(Fields));
    if (Rows.size() > MaxCollectionElements) {
      Error = "";
      return std::nullopt;
    }
  }
  return Rows;
}

Value fnCsvDecode(Call &C) {
  STRING_ARGS(1, S);
  std::string Error;
  auto Rows = parseCsv((*S)[0], Error);
  if (!Rows)
    return Error.empty() ? C.tooLarge("the decoded list") : C.fail(Error);
  if (Rows->empty())
    return C.fail("missing header line");
  const std::vector<std::string> &Header = Rows->front();
  std::set<llvm::StringRef> Names;
  for (const std::string &H : Header)
    if (!Names.insert(H).second)
      return C.fail("duplicate column name \"" + H + "\"");
  std::vector<Value> Out;
  for (size_t R = 1; R < Rows->size(); ++R) {
    std::vector<Member> Members;
    for (size_t K = 0; K < Header.size(); ++K)
      Members.push_back({Header[K], C.origin(), C.string((*Rows)[R][K])});
    Out.push_back(C.object(sortedMembers(std::move(Members))));
  }
  return C.array(std::move(Out));
}

//===- Hashes -------------------------------------------------------------===//

/// SHA-512 (FIPS 180-4); LLVM 14's Support has no SHA-512.
std::array<uint8_t, 64> sha512(llvm::StringRef Data) {
  static constexpr uint64_t K[80] = {
      0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f,
      0xe9b5dba58189dbbc, 0x3956c25bf348b538, 0x59f111f1b605d019,
      0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242,
      0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
      0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
      0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3,
      0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65, 0x2de92c6f592b0275,
      0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
      0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f,
      0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
      0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc,
      0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
      0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6,
      0x92722c851482353b, 0xa2bfe8a14cf10364, 0xa81a664bbc423001,
      0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
      0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
      0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99,
      0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb,
      0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc,
      0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
      0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915,
      0xc67178f2e372532b, 0xca273eceea26619c, 0xd186b8c721c0c207,
      0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba,
      0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
      0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
      0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a,
      0x5fcb6fab3ad6faec, 0x6c44198c4a475817};
  uint64_t H[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                   0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                   0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
  std::string Msg = Data.str();
  uint64_t BitLen = static_cast<uint64_t>(Data.size()) * 8;
  Msg += '\x80';
  while (Msg.size() % 128 != 112)
    Msg += '\0';
  Msg.append(8, '\0'); // the high 64 bits of the 128-bit length
  for (int I = 7; I >= 0; --I)
    Msg += static_cast<char>(BitLen >> (8 * I));
  auto Rotr = [](uint64_t X, int N) { return (X >> N) | (X << (64 - N)); };
  for (size_t Block = 0; Block < Msg.size(); Block += 128) {
    uint64_t W[80];
    for (int T = 0; T < 16; ++T) {
      W[T] = 0;
      for (int B = 0; B < 8; ++B)
        W[T] = W[T] << 8 | static_cast<uint8_t>(Msg[Block + 8 * T + B]);
    }
    for (int T = 16; T < 80; ++T) {
      uint64_t S0 = Rotr(W[T - 15], 1) ^ Rotr(W[T - 15], 8) ^ (W[T - 15] >> 7);
      uint64_t S1 = Rotr(W[T - 2], 19) ^ Rotr(W[T - 2], 61) ^ (W[T - 2] >> 6);
      W[T] = W[T - 16] + S0 + W[T - 7] + S1;
    }
    uint64_t A = H[0], B = H[1], Cc = H[2], D = H[3], E = H[4], F = H[5],
             G = H[6], Hh = H[7];
    for (int T = 0; T < 80; ++T) {
      uint64_t S1 = Rotr(E, 14) ^ Rotr(E, 18) ^ Rotr(E, 41);
      uint64_t Ch = (E & F) ^ (~E & G);
      uint64_t T1 = Hh + S1 + Ch + K[T] + W[T];
      uint64_t S0 = Rotr(A, 28) ^ Rotr(A, 34) ^ Rotr(A, 39);
      uint64_t Maj = (A & B) ^ (A & Cc) ^ (B & Cc);
      uint64_t T2 = S0 + Maj;
      Hh = G;
      G = F;
      F = E;
      E = D + T1;
      D = Cc;
      Cc = B;
      B = A;
      A = T1 + T2;
    }
    H[0] += A, H[1] += B, H[2] += Cc, H[3] += D;
    H[4] += E, H[5] += F, H[6] += G, H[7] += Hh;
  }
  std::array<uint8_t, 64> Out;
  for (int I = 0; I < 8; ++I)
    for (int B = 0; B < 8; ++B)
      Out[8 * I + B] = static_cast<uint8_t>(H[I] >> (56 - 8 * B));
  return Out;
}

enum class HashKind { MD5, SHA1, SHA256, SHA512 };

std::string digest(HashKind K, llvm::StringRef Data) {
  llvm::ArrayRef<uint8_t> Bytes(reinterpret_cast<const uint8_t *>(Data.data()),
                                Data.size());
  switch (K) {
  case HashKind::MD5: {
    llvm::MD5 H;
    H.update(Bytes);
    llvm::MD5::MD5Result R;
    H.final(R);
    return std::string(reinterpret_cast<const char *>(R.Bytes.data()), 16);
  }
  case HashKind::SHA1: {
    auto R = llvm::SHA1::hash(Bytes);
    return std::string(R.begin(), R.end());
  }
  case HashKind::SHA256: {
    auto R = llvm::SHA256::hash(Bytes);
    return std::string(R.begin(), R.end());
  }
  case HashKind::SHA512: {
    auto R = sha512(Data);
    return std::string(R.begin(), R.end());
  }
  }
  return {};
}

Value hashFn(Call &C, HashKind K, bool Base64) {
  STRING_ARGS(1, S);
  std::string D = digest(K, (*S)[0]);
  return C.string(Base64 ? llvm::encodeBase64(D) : llvm::toHex(D, true));
}

/// uuidv5(): an RFC 4122 name-based UUID (SHA-1).
Value fnUuidV5(Call &C) {
  STRING_ARGS(2, S);
  llvm::StringRef NS = (*S)[0];
  std::string Text = NS == "dns"    ? "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
                     : NS == "url"  ? "6ba7b811-9dad-11d1-80b4-00c04fd430c8"
                     : NS == "oid"  ? "6ba7b812-9dad-11d1-80b4-00c04fd430c8"
                     : NS == "x500" ? "6ba7b814-9dad-11d1-80b4-00c04fd430c8"
                                    : NS.str();
  llvm::StringRef T = Text;
  // google/uuid's Parse: plain, urn:uuid:, {braced} or 32 hex digits.
  if (T.size() == 45 && T.startswith_insensitive("urn:uuid:"))
    T = T.drop_front(9);
  else if (T.size() == 38 && T.startswith("{") && T.endswith("}"))
    T = T.drop_front().drop_back();
  std::string Hex;
  if (T.size() == 36) {
    for (size_t I = 0; I < T.size(); ++I) {
      bool DashAt = I == 8 || I == 13 || I == 18 || I == 23;
      if (DashAt != (T[I] == '-'))
        return C.failArg(0, "uuidv5() doesn't support namespace " + NS.str());
      if (!DashAt)
        Hex += T[I];
    }
  } else if (T.size() == 32) {
    Hex = T.str();
  }
  std::string NSBytes;
  if (Hex.size() != 32 || !llvm::all_of(Hex, llvm::isHexDigit) ||
      !llvm::tryGetFromHex(Hex, NSBytes))
    return C.failArg(0, "uuidv5() doesn't support namespace " + NS.str());
  std::string H = digest(HashKind::SHA1, NSBytes + (*S)[1]);
  H.resize(16);
  H[6] = static_cast<char>((H[6] & 0x0F) | 0x50);
  H[8] = static_cast<char>((H[8] & 0x3F) | 0x80);
  std::string X = llvm::toHex(H, true);
  return C.string(X.substr(0, 8) + "-" + X.substr(8, 4) + "-" +
                  X.substr(12, 4) + "-" + X.substr(16, 4) + "-" + X.substr(20));
}

//===- Files --------------------------------------------------------------===//

/// The file's bytes through the context's reader, or the result to return.
std::variant<std::string, Value> readFile(const Call &C) {
  auto Path = stringArg(C, 0);
  if (!Path)
    return C.invalid();
  if (!C.Ctx.ReadFile)
    return C.unknown(C.fn() + ": files are not read in this evaluation");
  FileText F = C.Ctx.ReadFile(*Path);
  if (!F.Text)
    return C.unknown(C.fn() + ": " + F.Error);
  return std::move(*F.Text);
}

#define READ_FILE(Var)                                                         \
  ARITY(1, 1);                                                                 \
  NEED_KNOWN_DEEP();                                                           \
  auto Read_ = readFile(C);                                                    \
  if (auto *V_ = std::get_if<Value>(&Read_))                                   \
    return *V_;                                                                \
  std::string &Var = std::get<std::string>(Read_)

Value fnFile(Call &C) {
  READ_FILE(Text);
  if (!isValidUtf8(Text))
    return C.failArg(0, "contents of " + C.arg(0).asString().str() +
                            " are not valid UTF-8; use the filebase64 "
                            "function to obtain the Base64 encoded contents "
                            "or the other file functions (e.g. filemd5, "
                            "filesha256) to obtain file hashing results "
                            "instead");
  return C.string(std::move(Text));
}

Value fnFileExists(Call &C) {
  READ_FILE(Text);
  (void)Text;
  return C.boolean(true);
}

Value fnFileBase64(Call &C) {
  READ_FILE(Text);
  if (Text.size() > MaxStringBytes / 4 * 3)
    return C.tooLarge("the encoded file");
  return C.string(llvm::encodeBase64(Text));
}

Value fileHash(Call &C, HashKind K, bool Base64) {
  READ_FILE(Text);
  std::string D = digest(K, Text);
  return C.string(Base64 ? llvm::encodeBase64(D) : llvm::toHex(D, true));
}

/// Go's filepath.Dir and filepath.Base on a Unix host.
std::string cleanPath(llvm::StringRef P) {
  bool Rooted = P.startswith("/");
  llvm::SmallVector<llvm::StringRef, 8> Parts, Out;
  P.split(Parts, '/');
  for (llvm::StringRef Part : Parts) {
    if (Part.empty() || Part == ".")
      continue;
    if (Part == "..") {
      if (!Out.empty() && Out.back() != "..")
        Out.pop_back();
      else if (!Rooted)
        Out.push_back(Part);
      continue;
    }
    Out.push_back(Part);
  }
  std::string S = Rooted ? "/" : "";
  S += llvm::join(Out, "/");
  return S.empty() ? "." : S;
}

Value fnDirname(Call &C) {
  STRING_ARGS(1, S);
  llvm::StringRef P = (*S)[0];
  size_t Slash = P.rfind('/');
  llvm::StringRef Dir =
      Slash == llvm::StringRef::npos ? "" : P.take_front(Slash + 1);
  return C.string(cleanPath(Dir));
}

Value fnBasename(Call &C) {
  STRING_ARGS(1, S);
  llvm::StringRef P = (*S)[0];
  if (P.empty())
    return C.string(".");
  while (P.size() > 1 && P.endswith("/"))
    P = P.drop_back();
  if (P == "/")
    return C.string("/");
  size_t Slash = P.rfind('/');
  return C.string(
      Slash == llvm::StringRef::npos ? P.str() : P.drop_front(Slash + 1).str());
}

Value fnPathExpand(Call &C) {
  STRING_ARGS(1, S);
  if (llvm::StringRef((*S)[0]).startswith("~"))
    return C.unknown(C.fn() + ": the home directory is known only where "
                              "Terraform runs");
  return C.string((*S)[0]);
}

//===- Network ------------------------------------------------------------===//

/// Go's net.IP String(): dotted for IPv4 and IPv4-mapped IPv6.
std::string goAddressText(U128 A, bool V6) {
  if (!V6 || (A >> 32) == 0xFFFF)
    return formatIPv4(A & 0xFFFFFFFFu);
  return formatIPv6(A);
}

/// The range of argument 0 (Terraform's ipaddr.ParseCIDR), or the result.
std::variant<Cidr, Value> cidrArg(const Call &C) {
  auto S = stringArg(C, 0);
  if (!S)
    return C.invalid();
  auto R = parseCidr(*S, /*AllowLeadingZeros=*/true);
  if (!R)
    return C.failArg(0, "invalid CIDR expression: invalid CIDR address: " + *S);
  // Go treats ranges inside ::ffff:0:0/96 as IPv4, with shifted prefixes.
  if (R->V6 && (R->Address >> 32) == 0xFFFF)
    return C.unknown(C.fn() + ": IPv4-mapped IPv6 ranges are not evaluated");
  return *R;
}

std::string cidrText(const Cidr &R, U128 Network, unsigned Prefix) {
  return goAddressText(Network, R.V6) + "/" + std::to_string(Prefix);
}

#define CIDR_ARG(Var)                                                          \
  auto Parsed_ = cidrArg(C);                                                   \
  if (auto *V_ = std::get_if<Value>(&Parsed_))                                 \
    return *V_;                                                                \
  const Cidr &Var = std::get<Cidr>(Parsed_)

Value fnCidrSubnet(Call &C) {
  ARITY(3, 3);
  NEED_KNOWN_DEEP();
  CIDR_ARG(R);
  auto NewBits = intArg(C, 1);
  auto Num = NewBits ? intArg(C, 2) : std::nullopt;
  if (!Num)
    return C.invalid();
  if (*NewBits < 0 || R.Prefix + *NewBits > R.bits())
    return C.fail("insufficient address space to extend prefix of " +
                  std::to_string(R.Prefix) + " by " + std::to_string(*NewBits));
  if (*Num < 0)
    return C.unsupported("a negative netnum gives an address Terraform "
                         "derives from the number's bytes");
  unsigned Length = R.Prefix + static_cast<unsigned>(*NewBits);
  if (*NewBits < 64 && static_cast<uint64_t>(*Num) >> *NewBits != 0)
    return C.fail("prefix extension of " + std::to_string(*NewBits) +
                  " does not accommodate a subnet numbered " +
                  std::to_string(*Num));
  unsigned Shift = R.bits() - Length;
  U128 Subnet =
      R.network() |
      (Shift >= 128 ? 0 : (static_cast<U128>(*Num) << Shift) & R.all());
  return C.string(cidrText(R, Subnet, Length));
}

Value fnCidrHost(Call &C) {
  ARITY(2, 2);
  NEED_KNOWN_DEEP();
  CIDR_ARG(R);
  auto Num = intArg(C, 1);
  if (!Num)
    return C.invalid();
  unsigned HostBits = R.bits() - R.Prefix;
  U128 MaxHost = HostBits >= 128 ? ~U128(0) : (U128(1) << HostBits) - 1;
  U128 Host;
  if (*Num >= 0) {
    Host = static_cast<U128>(*Num);
    if (Host > MaxHost)
      return C.fail("prefix of " + std::to_string(R.Prefix) +
                    " does not accommodate a host numbered " +
                    std::to_string(*Num));
  } else {
    U128 Back = static_cast<U128>(-(*Num + 1)); // -1 is the last address
    if (Back > MaxHost)
      return C.fail("prefix of " + std::to_string(R.Prefix) +
                    " does not accommodate a host numbered " +
                    std::to_string(*Num));
    Host = MaxHost - Back;
  }
  return C.string(goAddressText(R.network() | Host, R.V6));
}

Value fnCidrNetmask(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN_DEEP();
  CIDR_ARG(R);
  if (R.V6)
    return C.fail("IPv6 addresses cannot have a netmask: " +
                  C.arg(0).asString().str());
  return C.string(formatIPv4(R.mask()));
}

Value fnCidrSubnets(Call &C) {
  ARITY(1, SIZE_MAX);
  NEED_KNOWN_DEEP();
  CIDR_ARG(R);
  std::vector<Value> Out;
  if (C.size() == 1)
    return C.array({});
  U128 All = R.all();
  U128 Base = R.network();
  U128 BaseLast = R.last();
  // go-cidr's PreviousSubnet: the subnet before the base at the first
  // length, so the first NextSubnet lands on the base itself.
  auto First = intArg(C, 1);
  if (!First)
    return C.invalid();
  Cidr Current = R;
  Current.Prefix = static_cast<unsigned>(
      std::clamp<int64_t>(R.Prefix + *First, 0, R.bits()));
  Current.Address = ((Base - 1) & All) & Current.mask();
  for (size_t I = 1; I < C.size(); ++I) {
    auto Bits = intArg(C, I);
    if (!Bits)
      return C.invalid();
    if (*Bits < 1)
      return C.failArg(I, "must extend prefix by at least one bit");
    if (*Bits > 32)
      return C.failArg(I, "may not extend prefix by more than 32 bits");
    int64_t Length = R.Prefix + *Bits;
    if (Length > R.bits())
      return C.failArg(I, "would extend prefix to " + std::to_string(Length) +
                              " bits, which is too long for an " +
                              (R.V6 ? "IPv6" : "IPv4") + " address");
    // NextSubnet: the block of the new length after the current one's end.
    U128 Mask = R.maskOf(static_cast<unsigned>(Length));
    U128 CurrentLast = Current.last();
    Cidr Aligned = R;
    Aligned.Prefix = static_cast<unsigned>(Length);
    Aligned.Address = CurrentLast & Mask;
    U128 Next = (Aligned.last() + 1) & All;
    bool Rollover = Next == 0;
    if (Rollover || Next < Base || Next > BaseLast)
      return C.failArg(I, "not enough remaining address space for a subnet "
                          "with a prefix of " +
                              std::to_string(Length) + " bits after " +
                              cidrText(R, Current.network(), Current.Prefix));
    Current.Address = Next & Mask;
    Current.Prefix = static_cast<unsigned>(Length);
    Out.push_back(C.string(cidrText(R, Current.network(), Current.Prefix)));
  }
  return C.array(std::move(Out));
}

//===- Unknown by design --------------------------------------------------===//

/// Functions whose result exists only at apply time, or depends on the
/// machine Terraform runs on.
Value knownOnlyAtApply(Call &C) {
  return C.unknown(C.fn() + " is known only at apply");
}

Value notEvaluated(Call &C) { return C.unknown(C.fn() + " is not evaluated"); }

Value removedFunction(Call &C) {
  return C.fail("the " + C.Name.str() +
                " function was removed in Terraform 0.15; use the " +
                (C.Name == "list" ? "tolist([ ... ])" : "tomap({ ... })") +
                " syntax instead");
}

//===- The library --------------------------------------------------------===//

using Fn = Value (*)(Call &);

struct Entry {
  const char *Name;
  Fn Impl;
  /// Whether the function takes null arguments (the others report them).
  bool NullOk = false;
};

// clang-format off
const Entry Library[] = {
    {"abs", fnAbs},
    {"abspath", notEvaluated},
    {"alltrue", fnAllTrue},
    {"anytrue", fnAnyTrue},
    {"base64decode", fnBase64Decode},
    {"base64encode", fnBase64Encode},
    {"base64gzip", notEvaluated},
    {"base64sha256", [](Call &C) { return hashFn(C, HashKind::SHA256, true); }},
    {"base64sha512", [](Call &C) { return hashFn(C, HashKind::SHA512, true); }},
    {"basename", fnBasename},
    {"bcrypt", knownOnlyAtApply},
    {"can", notEvaluated, true},
    {"ceil", fnCeil},
    {"chomp", fnChomp},
    {"chunklist", fnChunkList},
    {"cidrhost", fnCidrHost},
    {"cidrnetmask", fnCidrNetmask},
    {"cidrsubnet", fnCidrSubnet},
    {"cidrsubnets", fnCidrSubnets},
    {"coalesce", fnCoalesce, true},
    {"coalescelist", fnCoalesceList, true},
    {"compact", fnCompact},
    {"concat", fnConcat},
    {"contains", fnContains, true},
    {"csvdecode", fnCsvDecode},
    {"dirname", fnDirname},
    {"distinct", fnDistinct},
    {"element", fnElement},
    {"endswith", fnEndsWith},
    {"ephemeralasnull", fnPassThrough, true},
    {"file", fnFile},
    {"filebase64", fnFileBase64},
    {"filebase64sha256", [](Call &C) { return fileHash(C, HashKind::SHA256, true); }},
    {"filebase64sha512", [](Call &C) { return fileHash(C, HashKind::SHA512, true); }},
    {"fileexists", fnFileExists},
    {"filemd5", [](Call &C) { return fileHash(C, HashKind::MD5, false); }},
    {"fileset", notEvaluated},
    {"filesha1", [](Call &C) { return fileHash(C, HashKind::SHA1, false); }},
    {"filesha256", [](Call &C) { return fileHash(C, HashKind::SHA256, false); }},
    {"filesha512", [](Call &C) { return fileHash(C, HashKind::SHA512, false); }},
    {"flatten", fnFlatten},
    {"floor", fnFloor},
    {"format", fnFormat, true},
    {"formatdate", notEvaluated},
    {"formatlist", fnFormatList, true},
    {"indent", fnIndent},
    {"index", fnIndex, true},
    {"issensitive", [](Call &C) {
       return C.unknown("issensitive() is not evaluated: sensitivity is not "
                        "tracked");
     }, true},
    {"join", fnJoin},
    {"jsondecode", fnJsonDecode},
    {"jsonencode", fnJsonEncode, true},
    {"keys", fnKeys},
    {"length", fnLength},
    {"list", removedFunction, true},
    {"log", fnLog},
    {"lookup", fnLookup, true},
    {"lower", fnLower},
    {"map", removedFunction, true},
    {"matchkeys", fnMatchKeys},
    {"max", fnMax},
    {"md5", [](Call &C) { return hashFn(C, HashKind::MD5, false); }},
    {"merge", fnMerge, true},
    {"min", fnMin},
    {"nonsensitive", fnPassThrough, true},
    {"one", fnOne},
    {"parseint", fnParseInt},
    {"pathexpand", fnPathExpand},
    {"plantimestamp", knownOnlyAtApply},
    {"pow", fnPow},
    {"range", fnRange},
    {"regex", fnRegex},
    {"regexall", fnRegexAll},
    {"replace", fnReplace},
    {"reverse", fnReverse},
    {"rsadecrypt", notEvaluated},
    {"sensitive", fnPassThrough, true},
    {"setintersection", fnSetIntersection},
    {"setproduct", fnSetProduct},
    {"setsubtract", fnSetSubtract},
    {"setunion", fnSetUnion},
    {"sha1", [](Call &C) { return hashFn(C, HashKind::SHA1, false); }},
    {"sha256", [](Call &C) { return hashFn(C, HashKind::SHA256, false); }},
    {"sha512", [](Call &C) { return hashFn(C, HashKind::SHA512, false); }},
    {"signum", fnSignum},
    {"slice", fnSlice},
    {"sort", fnSort},
    {"split", fnSplit},
    {"startswith", fnStartsWith},
    {"strcontains", fnStrContains},
    {"strrev", fnStrRev},
    {"substr", fnSubstr},
    {"sum", fnSum},
    {"templatefile", notEvaluated, true},
    {"templatestring", notEvaluated, true},
    {"textdecodebase64", fnTextDecodeBase64},
    {"textencodebase64", fnTextEncodeBase64},
    {"timeadd", notEvaluated},
    {"timecmp", notEvaluated},
    {"timestamp", knownOnlyAtApply},
    {"title", fnTitle},
    {"tobool", fnToBool, true},
    {"tolist", fnToList, true},
    {"tomap", fnToMap, true},
    {"tonumber", fnToNumber, true},
    {"toset", fnToSet, true},
    {"tostring", fnToString, true},
    {"transpose", fnTranspose},
    {"trim", fnTrim},
    {"trimprefix", fnTrimPrefix},
    {"trimspace", fnTrimSpace},
    {"trimsuffix", fnTrimSuffix},
    {"try", notEvaluated, true},
    {"type", notEvaluated, true},
    {"upper", fnUpper},
    {"urlencode", fnUrlEncode},
    {"uuid", knownOnlyAtApply},
    {"uuidv5", fnUuidV5},
    {"values", fnValues},
    {"yamldecode", notEvaluated},
    {"yamlencode", fnYamlEncode, true},
    {"zipmap", fnZipMap},
};
// clang-format on

const Entry *findEntry(llvm::StringRef Name) {
  auto It = llvm::partition_point(
      Library, [&](const Entry &E) { return llvm::StringRef(E.Name) < Name; });
  if (It != std::end(Library) && Name == It->Name)
    return It;
  return nullptr;
}

} // namespace

std::optional<Value> callFunction(llvm::StringRef Name,
                                  llvm::ArrayRef<Value> Args,
                                  CallContext &Ctx) {
  Name.consume_front("core::");
  if (Name.startswith("provider::"))
    return Value::unknown("provider-defined function " + Name.str() +
                              "() is not evaluated",
                          Ctx.Call);
  const Entry *E = findEntry(Name);
  if (!E)
    return std::nullopt;
  Call C(Name, Args, Ctx);
  if (!E->NullOk)
    for (size_t I = 0; I < Args.size(); ++I)
      if (Args[I].isNull())
        return C.failArg(I, "argument " + std::to_string(I + 1) +
                                " must not be null");
  return E->Impl(C);
}

std::optional<std::string> toTerraformString(const Value &V) {
  return primitiveText(V);
}

} // namespace rampart::eval::terraform
