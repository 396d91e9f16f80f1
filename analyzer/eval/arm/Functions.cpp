//===- Functions.cpp - The ARM template function library -----------------===//
//
// Semantics follow learn.microsoft.com "template-functions-*" pages. Azure
// runs on .NET, so string positions and lengths count UTF-16 code units and
// string comparisons are ordinal; we do the same.
//
// Known limits (documented in the report): toLower/toUpper/trim change ASCII
// only; format() supports {i}, {i,align} and the D, N, X, F specifiers on
// integers; uri() does a plain RFC 3986 merge without dot-segment removal;
// int() of a float rounds half to even as .NET Convert does.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/Base64.h"
#include "analyzer/eval/arm/Call.h"

#include "analyzer/eval/Cidr.h"
#include "analyzer/model/ValueJson.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/ConvertUTF.h"

#include <cmath>
#include <map>

namespace rampart::eval::arm {

using model::Member;
using model::ValueKind;

namespace {

//===- Helpers ------------------------------------------------------------===//

std::u16string toUtf16(llvm::StringRef S) {
  llvm::SmallVector<llvm::UTF16, 64> Out;
  if (!llvm::convertUTF8ToUTF16String(S, Out))
    return std::u16string(S.begin(), S.end()); // invalid UTF-8: bytes
  // convertUTF8ToUTF16String appends a terminating NUL.
  if (!Out.empty() && Out.back() == 0)
    Out.pop_back();
  return std::u16string(Out.begin(), Out.end());
}

std::string toUtf8(const std::u16string &S) {
  std::string Out;
  llvm::ArrayRef<llvm::UTF16> Units(
      reinterpret_cast<const llvm::UTF16 *>(S.data()), S.size());
  if (!llvm::convertUTF16ToUTF8String(Units, Out)) {
    // A lone surrogate from cutting a pair: .NET would keep it; UTF-8
    // cannot, so it becomes U+FFFD.
    std::u16string Fixed = S;
    for (char16_t &C : Fixed)
      if (C >= 0xD800 && C < 0xE000)
        C = 0xFFFD;
    Out.clear();
    llvm::convertUTF16ToUTF8String(
        llvm::ArrayRef<llvm::UTF16>(
            reinterpret_cast<const llvm::UTF16 *>(Fixed.data()), Fixed.size()),
        Out);
  }
  return Out;
}

char16_t foldAscii(char16_t C) {
  return C >= 'A' && C <= 'Z' ? C + ('a' - 'A') : C;
}

std::u16string foldAscii(std::u16string S) {
  for (char16_t &C : S)
    C = foldAscii(C);
  return S;
}

/// ARM's text for a scalar inside concat()/format()/string(): .NET's.
std::string scalarText(const Value &V) {
  switch (V.kind()) {
  case ValueKind::String:
    return V.asString().str();
  case ValueKind::Int:
    return std::to_string(V.asInt());
  case ValueKind::Bool:
    return V.asBool() ? "True" : "False";
  case ValueKind::Null:
    return "";
  case ValueKind::Float: {
    nlohmann::json J = V.asNumber();
    return J.dump(); // .NET would print 1E+20 where this prints 1e+20
  }
  default:
    // Replace, not throw, on invalid UTF-8 in the user's strings.
    return model::valueToJson(V).dump(
        -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  }
}

/// Deep equality as ARM's equals() (case-sensitive strings; ints and
/// floats compare by value).
bool equalValues(const Value &A, const Value &B) {
  bool NumA = A.is(ValueKind::Int) || A.is(ValueKind::Float);
  bool NumB = B.is(ValueKind::Int) || B.is(ValueKind::Float);
  if (NumA && NumB) {
    if (A.is(ValueKind::Int) && B.is(ValueKind::Int))
      return A.asInt() == B.asInt();
    return A.asNumber() == B.asNumber();
  }
  return A.sameAs(B);
}

/// Merges B into A for union(): later values win, nested objects merge.
std::vector<Member> mergeObjects(llvm::ArrayRef<Member> A,
                                 llvm::ArrayRef<Member> B, bool Deep) {
  std::vector<Member> Out(A.begin(), A.end());
  for (const Member &M : B) {
    auto It = llvm::find_if(Out, [&](const Member &O) {
      return llvm::StringRef(O.Key).equals_insensitive(M.Key);
    });
    if (It == Out.end()) {
      Out.push_back(M);
      continue;
    }
    if (Deep && It->V.is(ValueKind::Object) && M.V.is(ValueKind::Object))
      It->V = Value::object(mergeObjects(It->V.members(), M.V.members(), Deep),
                            M.V.origin());
    else
      It->V = M.V;
  }
  return Out;
}

bool containsValue(llvm::ArrayRef<Value> Items, const Value &V) {
  return llvm::any_of(Items, [&](const Value &I) { return equalValues(I, V); });
}

//===- Lambdas ------------------------------------------------------------===//

struct Lambda {
  std::vector<std::string> Params;
  const Expr *Body = nullptr;
};

/// Reads argument I as lambda('a', 'b', body) without evaluating the body.
std::optional<Lambda> lambdaArg(Call &C, size_t I, size_t MinParams,
                                size_t MaxParams) {
  const Expr &L = C.argExpr(I);
  if (L.Kind != ExprKind::Call || !L.Namespace.empty() ||
      !llvm::StringRef(L.Text).equals_insensitive("lambda") ||
      L.Operands.empty()) {
    C.failArg(I, C.name().str() + "() expects a lambda for argument " +
                     std::to_string(I + 1));
    return std::nullopt;
  }
  Lambda Out;
  Out.Body = L.Operands.back().get();
  for (size_t P = 0; P + 1 < L.Operands.size(); ++P) {
    const Expr &Name = *L.Operands[P];
    if (Name.Kind != ExprKind::String) {
      C.Ev.error(Name, "lambda parameter names must be string literals");
      return std::nullopt;
    }
    Out.Params.push_back(Name.Text);
  }
  if (Out.Params.size() < MinParams || Out.Params.size() > MaxParams) {
    C.failArg(
        I,
        C.name().str() + "() expects a lambda with " +
            std::to_string(MinParams) +
            (MinParams == MaxParams ? "" : " to " + std::to_string(MaxParams)) +
            " parameters");
    return std::nullopt;
  }
  return Out;
}

Value applyLambda(Call &C, const Lambda &L, std::vector<Value> Args) {
  Evaluator::LambdaFrame F;
  Args.resize(L.Params.size());
  F.Names = L.Params;
  F.Values = std::move(Args);
  C.Ev.Lambdas.push_back(std::move(F));
  Value V = C.Ev.evaluate(*L.Body);
  C.Ev.Lambdas.pop_back();
  return V;
}

//===- The functions ------------------------------------------------------===//

using Fn = Value (*)(Call &);

// A string argument, or the Unknown/invalid result to return.
#define NEED_KNOWN(I)                                                          \
  if (auto U_ = C.unknownArg(I))                                               \
  return *U_
#define NEED_ALL_KNOWN()                                                       \
  if (auto U_ = C.unknownArgs())                                               \
  return *U_
#define ARITY(Min, Max)                                                        \
  if (!C.arity(Min, Max))                                                      \
  return C.invalid()
#define EXPECT(I, Kind)                                                        \
  if (!C.expect(I, ValueKind::Kind))                                           \
  return C.invalid()

// --- Logical and comparison ---

Value fnIf(Call &C) {
  ARITY(3, 3);
  NEED_KNOWN(0);
  EXPECT(0, Bool);
  return C.arg(C.arg(0).asBool() ? 1 : 2);
}

Value fnAndOr(Call &C, bool IsAnd) {
  ARITY(2, SIZE_MAX);
  std::optional<Value> Pending;
  for (size_t I = 0; I < C.size(); ++I) {
    const Value &V = C.arg(I);
    if (!V.isKnown()) {
      if (!Pending)
        Pending = unknownBecause(V);
      continue;
    }
    EXPECT(I, Bool);
    if (V.asBool() != IsAnd)
      return C.boolean(!IsAnd); // decided, whatever the unknowns are
  }
  if (Pending)
    return *Pending;
  return C.boolean(IsAnd);
}

Value fnAnd(Call &C) { return fnAndOr(C, true); }
Value fnOr(Call &C) { return fnAndOr(C, false); }

Value fnNot(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, Bool);
  return C.boolean(!C.arg(0).asBool());
}

Value fnTrue(Call &C) {
  ARITY(0, 0);
  return C.boolean(true);
}
Value fnFalse(Call &C) {
  ARITY(0, 0);
  return C.boolean(false);
}
Value fnNull(Call &C) {
  ARITY(0, 0);
  return C.null();
}

Value fnBool(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  const Value &V = C.arg(0);
  if (V.is(ValueKind::Bool))
    return C.boolean(V.asBool());
  if (V.is(ValueKind::Int))
    return C.boolean(V.asInt() != 0);
  if (V.is(ValueKind::String)) {
    if (V.asString().equals_insensitive("true"))
      return C.boolean(true);
    if (V.asString().equals_insensitive("false"))
      return C.boolean(false);
    return C.failArg(0, "bool() cannot convert '" + V.asString().str() +
                            "' to a boolean");
  }
  return C.failArg(0, "bool() cannot convert " + valueKindName(V.kind()).str() +
                          " to a boolean");
}

Value fnEquals(Call &C) {
  ARITY(2, 2);
  if (auto U = C.unknownDeepAll())
    return *U;
  return C.boolean(equalValues(C.arg(0), C.arg(1)));
}

// less/greater: integers (or floats) with each other, strings ordinally.
Value compare(Call &C, bool (*Accept)(int)) {
  ARITY(2, 2);
  NEED_ALL_KNOWN();
  const Value &A = C.arg(0), &B = C.arg(1);
  auto IsNum = [](const Value &V) {
    return V.is(ValueKind::Int) || V.is(ValueKind::Float);
  };
  if (IsNum(A) && IsNum(B)) {
    if (A.is(ValueKind::Int) && B.is(ValueKind::Int))
      return C.boolean(Accept(A.asInt() < B.asInt()   ? -1
                              : A.asInt() > B.asInt() ? 1
                                                      : 0));
    double X = A.asNumber(), Y = B.asNumber();
    return C.boolean(Accept(X < Y ? -1 : X > Y ? 1 : 0));
  }
  if (A.is(ValueKind::String) && B.is(ValueKind::String)) {
    std::u16string X = toUtf16(A.asString()), Y = toUtf16(B.asString());
    return C.boolean(Accept(X < Y ? -1 : X > Y ? 1 : 0));
  }
  return C.fail(
      C.name().str() + "() compares two integers or two strings, found " +
      valueKindName(A.kind()).str() + " and " + valueKindName(B.kind()).str());
}

Value fnLess(Call &C) {
  return compare(C, [](int R) { return R < 0; });
}
Value fnLessOrEquals(Call &C) {
  return compare(C, [](int R) { return R <= 0; });
}
Value fnGreater(Call &C) {
  return compare(C, [](int R) { return R > 0; });
}
Value fnGreaterOrEquals(Call &C) {
  return compare(C, [](int R) { return R >= 0; });
}

Value fnCoalesce(Call &C) {
  ARITY(1, SIZE_MAX);
  for (size_t I = 0; I < C.size(); ++I) {
    const Value &V = C.arg(I);
    if (!V.isKnown())
      return unknownBecause(V); // it may or may not be null
    if (!V.isNull())
      return V;
  }
  return C.null();
}

// --- Numeric ---

Value arithmetic(Call &C, char Op) {
  ARITY(2, 2);
  NEED_ALL_KNOWN();
  EXPECT(0, Int);
  EXPECT(1, Int);
  int64_t A = C.arg(0).asInt(), B = C.arg(1).asInt(), R = 0;
  bool Overflow = false;
  switch (Op) {
  case '+':
    Overflow = __builtin_add_overflow(A, B, &R);
    break;
  case '-':
    Overflow = __builtin_sub_overflow(A, B, &R);
    break;
  case '*':
    Overflow = __builtin_mul_overflow(A, B, &R);
    break;
  case '/':
  case '%':
    if (B == 0)
      return C.failArg(1, C.name().str() + "() by zero");
    if (A == INT64_MIN && B == -1) {
      Overflow = Op == '/';
      R = 0;
    } else {
      R = Op == '/' ? A / B : A % B; // truncates, as .NET does
    }
    break;
  }
  if (Overflow)
    return C.fail(C.name().str() + "() overflows a 64-bit integer");
  return C.integer(R);
}

Value fnAdd(Call &C) { return arithmetic(C, '+'); }
Value fnSub(Call &C) { return arithmetic(C, '-'); }
Value fnMul(Call &C) { return arithmetic(C, '*'); }
Value fnDiv(Call &C) { return arithmetic(C, '/'); }
Value fnMod(Call &C) { return arithmetic(C, '%'); }

Value fnInt(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  const Value &V = C.arg(0);
  if (V.is(ValueKind::Int))
    return C.integer(V.asInt());
  if (V.is(ValueKind::Float)) {
    double R = std::nearbyint(V.asNumber());
    if (!(R >= -9.2e18 && R <= 9.2e18))
      return C.failArg(0, "int() overflows a 64-bit integer");
    return C.integer(static_cast<int64_t>(R));
  }
  if (V.is(ValueKind::String)) {
    int64_t I;
    if (!V.asString().trim().getAsInteger(10, I))
      return C.integer(I);
    return C.failArg(0, "int() cannot convert '" + V.asString().str() +
                            "' to an integer");
  }
  return C.failArg(0, "int() cannot convert " + valueKindName(V.kind()).str() +
                          " to an integer");
}

Value fnFloat(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  const Value &V = C.arg(0);
  if (V.is(ValueKind::Int) || V.is(ValueKind::Float))
    return Value::floating(V.asNumber(), C.origin());
  if (V.is(ValueKind::String)) {
    double D;
    if (!V.asString().trim().getAsDouble(D))
      return Value::floating(D, C.origin());
    return C.failArg(0, "float() cannot convert '" + V.asString().str() +
                            "' to a number");
  }
  return C.failArg(0, "float() cannot convert " +
                          valueKindName(V.kind()).str() + " to a number");
}

Value minMax(Call &C, bool IsMin) {
  ARITY(1, SIZE_MAX);
  std::vector<Value> Items;
  if (C.size() == 1) {
    NEED_KNOWN(0);
    EXPECT(0, Array);
    Items = C.arg(0).items().vec();
  } else {
    for (size_t I = 0; I < C.size(); ++I)
      Items.push_back(C.arg(I));
  }
  if (Items.empty())
    return C.fail(C.name().str() + "() of an empty array");
  std::optional<Value> Best;
  for (const Value &V : Items) {
    if (!V.isKnown())
      return unknownBecause(V);
    if (!V.is(ValueKind::Int) && !V.is(ValueKind::Float))
      return C.fail(C.name().str() + "() takes integers, found " +
                    valueKindName(V.kind()).str());
    if (!Best || (IsMin ? V.asNumber() < Best->asNumber()
                        : V.asNumber() > Best->asNumber()))
      Best = V;
  }
  return Best->withOrigin(C.origin());
}

Value fnMin(Call &C) { return minMax(C, true); }
Value fnMax(Call &C) { return minMax(C, false); }

// --- Strings ---

Value fnConcat(Call &C) {
  ARITY(1, SIZE_MAX);
  NEED_ALL_KNOWN();
  if (C.arg(0).is(ValueKind::Array)) {
    std::vector<Value> Out;
    for (size_t I = 0; I < C.size(); ++I) {
      EXPECT(I, Array);
      for (const Value &V : C.arg(I).items()) {
        if (Out.size() >= MaxArrayElements)
          return C.fail("concat() result exceeds the array size limit");
        Out.push_back(V);
      }
    }
    return C.array(std::move(Out));
  }
  std::string Out;
  for (size_t I = 0; I < C.size(); ++I) {
    const Value &V = C.arg(I);
    if (V.is(ValueKind::Array) || V.is(ValueKind::Object))
      return C.failArg(I, "concat() cannot mix strings with " +
                              valueKindName(V.kind()).str() + "s");
    Out += scalarText(V);
    if (Out.size() > MaxStringBytes)
      return C.fail("concat() result exceeds the string size limit");
  }
  return C.string(std::move(Out));
}

/// .NET numeric format of an integer for format(): D, N, X, F specifiers.
std::optional<std::string> formatInteger(int64_t V, llvm::StringRef Spec) {
  if (Spec.empty())
    return std::to_string(V);
  char Kind = Spec.front();
  unsigned Precision = 0;
  bool HasPrecision = Spec.size() > 1;
  if (HasPrecision && Spec.drop_front().getAsInteger(10, Precision))
    return std::nullopt;
  if (Precision > 99)
    return std::nullopt;
  bool Negative = V < 0;
  uint64_t Mag = Negative ? 0 - static_cast<uint64_t>(V) : V;
  std::string Digits = std::to_string(Mag);
  switch (Kind) {
  case 'D':
  case 'd':
    if (Digits.size() < Precision)
      Digits.insert(0, Precision - Digits.size(), '0');
    return (Negative ? "-" : "") + Digits;
  case 'N':
  case 'n':
  case 'F':
  case 'f': {
    unsigned Decimals = HasPrecision ? Precision : 2;
    std::string Int = Digits;
    if (Kind == 'N' || Kind == 'n')
      for (int I = static_cast<int>(Int.size()) - 3; I > 0; I -= 3)
        Int.insert(I, ",");
    std::string Out = (Negative ? "-" : "") + Int;
    if (Decimals)
      Out += "." + std::string(Decimals, '0');
    return Out;
  }
  case 'X':
  case 'x': {
    std::string Hex = llvm::utohexstr(static_cast<uint64_t>(V), Kind == 'x');
    if (Hex.size() < Precision)
      Hex.insert(0, Precision - Hex.size(), '0');
    return Hex;
  }
  default:
    return std::nullopt;
  }
}

Value fnFormat(Call &C) {
  ARITY(1, SIZE_MAX);
  NEED_ALL_KNOWN();
  EXPECT(0, String);
  llvm::StringRef F = C.arg(0).asString();
  std::string Out;
  for (size_t I = 0; I < F.size(); ++I) {
    char Ch = F[I];
    if (Ch == '}') {
      if (I + 1 < F.size() && F[I + 1] == '}') {
        Out += '}';
        ++I;
        continue;
      }
      return C.failArg(0, "format(): unmatched '}' in the format string");
    }
    if (Ch != '{') {
      Out += Ch;
      continue;
    }
    if (I + 1 < F.size() && F[I + 1] == '{') {
      Out += '{';
      ++I;
      continue;
    }
    size_t Close = F.find('}', I);
    if (Close == llvm::StringRef::npos)
      return C.failArg(0, "format(): unmatched '{' in the format string");
    llvm::StringRef Item = F.slice(I + 1, Close);
    llvm::StringRef Spec;
    std::tie(Item, Spec) = Item.split(':');
    llvm::StringRef IndexText, AlignText;
    std::tie(IndexText, AlignText) = Item.split(',');
    unsigned Index;
    int Align = 0;
    if (IndexText.trim().getAsInteger(10, Index) ||
        (!AlignText.empty() && AlignText.trim().getAsInteger(10, Align)))
      return C.failArg(0, "format(): invalid format item '{" +
                              F.slice(I + 1, Close).str() + "}'");
    if (Index + 1 >= C.size())
      return C.failArg(0, "format(): index " + std::to_string(Index) +
                              " has no argument");
    const Value &V = C.arg(Index + 1);
    std::string Text;
    if (V.is(ValueKind::Int)) {
      auto T = formatInteger(V.asInt(), Spec);
      if (!T)
        return C.unknown("format(): the specifier '" + Spec.str() +
                         "' is not modelled");
      Text = *T;
    } else if (V.is(ValueKind::String) || V.is(ValueKind::Bool) || V.isNull()) {
      Text = scalarText(V);
    } else {
      return C.unknown("format(): " + valueKindName(V.kind()).str() +
                       " arguments are not modelled");
    }
    size_t Width = static_cast<size_t>(std::abs(Align));
    size_t Len = toUtf16(Text).size();
    if (Width > MaxStringBytes)
      return C.fail("format(): alignment too large");
    if (Len < Width) {
      std::string Pad(Width - Len, ' ');
      Text = Align > 0 ? Pad + Text : Text + Pad;
    }
    Out += Text;
    if (Out.size() > MaxStringBytes)
      return C.fail("format() result exceeds the string size limit");
    I = Close;
  }
  return C.string(std::move(Out));
}

Value caseMap(Call &C, bool Upper) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  std::string S = C.arg(0).asString().str();
  for (char &Ch : S)
    Ch = Upper ? llvm::toUpper(Ch) : llvm::toLower(Ch);
  return C.string(std::move(S));
}

Value fnToLower(Call &C) { return caseMap(C, false); }
Value fnToUpper(Call &C) { return caseMap(C, true); }

Value fnSubstring(Call &C) {
  ARITY(1, 3);
  NEED_ALL_KNOWN();
  EXPECT(0, String);
  std::u16string S = toUtf16(C.arg(0).asString());
  int64_t Start = 0;
  if (C.size() > 1) {
    EXPECT(1, Int);
    Start = C.arg(1).asInt();
  }
  if (Start < 0 || Start > static_cast<int64_t>(S.size()))
    return C.failArg(1, "substring(): start index " + std::to_string(Start) +
                            " is outside a string of length " +
                            std::to_string(S.size()));
  int64_t Length = static_cast<int64_t>(S.size()) - Start;
  if (C.size() > 2) {
    EXPECT(2, Int);
    Length = C.arg(2).asInt();
    if (Length < 0 || Length > static_cast<int64_t>(S.size()) - Start)
      return C.failArg(2, "substring(): length " + std::to_string(Length) +
                              " from index " + std::to_string(Start) +
                              " is outside a string of length " +
                              std::to_string(S.size()));
  }
  return C.string(toUtf8(S.substr(Start, Length)));
}

Value fnReplace(Call &C) {
  ARITY(3, 3);
  NEED_ALL_KNOWN();
  EXPECT(0, String);
  EXPECT(1, String);
  EXPECT(2, String);
  llvm::StringRef S = C.arg(0).asString(), Old = C.arg(1).asString(),
                  New = C.arg(2).asString();
  if (Old.empty())
    return C.failArg(1, "replace(): the string to replace is empty");
  std::string Out;
  size_t Pos = 0;
  while (true) {
    size_t Hit = S.find(Old, Pos);
    if (Hit == llvm::StringRef::npos)
      break;
    Out += S.slice(Pos, Hit);
    Out += New;
    if (Out.size() > MaxStringBytes)
      return C.fail("replace() result exceeds the string size limit");
    Pos = Hit + Old.size();
  }
  Out += S.substr(Pos);
  return C.string(std::move(Out));
}

Value fnSplit(Call &C) {
  ARITY(2, 2);
  if (auto U = C.unknownDeepAll())
    return *U;
  EXPECT(0, String);
  std::vector<std::string> Delims;
  if (C.arg(1).is(ValueKind::String)) {
    Delims.push_back(C.arg(1).asString().str());
  } else if (C.arg(1).is(ValueKind::Array)) {
    for (const Value &D : C.arg(1).items()) {
      if (!D.is(ValueKind::String))
        return C.failArg(1, "split(): delimiters must be strings");
      Delims.push_back(D.asString().str());
    }
  } else {
    return C.failArg(1, "split() expects a string or an array of strings "
                        "for argument 2");
  }
  llvm::StringRef S = C.arg(0).asString();
  std::vector<Value> Parts;
  size_t Start = 0, Pos = 0;
  while (Pos < S.size()) {
    const std::string *Hit = nullptr;
    for (const std::string &D : Delims)
      if (!D.empty() && S.substr(Pos).startswith(D)) {
        Hit = &D;
        break;
      }
    if (!Hit) {
      ++Pos;
      continue;
    }
    Parts.push_back(C.string(S.slice(Start, Pos).str()));
    if (Parts.size() >= MaxArrayElements)
      return C.fail("split() result exceeds the array size limit");
    Pos += Hit->size();
    Start = Pos;
  }
  Parts.push_back(C.string(S.substr(Start).str()));
  return C.array(std::move(Parts));
}

Value fnJoin(Call &C) {
  ARITY(2, 2);
  if (auto U = C.unknownDeepAll())
    return *U;
  EXPECT(0, Array);
  EXPECT(1, String);
  std::string Out;
  bool First = true;
  for (const Value &V : C.arg(0).items()) {
    if (V.is(ValueKind::Array) || V.is(ValueKind::Object))
      return C.failArg(0, "join(): elements must be strings, numbers or "
                          "booleans");
    if (!First)
      Out += C.arg(1).asString();
    First = false;
    Out += scalarText(V);
    if (Out.size() > MaxStringBytes)
      return C.fail("join() result exceeds the string size limit");
  }
  return C.string(std::move(Out));
}

// startsWith/endsWith/indexOf/lastIndexOf compare OrdinalIgnoreCase.
Value stringSearch(Call &C, char Which) {
  ARITY(2, 2);
  NEED_ALL_KNOWN();
  if ((Which == 'i' || Which == 'l') && C.arg(0).is(ValueKind::Array)) {
    if (auto U = C.unknownDeepAll())
      return *U;
    llvm::ArrayRef<Value> Items = C.arg(0).items();
    int64_t Found = -1;
    for (size_t I = 0; I < Items.size(); ++I)
      if (equalValues(Items[I], C.arg(1))) {
        Found = static_cast<int64_t>(I);
        if (Which == 'i')
          break;
      }
    return C.integer(Found);
  }
  EXPECT(0, String);
  EXPECT(1, String);
  std::u16string S = foldAscii(toUtf16(C.arg(0).asString()));
  std::u16string Sub = foldAscii(toUtf16(C.arg(1).asString()));
  switch (Which) {
  case 's':
    return C.boolean(S.compare(0, Sub.size(), Sub) == 0);
  case 'e':
    return C.boolean(S.size() >= Sub.size() &&
                     S.compare(S.size() - Sub.size(), Sub.size(), Sub) == 0);
  case 'i': {
    size_t P = S.find(Sub);
    return C.integer(P == std::u16string::npos ? -1 : static_cast<int64_t>(P));
  }
  default: {
    size_t P = S.rfind(Sub);
    return C.integer(P == std::u16string::npos ? -1 : static_cast<int64_t>(P));
  }
  }
}

Value fnStartsWith(Call &C) { return stringSearch(C, 's'); }
Value fnEndsWith(Call &C) { return stringSearch(C, 'e'); }
Value fnIndexOf(Call &C) { return stringSearch(C, 'i'); }
Value fnLastIndexOf(Call &C) { return stringSearch(C, 'l'); }

Value fnContains(Call &C) {
  ARITY(2, 2);
  NEED_KNOWN(0);
  const Value &Container = C.arg(0);
  if (Container.is(ValueKind::String)) {
    NEED_KNOWN(1);
    const Value &Item = C.arg(1);
    if (Item.is(ValueKind::Array) || Item.is(ValueKind::Object))
      return C.failArg(1, "contains(): cannot look for " +
                              valueKindName(Item.kind()).str() +
                              " in a string");
    return C.boolean(Container.asString().contains(scalarText(Item)));
  }
  if (Container.is(ValueKind::Object)) {
    NEED_KNOWN(1);
    EXPECT(1, String);
    return C.boolean(Container.getInsensitive(C.arg(1).asString()) != nullptr);
  }
  if (Container.is(ValueKind::Array)) {
    if (auto U = C.unknownDeepAll())
      return *U;
    return C.boolean(containsValue(Container.items(), C.arg(1)));
  }
  return C.failArg(0, "contains() expects a string, array or object, found " +
                          valueKindName(Container.kind()).str());
}

Value fnTrim(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  return C.string(C.arg(0).asString().trim(" \t\n\v\f\r").str());
}

Value fnPadLeft(Call &C) {
  ARITY(2, 3);
  NEED_ALL_KNOWN();
  const Value &V = C.arg(0);
  if (!V.is(ValueKind::String) && !V.is(ValueKind::Int))
    return C.failArg(0, "padLeft() expects a string or integer, found " +
                            valueKindName(V.kind()).str());
  EXPECT(1, Int);
  std::u16string Pad = u" ";
  if (C.size() > 2) {
    EXPECT(2, String);
    Pad = toUtf16(C.arg(2).asString());
    if (Pad.size() != 1)
      return C.failArg(2, "padLeft(): the padding must be one character");
  }
  int64_t Total = C.arg(1).asInt();
  if (Total < 0)
    return C.failArg(1, "padLeft(): the total length is negative");
  if (static_cast<uint64_t>(Total) > MaxStringBytes)
    return C.failArg(1, "padLeft(): the total length exceeds the string "
                        "size limit");
  std::u16string S = toUtf16(scalarText(V));
  if (S.size() < static_cast<size_t>(Total))
    S.insert(0, Total - S.size(), Pad[0]);
  return C.string(toUtf8(S));
}

Value fnString(Call &C) {
  ARITY(1, 1);
  if (auto U = C.unknownDeep(0))
    return *U;
  return C.string(scalarText(C.arg(0)));
}

Value fnLength(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  const Value &V = C.arg(0);
  if (V.is(ValueKind::String))
    return C.integer(toUtf16(V.asString()).size());
  if (V.is(ValueKind::Array))
    return C.integer(V.items().size());
  if (V.is(ValueKind::Object))
    return C.integer(V.members().size());
  return C.failArg(0, "length() expects a string, array or object, found " +
                          valueKindName(V.kind()).str());
}

Value fnEmpty(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  const Value &V = C.arg(0);
  switch (V.kind()) {
  case ValueKind::Null:
    return C.boolean(true);
  case ValueKind::String:
    return C.boolean(V.asString().empty());
  case ValueKind::Array:
    return C.boolean(V.items().empty());
  case ValueKind::Object:
    return C.boolean(V.members().empty());
  default:
    return C.failArg(0, "empty() expects a string, array or object, found " +
                            valueKindName(V.kind()).str());
  }
}

Value firstLast(Call &C, bool First) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  const Value &V = C.arg(0);
  if (V.is(ValueKind::String)) {
    std::u16string S = toUtf16(V.asString());
    if (S.empty())
      return C.string("");
    return C.string(toUtf8(S.substr(First ? 0 : S.size() - 1, 1)));
  }
  if (V.is(ValueKind::Array)) {
    if (V.items().empty())
      return C.null();
    return First ? V.items().front() : V.items().back();
  }
  return C.failArg(0, C.name().str() + "() expects a string or array, found " +
                          valueKindName(V.kind()).str());
}

