//===- Property.cpp - Property predicates with provider defaults ----------===//
#include "analyzer/check/Property.h"

#include "analyzer/check/Predicates.h"
#include "analyzer/model/ValueJson.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cassert>

namespace rampart::check {

using model::Value;
using model::ValueKind;

Lookup lookupPath(const Value &Properties, llvm::StringRef Path,
                  bool CaseInsensitive) {
  llvm::SmallVector<llvm::StringRef, 8> Steps;
  Path.split(Steps, '.');
  const Value *Cur = &Properties;
  for (llvm::StringRef Step : Steps) {
    // A Terraform nested block is a list of one object.
    if (Cur->is(ValueKind::Array) && Cur->items().size() == 1)
      Cur = &Cur->items()[0];
    if (!Cur->isKnown())
      return {Lookup::State::Unknown, Cur};
    const model::Member *M = Cur->memberNamed(Step, CaseInsensitive);
    if (!M || M->V.isNull())
      return {Lookup::State::Missing, Cur};
    Cur = &M->V;
  }
  if (!Cur->isKnown())
    return {Lookup::State::Unknown, Cur, /*AtEnd=*/true};
  return {Lookup::State::Found, Cur};
}

namespace {

/// "2019-04-01-preview" -> "2019-04-01": apiVersions compare as dates.
llvm::StringRef apiDate(llvm::StringRef V) { return V.take_front(10); }

} // namespace

DefaultCondition DefaultCondition::apiVersionSince(std::string Date) {
  DefaultCondition C;
  C.TheKind = Kind::ApiVersionSince;
  C.Date = std::move(Date);
  return C;
}

DefaultCondition DefaultCondition::apiVersionBefore(std::string Date) {
  DefaultCondition C;
  C.TheKind = Kind::ApiVersionBefore;
  C.Date = std::move(Date);
  return C;
}

DefaultCondition DefaultCondition::providerMajorSince(unsigned Major) {
  DefaultCondition C;
  C.TheKind = Kind::ProviderMajorSince;
  C.Major = Major;
  return C;
}

DefaultCondition DefaultCondition::providerMajorBefore(unsigned Major) {
  DefaultCondition C;
  C.TheKind = Kind::ProviderMajorBefore;
  C.Major = Major;
  return C;
}

namespace {

/// Whether every major version R may run with passes Test: True when all
/// do, False when none does, Unknown when they disagree or any may be used.
Truth forEveryMajor(const model::Resource &R,
                    llvm::function_ref<bool(unsigned)> Test) {
  if (R.ProviderMajors.empty())
    return Truth::Unknown;
  size_t Passing = llvm::count_if(R.ProviderMajors, Test);
  if (Passing == R.ProviderMajors.size())
    return Truth::True;
  return Passing == 0 ? Truth::False : Truth::Unknown;
}

} // namespace

Truth DefaultCondition::holdsFor(const model::Resource &R) const {
  switch (TheKind) {
  case Kind::Always:
    return Truth::True;
  case Kind::ApiVersionSince:
    return fromBool(apiDate(R.ApiVersion) >= llvm::StringRef(Date));
  case Kind::ApiVersionBefore:
    return fromBool(apiDate(R.ApiVersion) < llvm::StringRef(Date));
  case Kind::ProviderMajorSince:
    return forEveryMajor(R, [&](unsigned M) { return M >= Major; });
  case Kind::ProviderMajorBefore:
    return forEveryMajor(R, [&](unsigned M) { return M < Major; });
  case Kind::Custom:
    return fromBool(Custom(R));
  }
  return Truth::True;
}

DefaultCondition sinceApiVersion(std::string Date) {
  return DefaultCondition::apiVersionSince(std::move(Date));
}

DefaultCondition beforeApiVersion(std::string Date) {
  return DefaultCondition::apiVersionBefore(std::move(Date));
}

DefaultCondition sinceProviderMajor(unsigned Major) {
  return DefaultCondition::providerMajorSince(Major);
}

DefaultCondition beforeProviderMajor(unsigned Major) {
  return DefaultCondition::providerMajorBefore(Major);
}

namespace {

std::optional<bool> fromMatch(const Match &M) {
  if (M.isUnknown())
    return std::nullopt;
  return M.isTrue();
}

/// A test of the value alone.
template <Match (*P)(const Value &)> ValueTest plainTest() {
  return [](const Value &V) { return fromMatch(P(V)); };
}

/// A policy document (object or JSON string) with some statement for which
/// Pred holds.
ValueTest anyStatementTest(std::function<Match(const Value &)> Pred) {
  return [Pred = std::move(Pred)](const Value &V) {
    PolicyDocument Doc(V);
    return fromMatch(Doc.anyStatement(Pred));
  };
}

struct Registered {
  PredicateInfo Info;
  /// The test, given the arguments in the order of Info.Params (checked).
  std::function<ValueTest(llvm::ArrayRef<Value>)> Make;
};

const std::vector<Registered> &registry() {
  using K = model::ValueKind;
  static const std::vector<Registered> All = [] {
    std::vector<Registered> R = {
        {{"conditionRestrictsCaller",
          {},
          "an IAM Condition block limits who may call"},
         [](auto) { return plainTest<conditionRestrictsCaller>(); }},
        {{"containsWildcard", {}, "a list (or string) holds the literal \"*\""},
         [](auto) { return plainTest<containsWildcard>(); }},
        {{"equalsInsensitive",
          {{"text", K::String}},
          "a string equal to text, ignoring case"},
         [](llvm::ArrayRef<Value> A) -> ValueTest {
           std::string T = A[0].asString().str();
           return [T](const Value &V) {
             return fromMatch(equalsInsensitive(V, T));
           };
         }},
        {{"gcpPortsCover",
          {{"port", K::Int}},
          "GCP firewall ports (a missing or empty list is every port) cover "
          "port"},
         [](llvm::ArrayRef<Value> A) -> ValueTest {
           int Port = static_cast<int>(A[0].asInt());
           return [Port](const Value &V) {
             return fromMatch(gcpPortsCover(&V, Port));
           };
         }},
        {{"isConfigured",
          {},
          "set to something (a reference to a resource counts)"},
         [](auto) -> ValueTest {
           return [](const Value &V) { return fromMatch(isConfigured(&V)); };
         }},
        {{"isInternetCidr", {}, "an AWS or GCP CIDR with prefix length 0"},
         [](auto) { return plainTest<isInternetCidr>(); }},
        {{"isInternetSourceAzure",
          {},
          "an Azure NSG source meaning the internet (*, Internet, Any, /0)"},
         [](auto) { return plainTest<isInternetSourceAzure>(); }},
        {{"isNonEmpty",
          {},
          "a non-empty object, list or string, or any "
          "bool or number"},
         [](auto) { return plainTest<isNonEmpty>(); }},
        {{"numberInRange",
          {{"min", K::Int}, {"max", K::Int}},
          "a number from min to max, both included"},
         [](llvm::ArrayRef<Value> A) -> ValueTest {
           double Min = A[0].asNumber(), Max = A[1].asNumber();
           return [Min, Max](const Value &V) -> std::optional<bool> {
             if (!V.is(model::ValueKind::Int) && !V.is(model::ValueKind::Float))
               return std::nullopt;
             return V.asNumber() >= Min && V.asNumber() <= Max;
           };
         }},
        {{"policyAllowsPublicPrincipal",
          {},
          "an AWS policy document with an Allow statement for everyone"},
         [](auto) { return anyStatementTest(statementAllowsPublicPrincipal); }},
        {{"policyCoversAction",
          {{"action", K::String}},
          "an AWS policy document with a statement whose actions include "
          "action"},
         [](llvm::ArrayRef<Value> A) {
           std::string Action = A[0].asString().str();
           return anyStatementTest([Action](const Value &S) {
             return statementCoversAction(S, Action);
           });
         }},
        {{"policyCoversService",
          {{"service", K::String}},
          "an AWS policy document with a statement covering some action of "
          "service"},
         [](llvm::ArrayRef<Value> A) {
           std::string Service = A[0].asString().str();
           return anyStatementTest([Service](const Value &S) {
             return statementCoversService(S, Service);
           });
         }},
        {{"policyGrantsAllActions",
          {},
          "an AWS policy document with an Allow of every action on every "
          "resource without a Condition"},
         [](auto) { return anyStatementTest(statementGrantsAllActions); }},
        {{"portCovers",
          {{"port", K::Int}},
          "Azure NSG destination ports (*, 22, 20-25, lists) cover port"},
         [](llvm::ArrayRef<Value> A) -> ValueTest {
           int Port = static_cast<int>(A[0].asInt());
           return [Port](const Value &V) {
             return fromMatch(portCovers(V, Port));
           };
         }},
        {{"principalIsPublic",
          {},
          "an IAM Principal meaning everyone (\"*\", {AWS: \"*\"})"},
         [](auto) { return plainTest<principalIsPublic>(); }},
        {{"protocolIncludesTcp",
          {},
          "a protocol including TCP (tcp, *, -1, "
          "all, 6)"},
         [](auto) { return plainTest<protocolIncludesTcp>(); }},
        {{"protocolIncludesUdp",
          {},
          "a protocol including UDP (udp, *, -1, "
          "all, 17)"},
         [](auto) { return plainTest<protocolIncludesUdp>(); }},
        {{"tlsAtLeast",
          {{"minimum", K::String}},
          "a TLS version (or policy name) accepting nothing below minimum"},
         [](llvm::ArrayRef<Value> A) -> ValueTest {
           std::string Min = A[0].asString().str();
           return
               [Min](const Value &V) { return fromMatch(tlsAtLeast(V, Min)); };
         }},
    };
    llvm::sort(R, [](const Registered &A, const Registered &B) {
      return A.Info.Name < B.Info.Name;
    });
    return R;
  }();
  return All;
}

const Registered *findRegistered(llvm::StringRef Name) {
  for (const Registered &R : registry())
    if (R.Info.Name == Name)
      return &R;
  return nullptr;
}

/// The arguments of P in the order of Info's parameters; nullopt with Error
/// set when one is missing, unexpected or of the wrong kind.
std::optional<std::vector<Value>> orderedArgs(const NamedPredicate &P,
                                              const PredicateInfo &Info,
                                              std::string &Error) {
  for (const auto &Arg : P.Args) {
    // Named, not bound: clang 14 cannot capture a structured binding.
    const auto &Name = Arg.first;
    if (!llvm::any_of(Info.Params, [&](const PredicateParam &X) {
          return X.Name == Name;
        })) {
      Error = "predicate '" + Info.Name + "' has no parameter '" + Name + "'";
      return std::nullopt;
    }
  }
  std::vector<Value> Out;
  for (const PredicateParam &X : Info.Params) {
    auto It =
        llvm::find_if(P.Args, [&](const auto &A) { return A.first == X.Name; });
    if (It == P.Args.end()) {
      Error = "predicate '" + Info.Name + "' needs '" + X.Name + "'";
      return std::nullopt;
    }
    if (!It->second.is(X.Kind)) {
      Error = "'" + X.Name + "' of predicate '" + Info.Name + "' must be " +
              (X.Kind == model::ValueKind::Int ? "an integer" : "a string");
      return std::nullopt;
    }
    Out.push_back(It->second);
  }
  return Out;
}

std::string describeNamed(const NamedPredicate &P) {
  std::string Out = P.Negated ? "not " + P.Name : P.Name;
  if (P.Args.empty())
    return Out;
  const char *Sep = "(";
  for (const auto &[Name, V] : P.Args) {
    Out += Sep + Name + ": " + describeValue(V);
    Sep = ", ";
  }
  return Out + ")";
}

} // namespace

const std::vector<PredicateInfo> &namedPredicates() {
  static const std::vector<PredicateInfo> Infos = [] {
    std::vector<PredicateInfo> Out;
    for (const Registered &R : registry())
      Out.push_back(R.Info);
    return Out;
  }();
  return Infos;
}

const PredicateInfo *findNamedPredicate(llvm::StringRef Name) {
  const Registered *R = findRegistered(Name);
  return R ? &R->Info : nullptr;
}

std::optional<ValueTest> namedPredicateTest(const NamedPredicate &P,
                                            std::string &Error) {
  const Registered *R = findRegistered(P.Name);
  if (!R) {
    Error = "no predicate named '" + P.Name + "'";
    return std::nullopt;
  }
  std::optional<std::vector<Value>> Args = orderedArgs(P, R->Info, Error);
  if (!Args)
    return std::nullopt;
  ValueTest T = R->Make(*Args);
  if (!P.Negated)
    return T;
  return ValueTest([T](const Value &V) -> std::optional<bool> {
    std::optional<bool> B = T(V);
    if (!B)
      return std::nullopt;
    return !*B;
  });
}

namespace {
/// Equality as services read values (strings ignoring case, "true" and
/// true alike); nullopt when a side is not known.
std::optional<bool> looselyEqual(const Value &A, const Value &B) {
  Match M = valueEquals(A, B, /*IgnoreCase=*/true);
  if (M.isUnknown())
    return std::nullopt;
  return M.isTrue();
}
} // namespace

std::string describeValue(const Value &V) {
  if (V.is(ValueKind::String))
    return "'" + V.asString().str() + "'";
  return model::valueToJson(V).dump();
}

PropertyRule &PropertyRule::alias(std::string Path) {
  Paths.push_back(std::move(Path));
  return *this;
}

PropertyRule &PropertyRule::mustEqual(Value Expected) {
  Spec = {TestSpec::Kind::Equals, {Expected}, {}};
  Expectation = describeValue(Expected);
  Test = [Expected](const Value &V) { return looselyEqual(V, Expected); };
  return *this;
}

PropertyRule &PropertyRule::mustBeOneOf(std::vector<Value> Healthy) {
  Spec = {TestSpec::Kind::OneOf, Healthy, {}};
  Expectation = "one of";
  for (const Value &H : Healthy)
    Expectation += " " + describeValue(H);
  Test = [Healthy](const Value &V) -> std::optional<bool> {
    for (const Value &H : Healthy) {
      std::optional<bool> E = looselyEqual(V, H);
      if (!E || *E)
        return E;
    }
    return false;
  };
  return *this;
}

PropertyRule &PropertyRule::mustNotBeOneOf(std::vector<Value> Unhealthy) {
  Spec = {TestSpec::Kind::NoneOf, Unhealthy, {}};
  Expectation = "none of";
  for (const Value &U : Unhealthy)
    Expectation += " " + describeValue(U);
  Test = [Unhealthy](const Value &V) -> std::optional<bool> {
    for (const Value &U : Unhealthy) {
      std::optional<bool> E = looselyEqual(V, U);
      if (!E)
        return std::nullopt;
      if (*E)
        return false;
    }
    return true;
  };
  return *this;
}

PropertyRule &PropertyRule::must(ValueTest T, std::string Describe) {
  Spec = {TestSpec::Kind::Custom, {}, {}};
  Test = std::move(T);
  Expectation = std::move(Describe);
  return *this;
}

PropertyRule &PropertyRule::satisfies(NamedPredicate P) {
  std::string Error;
  std::optional<ValueTest> T = namedPredicateTest(P, Error);
  assert(T && "built-in rules name real predicates with fitting arguments");
  Test = T ? std::move(*T)
           : [](const Value &) -> std::optional<bool> { return std::nullopt; };
  Expectation = describeNamed(P);
  Spec = {TestSpec::Kind::Predicate, {}, std::move(P)};
  return *this;
}

bool PropertyRule::exportable(std::string *Why) const {
  auto Fail = [&](std::string Reason) {
    if (Why)
      *Why = std::move(Reason);
    return false;
  };
  if (Spec.TheKind == TestSpec::Kind::Custom)
    return Fail("property '" + Paths.front() + "' is judged by a C++ test (" +
                Expectation + ")");
  if (Spec.TheKind == TestSpec::Kind::None)
    return Fail("property '" + Paths.front() + "' has no test");
  for (const DefaultSpec &D : Defaults)
    if (D.Condition.kind() == DefaultCondition::Kind::Custom)
      return Fail("a default of property '" + Paths.front() +
                  "' has a C++ condition");
  return true;
}

PropertyRule &PropertyRule::defaultsTo(Value V, DefaultCondition Condition) {
  Defaults.push_back({std::move(V), false, std::move(Condition)});
  return *this;
}

PropertyRule &PropertyRule::missingIsHealthy() {
  Defaults.push_back({std::nullopt, true, {}});
  return *this;
}

PropertyRule &PropertyRule::missingIsUnhealthy() {
  Defaults.push_back({std::nullopt, false, {}});
  return *this;
}

Evaluation PropertyRule::judge(const Value &V, const std::string &Path,
                               bool IsDefault) const {
  // Outcome, not optional<bool>: GCC 12 warns on copies of the latter.
  auto Verdict = [&](const Value &X) {
    bool Judged =
        X.isKnown() || (X.is(ValueKind::Expression) && judgesReferences());
    std::optional<bool> T = Judged ? Test(X) : std::nullopt;
    return !T ? Outcome::Unknown : *T ? Outcome::Healthy : Outcome::Unhealthy;
  };
  Outcome Result;
  if (!V.alternatives().empty()) {
    // One of several values: sure only when every one agrees.
    Result = Verdict(V.alternatives()[0]);
    for (const Value &A : V.alternatives().drop_front())
      if (Verdict(A) != Result)
        Result = Outcome::Unknown;
  } else {
    Result = Verdict(V);
  }
  if (Result == Outcome::Healthy)
    return Evaluation::healthy();
  if (Result == Outcome::Unknown) {
    std::string Why =
        V.isKnown() ? "cannot be judged" : "is unknown: " + V.asString().str();
    return {Outcome::Unknown, &V, {Path}, Path + " " + Why};
  }
  std::string Shown =
      IsDefault ? "is not set (the default is " + describeValue(V) + ")"
                : "is " + describeValue(V);
  return {
      Outcome::Unhealthy, IsDefault ? nullptr : &V, {Path}, Path + " " + Shown};
}

Evaluation PropertyRule::evaluate(const Subject &S) const {
  bool Insensitive = S.Resource.TheDialect == Dialect::Arm ||
                     S.Resource.TheDialect == Dialect::Bicep;
  const Value &Props = S.Resource.Properties;
  for (const std::string &Path : Paths) {
    Lookup L = lookupPath(Props, Path, Insensitive);
    if (L.Result == Lookup::State::Found ||
        (L.Result == Lookup::State::Unknown && L.AtEnd &&
         L.Value->is(ValueKind::Expression) && judgesReferences()))
      return judge(*L.Value, Path, false);
    if (L.Result == Lookup::State::Unknown)
      return {Outcome::Unknown,
              L.Value,
              {Path},
              Path + " is unknown: " +
                  (L.Value->is(ValueKind::Expression)
                       ? "'" + L.Value->asString().str() +
                             "' is known only after deployment"
                       : L.Value->asString().str())};
  }
  return judgeMissing(S, 0);
}

bool PropertyRule::judgesReferences() const {
  return Spec.TheKind == TestSpec::Kind::Predicate &&
         Spec.Named.Name == "isConfigured";
}

Evaluation PropertyRule::judgeMissing(const Subject &S, size_t From) const {
  const std::string &Path = Paths.front();
  for (size_t I = From; I < Defaults.size(); ++I) {
    const DefaultSpec &D = Defaults[I];
    Truth Applies = D.Condition.holdsFor(S.Resource);
    if (Applies == Truth::False)
      continue;
    Evaluation IfApplies = !D.V ? (D.Healthy ? Evaluation::healthy()
                                             : Evaluation{Outcome::Unhealthy,
                                                          nullptr,
                                                          {Path},
                                                          Path + " is not set"})
                                : judge(*D.V, Path, true);
    if (Applies == Truth::True)
      return IfApplies;
    // The provider versions the configuration allows disagree on the
    // default: the outcome stands only when they agree on it.
    Evaluation Otherwise = judgeMissing(S, I + 1);
    if (Otherwise.Result == IfApplies.Result)
      return IfApplies;
    return {Outcome::Unknown,
            nullptr,
            {Path},
            Path +
                " is not set, and its default differs between the "
                "provider versions the configuration allows (pin the "
                "provider or set " +
                Path + " explicitly)"};
  }
  return {Outcome::Unknown,
          nullptr,
          {Path},
          Path + " is not set, and its default depends on the service "
                 "version"};
}

Predicate PropertyRule::predicate() const {
  return [Rule = *this](const Subject &S) { return Rule.evaluate(S); };
}

} // namespace rampart::check
