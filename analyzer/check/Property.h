//===- Property.h - Property predicates with provider defaults -*- C++ -*-===//
//
// Most checks ask one thing of one property: "properties.supportsHttps
// TrafficOnly must be true, and a missing one is true from apiVersion
// 2019-04-01 on". A PropertyRule says exactly that, and becomes the
// binding's Predicate:
//
//   property("properties.supportsHttpsTrafficOnly")
//       .mustEqual(true)
//       .defaultsTo(true, sinceApiVersion("2019-04-01"))
//       .defaultsTo(false)
//
// Paths are dot-separated member names. ARM names match case-insensitively,
// as Azure reads them. A Terraform nested block is a list of one object, and
// a path steps through it (`versioning.enabled`). A null value is missing.
//
// Outcomes: a known value that passes is healthy, one that fails unhealthy.
// A missing property takes the first default whose condition holds; with
// none, the outcome is unknown. An Unknown or Expression value is unknown,
// except a one-of value whose alternatives all pass (healthy) or all fail
// (unhealthy).
//
// A rule keeps what it tests (equals, one of, none of, a named predicate of
// Predicates.h: `.satisfies({"tlsAtLeast", {{"minimum", "1.2"}}})`) and its
// defaults with their apiVersion conditions as data, so a check built from
// such rules can be exported as a YAML policy (Policy.h). A C++ test
// (`must`) or default condition still works, but is not exportable.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_PROPERTY_H
#define RAMPART_ANALYZER_CHECK_PROPERTY_H