Value fnFirst(Call &C) { return firstLast(C, true); }
Value fnLast(Call &C) { return firstLast(C, false); }

Value takeSkip(Call &C, bool Take) {
  ARITY(2, 2);
  NEED_ALL_KNOWN();
  EXPECT(1, Int);
  int64_t N = C.arg(1).asInt();
  const Value &V = C.arg(0);
  auto Split = [&](size_t Size) {
    return static_cast<size_t>(std::clamp<int64_t>(N, 0, Size));
  };
  if (V.is(ValueKind::String)) {
    std::u16string S = toUtf16(V.asString());
    size_t K = Split(S.size());
    return C.string(toUtf8(Take ? S.substr(0, K) : S.substr(K)));
  }
  if (V.is(ValueKind::Array)) {
    llvm::ArrayRef<Value> Items = V.items();
    size_t K = Split(Items.size());
    return C.array(Take ? Items.take_front(K).vec()
                        : Items.drop_front(K).vec());
  }
  return C.failArg(0, C.name().str() + "() expects a string or array, found " +
                          valueKindName(V.kind()).str());
}

Value fnTake(Call &C) { return takeSkip(C, true); }
Value fnSkip(Call &C) { return takeSkip(C, false); }

/// ARM ignores surrounding whitespace.
std::optional<std::string> decodeBase64(llvm::StringRef In) {
  return eval::decodeBase64(In.trim());
}

