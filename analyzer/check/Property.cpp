//===- Property.cpp - Property predicates with provider defaults ----------===//
#include "analyzer/check/Property.h"

#include "analyzer/check/Predicates.h"
#include "analyzer/model/ValueJson.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

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
    return {Lookup::State::Unknown, Cur};
  return {Lookup::State::Found, Cur};
}

namespace {

/// "2019-04-01-preview" -> "2019-04-01": apiVersions compare as dates.
llvm::StringRef apiDate(llvm::StringRef V) { return V.take_front(10); }

} // namespace

DefaultCondition sinceApiVersion(std::string Date) {
  return [Date](const model::Resource &R) {
    return apiDate(R.ApiVersion) >= llvm::StringRef(Date);
  };
}

DefaultCondition beforeApiVersion(std::string Date) {
  return [Date](const model::Resource &R) {
    return apiDate(R.ApiVersion) < llvm::StringRef(Date);
  };
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
  Expectation = describeValue(Expected);
  Test = [Expected](const Value &V) { return looselyEqual(V, Expected); };
  return *this;
}

PropertyRule &PropertyRule::mustBeOneOf(std::vector<Value> Healthy) {
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
  Test = std::move(T);
  Expectation = std::move(Describe);
  return *this;
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
    std::optional<bool> T = X.isKnown() ? Test(X) : std::nullopt;
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
    if (L.Result == Lookup::State::Found)
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
  const std::string &Path = Paths.front();
  for (const Default &D : Defaults) {
    if (D.Condition && !D.Condition(S.Resource))
      continue;
    if (!D.V)
      return D.Healthy ? Evaluation::healthy()
                       : Evaluation{Outcome::Unhealthy,
                                    nullptr,
                                    {Path},
                                    Path + " is not set"};
    return judge(*D.V, Path, true);
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
