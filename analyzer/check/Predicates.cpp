//===- Predicates.cpp - Shared domain predicates, three-valued ------------===//
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Glob.h"

#include "analyzer/eval/Cidr.h"
#include "parsers/common/Document.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>

namespace rampart::check {

using model::Member;
using model::Origin;
using model::Value;
using model::ValueKind;

//===----------------------------------------------------------------------===//
// Truth
//===----------------------------------------------------------------------===//

Truth truthAnd(Truth A, Truth B) {
  if (A == Truth::False || B == Truth::False)
    return Truth::False;
  if (A == Truth::Unknown || B == Truth::Unknown)
    return Truth::Unknown;
  return Truth::True;
}

Truth truthOr(Truth A, Truth B) {
  if (A == Truth::True || B == Truth::True)
    return Truth::True;
  if (A == Truth::Unknown || B == Truth::Unknown)
    return Truth::Unknown;
  return Truth::False;
}

Truth truthNot(Truth A) {
  switch (A) {
  case Truth::False:
    return Truth::True;
  case Truth::True:
    return Truth::False;
  case Truth::Unknown:
    return Truth::Unknown;
  }
  return Truth::Unknown;
}

llvm::StringRef truthName(Truth T) {
  switch (T) {
  case Truth::False:
    return "false";
  case Truth::True:
    return "true";
  case Truth::Unknown:
    return "unknown";
  }
  return "unknown";
}

namespace {

//===----------------------------------------------------------------------===//
// Combinators: one-of agreement, lists, Kleene and/or with a Where
//===----------------------------------------------------------------------===//

using Judge = llvm::function_ref<Match(const Value &)>;

Match yes(const Value *Where) { return {Truth::True, Where, {}}; }
Match no(const Value *Where) { return {Truth::False, Where, {}}; }
Match unknownAt(const Value *Where, std::string Reason = {}) {
  return {Truth::Unknown, Where, std::move(Reason)};
}
Match fromBoolAt(bool B, const Value *Where) {
  return {fromBool(B), Where, {}};
}

// Messages are built by appending: GCC 12 warns (-Wrestrict) on
// `"literal" + std::string` at -O3.
std::string aKind(const Value &V) {
  llvm::StringRef Name = valueKindName(V.kind());
  std::string Out =
      llvm::StringRef("aeiou").contains(Name.front()) ? "an " : "a ";
  Out += Name;
  return Out;
}

std::string quoted(llvm::StringRef S) {
  std::string Out = "'";
  Out += S;
  Out += "'";
  return Out;
}

Match negate(Match M) {
  M.T = truthNot(M.T);
  return M;
}

bool isOneOf(const Value &V) { return !V.alternatives().empty(); }

/// A one-of decides only when every alternative gives the same answer;
/// then the one-of itself is the Where (its range covers all of them).
Match agreeOver(const Value &OneOf, Judge J) {
  std::optional<Truth> Agreed;
  for (const Value &A : OneOf.alternatives()) {
    Match M = J(A);
    if (M.isUnknown())
      return M;
    if (Agreed && *Agreed != M.T)
      return unknownAt(&OneOf);
    Agreed = M.T;
  }
  return {*Agreed, &OneOf, {}};
}

/// Known is asked only about a known value (its children may be unknown).
Match decide(const Value &V, Judge Known) {
  if (isOneOf(V))
    return agreeOver(V, [&](const Value &A) { return decide(A, Known); });
  if (!V.isKnown())
    return unknownAt(&V);
  return Known(V);
}

/// Kleene "or": the first True, else the first Unknown, else False at
/// Whole.
Match anyOf(const Value &Whole, llvm::ArrayRef<Value> Items, Judge J) {
  std::optional<Match> FirstUnknown;
  for (const Value &I : Items) {
    Match M = J(I);
    if (M.isTrue())
      return M;
    if (M.isUnknown() && !FirstUnknown)
      FirstUnknown = std::move(M);
  }
  if (FirstUnknown)
    return *FirstUnknown;
  return no(&Whole);
}

/// Kleene "and": the first False, else the first Unknown, else True at
/// TrueWhere.
Match allOf(std::initializer_list<const Match *> Parts,
            const Value *TrueWhere) {
  const Match *FirstUnknown = nullptr;
  for (const Match *M : Parts) {
    if (M->isFalse())
      return *M;
    if (M->isUnknown() && !FirstUnknown)
      FirstUnknown = M;
  }
  if (FirstUnknown)
    return *FirstUnknown;
  return yes(TrueWhere);
}

/// A list answers for any element; a single value answers for itself.
Match anyElement(const Value &V, Judge Element) {
  return decide(V, [&](const Value &K) {
    if (!K.is(ValueKind::Array))
      return Element(K);
    return anyOf(K, K.items(),
                 [&](const Value &I) { return decide(I, Element); });
  });
}

bool allStars(llvm::StringRef S) {
  return !S.empty() && llvm::all_of(S, [](char C) { return C == '*'; });
}

//===----------------------------------------------------------------------===//
// Ports
//===----------------------------------------------------------------------===//

constexpr int MaxPort = 65535;

struct PortRange {
  int Lo = 0;
  int Hi = MaxPort;
  bool covers(int Port) const { return Lo <= Port && Port <= Hi; }
};

std::optional<int> portNumber(llvm::StringRef S) {
  S = S.trim();
  unsigned N;
  if (S.empty() || !llvm::all_of(S, llvm::isDigit) || S.getAsInteger(10, N) ||
      N > MaxPort)
    return std::nullopt;
  return static_cast<int>(N);
}

/// "22", "20-25" and, where the dialect has it, "*".
std::optional<PortRange> portRangeText(llvm::StringRef S, bool AllowStar) {
  S = S.trim();
  if (AllowStar && S == "*")
    return PortRange{};
  auto [First, Last] = S.split('-');
  auto Lo = portNumber(First);
  auto Hi = S.contains('-') ? portNumber(Last) : Lo;
  if (!Lo || !Hi || *Lo > *Hi)
    return std::nullopt;
  return PortRange{*Lo, *Hi};
}

/// An integral number, or a string holding one ("-1", "22").
std::optional<int64_t> integerOf(const Value &V) {
  if (V.is(ValueKind::Int))
    return V.asInt();
  if (V.is(ValueKind::Float) && std::trunc(V.asNumber()) == V.asNumber() &&
      std::fabs(V.asNumber()) < 1e15)
    return static_cast<int64_t>(V.asNumber());
  int64_t I;
  if (V.is(ValueKind::String) && !V.asString().trim().getAsInteger(10, I))
    return I;
  return std::nullopt;
}

Match portElementCovers(const Value &V, int Port, bool AllowStar) {
  if (V.isNull())
    return no(&V);
  if (V.is(ValueKind::String)) {
    if (auto R = portRangeText(V.asString(), AllowStar))
      return fromBoolAt(R->covers(Port), &V);
    return unknownAt(&V, quoted(V.asString()) + " is not a port or port range");
  }
  if (auto I = integerOf(V))
    return fromBoolAt(*I == Port, &V);
  return unknownAt(&V, aKind(V) + " is not a port");
}

std::string notAPortNumber(const Value &V) {
  if (V.is(ValueKind::String))
    return quoted(V.asString()) + " is not a port number";
  return aKind(V) + " is not a port number";
}

/// One end of an AWS from/to pair, as read from a known value.
struct PortBound {
  enum Kind { Missing, All, Number, Invalid } K = Missing;
  int64_t N = 0;
};

PortBound portBound(const Value &V) {
  if (V.isNull())
    return {};
  auto I = integerOf(V);
  if (!I)
    return {PortBound::Invalid};
  if (*I == -1)
    return {PortBound::All};
  return {PortBound::Number, *I};
}

/// From and To are single possibilities here (no one-of), known or not.
Match fromToCovers(const Value &From, const Value &To, int Port) {
  PortBound F = From.isKnown() ? portBound(From) : PortBound{};
  PortBound T = To.isKnown() ? portBound(To) : PortBound{};
  // -1 at either end opens every port whatever the other end says.
  if (From.isKnown() && F.K == PortBound::All)
    return yes(&From);
  if (To.isKnown() && T.K == PortBound::All)
    return yes(&To);
  if (!From.isKnown())
    return unknownAt(&From);
  if (!To.isKnown())
    return unknownAt(&To);
  if (F.K == PortBound::Invalid)
    return unknownAt(&From, notAPortNumber(From));
  if (T.K == PortBound::Invalid)
    return unknownAt(&To, notAPortNumber(To));
  int64_t Lo = F.K == PortBound::Number ? F.N : 0;
  int64_t Hi = T.K == PortBound::Number ? T.N : MaxPort;
  return fromBoolAt(Lo <= Port && Port <= Hi, &From);
}

/// Pairs every possibility of From with every possibility of To (one-of
/// alternatives); they must agree.
Match pairCovers(const Value &From, const Value &To, int Port) {
  llvm::ArrayRef<Value> Froms =
      isOneOf(From) ? From.alternatives() : llvm::makeArrayRef(From);
  llvm::ArrayRef<Value> Tos =
      isOneOf(To) ? To.alternatives() : llvm::makeArrayRef(To);
  if (Froms.size() == 1 && Tos.size() == 1)
    return fromToCovers(Froms[0], Tos[0], Port);
  const Value *Blame = isOneOf(From) ? &From : &To;
  std::optional<Truth> Agreed;
  for (const Value &F : Froms)
    for (const Value &T : Tos) {
      Match M = fromToCovers(F, T, Port);
      if (M.isUnknown())
        return M;
      if (Agreed && *Agreed != M.T)
        return unknownAt(Blame);
      Agreed = M.T;
    }
  return {*Agreed, Blame, {}};
}

//===----------------------------------------------------------------------===//
// Protocols and sources
//===----------------------------------------------------------------------===//

/// Protocol includes the one numbered Number (6 TCP, 17 UDP) named Name.
Match protocolIncludes(const Value &Protocol, llvm::StringRef Name,
                       int64_t Number) {
  return decide(Protocol, [&](const Value &V) {
    if (V.is(ValueKind::String)) {
      llvm::StringRef S = V.asString().trim();
      bool All = S == "*" || S == "-1" || S.equals_insensitive("all");
      return fromBoolAt(
          All || S.equals_insensitive(Name) || S == std::to_string(Number), &V);
    }
    if (V.is(ValueKind::Int))
      return fromBoolAt(V.asInt() == -1 || V.asInt() == Number, &V);
    return no(&V);
  });
}

bool isZeroPrefixCidr(llvm::StringRef S) {
  auto C = eval::parseCidr(S.trim());
  return C && C->Prefix == 0;
}

//===----------------------------------------------------------------------===//
// TLS versions
//===----------------------------------------------------------------------===//

constexpr unsigned Tls10 = 10, Tls11 = 11, Tls12 = 12, Tls13 = 13;

/// AWS's predefined ELB security policies (ALB and NLB "security policies"
/// pages: TLS, FIPS, FS and post-quantum tables) and the lowest protocol
/// each accepts. In the TLS13 families the name says it: TLS13-1-2 accepts
/// TLS 1.2 and 1.3.
struct ElbPolicy {
  const char *Name;
  unsigned Minimum;
};
constexpr ElbPolicy ElbPolicies[] = {
    {"ELBSecurityPolicy-2015-05", Tls10},
    {"ELBSecurityPolicy-2016-08", Tls10},
    {"ELBSecurityPolicy-TLS-1-0-2015-04", Tls10},
    {"ELBSecurityPolicy-TLS-1-1-2017-01", Tls11},
    {"ELBSecurityPolicy-TLS-1-2-2017-01", Tls12},
    {"ELBSecurityPolicy-TLS-1-2-Ext-2018-06", Tls12},
    {"ELBSecurityPolicy-FS-2018-06", Tls10},
    {"ELBSecurityPolicy-FS-1-1-2019-08", Tls11},
    {"ELBSecurityPolicy-FS-1-2-2019-08", Tls12},
    {"ELBSecurityPolicy-FS-1-2-Res-2019-08", Tls12},
    {"ELBSecurityPolicy-FS-1-2-Res-2020-10", Tls12},
    {"ELBSecurityPolicy-TLS13-1-0-2021-06", Tls10},
    {"ELBSecurityPolicy-TLS13-1-1-2021-06", Tls11},
    {"ELBSecurityPolicy-TLS13-1-2-2021-06", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Res-2021-06", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06", Tls12},
    {"ELBSecurityPolicy-TLS13-1-3-2021-06", Tls13},
    {"ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04", Tls10},
    {"ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04", Tls11},
    {"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04", Tls12},
    {"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04", Tls13},
    {"ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07", Tls12},
    {"ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07", Tls13},
    {"ELBSecurityPolicy-TLS13-1-0-PQ-2025-09", Tls10},
    {"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09", Tls12},
    {"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09", Tls13},
    {"ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09", Tls10},
    {"ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09", Tls12},
    {"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09", Tls12},
    {"ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09", Tls13},
};

/// "_2016", "_2021": CloudFront's policy year, which says nothing about
/// the protocol.
bool isYearSuffix(llvm::StringRef S) {
  return S.size() == 5 && S.front() == '_' &&
         llvm::all_of(S.drop_front(), llvm::isDigit);
}

/// "1.2", "TLS1_2", "TLSv1.2_2021", "Tls12", "TLS_1_2", "TLSv1", "Tls".
std::optional<unsigned> genericTlsRank(llvm::StringRef S) {
  bool Prefixed =
      S.consume_front_insensitive("tlsv") || S.consume_front_insensitive("tls");
  if (Prefixed && (S.startswith("_") || S.startswith("-")) && S.size() > 1 &&
      llvm::isDigit(S[1]))
    S = S.drop_front();
  if (S.empty())
    return Prefixed ? std::optional<unsigned>(Tls10) : std::nullopt;
  if (!S.consume_front("1"))
    return std::nullopt;
  if ((S.empty() && Prefixed) || isYearSuffix(S))
    return Tls10;
  bool Separated =
      S.consume_front(".") || S.consume_front("_") || S.consume_front("-");
  if (!Separated && !Prefixed)
    return std::nullopt;
  if (S.empty() || S.front() < '0' || S.front() > '3')
    return std::nullopt;
  unsigned Minor = S.front() - '0';
  S = S.drop_front();
  if (!S.empty() && !isYearSuffix(S))
    return std::nullopt;
  return Tls10 + Minor;
}

/// OpenSearch "Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10".
std::optional<unsigned> openSearchTlsRank(llvm::StringRef S) {
  if (!S.consume_front_insensitive("policy-min-tls-1-") || S.empty() ||
      S.front() < '0' || S.front() > '3' || (S.size() > 1 && S[1] != '-'))
    return std::nullopt;
  return Tls10 + (S.front() - '0');
}

std::optional<unsigned> singleTlsRank(llvm::StringRef S) {
  S = S.trim();
  for (const ElbPolicy &P : ElbPolicies)
    if (S.equals_insensitive(P.Name))
      return P.Minimum;
  if (S.equals_insensitive("none"))
    return 0u;
  if (S.equals_insensitive("sslv3"))
    return 3u;
  if (auto R = openSearchTlsRank(S))
    return R;
  return genericTlsRank(S);
}

std::optional<unsigned> floatTlsRank(double D) {
  for (unsigned Minor = 0; Minor <= 3; ++Minor)
    if (std::fabs(D - (1.0 + Minor / 10.0)) < 1e-9)
      return Tls10 + Minor;
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Policy documents
//===----------------------------------------------------------------------===//

/// A JSON tree as Values, each with the origin of the string it came from.
Value jsonToValue(const nlohmann::json &J, const Origin &O, unsigned Depth) {
  if (Depth > MaxNestingDepth)
    return Value::unknown("the policy document nests too deeply", O);
  switch (J.type()) {
  case nlohmann::json::value_t::boolean:
    return Value::boolean(J.get<bool>(), O);
  case nlohmann::json::value_t::number_integer:
    return Value::integer(J.get<int64_t>(), O);
  case nlohmann::json::value_t::number_unsigned:
    if (J.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
      return Value::floating(J.get<double>(), O);
    return Value::integer(J.get<int64_t>(), O);
  case nlohmann::json::value_t::number_float:
    return Value::floating(J.get<double>(), O);
  case nlohmann::json::value_t::string:
    return Value::string(J.get<std::string>(), O);
  case nlohmann::json::value_t::array: {
    std::vector<Value> Items;
    for (const auto &I : J)
      Items.push_back(jsonToValue(I, O, Depth + 1));
    return Value::array(std::move(Items), O);
  }
  case nlohmann::json::value_t::object: {
    std::vector<Member> Members;
    for (auto It = J.begin(); It != J.end(); ++It)
      Members.push_back({It.key(), O, jsonToValue(It.value(), O, Depth + 1)});
    return Value::object(std::move(Members), O);
  }
  default:
    return Value::null(O);
  }
}

/// Statements may come as one object, a list, or (through an Fn::If) a
/// one-of of those; Judge sees each known statement object.
Match onStatements(const Value &S, Judge J) {
  return decide(S, [&](const Value &K) {
    if (K.is(ValueKind::Object))
      return J(K);
    if (K.is(ValueKind::Array))
      return anyOf(K, K.items(),
                   [&](const Value &I) { return onStatements(I, J); });
    if (K.isNull())
      return no(&K);
    return unknownAt(&K, aKind(K) + " is not a policy statement");
  });
}

/// Effect "Allow": IAM reads the value case-sensitively, so "allow" is a
/// malformed policy, not an allow.
Match isAllow(const Value &Statement) {
  const Value *Effect = Statement.get("Effect");
  if (!Effect)
    return no(&Statement);
  return decide(*Effect, [](const Value &V) {
    return fromBoolAt(V.is(ValueKind::String) && V.asString() == "Allow", &V);
  });
}

/// Who an Allow statement lets in is public: a public Principal, or a
/// NotPrincipal that does not itself name everyone (Allow + NotPrincipal
/// allows every principal it does not list).
Match principalOfStatementIsPublic(const Value &Statement) {
  if (const Value *P = Statement.get("Principal"))
    return principalIsPublic(*P);
  if (const Value *NP = Statement.get("NotPrincipal")) {
    Match Excludes = principalIsPublic(*NP);
    if (Excludes.isFalse())
      return yes(NP);
    return negate(std::move(Excludes));
  }
  return no(&Statement);
}

/// Absent, null and {} all mean no Condition.
Match hasNoCondition(const Value &Statement) {
  const Value *C = Statement.get("Condition");
  if (!C)
    return yes(&Statement);
  return decide(*C, [](const Value &V) {
    if (V.isNull())
      return yes(&V);
    return fromBoolAt(V.is(ValueKind::Object) && V.members().empty(), &V);
  });
}

Match isStringIn(const Value &V, std::initializer_list<llvm::StringRef> Set) {
  return fromBoolAt(
      V.is(ValueKind::String) && llvm::is_contained(Set, V.asString()), &V);
}

/// Context keys that tie a call to an account, organization, network or
/// service (catalog §1.3), compared ignoring case as IAM does.
bool isCallerKey(llvm::StringRef Key) {
  static constexpr llvm::StringLiteral Keys[] = {
      "aws:SourceArn",     "aws:SourceAccount",    "aws:SourceVpc",
      "aws:SourceVpce",    "aws:PrincipalAccount", "aws:PrincipalOrgID",
      "kms:CallerAccount", "kms:ViaService"};
  return llvm::any_of(
      Keys, [&](llvm::StringRef K) { return K.equals_insensitive(Key); });
}

enum class OperatorKind { Exact, Pattern, IpAddress, NotRestricting };

/// Only operators that fail when the key is absent or different restrict:
/// negations let everyone else in, ...IfExists and ForAllValues: pass when
/// the key is absent (a direct call carries no aws:SourceArn).
OperatorKind operatorKind(llvm::StringRef Op) {
  std::string Lower = Op.lower();
  llvm::StringRef O = Lower;
  if (O.startswith("forallvalues:") || O.endswith("ifexists"))
    return OperatorKind::NotRestricting;
  O.consume_front("foranyvalue:");
  return llvm::StringSwitch<OperatorKind>(O)
      .Cases("stringequals", "stringequalsignorecase", OperatorKind::Exact)
      // ArnEquals takes wildcards too, as ArnLike does.
      .Cases("stringlike", "arnequals", "arnlike", OperatorKind::Pattern)
      .Case("ipaddress", OperatorKind::IpAddress)
      .Default(OperatorKind::NotRestricting);
}

/// Whether the values under one (operator, key) restrict the caller.
Match keyRestricts(OperatorKind Kind, llvm::StringRef Key,
                   const Value &Values) {
  if (Key.equals_insensitive("aws:SourceIp")) {
    if (Kind != OperatorKind::IpAddress)
      return no(&Values);
    // Restricting only when no listed range is the whole internet.
    return negate(anyElement(Values, [](const Value &V) {
      return fromBoolAt(
          V.is(ValueKind::String) && isZeroPrefixCidr(V.asString()), &V);
    }));
  }
  if (!isCallerKey(Key) || Kind == OperatorKind::IpAddress)
    return no(&Values);
  if (Kind == OperatorKind::Exact)
    return yes(&Values); // Any exact value names someone specific.
  // A pattern of only wildcards matches every caller.
  Match Everyone = anyElement(Values, [](const Value &V) {
    return fromBoolAt(V.is(ValueKind::String) && allStars(V.asString()), &V);
  });
  if (Everyone.isFalse())
    return yes(&Values);
  return negate(std::move(Everyone));
}

//===----------------------------------------------------------------------===//
// Equality
//===----------------------------------------------------------------------===//

bool isNumber(const Value &V) {
  return V.is(ValueKind::Int) || V.is(ValueKind::Float);
}

/// A decimal number written as a string: "22", "-1", "1.5", "1e3".
std::optional<double> numberText(llvm::StringRef S) {
  if (S.empty() || !llvm::all_of(S, [](char C) {
        return llvm::isDigit(C) || llvm::StringRef("+-.eE").contains(C);
      }))
    return std::nullopt;
  double D;
  if (S.getAsDouble(D))
    return std::nullopt;
  return D;
}

bool numberEqualsText(const Value &N, llvm::StringRef S) {
  int64_t I;
  if (N.is(ValueKind::Int) && !S.getAsInteger(10, I))
    return I == N.asInt();
  auto D = numberText(S);
  return D && *D == N.asNumber();
}

bool boolEqualsText(bool B, llvm::StringRef S) {
  return S.equals_insensitive(B ? "true" : "false");
}

bool scalarsEqual(const Value &A, const Value &B, bool IgnoreCase) {
  if (A.isNull() || B.isNull())
    return A.isNull() && B.isNull();
  if (A.is(ValueKind::String) && B.is(ValueKind::String))
    return IgnoreCase ? A.asString().equals_insensitive(B.asString())
                      : A.asString() == B.asString();
  if (A.is(ValueKind::Bool) && B.is(ValueKind::Bool))
    return A.asBool() == B.asBool();
  if (A.is(ValueKind::Int) && B.is(ValueKind::Int))
    return A.asInt() == B.asInt();
  if (isNumber(A) && isNumber(B))
    return A.asNumber() == B.asNumber();
  for (auto [X, Y] : {std::pair{&A, &B}, std::pair{&B, &A}}) {
    if (!Y->is(ValueKind::String))
      continue;
    if (X->is(ValueKind::Bool))
      return boolEqualsText(X->asBool(), Y->asString());
    if (isNumber(*X))
      return numberEqualsText(*X, Y->asString());
  }
  return false;
}

Match knownEquals(const Value &V, const Value &E, bool IgnoreCase);

Match elementsEqual(const Value &V, const Value &E, bool IgnoreCase) {
  if (V.items().size() != E.items().size())
    return no(&V);
  std::optional<Match> FirstUnknown;
  for (auto [A, B] : llvm::zip(V.items(), E.items())) {
    Match M = valueEquals(A, B, IgnoreCase);
    if (M.isFalse())
      return M;
    if (M.isUnknown() && !FirstUnknown)
      FirstUnknown = std::move(M);
  }
  return FirstUnknown ? *FirstUnknown : yes(&V);
}

Match membersEqual(const Value &V, const Value &E, bool IgnoreCase) {
  if (V.members().size() != E.members().size())
    return no(&V);
  std::optional<Match> FirstUnknown;
  for (const Member &M : V.members()) {
    const Value *Other = E.get(M.Key);
    if (!Other)
      return no(&V);
    Match R = valueEquals(M.V, *Other, IgnoreCase);
    if (R.isFalse())
      return R;
    if (R.isUnknown() && !FirstUnknown)
      FirstUnknown = std::move(R);
  }
  return FirstUnknown ? *FirstUnknown : yes(&V);
}

Match knownEquals(const Value &V, const Value &E, bool IgnoreCase) {
  if (V.is(ValueKind::Array) && E.is(ValueKind::Array))
    return elementsEqual(V, E, IgnoreCase);
  if (V.is(ValueKind::Object) && E.is(ValueKind::Object))
    return membersEqual(V, E, IgnoreCase);
  return fromBoolAt(scalarsEqual(V, E, IgnoreCase), &V);
}

} // namespace

//===----------------------------------------------------------------------===//
// Public predicates
//===----------------------------------------------------------------------===//

Match portCovers(const Value &PortSpec, int Port) {
  return anyElement(PortSpec, [&](const Value &V) {
    return portElementCovers(V, Port, /*AllowStar=*/true);
  });
}

Match portRangeCovers(const Value &From, const Value &To, int Port) {
  return pairCovers(From, To, Port);
}

Match gcpPortsCover(const Value *Ports, int Port) {
  if (!Ports)
    return yes(nullptr);
  return decide(*Ports, [&](const Value &V) {
    if (V.isNull() || (V.is(ValueKind::Array) && V.items().empty()))
      return yes(&V);
    return anyElement(V, [&](const Value &E) {
      return portElementCovers(E, Port, /*AllowStar=*/false);
    });
  });
}

Match protocolIncludesTcp(const Value &Protocol) {
  return protocolIncludes(Protocol, "tcp", 6);
}

Match protocolIncludesUdp(const Value &Protocol) {
  return protocolIncludes(Protocol, "udp", 17);
}

Match isInternetSourceAzure(const Value &Source) {
  return anyElement(Source, [](const Value &V) {
    if (!V.is(ValueKind::String))
      return no(&V);
    llvm::StringRef S = V.asString().trim();
    bool Internet = llvm::any_of(
        std::initializer_list<llvm::StringRef>{"*", "0.0.0.0", "internet",
                                               "any"},
        [&](llvm::StringRef Name) { return S.equals_insensitive(Name); });
    return fromBoolAt(Internet || isZeroPrefixCidr(S), &V);
  });
}

Match isInternetCidr(const Value &Cidr) {
  return anyElement(Cidr, [](const Value &V) {
    return fromBoolAt(V.is(ValueKind::String) && isZeroPrefixCidr(V.asString()),
                      &V);
  });
}

std::optional<unsigned> tlsVersionRank(llvm::StringRef Spelling) {
  if (!Spelling.contains(','))
    return singleTlsRank(Spelling);
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Spelling.split(Parts, ',');
  std::optional<unsigned> Lowest;
  for (llvm::StringRef P : Parts) {
    auto R = singleTlsRank(P);
    if (!R)
      return std::nullopt;
    Lowest = Lowest ? std::min(*Lowest, *R) : *R;
  }
  return Lowest;
}

Match tlsAtLeast(const Value &Version, llvm::StringRef Minimum) {
  std::optional<unsigned> Min = tlsVersionRank(Minimum);
  assert(Min && "the minimum must be a TLS version spelling");
  return decide(Version, [&](const Value &V) {
    std::optional<unsigned> Rank;
    if (V.is(ValueKind::String))
      Rank = tlsVersionRank(V.asString());
    else if (V.is(ValueKind::Float))
      Rank = floatTlsRank(V.asNumber());
    if (Rank)
      return fromBoolAt(*Rank >= *Min, &V);
    if (V.is(ValueKind::String))
      return unknownAt(&V, quoted(V.asString()) +
                               " is not a TLS version or policy Rampart knows");
    return unknownAt(&V, aKind(V) + " is not a TLS version");
  });
}

//===----------------------------------------------------------------------===//
// PolicyDocument
//===----------------------------------------------------------------------===//

PolicyDocument::PolicyDocument(const Value &Doc) : Source(Doc) {
  if (isOneOf(Doc)) {
    Alternatives.reserve(Doc.alternatives().size());
    for (const Value &A : Doc.alternatives())
      readAlternative(A);
  } else {
    readAlternative(Doc);
  }
}

void PolicyDocument::readAlternative(const Value &Doc) {
  Alternative &A = Alternatives.emplace_back();
  A.Problem = yes(&Doc);
  if (!Doc.isKnown()) {
    A.Problem = unknownAt(&Doc);
    return;
  }
  if (Doc.isNull())
    return;
  if (Doc.is(ValueKind::String)) {
    llvm::StringRef Text = Doc.asString();
    nlohmann::json J =
        nlohmann::json::parse(Text.begin(), Text.end(), nullptr, false);
    if (J.is_discarded()) {
      A.Problem = unknownAt(&Doc, "the policy document is not valid JSON");
      return;
    }
    A.Root = jsonToValue(J, Doc.origin(), 0);
  } else {
    A.Root = Doc;
  }
  if (!A.Root.is(ValueKind::Object)) {
    A.Problem = unknownAt(&Doc, aKind(A.Root) + " is not a policy document");
    return;
  }
  // Root shares its tree with Doc (or owns the parsed one): the pointer
  // stays valid however Alternatives moves.
  const Value *S = A.Root.get("Statement");
  if (S && !S->isNull())
    A.Statement = S;
}

std::vector<const Value *> PolicyDocument::statements() const {
  std::vector<const Value *> Out;
  for (const Alternative &A : Alternatives) {
    if (!A.Statement)
      continue;
    if (A.Statement->is(ValueKind::Array))
      for (const Value &I : A.Statement->items())
        Out.push_back(&I);
    else
      Out.push_back(A.Statement);
  }
  return Out;
}

Match PolicyDocument::readable() const {
  for (const Alternative &A : Alternatives)
    if (A.Problem.isUnknown())
      return A.Problem;
  return yes(&Source);
}

Match PolicyDocument::anyStatement(
    llvm::function_ref<Match(const Value &Statement)> Pred) const {
  auto Judge = [&](const Alternative &A) {
    if (A.Problem.isUnknown())
      return A.Problem;
    if (!A.Statement)
      return no(&Source);
    return onStatements(*A.Statement, Pred);
  };
  if (Alternatives.size() == 1)
    return Judge(Alternatives.front());
  std::optional<Truth> Agreed;
  for (const Alternative &A : Alternatives) {
    Match M = Judge(A);
    if (M.isUnknown())
      return M;
    if (Agreed && *Agreed != M.T)
      return unknownAt(&Source);
    Agreed = M.T;
  }
  return {*Agreed, &Source, {}};
}

//===----------------------------------------------------------------------===//
// Policy statements
//===----------------------------------------------------------------------===//

Match principalIsPublic(const Value &Principal) {
  return decide(Principal, [](const Value &P) {
    if (P.is(ValueKind::String))
      return fromBoolAt(P.asString() == "*", &P);
    if (P.is(ValueKind::Array))
      return anyOf(P, P.items(), principalIsPublic);
    if (P.is(ValueKind::Object)) {
      const Value *Aws = P.get("AWS");
      if (!Aws)
        return no(&P);
      return anyElement(*Aws, [](const Value &V) {
        return fromBoolAt(V.is(ValueKind::String) && V.asString() == "*", &V);
      });
    }
    return no(&P);
  });
}

Match conditionRestrictsCaller(const Value &Condition) {
  return decide(Condition, [](const Value &C) {
    if (C.isNull())
      return no(&C);
    if (!C.is(ValueKind::Object))
      return unknownAt(&C, aKind(C) + " is not a policy condition");
    std::optional<Match> FirstUnknown;
    // Conditions are and-ed: one restricting test restricts the statement.
    for (const Member &Op : C.members()) {
      OperatorKind Kind = operatorKind(Op.Key);
      if (Kind == OperatorKind::NotRestricting)
        continue;
      Match M = decide(Op.V, [&](const Value &Block) {
        if (!Block.is(ValueKind::Object))
          return unknownAt(&Block, aKind(Block) + " is not a condition block");
        std::optional<Match> BlockUnknown;
        for (const Member &Key : Block.members()) {
          Match R = keyRestricts(Kind, Key.Key, Key.V);
          if (R.isTrue())
            return R;
          if (R.isUnknown() && !BlockUnknown)
            BlockUnknown = std::move(R);
        }
        return BlockUnknown ? *BlockUnknown : no(&Block);
      });
      if (M.isTrue())
        return M;
      if (M.isUnknown() && !FirstUnknown)
        FirstUnknown = std::move(M);
    }
    return FirstUnknown ? *FirstUnknown : no(&C);
  });
}

Match statementAllowsPublicPrincipal(const Value &Statement) {
  return onStatements(Statement, [](const Value &S) {
    Match Effect = isAllow(S);
    Match Who = principalOfStatementIsPublic(S);
    const Value *C = S.get("Condition");
    Match Open = C ? negate(conditionRestrictsCaller(*C)) : yes(&S);
    return allOf({&Effect, &Who, &Open}, Who.Where);
  });
}

Match statementGrantsAllActions(const Value &Statement) {
  return onStatements(Statement, [](const Value &S) {
    Match Effect = isAllow(S);
    const Value *A = S.get("Action");
    Match All = A ? anyElement(*A,
                               [](const Value &V) {
                                 return isStringIn(V, {"*", "*:*"});
                               })
                  : no(&S);
    const Value *R = S.get("Resource");
    Match Everywhere =
        R ? anyElement(*R, [](const Value &V) { return isStringIn(V, {"*"}); })
          : no(&S);
    Match Unconditional = hasNoCondition(S);
    return allOf({&Effect, &All, &Everywhere, &Unconditional}, All.Where);
  });
}

Match statementCoversAction(const Value &Statement, llvm::StringRef Action) {
  auto Matches = [&](const Value &V) {
    return fromBoolAt(
        V.is(ValueKind::String) && globMatch(V.asString(), Action), &V);
  };
  return onStatements(Statement, [&](const Value &S) {
    if (const Value *A = S.get("Action"))
      return anyElement(*A, Matches);
    if (const Value *NA = S.get("NotAction")) {
      Match Excluded = anyElement(*NA, Matches);
      return Excluded.isFalse() ? yes(NA) : negate(std::move(Excluded));
    }
    return no(&S);
  });
}

Match statementCoversService(const Value &Statement, llvm::StringRef Service) {
  // "s3:Get*" -> service pattern "s3", action pattern "Get*".
  auto ServiceOf = [](llvm::StringRef Pattern) {
    return Pattern == "*"
               ? std::pair<llvm::StringRef, llvm::StringRef>{"*", "*"}
               : Pattern.split(':');
  };
  auto Touches = [&](const Value &V) {
    if (!V.is(ValueKind::String))
      return no(&V);
    auto [Svc, Act] = ServiceOf(V.asString());
    return fromBoolAt(!Act.empty() && globMatch(Svc, Service), &V);
  };
  auto ExcludesAll = [&](const Value &V) {
    if (!V.is(ValueKind::String))
      return no(&V);
    auto [Svc, Act] = ServiceOf(V.asString());
    return fromBoolAt(allStars(Act) && globMatch(Svc, Service), &V);
  };
  return onStatements(Statement, [&](const Value &S) {
    if (const Value *A = S.get("Action"))
      return anyElement(*A, Touches);
    if (const Value *NA = S.get("NotAction")) {
      Match Excluded = anyElement(*NA, ExcludesAll);
      return Excluded.isFalse() ? yes(NA) : negate(std::move(Excluded));
    }
    return no(&S);
  });
}

//===----------------------------------------------------------------------===//
// Azure role definitions
//===----------------------------------------------------------------------===//

Match azureActionsGrant(const Value &Actions, const Value *NotActions,
                        llvm::StringRef Operation) {
  auto Matches = [&](const Value &V) {
    return fromBoolAt(
        V.is(ValueKind::String) && globMatch(V.asString(), Operation), &V);
  };
  Match Granted = anyElement(Actions, Matches);
  Match Kept =
      NotActions ? negate(anyElement(*NotActions, Matches)) : yes(nullptr);
  return allOf({&Granted, &Kept}, Granted.Where);
}

Match containsWildcard(const Value &List) {
  return anyElement(List, [](const Value &V) { return isStringIn(V, {"*"}); });
}

//===----------------------------------------------------------------------===//
// Generic value tests
//===----------------------------------------------------------------------===//

Match isNonEmpty(const Value &V) {
  return decide(V, [](const Value &K) {
    switch (K.kind()) {
    case ValueKind::Null:
      return no(&K);
    case ValueKind::String:
      return fromBoolAt(!K.asString().empty(), &K);
    case ValueKind::Array:
      return fromBoolAt(!K.items().empty(), &K);
    case ValueKind::Object:
      return fromBoolAt(!K.members().empty(), &K);
    default:
      return yes(&K);
    }
  });
}

Match isConfigured(const Value *V) {
  if (!V)
    return no(nullptr);
  if (isOneOf(*V))
    return agreeOver(*V, [](const Value &A) { return isConfigured(&A); });
  if (V->is(ValueKind::Expression) && !V->refersTo().empty())
    return yes(V);
  if (!V->isKnown())
    return unknownAt(V);
  return fromBoolAt(!V->isNull(), V);
}

Match equalsInsensitive(const Value &V, llvm::StringRef Text) {
  return decide(V, [&](const Value &K) {
    return fromBoolAt(
        K.is(ValueKind::String) && K.asString().equals_insensitive(Text), &K);
  });
}

Match valueEquals(const Value &V, const Value &Expected, bool IgnoreCase) {
  if (isOneOf(Expected))
    return agreeOver(Expected, [&](const Value &E) {
      return valueEquals(V, E, IgnoreCase);
    });
  return decide(V, [&](const Value &K) {
    if (!Expected.isKnown())
      return unknownAt(&Expected);
    return knownEquals(K, Expected, IgnoreCase);
  });
}

} // namespace rampart::check