Value fnBase64(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  return C.string(llvm::encodeBase64(C.arg(0).asString()));
}

Value fnBase64ToString(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  auto S = decodeBase64(C.arg(0).asString());
  if (!S)
    return C.failArg(0, "base64ToString(): not valid base64");
  return C.string(std::move(*S));
}

Value jsonToValue(const nlohmann::ordered_json &J, const Origin &O,
                  unsigned Depth) {
  if (Depth > MaxExpressionDepth * 4)
    return Value::unknown("json() value nests too deeply", O);
  switch (J.type()) {
  case nlohmann::ordered_json::value_t::null:
    return Value::null(O);
  case nlohmann::ordered_json::value_t::boolean:
    return Value::boolean(J.get<bool>(), O);
  case nlohmann::ordered_json::value_t::number_integer:
    return Value::integer(J.get<int64_t>(), O);
  case nlohmann::ordered_json::value_t::number_unsigned: {
    uint64_t U = J.get<uint64_t>();
    if (U > static_cast<uint64_t>(INT64_MAX))
      return Value::floating(static_cast<double>(U), O);
    return Value::integer(static_cast<int64_t>(U), O);
  }
  case nlohmann::ordered_json::value_t::number_float:
    return Value::floating(J.get<double>(), O);
  case nlohmann::ordered_json::value_t::string:
    return Value::string(J.get<std::string>(), O);
  case nlohmann::ordered_json::value_t::array: {
    std::vector<Value> Items;
    for (const auto &E : J)
      Items.push_back(jsonToValue(E, O, Depth + 1));
    return Value::array(std::move(Items), O);
  }
  case nlohmann::ordered_json::value_t::object: {
    std::vector<Member> Members;
    for (const auto &[K, E] : J.items())
      Members.push_back({K, O, jsonToValue(E, O, Depth + 1)});
    return Value::object(std::move(Members), O);
  }
  default:
    return Value::unknown("json() value not representable", O);
  }
}