#include "analyzer/check/Check.h"
#include "analyzer/check/Predicates.h"

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace rampart::check {

/// Where a path leads in a resource's properties.
struct Lookup {
  enum class State : uint8_t { Found, Missing, Unknown } Result;
  /// Found: the value. Unknown: the unknown value on the way. Missing: the
  /// deepest value that exists on the way (the properties themselves at
  /// worst), so a finding can point at it.
  const model::Value *Value = nullptr;
  /// Unknown: the unknown value is the property itself, not a value on the
  /// way to it.
  bool AtEnd = false;
};

Lookup lookupPath(const model::Value &Properties, llvm::StringRef Path,
                  bool CaseInsensitive);

/// Whether a default applies to this resource. The apiVersion and provider
/// version ranges are kept as data, so a rule that uses only them can be
/// exported as a policy; any other callable is a custom condition (C++ only).
class DefaultCondition {
public:
  enum class Kind : uint8_t {
    Always,
    ApiVersionSince,
    ApiVersionBefore,
    ProviderMajorSince,
    ProviderMajorBefore,
    Custom
  };

  /// Always holds.
  DefaultCondition() = default;
  /// A custom condition: any callable taking the resource.
  template <
      typename F,
      typename = std::enable_if_t<
          !std::is_same_v<std::decay_t<F>, DefaultCondition> &&
          std::is_invocable_r_v<bool, const F &, const model::Resource &>>>
  DefaultCondition(F Fn) {
    if constexpr (std::is_constructible_v<bool, const F &>)
      if (!static_cast<bool>(Fn))
        return; // an empty std::function: always
    TheKind = Kind::Custom;
    Custom = std::move(Fn);
  }
  static DefaultCondition apiVersionSince(std::string Date);
  static DefaultCondition apiVersionBefore(std::string Date);
  /// Terraform: the resource's provider major version is >= / < Major. The
  /// majors a configuration may run with (Resource::ProviderMajors) decide:
  /// all of them in range, none, or some (unknown; no pinned version: any).
  static DefaultCondition providerMajorSince(unsigned Major);
  static DefaultCondition providerMajorBefore(unsigned Major);

  /// True, false, or unknown when the provider versions allowed disagree.
  Truth holdsFor(const model::Resource &R) const;
  /// False for Always, so `C && !C(R)` reads as before.
  explicit operator bool() const { return TheKind != Kind::Always; }

  Kind kind() const { return TheKind; }
  /// The "YYYY-MM-DD" of an apiVersion range.
  const std::string &date() const { return Date; }
  /// The major version of a provider version range.
  unsigned major() const { return Major; }

private:
  Kind TheKind = Kind::Always;
  std::string Date;
  unsigned Major = 0;
  std::function<bool(const model::Resource &)> Custom;
};

/// ARM apiVersions compared as dates, ignoring "-preview".
DefaultCondition sinceApiVersion(std::string Date);
DefaultCondition beforeApiVersion(std::string Date);
/// Terraform provider major versions (azurerm 5, aws 6).
DefaultCondition sinceProviderMajor(unsigned Major);
DefaultCondition beforeProviderMajor(unsigned Major);

/// How a known value is judged: true healthy, false unhealthy, nullopt
/// unknown (a value the check cannot judge).
using ValueTest = std::function<std::optional<bool>(const model::Value &)>;

/// A domain predicate of Predicates.h named as data, with its parameters
/// ("tlsAtLeast" with minimum "1.2", "portCovers" with port 22). A rule
/// using it is healthy when the predicate is true, or false when Negated.
struct NamedPredicate {
  std::string Name;
  std::vector<std::pair<std::string, model::Value>> Args;
  bool Negated = false;
};

/// One parameter a named predicate takes.
struct PredicateParam {
  std::string Name;
  model::ValueKind Kind; ///< String or Int
};

/// A named predicate's signature, for loaders and docs.
struct PredicateInfo {
  std::string Name;
  std::vector<PredicateParam> Params;
  std::string Summary; ///< One line: what it is true for.
};

/// Every predicate a rule can name, sorted by name.
const std::vector<PredicateInfo> &namedPredicates();
const PredicateInfo *findNamedPredicate(llvm::StringRef Name);
/// The test for P; nullopt with Error set when the name is unknown or the
/// arguments do not fit its parameters.
std::optional<ValueTest> namedPredicateTest(const NamedPredicate &P,
                                            std::string &Error);

/// What a rule tests, as data. Custom is a C++ ValueTest (not exportable).
struct TestSpec {
  enum class Kind : uint8_t { None, Equals, OneOf, NoneOf, Predicate, Custom };
  Kind TheKind = Kind::None;
  std::vector<model::Value> Values; ///< Equals: one; OneOf, NoneOf: the list
  NamedPredicate Named;             ///< Predicate
};

/// The value a missing property takes when Condition holds; without V, a
/// fixed outcome (missingIsHealthy / missingIsUnhealthy).
struct DefaultSpec {
  std::optional<model::Value> V;
  bool Healthy = false;
  DefaultCondition Condition;
};

class PropertyRule {
public:
  explicit PropertyRule(std::string Path) : Paths{std::move(Path)} {}

  /// Another spelling of the same property (a Terraform rename across
  /// provider versions); the first that is set is read.
  PropertyRule &alias(std::string Path);
  /// Healthy when equal (valueEquals ignoring case: "true" and true, "1"
  /// and 1 are equal, as the services read them).
  PropertyRule &mustEqual(model::Value Expected);
  PropertyRule &mustBeOneOf(std::vector<model::Value> Healthy);
  PropertyRule &mustNotBeOneOf(std::vector<model::Value> Unhealthy);
  /// Healthy when Test says so; Describe names the expectation for docs
  /// ("at least TLS1_2").
  PropertyRule &must(ValueTest Test, std::string Describe);
  /// Healthy when the named domain predicate holds (or does not, when
  /// Negated). An unknown name or bad arguments make every value unknown
  /// (and assert in debug builds): built-in rules name real predicates.
  PropertyRule &satisfies(NamedPredicate P);
  /// The value a missing property takes, when Condition holds (or always).
  PropertyRule &defaultsTo(model::Value V, DefaultCondition Condition = {});
  /// A missing property is healthy / unhealthy whatever its default.
  PropertyRule &missingIsHealthy();
  PropertyRule &missingIsUnhealthy();

  Evaluation evaluate(const Subject &S) const;
  /// The rule as a binding predicate.
  Predicate predicate() const;

  llvm::ArrayRef<std::string> paths() const { return Paths; }
  const std::string &expectation() const { return Expectation; }
  /// What the rule tests and its defaults, as data.
  const TestSpec &test() const { return Spec; }
  llvm::ArrayRef<DefaultSpec> defaults() const { return Defaults; }
  /// Whether the rule is all data (no C++ test or default condition), so
  /// it can be written as a policy; otherwise Why says what is not.
  bool exportable(std::string *Why = nullptr) const;

private:
  Evaluation judge(const model::Value &V, const std::string &Path,
                   bool IsDefault) const;
  /// Whether the test judges a reference whose value is known only after
  /// deployment (isConfigured: a reference to a resource is set).
  bool judgesReferences() const;
  /// The outcome of a missing property by the defaults from From on.
  Evaluation judgeMissing(const Subject &S, size_t From) const;

  std::vector<std::string> Paths;
  ValueTest Test;
  std::string Expectation;
  TestSpec Spec;
  std::vector<DefaultSpec> Defaults;
};

inline PropertyRule property(std::string Path) {
  return PropertyRule(std::move(Path));
}

/// The value for a message: strings in quotes, others as JSON.
std::string describeValue(const model::Value &V);

} // namespace rampart::check

#endif
