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
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_PROPERTY_H
#define RAMPART_ANALYZER_CHECK_PROPERTY_H

#include "analyzer/check/Check.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rampart::check {

/// Where a path leads in a resource's properties.
struct Lookup {
  enum class State : uint8_t { Found, Missing, Unknown } Result;
  /// Found: the value. Unknown: the unknown value on the way. Missing: the
  /// deepest value that exists on the way (the properties themselves at
  /// worst), so a finding can point at it.
  const model::Value *Value = nullptr;
};

Lookup lookupPath(const model::Value &Properties, llvm::StringRef Path,
                  bool CaseInsensitive);

/// Whether a default applies to this resource (an apiVersion range).
using DefaultCondition = std::function<bool(const model::Resource &)>;

/// ARM apiVersions compared as dates, ignoring "-preview".
DefaultCondition sinceApiVersion(std::string Date);
DefaultCondition beforeApiVersion(std::string Date);

/// How a known value is judged: true healthy, false unhealthy, nullopt
/// unknown (a value the check cannot judge).
using ValueTest = std::function<std::optional<bool>(const model::Value &)>;

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

private:
  Evaluation judge(const model::Value &V, const std::string &Path,
                   bool IsDefault) const;

  std::vector<std::string> Paths;
  ValueTest Test;
  std::string Expectation;
  struct Default {
    std::optional<model::Value> V; ///< nullopt: a fixed outcome
    bool Healthy = false;
    DefaultCondition Condition;
  };
  std::vector<Default> Defaults;
};

inline PropertyRule property(std::string Path) {
  return PropertyRule(std::move(Path));
}

/// The value for a message: strings in quotes, others as JSON.
std::string describeValue(const model::Value &V);

} // namespace rampart::check

#endif