Value parseJsonArg(Call &C, size_t I, const std::string &Text) {
  // The JSON parser recurses; the depth bound keeps hostile input safe.
  int Depth = 0, MaxDepth = 0;
  for (char Ch : Text) {
    if (Ch == '[' || Ch == '{')
      MaxDepth = std::max(MaxDepth, ++Depth);
    else if (Ch == ']' || Ch == '}')
      --Depth;
  }
  if (MaxDepth > 512)
    return C.failArg(I, C.name().str() + "(): JSON nests too deeply");
  auto J = nlohmann::ordered_json::parse(Text, nullptr, false);
  if (J.is_discarded())
    return C.failArg(I, C.name().str() + "(): the argument is not valid JSON");
  return jsonToValue(J, C.origin(), 0);
}

Value fnBase64ToJson(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  auto S = decodeBase64(C.arg(0).asString());
  if (!S)
    return C.failArg(0, "base64ToJson(): not valid base64");
  return parseJsonArg(C, 0, *S);
}

Value fnJson(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  return parseJsonArg(C, 0, C.arg(0).asString().str());
}

Value fnUriComponent(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  // Uri.EscapeDataString: everything but RFC 3986 unreserved characters.
  std::string Out;
  for (unsigned char Ch : C.arg(0).asString()) {
    if (llvm::isAlnum(Ch) || Ch == '-' || Ch == '_' || Ch == '.' || Ch == '~') {
      Out += Ch;
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(Ch >> 4);
    Out += llvm::hexdigit(Ch & 15);
  }
  return C.string(std::move(Out));
}

Value fnUriComponentToString(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  llvm::StringRef S = C.arg(0).asString();
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned Hi, Lo;
    if (S[I] == '%' && I + 2 < S.size() + 0 &&
        (Hi = llvm::hexDigitValue(S[I + 1])) != ~0U &&
        (Lo = llvm::hexDigitValue(S[I + 2])) != ~0U) {
      Out += static_cast<char>(Hi * 16 + Lo);
      I += 2;
      continue;
    }
    Out += S[I];
  }
  return C.string(std::move(Out));
}

Value fnUri(Call &C) {
  ARITY(2, 2);
  NEED_ALL_KNOWN();
  EXPECT(0, String);
  EXPECT(1, String);
  llvm::StringRef Base = C.arg(0).asString(), Rel = C.arg(1).asString();
  size_t SchemeEnd = Base.find("://");
  if (SchemeEnd == llvm::StringRef::npos)
    return C.failArg(0, "uri(): the base is not an absolute URI");
  if (Rel.contains("://"))
    return C.string(Rel.str());
  if (Rel.startswith("/")) {
    size_t PathStart = Base.find('/', SchemeEnd + 3);
    return C.string(Base.take_front(PathStart).str() + Rel.str());
  }
  size_t LastSlash = Base.rfind('/');
  if (LastSlash < SchemeEnd + 3)
    return C.string(Base.str() + "/" + Rel.str());
  return C.string(Base.take_front(LastSlash + 1).str() + Rel.str());
}

Value fnDataUri(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  return C.string("data:text/plain;charset=utf8;base64," +
                  llvm::encodeBase64(C.arg(0).asString()));
}

Value fnDataUriToString(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  llvm::StringRef S = C.arg(0).asString();
  size_t Comma = S.find(',');
  if (!S.startswith("data:") || Comma == llvm::StringRef::npos)
    return C.failArg(0, "dataUriToString(): not a data URI");
  llvm::StringRef Meta = S.slice(5, Comma), Data = S.substr(Comma + 1);
  if (!Meta.endswith(";base64"))
    return C.string(Data.str());
  auto Decoded = decodeBase64(Data);
  if (!Decoded)
    return C.failArg(0, "dataUriToString(): not valid base64");
  return C.string(std::move(*Decoded));
}

std::optional<std::string> joinedStrings(Call &C, Value &Error) {
  std::string Joined;
  for (size_t I = 0; I < C.size(); ++I) {
    if (!C.expectString(I)) {
      Error = C.invalid();
      return std::nullopt;
    }
    if (I)
      Joined += '-';
    Joined += C.arg(I).asString();
  }
  return Joined;
}

Value fnUniqueString(Call &C) {
  ARITY(1, SIZE_MAX);
  NEED_ALL_KNOWN();
  Value Error;
  auto Joined = joinedStrings(C, Error);
  if (!Joined)
    return Error;
  return C.string(azureUniqueString(*Joined));
}

Value fnGuid(Call &C) {
  ARITY(1, SIZE_MAX);
  NEED_ALL_KNOWN();
  Value Error;
  auto Joined = joinedStrings(C, Error);
  if (!Joined)
    return Error;
  return C.string(azureGuid(*Joined));
}

Value fnNewGuid(Call &C) {
  ARITY(0, 0);
  return C.unknown("newGuid() is generated at deployment");
}

Value fnUtcNow(Call &C) {
  ARITY(0, 1);
  return C.unknown("utcNow() is the deployment time");
}

// --- Dates ---
//
// Azure parses dates and durations with .NET. We follow the documented
// results and say Unknown where .NET's output format is not certain: a
// result without a format is known for a UTC base ("...Z") with whole
// seconds, and formats are the custom specifiers below plus the standard
// "u", "s", "d", "t" and "T" of the invariant culture.

constexpr int64_t TicksPerSecond = 10'000'000;
constexpr int64_t SecondsPerDay = 86'400;
/// 0001-01-01 and 9999-12-31T23:59:59, in seconds from 1970-01-01.
constexpr int64_t MinSeconds = -62'135'596'800;
constexpr int64_t MaxSeconds = 253'402'300'799;

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// days_from_civil).
int64_t daysFromCivil(int64_t Y, unsigned M, unsigned D) {
  Y -= M <= 2;
  int64_t Era = (Y >= 0 ? Y : Y - 399) / 400;
  auto Yoe = static_cast<unsigned>(Y - Era * 400);
  unsigned Doy = (153 * (M + (M > 2 ? -3 : 9)) + 2) / 5 + D - 1;
  unsigned Doe = Yoe * 365 + Yoe / 4 - Yoe / 100 + Doy;
  return Era * 146097 + static_cast<int64_t>(Doe) - 719468;
}

struct CivilTime {
  int64_t Year;
  unsigned Month, Day, Hour, Minute, Second;
  unsigned Weekday; ///< 0 = Sunday
};

CivilTime civilFromSeconds(int64_t S) {
  int64_t Days =
      S >= 0 ? S / SecondsPerDay : (S - SecondsPerDay + 1) / SecondsPerDay;
  int64_t Rest = S - Days * SecondsPerDay;
  CivilTime T;
  T.Weekday = static_cast<unsigned>(((Days % 7) + 11) % 7); // 1970-01-01: Thu
  int64_t Z = Days + 719468;
  int64_t Era = (Z >= 0 ? Z : Z - 146096) / 146097;
  auto Doe = static_cast<unsigned>(Z - Era * 146097);
  unsigned Yoe = (Doe - Doe / 1460 + Doe / 36524 - Doe / 146096) / 365;
  unsigned Doy = Doe - (365 * Yoe + Yoe / 4 - Yoe / 100);
  unsigned Mp = (5 * Doy + 2) / 153;
  T.Day = Doy - (153 * Mp + 2) / 5 + 1;
  T.Month = Mp < 10 ? Mp + 3 : Mp - 9;
  T.Year = static_cast<int64_t>(Yoe) + Era * 400 + (T.Month <= 2);
  T.Hour = static_cast<unsigned>(Rest / 3600);
  T.Minute = static_cast<unsigned>(Rest % 3600 / 60);
  T.Second = static_cast<unsigned>(Rest % 60);
  return T;
}

struct DateTime {
  int64_t Seconds = 0; ///< From 1970-01-01, in the written time zone.
  int64_t Ticks = 0;   ///< Fraction of the second, in 100 ns.
  enum class Zone { Unspecified, Utc, Offset } TheZone = Zone::Unspecified;
  int64_t OffsetSeconds = 0;
  /// The instant, when the zone is written.
  std::optional<int64_t> utcSeconds() const {
    if (TheZone == Zone::Unspecified)
      return std::nullopt;
    return Seconds - OffsetSeconds;
  }
};

/// Reads exactly N digits.
bool readDigits(llvm::StringRef &S, size_t N, unsigned &Out) {
  if (S.size() < N)
    return false;
  Out = 0;
  for (size_t I = 0; I < N; ++I) {
    if (!llvm::isDigit(S[I]))
      return false;
    Out = Out * 10 + (S[I] - '0');
  }
  S = S.drop_front(N);
  return true;
}

