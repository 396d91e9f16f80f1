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
#include "analyzer/eval/arm/Call.h"
#include "analyzer/model/ValueJson.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringExtras.h"
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

std::optional<std::string> decodeBase64(llvm::StringRef In) {
  auto Digit = [](char Ch) -> int {
    if (Ch >= 'A' && Ch <= 'Z')
      return Ch - 'A';
    if (Ch >= 'a' && Ch <= 'z')
      return Ch - 'a' + 26;
    if (Ch >= '0' && Ch <= '9')
      return Ch - '0' + 52;
    if (Ch == '+')
      return 62;
    if (Ch == '/')
      return 63;
    return -1;
  };
  In = In.trim();
  if (In.size() % 4 != 0)
    return std::nullopt;
  std::string Out;
  uint32_t Acc = 0;
  int Bits = 0;
  size_t Padding = 0;
  for (size_t I = 0; I < In.size(); ++I) {
    char Ch = In[I];
    if (Ch == '=') {
      if (I + 2 < In.size())
        return std::nullopt;
      ++Padding;
      continue;
    }
    int D = Digit(Ch);
    if (D < 0 || Padding)
      return std::nullopt;
    Acc = (Acc << 6) | D;
    Bits += 6;
    if (Bits >= 8) {
      Bits -= 8;
      Out += static_cast<char>((Acc >> Bits) & 0xFF);
    }
  }
  return Out;
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
      return noteId(C, *TypeIndex, *U);
    if (*TypeIndex == 1)
      Group = C.arg(0);
    else if (auto U = contextString(C, "resourceGroup", "name", Group))
      return noteId(C, *TypeIndex, *U);
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
    return noteId(C, TypeIndex, *U);
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
    {"coalesce", fnCoalesce},
    {"concat", fnConcat},
    {"contains", fnContains},
    {"copyIndex", fnCopyIndex},
    {"createArray", fnCreateArray},
    {"createObject", fnCreateObject},
    {"dataUri", fnDataUri},
    {"dataUriToString", fnDataUriToString},
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
    {"pickZones", fnDeploymentOnly},
    {"providers", fnDeploymentOnly},
    {"range", fnRange},
    {"reduce", fnReduce},
    {"reference", fnReference},
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
    {"union", fnUnion},
    {"uniqueString", fnUniqueString},
    {"uri", fnUri},
    {"uriComponent", fnUriComponent},
    {"uriComponentToString", fnUriComponentToString},
    {"utcNow", fnUtcNow},
    {"variables", fnVariables},
};

} // namespace

std::optional<Value> callBuiltin(Call &C) {
  llvm::StringRef Name = C.name();
  for (const Entry &E : Library)
    if (Name.equals_insensitive(E.Name))
      return E.Impl(C);
  if (Name.size() > 4 && Name.take_front(4).equals_insensitive("list"))
    return fnList(C);
  return std::nullopt;
}

} // namespace rampart::eval::arm