/// ISO 8601 as Azure documents it: "2020-04-07T14:53:14Z", with a space for
/// the T, optional seconds, fraction and zone, a date alone, or the basic
/// form utcNow() gives ("20190305T175318Z").
std::optional<DateTime> parseDateTime(llvm::StringRef S) {
  S = S.trim();
  unsigned Y, Mo, D, H = 0, Mi = 0, Se = 0;
  bool Basic = S.size() >= 8 && llvm::all_of(S.take_front(8), llvm::isDigit);
  if (!readDigits(S, 4, Y) || (!Basic && !S.consume_front("-")) ||
      !readDigits(S, 2, Mo) || (!Basic && !S.consume_front("-")) ||
      !readDigits(S, 2, D))
    return std::nullopt;
  DateTime Out;
  if (!S.empty() &&
      (S.front() == 'T' || S.front() == 't' || (S.front() == ' ' && !Basic))) {
    S = S.drop_front();
    if (!readDigits(S, 2, H) || (!Basic && !S.consume_front(":")) ||
        !readDigits(S, 2, Mi))
      return std::nullopt;
    if (Basic ? !S.empty() && llvm::isDigit(S.front()) : S.consume_front(":"))
      if (!readDigits(S, 2, Se))
        return std::nullopt;
    if (S.consume_front(".")) {
      size_t N = 0;
      while (N < S.size() && llvm::isDigit(S[N]))
        ++N;
      if (N == 0 || N > 7)
        return std::nullopt;
      unsigned F;
      readDigits(S, N, F);
      Out.Ticks = F;
      for (size_t I = N; I < 7; ++I)
        Out.Ticks *= 10;
    }
  }
  if (S.consume_front("Z") || S.consume_front("z")) {
    Out.TheZone = DateTime::Zone::Utc;
  } else if (!S.empty() && (S.front() == '+' || S.front() == '-')) {
    int Sign = S.front() == '-' ? -1 : 1;
    S = S.drop_front();
    unsigned OH, OM = 0;
    if (!readDigits(S, 2, OH) ||
        (S.consume_front(":") ? !readDigits(S, 2, OM)
                              : !S.empty() && !readDigits(S, 2, OM)) ||
        OH > 14 || OM > 59)
      return std::nullopt;
    Out.TheZone = DateTime::Zone::Offset;
    Out.OffsetSeconds = Sign * static_cast<int64_t>(OH * 3600 + OM * 60);
  }
  if (!S.empty() || Mo < 1 || Mo > 12 || D < 1 || H > 23 || Mi > 59 ||
      Se > 59 || Y < 1)
    return std::nullopt;
  static const unsigned MonthDays[] = {31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
  bool Leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
  if (D > MonthDays[Mo - 1] + (Mo == 2 && Leap))
    return std::nullopt;
  Out.Seconds =
      daysFromCivil(Y, Mo, D) * SecondsPerDay + H * 3600 + Mi * 60 + Se;
  return Out;
}

/// xsd:duration as .NET's XmlConvert.ToTimeSpan reads it: a year is 365
/// days and a month 30 (Azure documents this), no weeks; only seconds take
/// a fraction. The result in 100 ns ticks.
std::optional<int64_t> parseDuration(llvm::StringRef S) {
  bool Negative = S.consume_front("-");
  if (!S.consume_front("P"))
    return std::nullopt;
  __int128 Ticks = 0;
  bool Any = false, InTime = false;
  llvm::StringRef Units = "YMD";
  while (!S.empty()) {
    if (S.front() == 'T') {
      if (InTime)
        return std::nullopt;
      InTime = true;
      Units = "HMS";
      S = S.drop_front();
      if (S.empty())
        return std::nullopt; // "PT" alone
      continue;
    }
    size_t N = 0;
    while (N < S.size() && llvm::isDigit(S[N]))
      ++N;
    if (N == 0 || N > 18)
      return std::nullopt;
    int64_t Whole = 0;
    if (S.take_front(N).getAsInteger(10, Whole))
      return std::nullopt;
    S = S.drop_front(N);
    __int128 Fraction = 0; // ticks
    if (S.consume_front(".")) {
      size_t F = 0;
      while (F < S.size() && llvm::isDigit(S[F]))
        ++F;
      if (F == 0 || !InTime)
        return std::nullopt;
      llvm::StringRef Digits = S.take_front(std::min<size_t>(F, 7));
      unsigned Value;
      llvm::StringRef Copy = Digits;
      readDigits(Copy, Digits.size(), Value);
      Fraction = Value;
      for (size_t I = Digits.size(); I < 7; ++I)
        Fraction *= 10;
      S = S.drop_front(F);
      if (S.empty() || S.front() != 'S')
        return std::nullopt;
    }
    if (S.empty())
      return std::nullopt;
    size_t Unit = Units.find(S.front());
    if (Unit == llvm::StringRef::npos)
      return std::nullopt;
    // Each unit once, in order.
    Units = Units.drop_front(Unit + 1);
    char U = S.front();
    S = S.drop_front();
    __int128 PerUnit;
    if (!InTime)
      PerUnit = (U == 'Y' ? 365 : U == 'M' ? 30 : 1) * SecondsPerDay;
    else
      PerUnit = U == 'H' ? 3600 : U == 'M' ? 60 : 1;
    Ticks += static_cast<__int128>(Whole) * PerUnit * TicksPerSecond + Fraction;
    if (Ticks > static_cast<__int128>(INT64_MAX))
      return std::nullopt;
    Any = true;
  }
  if (!Any)
    return std::nullopt;
  return static_cast<int64_t>(Negative ? -Ticks : Ticks);
}

std::string pad(int64_t V, size_t Width) {
  std::string S = std::to_string(V);
  if (S.size() < Width)
    S.insert(0, Width - S.size(), '0');
  return S;
}

/// .NET custom date and time format specifiers, invariant culture; nullopt
/// for what is not supported here.
std::optional<std::string> formatDateTime(int64_t Seconds, int64_t Ticks,
                                          llvm::StringRef Format) {
  static const char *Months[] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  static const char *Days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                               "Thursday", "Friday", "Saturday"};
  if (Format.size() == 1) {
    // Standard formats of the invariant culture.
    Format = llvm::StringSwitch<llvm::StringRef>(Format)
                 .Case("u", "yyyy'-'MM'-'dd HH':'mm':'ss'Z'")
                 .Case("s", "yyyy'-'MM'-'dd'T'HH':'mm':'ss")
                 .Case("d", "MM/dd/yyyy")
                 .Case("t", "HH:mm")
                 .Case("T", "HH:mm:ss")
                 .Default("");
    if (Format.empty())
      return std::nullopt;
  }
  CivilTime T = civilFromSeconds(Seconds);
  std::string Out;
  size_t I = 0;
  while (I < Format.size()) {
    char Ch = Format[I];
    size_t Run = 1;
    while (I + Run < Format.size() && Format[I + Run] == Ch)
      ++Run;
    switch (Ch) {
    case 'y':
      if (Run == 2)
        Out += pad(T.Year % 100, 2);
      else if (Run == 1)
        Out += std::to_string(T.Year % 100);
      else
        Out += pad(T.Year, Run);
      break;
    case 'M':
      if (Run <= 2)
        Out += pad(T.Month, Run);
      else
        Out += Run == 3 ? std::string(Months[T.Month - 1]).substr(0, 3)
                        : Months[T.Month - 1];
      break;
    case 'd':
      if (Run <= 2)
        Out += pad(T.Day, Run);
      else
        Out += Run == 3 ? std::string(Days[T.Weekday]).substr(0, 3)
                        : Days[T.Weekday];
      break;
    case 'H':
      if (Run > 2)
        return std::nullopt;
      Out += pad(T.Hour, Run);
      break;
    case 'h':
      if (Run > 2)
        return std::nullopt;
      Out += pad(T.Hour % 12 == 0 ? 12 : T.Hour % 12, Run);
      break;
    case 'm':
      if (Run > 2)
        return std::nullopt;
      Out += pad(T.Minute, Run);
      break;
    case 's':
      if (Run > 2)
        return std::nullopt;
      Out += pad(T.Second, Run);
      break;
    case 't':
      Out += Run == 1 ? (T.Hour < 12 ? "A" : "P") : (T.Hour < 12 ? "AM" : "PM");
      break;
    case 'f':
      if (Run > 7)
        return std::nullopt;
      Out += pad(Ticks, 7).substr(0, Run);
      break;
    case '\'':
    case '"': {
      size_t End = Format.find(Ch, I + 1);
      if (End == llvm::StringRef::npos)
        return std::nullopt;
      Out += Format.slice(I + 1, End).str();
      Run = End - I + 1;
      break;
    }
    case '\\':
      if (I + 1 >= Format.size())
        return std::nullopt;
      Out += Format[I + 1];
      Run = 2;
      break;
    default:
      // F, g, K and z depend on what this does not model; ':' and '/' are
      // themselves in the invariant culture; other characters are literal.
      if (llvm::StringRef("FgKz%").contains(Ch))
        return std::nullopt;
      Out.append(Run, Ch);
      break;
    }
    I += Run;
  }
  return Out;
}

std::string isoUtc(int64_t Seconds) {
  return *formatDateTime(Seconds, 0, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'");
}

Value fnDateTimeAdd(Call &C) {
  ARITY(2, 3);
  NEED_ALL_KNOWN();
  for (size_t I = 0; I < C.size(); ++I)
    EXPECT(I, String);
  llvm::StringRef Base = C.arg(0).asString();
  // .NET reads more forms than ISO 8601; those stay Unknown, not errors.
  auto T = parseDateTime(Base);
  if (!T)
    return C.unknown("dateTimeAdd(): '" + Base.str() +
                     "' is not read as an ISO 8601 date and time");
  // With an offset, .NET moves the clock to the server's time zone.
  if (T->TheZone == DateTime::Zone::Offset)
    return C.unknown("dateTimeAdd(): the result for a base with a time zone "
                     "offset is not evaluated");
  auto D = parseDuration(C.arg(1).asString());
  if (!D)
    return C.failArg(1, "dateTimeAdd(): '" + C.arg(1).asString().str() +
                            "' is not an ISO 8601 duration");
  int64_t Ticks = T->Ticks + *D % TicksPerSecond;
  int64_t Seconds = T->Seconds + *D / TicksPerSecond;
  if (Ticks < 0) {
    Ticks += TicksPerSecond;
    --Seconds;
  } else if (Ticks >= TicksPerSecond) {
    Ticks -= TicksPerSecond;
    ++Seconds;
  }
  if (Seconds < MinSeconds || Seconds > MaxSeconds)
    return C.fail("dateTimeAdd(): the result is outside the years 1 to 9999");
  if (C.size() == 3) {
    if (auto S = formatDateTime(Seconds, Ticks, C.arg(2).asString()))
      return C.string(*S);
    return C.unknown("dateTimeAdd(): format '" + C.arg(2).asString().str() +
                     "' is not evaluated");
  }
  if (T->TheZone != DateTime::Zone::Utc || Ticks != 0)
    return C.unknown("dateTimeAdd(): the output format for '" + Base.str() +
                     "' is not evaluated (give a format)");
  return C.string(isoUtc(Seconds));
}

Value fnDateTimeFromEpoch(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, Int);
  int64_t S = C.arg(0).asInt();
  if (S < MinSeconds || S > MaxSeconds)
    return C.failArg(0, "dateTimeFromEpoch(): " + std::to_string(S) +
                            " is outside the years 1 to 9999");
  return C.string(isoUtc(S));
}

Value fnDateTimeToEpoch(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  llvm::StringRef Text = C.arg(0).asString();
  auto T = parseDateTime(Text);
  if (!T)
    return C.unknown("dateTimeToEpoch(): '" + Text.str() +
                     "' is not read as an ISO 8601 date and time");
  auto S = T->utcSeconds();
  if (!S)
    return C.unknown("dateTimeToEpoch(): '" + Text.str() +
                     "' has no time zone");
  return C.integer(*S); // whole seconds, as DateTimeOffset truncates
}

// --- CIDR ---
//
// From the template-functions-cidr examples: IPv4 ranges report network,
// netmask, broadcast, firstUsable (network + 1), lastUsable (broadcast - 1)
// and cidr; IPv6 ranges have no broadcast and their usable range is the
// whole range; cidrHost(net, 0) is network + 1 for both. /31 and /32 IPv4
// ranges, whose usable hosts Azure does not document, are Unknown.

using eval::Cidr;
using eval::U128;

std::optional<Cidr> parseCidrText(llvm::StringRef S) {
  return eval::parseCidr(S);
}

/// Dotted IPv4, or RFC 5952 IPv6 (as .NET prints it); nullopt for IPv6
/// addresses that .NET prints with an embedded IPv4 part.
std::optional<std::string> formatAddress(U128 A, bool V6) {
  if (!V6)
    return eval::formatIPv4(A);
  unsigned G[8];
  U128 Rest = A;
  for (int I = 7; I >= 0; --I, Rest >>= 16)
    G[I] = static_cast<unsigned>(Rest & 0xFFFF);
  if ((G[0] == 0 && G[1] == 0 && G[2] == 0 && G[3] == 0 && G[6] != 0 &&
       ((G[4] == 0 && (G[5] == 0 || G[5] == 0xFFFF)) ||
        (G[4] == 0xFFFF && G[5] == 0))) ||
      (G[4] == 0 && G[5] == 0x5EFE))
    return std::nullopt;
  return eval::formatIPv6(A);
}

std::optional<Cidr> cidrArg(Call &C, size_t I) {
  auto R = parseCidrText(C.arg(I).asString());
  if (!R)
    C.failArg(I, C.name().str() + "(): '" + C.arg(I).asString().str() +
                     "' is not an IP address range in CIDR notation");
  return R;
}

Value addressValue(Call &C, U128 A, bool V6, llvm::StringRef Suffix = "") {
  if (auto S = formatAddress(A, V6))
    return C.string(*S + Suffix.str());
  return C.unknown(C.name().str() +
                   "(): the text .NET gives this address is not evaluated");
}

Value fnParseCidr(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  auto R = cidrArg(C, 0);
  if (!R)
    return C.invalid();
  std::vector<Member> Out;
  auto Add = [&](llvm::StringRef Key, Value V) {
    Out.push_back({Key.str(), {}, std::move(V)});
  };
  Add("network", addressValue(C, R->network(), R->V6));
  Add("netmask", addressValue(C, R->mask(), R->V6));
  if (!R->V6) {
    Add("broadcast", addressValue(C, R->last(), false));
    if (R->Prefix <= 30) {
      Add("firstUsable", addressValue(C, R->network() + 1, false));
      Add("lastUsable", addressValue(C, R->last() - 1, false));
    } else {
      Value U =
          C.unknown("parseCidr(): the usable addresses of a /" +
                    std::to_string(R->Prefix) + " range are not documented");
      Add("firstUsable", U);
      Add("lastUsable", U);
    }
  } else {
    Add("firstUsable", addressValue(C, R->network(), true));
    Add("lastUsable", addressValue(C, R->last(), true));
  }
  Add("cidr", C.integer(R->Prefix));
  return Value::object(std::move(Out), C.origin());
}

Value fnCidrSubnet(Call &C) {
  ARITY(3, 3);
  NEED_ALL_KNOWN();
  EXPECT(0, String);
  EXPECT(1, Int);
  EXPECT(2, Int);
  auto R = cidrArg(C, 0);
  if (!R)
    return C.invalid();
  int64_t NewPrefix = C.arg(1).asInt(), Index = C.arg(2).asInt();
  if (NewPrefix < R->Prefix || NewPrefix > R->bits())
    return C.failArg(1, "cidrSubnet(): the new CIDR must be between " +
                            std::to_string(R->Prefix) + " and " +
                            std::to_string(R->bits()));
  unsigned SubnetBits = static_cast<unsigned>(NewPrefix) - R->Prefix;
  U128 Count = SubnetBits >= 128 ? ~U128(0) : U128(1) << SubnetBits;
  if (Index < 0 || static_cast<U128>(Index) >= Count)
    return C.failArg(2, "cidrSubnet(): subnet index " + std::to_string(Index) +
                            " is outside the range");
  unsigned Shift = R->bits() - static_cast<unsigned>(NewPrefix);
  U128 Subnet =
      R->network() + (Shift >= 128 ? 0 : static_cast<U128>(Index) << Shift);
  return addressValue(C, Subnet, R->V6, "/" + std::to_string(NewPrefix));
}

Value fnCidrHost(Call &C) {
  ARITY(2, 2);
  NEED_ALL_KNOWN();
  EXPECT(0, String);
  EXPECT(1, Int);
  auto R = cidrArg(C, 0);
  if (!R)
    return C.invalid();
  if (!R->V6 && R->Prefix > 30)
    return C.unknown("cidrHost(): the usable addresses of a /" +
                     std::to_string(R->Prefix) + " range are not documented");
  int64_t Index = C.arg(1).asInt();
  // IPv4 keeps the broadcast address out.
  U128 LastHost = R->V6 ? R->last() : R->last() - 1;
  U128 Hosts = LastHost > R->network() ? LastHost - R->network() : 0;
  if (Index < 0 || static_cast<U128>(Index) >= Hosts)
    return C.failArg(1, "cidrHost(): host index " + std::to_string(Index) +
                            " is outside the range");
  return addressValue(C, R->network() + 1 + static_cast<U128>(Index), R->V6);
}

// --- Reverse indexes ---

Value indexFromEnd(Call &C, bool Try) {
  ARITY(2, 2);
  NEED_ALL_KNOWN();
  EXPECT(0, Array);
  EXPECT(1, Int);
  llvm::ArrayRef<Value> Items = C.arg(0).items();
  int64_t I = C.arg(1).asInt();
  if (I >= 1 && static_cast<uint64_t>(I) <= Items.size())
    return Items[Items.size() - static_cast<size_t>(I)];
  if (Try)
    return C.null();
  return C.failArg(1, "indexFromEnd(): index " + std::to_string(I) +
                          " is out of range for an array of " +
                          std::to_string(Items.size()) + " elements");
}

Value fnIndexFromEnd(Call &C) { return indexFromEnd(C, false); }
Value fnTryIndexFromEnd(Call &C) { return indexFromEnd(C, true); }

// --- Arrays and objects ---

Value fnArray(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  if (C.arg(0).is(ValueKind::Array))
    return C.arg(0);
  return C.array({C.arg(0)});
}

Value fnCreateArray(Call &C) {
  std::vector<Value> Items;
  for (size_t I = 0; I < C.size(); ++I)
    Items.push_back(C.arg(I));
  return C.array(std::move(Items));
}

Value fnCreateObject(Call &C) {
  if (C.size() % 2 != 0)
    return C.fail("createObject() takes key/value pairs, found " +
                  std::to_string(C.size()) + " arguments");
  std::vector<Member> Members;
  for (size_t I = 0; I < C.size(); I += 2) {
    NEED_KNOWN(I);
    EXPECT(I, String);
    Members.push_back(
        {C.arg(I).asString().str(), C.argOrigin(I), C.arg(I + 1)});
  }
  return Value::object(std::move(Members), C.origin());
}

Value fnUnion(Call &C) {
  ARITY(1, SIZE_MAX);
  NEED_ALL_KNOWN();
  if (C.arg(0).is(ValueKind::Object)) {
    std::vector<Member> Out;
    for (size_t I = 0; I < C.size(); ++I) {
      EXPECT(I, Object);
      Out = mergeObjects(Out, C.arg(I).members(), /*Deep=*/true);
    }
    return Value::object(std::move(Out), C.origin());
  }
  if (auto U = C.unknownDeepAll())
    return *U;
  std::vector<Value> Out;
  for (size_t I = 0; I < C.size(); ++I) {
    EXPECT(I, Array);
    for (const Value &V : C.arg(I).items())
      if (!containsValue(Out, V))
        Out.push_back(V);
  }
  return C.array(std::move(Out));
}

Value fnIntersection(Call &C) {
  ARITY(2, SIZE_MAX);
  if (auto U = C.unknownDeepAll())
    return *U;
  if (C.arg(0).is(ValueKind::Object)) {
    for (size_t I = 0; I < C.size(); ++I)
      EXPECT(I, Object);
    std::vector<Member> Out;
    for (const Member &M : C.arg(0).members()) {
      bool All = true;
      for (size_t I = 1; I < C.size() && All; ++I) {
        const Member *Other = C.arg(I).memberNamed(M.Key, true);
        All = Other && equalValues(Other->V, M.V);
      }
      if (All)
        Out.push_back(M);
    }
    return Value::object(std::move(Out), C.origin());
  }
  for (size_t I = 0; I < C.size(); ++I)
    EXPECT(I, Array);
  std::vector<Value> Out;
  for (const Value &V : C.arg(0).items()) {
    bool All = !containsValue(Out, V);
    for (size_t I = 1; I < C.size() && All; ++I)
      All = containsValue(C.arg(I).items(), V);
    if (All)
      Out.push_back(V);
  }
  return C.array(std::move(Out));
}

Value fnRange(Call &C) {
  ARITY(2, 2);
  NEED_ALL_KNOWN();
  EXPECT(0, Int);
  EXPECT(1, Int);
  int64_t Start = C.arg(0).asInt(), Count = C.arg(1).asInt();
  // Azure's documented limits.
  if (Count < 0 || Count > 10000)
    return C.failArg(1, "range(): the count must be between 0 and 10000");
  if (Start > 2147483647 - Count)
    return C.fail("range(): start plus count exceeds 2147483647");
  std::vector<Value> Items;
  for (int64_t I = 0; I < Count; ++I)
    Items.push_back(C.integer(Start + I));
  return C.array(std::move(Items));
}

Value fnItems(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, Object);
  std::vector<Member> Sorted(C.arg(0).members().begin(),
                             C.arg(0).members().end());
  // items() returns the entries in alphabetical order of their keys.
  std::stable_sort(
      Sorted.begin(), Sorted.end(), [](const Member &A, const Member &B) {
        return llvm::StringRef(A.Key).compare_insensitive(B.Key) < 0;
      });
  std::vector<Value> Out;
  for (const Member &M : Sorted)
    Out.push_back(
        Value::object({{"key", C.origin(), Value::string(M.Key, M.KeyOrigin)},
                       {"value", C.origin(), M.V}},
                      C.origin()));
  return C.array(std::move(Out));
}

Value fnObjectKeys(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, Object);
  std::vector<Value> Out;
  for (const Member &M : C.arg(0).members())
    Out.push_back(Value::string(M.Key, M.KeyOrigin));
  return C.array(std::move(Out));
}

Value fnTryGet(Call &C) {
  ARITY(2, SIZE_MAX);
  NEED_ALL_KNOWN();
  Value Cur = C.arg(0);
  for (size_t I = 1; I < C.size(); ++I) {
    if (!Cur.isKnown())
      return unknownBecause(Cur);
    const Value &Key = C.arg(I);
    if (Cur.is(ValueKind::Object) && Key.is(ValueKind::String)) {
      const Value *M = Cur.getInsensitive(Key.asString());
      if (!M)
        return C.null();
      Cur = *M;
    } else if (Cur.is(ValueKind::Array) && Key.is(ValueKind::Int)) {
      int64_t K = Key.asInt();
      if (K < 0 || static_cast<uint64_t>(K) >= Cur.items().size())
        return C.null();
      Cur = Cur.items()[K];
    } else if (Cur.isNull()) {
      return C.null();
    } else {
      return C.failArg(I, "tryGet(): cannot index " +
                              valueKindName(Cur.kind()).str() + " with " +
                              valueKindName(Key.kind()).str());
    }
  }
  return Cur;
}

Value fnShallowMerge(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, Array);
  std::vector<Member> Out;
  for (const Value &V : C.arg(0).items()) {
    if (!V.isKnown())
      return unknownBecause(V);
    if (!V.is(ValueKind::Object))
      return C.failArg(0, "shallowMerge() expects an array of objects");
    Out = mergeObjects(Out, V.members(), /*Deep=*/false);
  }
  return Value::object(std::move(Out), C.origin());
}

Value fnFlatten(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, Array);
  std::vector<Value> Out;
  for (const Value &V : C.arg(0).items()) {
    if (!V.isKnown())
      return unknownBecause(V);
    if (!V.is(ValueKind::Array))
      return C.failArg(0, "flatten() expects an array of arrays");
    for (const Value &I : V.items())
      Out.push_back(I);
  }
  return C.array(std::move(Out));
}

// --- Lambda functions ---

Value fnFilter(Call &C) {
  ARITY(2, 2);
  NEED_KNOWN(0);
  EXPECT(0, Array);
  auto L = lambdaArg(C, 1, 1, 2);
  if (!L)
    return C.invalid();
  std::vector<Value> Out;
  llvm::ArrayRef<Value> Items = C.arg(0).items();
  for (size_t I = 0; I < Items.size(); ++I) {
    Value Keep = applyLambda(C, *L, {Items[I], C.integer(I)});
    if (!Keep.isKnown())
      return unknownBecause(Keep);
    if (!Keep.is(ValueKind::Bool))
      return C.failArg(1, "filter(): the lambda must return a boolean");
    if (Keep.asBool())
      Out.push_back(Items[I]);
  }
  return C.array(std::move(Out));
}

Value fnMap(Call &C) {
  ARITY(2, 2);
  NEED_KNOWN(0);
  EXPECT(0, Array);
  auto L = lambdaArg(C, 1, 1, 2);
  if (!L)
    return C.invalid();
  std::vector<Value> Out;
  llvm::ArrayRef<Value> Items = C.arg(0).items();
  for (size_t I = 0; I < Items.size(); ++I)
    Out.push_back(applyLambda(C, *L, {Items[I], C.integer(I)}));
  return C.array(std::move(Out));
}

Value fnReduce(Call &C) {
  ARITY(3, 3);
  NEED_KNOWN(0);
  EXPECT(0, Array);
  auto L = lambdaArg(C, 2, 2, 3);
  if (!L)
    return C.invalid();
  Value Acc = C.arg(1);
  llvm::ArrayRef<Value> Items = C.arg(0).items();
  for (size_t I = 0; I < Items.size(); ++I)
    Acc = applyLambda(C, *L, {Acc, Items[I], C.integer(I)});
  return Acc;
}

Value fnSort(Call &C) {
  ARITY(2, 2);
  NEED_KNOWN(0);
  EXPECT(0, Array);
  auto L = lambdaArg(C, 1, 2, 2);
  if (!L)
    return C.invalid();
  // A bottom-up merge sort: the user's comparator may be inconsistent, which
  // std::sort does not tolerate.
  std::vector<Value> Items = C.arg(0).items().vec();
  std::vector<Value> Buffer(Items.size());
  std::optional<Value> Failure;
  auto Less = [&](const Value &A, const Value &B) {
    if (Failure)
      return false;
    Value R = applyLambda(C, *L, {A, B});
    if (!R.isKnown()) {
      Failure = unknownBecause(R);
      return false;
    }
    if (!R.is(ValueKind::Bool)) {
      Failure = C.failArg(1, "sort(): the lambda must return a boolean");
      return false;
    }
    return R.asBool();
  };
  for (size_t Width = 1; Width < Items.size(); Width *= 2) {
    for (size_t Lo = 0; Lo < Items.size(); Lo += 2 * Width) {
      size_t Mid = std::min(Lo + Width, Items.size());
      size_t Hi = std::min(Lo + 2 * Width, Items.size());
      size_t A = Lo, B = Mid, Out = Lo;
      while (A < Mid && B < Hi)
        Buffer[Out++] = Less(Items[B], Items[A]) ? Items[B++] : Items[A++];
      while (A < Mid)
        Buffer[Out++] = Items[A++];
      while (B < Hi)
        Buffer[Out++] = Items[B++];
    }
    std::swap(Items, Buffer);
  }
  if (Failure)
    return *Failure;
  return C.array(std::move(Items));
}

Value fnToObject(Call &C) {
  ARITY(2, 3);
  NEED_KNOWN(0);
  EXPECT(0, Array);
  auto Key = lambdaArg(C, 1, 1, 1);
  if (!Key)
    return C.invalid();
  std::optional<Lambda> ValueFn;
  if (C.size() > 2) {
    ValueFn = lambdaArg(C, 2, 1, 1);
    if (!ValueFn)
      return C.invalid();
  }
  std::vector<Member> Out;
  for (const Value &Item : C.arg(0).items()) {
    Value K = applyLambda(C, *Key, {Item});
    if (!K.isKnown())
      return unknownBecause(K);
    if (!K.is(ValueKind::String))
      return C.failArg(1, "toObject(): keys must be strings");
    Value V = ValueFn ? applyLambda(C, *ValueFn, {Item}) : Item;
    std::vector<Member> One{{K.asString().str(), K.origin(), V}};
    Out = mergeObjects(Out, One, /*Deep=*/false);
  }
  return Value::object(std::move(Out), C.origin());
}

Value fnGroupBy(Call &C) {
  ARITY(2, 2);
  NEED_KNOWN(0);
  EXPECT(0, Array);
  auto L = lambdaArg(C, 1, 1, 1);
  if (!L)
    return C.invalid();
  std::vector<std::string> Keys;
  std::vector<std::vector<Value>> Groups;
  for (const Value &Item : C.arg(0).items()) {
    Value K = applyLambda(C, *L, {Item});
    if (!K.isKnown())
      return unknownBecause(K);
    if (!K.is(ValueKind::String))
      return C.failArg(1, "groupBy(): keys must be strings");
    auto It = llvm::find(Keys, K.asString());
    if (It == Keys.end()) {
      Keys.push_back(K.asString().str());
      Groups.push_back({Item});
    } else {
      Groups[It - Keys.begin()].push_back(Item);
    }
  }
  std::vector<Member> Out;
  for (size_t I = 0; I < Keys.size(); ++I)
    Out.push_back({Keys[I], C.origin(), C.array(std::move(Groups[I]))});
  return Value::object(std::move(Out), C.origin());
}

Value fnMapValues(Call &C) {
  ARITY(2, 2);
  NEED_KNOWN(0);
  EXPECT(0, Object);
  auto L = lambdaArg(C, 1, 1, 1);
  if (!L)
    return C.invalid();
  std::vector<Member> Out;
  for (const Member &M : C.arg(0).members())
    Out.push_back({M.Key, M.KeyOrigin, applyLambda(C, *L, {M.V})});
  return Value::object(std::move(Out), C.origin());
}

Value fnLambdaVariables(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  llvm::StringRef Name = C.arg(0).asString();
  for (auto F = C.Ev.Lambdas.rbegin(); F != C.Ev.Lambdas.rend(); ++F)
    for (size_t I = 0; I < F->Names.size(); ++I)
      if (llvm::StringRef(F->Names[I]).equals_insensitive(Name))
        return F->Values[I];
  return C.failArg(0, "lambdaVariables(): no lambda variable '" + Name.str() +
                          "' in scope");
}

Value fnLambda(Call &C) {
  return C.fail("lambda() can only be an argument of filter, map, reduce, "
                "sort or toObject");
}

// --- Deployment, resource and scope ---

Value fnParameters(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  return C.Ev.scope().parameter(C.arg(0).asString(), C.origin());
}

Value fnVariables(Call &C) {
  ARITY(1, 1);
  NEED_KNOWN(0);
  EXPECT(0, String);
  return C.Ev.scope().variable(C.arg(0).asString(), C.origin());
}

Value fnCopyIndex(Call &C) {
  ARITY(0, 2);
  NEED_ALL_KNOWN();
  std::optional<llvm::StringRef> Loop;
  int64_t Offset = 0;
  size_t Next = 0;
  if (C.size() > 0 && C.arg(0).is(ValueKind::String))
    Loop = C.arg(Next++).asString();
  if (Next < C.size()) {
    EXPECT(Next, Int);
    Offset = C.arg(Next++).asInt();
  }
  if (Next != C.size())
    return C.fail("copyIndex() takes ([loopName], [offset])");
  return C.Ev.scope().copyIndex(Loop, Offset, C.origin());
}

Value fnContext(Call &C) {
  llvm::StringRef Fn = contextFunctionName(C.name());
  std::string Key = Fn.str() + "()";
  if (C.size() == 0)
    if (auto V = C.Ev.scope().contextValue(Key))
      return *V;
  return C.unknown(Key + " is known only at deployment (supply it as "
                         "context)");
}

/// "Microsoft.Network/virtualNetworks/subnets" + names -> the provider path
/// "Microsoft.Network/virtualNetworks/vnet/subnets/default".
std::optional<std::string> providerPath(Call &C, size_t TypeIndex) {
  // Azure accepts a trailing '/' on the type ('Microsoft.Network/vnets/').
  llvm::StringRef Type = C.arg(TypeIndex).asString().rtrim('/');
  llvm::SmallVector<llvm::StringRef, 4> Segments;
  Type.split(Segments, '/');
  size_t Names = C.size() - TypeIndex - 1;
  if (Segments.size() < 2 || Names != Segments.size() - 1) {
    C.failArg(
        TypeIndex,
        C.name().str() + "(): resource type '" + Type.str() + "' needs " +
            std::to_string(Segments.size() > 1 ? Segments.size() - 1 : 1) +
            " name(s), found " + std::to_string(Names));
    return std::nullopt;
  }
  std::string Path = Segments[0].str();
  for (size_t I = 1; I < Segments.size(); ++I) {
    size_t NameArg = TypeIndex + I;
    if (!C.expectString(NameArg))
      return std::nullopt;
    Path += "/" + Segments[I].str() + "/" +
            C.arg(NameArg).asString().trim("/").str();
  }
  return Path;
}

Value noteId(Call &C, size_t TypeIndex, Value Id) {
  ResourceReference Ref;
  Ref.Function = C.name().str();
  Ref.Target = Id;
  if (TypeIndex < C.size()) {
    Ref.Type = C.arg(TypeIndex);
    for (size_t I = TypeIndex + 1; I < C.size(); ++I)
      Ref.Names.push_back(C.arg(I));
  }
  Ref.Where = C.origin();
  C.Ev.scope().noteResourceReference(Ref);
  return Id;
}

// A resource id whose scope (subscription, resource group, management group)
// is known only at deployment, while its type and names are known: still a
// reference to that resource, so the derived graph relations (the NSG of a
// subnet, the NICs of a VM) can follow it. The unit id of an ARM resource is
// its type and full name.
Value idWithUnknownScope(Call &C, size_t TypeIndex, const Value &Unknown) {
  std::string Type = C.arg(TypeIndex).asString().rtrim('/').str();
  std::string Text = C.name().str() + "('" + Type + "'";
  std::string Target = Type;
  for (size_t I = TypeIndex + 1; I < C.size(); ++I) {
    llvm::StringRef Name = C.arg(I).asString().trim('/');
    Text += ", '" + Name.str() + "'";
    Target += "/" + Name.str();
  }
  Text += ")";
  noteId(C, TypeIndex, Unknown);
  return Value::expression(std::move(Text), C.origin(), std::move(Target));
}

// The resourceId family needs every argument as a known string: otherwise the
// result to return (Unknown, still noted for the graph, or invalid).
std::optional<Value> unlessAllKnownStrings(Call &C) {
  for (size_t I = 0; I < C.size(); ++I) {
    if (auto U = C.unknownArg(I))
      return noteId(C, C.size(), *U);
    if (!C.expectString(I))
      return C.invalid();
  }
  return std::nullopt;
}

std::optional<Value> contextString(Call &C, llvm::StringRef Fn,
                                   llvm::StringRef Property, Value &Out) {
  auto V = contextProperty(C.Ev.scope(), Fn, Property);
  if (!V)
    return C.unknown(C.name().str() + "() needs " + Fn.str() + "()." +
                     Property.str() +
                     ", known only at deployment (supply it as context)");
  if (!V->isKnown())
    return unknownBecause(*V);
  Out = *V;
  return std::nullopt;
}

// resourceId([subscriptionId], [resourceGroupName], type, name1, ...): the
// type is the first of the first three arguments that contains a '/'.
Value fnResourceId(Call &C) {
  ARITY(2, SIZE_MAX);
  std::optional<size_t> TypeIndex;
  for (size_t I = 0; I < 3 && I < C.size(); ++I) {
    if (auto U = C.unknownArg(I))
      return noteId(C, C.size(), *U);
    if (C.arg(I).is(ValueKind::String) && C.arg(I).asString().contains('/')) {
      TypeIndex = I;
      break;
    }
  }
  if (!TypeIndex)
    return C.fail("resourceId(): no resource type (with '/') among the first "
                  "arguments");
  for (size_t I = 0; I < C.size(); ++I) {
    if (auto U = C.unknownArg(I))
      return noteId(C, *TypeIndex, *U);
    if (!C.expectString(I))
      return C.invalid();
  }
  auto Path = providerPath(C, *TypeIndex);
  if (!Path)
    return C.invalid();
  Value Sub, Group;
  if (*TypeIndex == 2) {
    Sub = C.arg(0);
    Group = C.arg(1);
  } else {
    if (auto U = contextString(C, "subscription", "subscriptionId", Sub))
      return idWithUnknownScope(C, *TypeIndex, *U);
    if (*TypeIndex == 1)
      Group = C.arg(0);
    else if (auto U = contextString(C, "resourceGroup", "name", Group))
      return idWithUnknownScope(C, *TypeIndex, *U);
  }
  return noteId(C, *TypeIndex,
                C.string("/subscriptions/" + Sub.asString().str() +
                         "/resourceGroups/" + Group.asString().str() +
                         "/providers/" + *Path));
}

// The ([scope], type, names...) shape of subscriptionResourceId and
// managementGroupResourceId: the scope is the leading argument when the first
// argument is not a type, else it comes from the deployment context.
Value scopedResourceId(
    Call &C, llvm::StringRef ContextFn, llvm::StringRef ContextProperty,
    llvm::function_ref<std::string(llvm::StringRef Scope, llvm::StringRef Path)>
        Format) {
  if (auto Early = unlessAllKnownStrings(C))
    return *Early;
  size_t TypeIndex = C.arg(0).asString().contains('/') ? 0 : 1;
  auto Path = providerPath(C, TypeIndex);
  if (!Path)
    return C.invalid();
  Value Scope;
  if (TypeIndex == 1)
    Scope = C.arg(0);
  else if (auto U = contextString(C, ContextFn, ContextProperty, Scope))
    return idWithUnknownScope(C, TypeIndex, *U);
  return noteId(C, TypeIndex, C.string(Format(Scope.asString(), *Path)));
}

Value fnSubscriptionResourceId(Call &C) {
  ARITY(2, SIZE_MAX);
  return scopedResourceId(
      C, "subscription", "subscriptionId",
      [](llvm::StringRef Sub, llvm::StringRef Path) {
        return ("/subscriptions/" + Sub + "/providers/" + Path).str();
      });
}

Value fnTenantResourceId(Call &C) {
  ARITY(2, SIZE_MAX);
  if (auto Early = unlessAllKnownStrings(C))
    return *Early;
  auto Path = providerPath(C, 0);
  if (!Path)
    return C.invalid();
  return noteId(C, 0, C.string("/providers/" + *Path));
}

Value fnExtensionResourceId(Call &C) {
  ARITY(3, SIZE_MAX);
  if (auto Early = unlessAllKnownStrings(C))
    return *Early;
  auto Path = providerPath(C, 1);
  if (!Path)
    return C.invalid();
  return noteId(
      C, 1,
      C.string(C.arg(0).asString().rtrim("/").str() + "/providers/" + *Path));
}

// managementGroupResourceId([managementGroupName], type, names...).
Value fnManagementGroupResourceId(Call &C) {
  ARITY(2, SIZE_MAX);
  return scopedResourceId(
      C, "managementGroup", "name",
      [](llvm::StringRef Group, llvm::StringRef Path) {
        return ("/providers/Microsoft.Management/managementGroups/" + Group +
                "/providers/" + Path)
            .str();
      });
}

Value fnReference(Call &C) {
  ARITY(1, 3);
  std::vector<Value> Rest;
  for (size_t I = 1; I < C.size(); ++I)
    Rest.push_back(C.arg(I));
  ResourceReference Ref{"reference", C.arg(0), {}, {}, C.origin()};
  C.Ev.scope().noteResourceReference(Ref);
  return C.Ev.scope().reference(C.arg(0), Rest, C.origin());
}

Value fnList(Call &C) {
  ARITY(1, 3);
  std::vector<Value> Rest;
  for (size_t I = 1; I < C.size(); ++I)
    Rest.push_back(C.arg(I));
  ResourceReference Ref{C.name().str(), C.arg(0), {}, {}, C.origin()};
  C.Ev.scope().noteResourceReference(Ref);
  return C.Ev.scope().listCall(C.name(), C.arg(0), Rest, C.origin());
}

// references('loop'): the runtime state of every instance of a copy loop
// (languageVersion 2.0). Its argument names the resources, for the edges.
Value fnReferences(Call &C) {
  ARITY(1, 2);
  ResourceReference Ref{"references", C.arg(0), {}, {}, C.origin()};
  C.Ev.scope().noteResourceReference(Ref);
  return C.unknown("references() is resolved at deployment");
}

Value fnDeploymentOnly(Call &C) {
  return C.unknown(C.name().str() + "() is resolved at deployment");
}

struct Entry {
  const char *Name;
  Fn Impl;
};

// Alphabetical; lookup ignores case, as ARM function names do.
constexpr Entry Library[] = {
    {"add", fnAdd},
    {"and", fnAnd},
    {"array", fnArray},
    {"base64", fnBase64},
    {"base64ToJson", fnBase64ToJson},
    {"base64ToString", fnBase64ToString},
    {"bool", fnBool},
    {"cidrHost", fnCidrHost},
    {"cidrSubnet", fnCidrSubnet},
    {"coalesce", fnCoalesce},
    {"concat", fnConcat},
    {"contains", fnContains},
    {"copyIndex", fnCopyIndex},
    {"createArray", fnCreateArray},
    {"createObject", fnCreateObject},
    {"dataUri", fnDataUri},
    {"dataUriToString", fnDataUriToString},
    {"dateTimeAdd", fnDateTimeAdd},
    {"dateTimeFromEpoch", fnDateTimeFromEpoch},
    {"dateTimeToEpoch", fnDateTimeToEpoch},
    {"deployer", fnDeploymentOnly},
    {"deployment", fnContext},
    {"div", fnDiv},
    {"empty", fnEmpty},
    {"endsWith", fnEndsWith},
    {"environment", fnContext},
    {"equals", fnEquals},
    {"extensionResourceId", fnExtensionResourceId},
    {"false", fnFalse},
    {"filter", fnFilter},
    {"first", fnFirst},
    {"flatten", fnFlatten},
    {"float", fnFloat},
    {"format", fnFormat},
    {"greater", fnGreater},
    {"greaterOrEquals", fnGreaterOrEquals},
    {"groupBy", fnGroupBy},
    {"guid", fnGuid},
    {"if", fnIf},
    {"indexFromEnd", fnIndexFromEnd},
    {"indexOf", fnIndexOf},
    {"int", fnInt},
    {"intersection", fnIntersection},
    {"items", fnItems},
    {"join", fnJoin},
    {"json", fnJson},
    {"lambda", fnLambda},
    {"lambdaVariables", fnLambdaVariables},
    {"last", fnLast},
    {"lastIndexOf", fnLastIndexOf},
    {"length", fnLength},
    {"less", fnLess},
    {"lessOrEquals", fnLessOrEquals},
    {"managementGroup", fnContext},
    {"managementGroupResourceId", fnManagementGroupResourceId},
    {"map", fnMap},
    {"mapValues", fnMapValues},
    {"max", fnMax},
    {"min", fnMin},
    {"mod", fnMod},
    {"mul", fnMul},
    {"newGuid", fnNewGuid},
    {"not", fnNot},
    {"null", fnNull},
    {"objectKeys", fnObjectKeys},
    {"or", fnOr},
    {"padLeft", fnPadLeft},
    {"parameters", fnParameters},
    {"parseCidr", fnParseCidr},
    {"pickZones", fnDeploymentOnly},
    {"providers", fnDeploymentOnly},
    {"range", fnRange},
    {"reduce", fnReduce},
    {"reference", fnReference},
    {"references", fnReferences},
    {"replace", fnReplace},
    {"resourceGroup", fnContext},
    {"resourceId", fnResourceId},
    {"shallowMerge", fnShallowMerge},
    {"skip", fnSkip},
    {"sort", fnSort},
    {"split", fnSplit},
    {"startsWith", fnStartsWith},
    {"string", fnString},
    {"sub", fnSub},
    {"subscription", fnContext},
    {"subscriptionResourceId", fnSubscriptionResourceId},
    {"substring", fnSubstring},
    {"take", fnTake},
    {"tenant", fnContext},
    {"tenantResourceId", fnTenantResourceId},
    {"toLower", fnToLower},
    {"toObject", fnToObject},
    {"toUpper", fnToUpper},
    {"trim", fnTrim},
    {"true", fnTrue},
    {"tryGet", fnTryGet},
    {"tryIndexFromEnd", fnTryIndexFromEnd},
    {"union", fnUnion},
    {"uniqueString", fnUniqueString},
    {"uri", fnUri},
    {"uriComponent", fnUriComponent},
    {"uriComponentToString", fnUriComponentToString},
    {"utcNow", fnUtcNow},
    {"variables", fnVariables},
};

// Library by lower-case name, built once and never changed. Every call of
// every template looks its function up, and scanning the table (a strlen
// and a comparison per entry) was a hot spot of a corpus scan.
const llvm::StringMap<Fn> &libraryByLowerName() {
  static const llvm::StringMap<Fn> ByName = [] {
    llvm::StringMap<Fn> M;
    for (const Entry &E : Library)
      M.try_emplace(llvm::StringRef(E.Name).lower(), E.Impl); // first wins
    return M;
  }();
  return ByName;
}

} // namespace

std::optional<Value> callBuiltin(Call &C) {
  llvm::StringRef Name = C.name();
  llvm::SmallString<32> Lower;
  for (char Ch : Name)
    Lower.push_back(llvm::toLower(Ch));
  const llvm::StringMap<Fn> &ByName = libraryByLowerName();
  if (auto It = ByName.find(Lower); It != ByName.end())
    return It->second(C);
  if (Name.size() > 4 && Name.take_front(4).equals_insensitive("list"))
    return fnList(C);
  return std::nullopt;
}

} // namespace rampart::eval::arm
