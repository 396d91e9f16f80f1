//===- Check.h - Posture checks and their outcomes -------------*- C++ -*-===//
//
// A Check is metadata (id, title, severity, security control, compliance
// ids, remediation) plus one Binding per dialect family: which resource
// types it applies to and how to evaluate one resource of those types.
// Evaluating gives an Outcome and, for an unhealthy or unknown resource,
// the value that decided it; the Engine (not the check) turns that into a
// positioned finding.
//
// Families: ARM covers ARM JSON and Bicep (Bicep resources are ARM
// resources); Terraform bindings name their provider (azurerm, aws,
// google); CloudFormation covers SAM after the transform.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_CHECK_H
#define RAMPART_ANALYZER_CHECK_CHECK_H

#include "analyzer/model/ResourceGraph.h"

#include "llvm/ADT/StringRef.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rampart::check {

enum class Level : uint8_t { Low, Medium, High, Critical };
llvm::StringRef levelName(Level L);
std::optional<Level> levelNamed(llvm::StringRef Name);

enum class Outcome : uint8_t { Healthy, Unhealthy, Unknown, NotApplicable };
llvm::StringRef outcomeName(Outcome O);

enum class Family : uint8_t { Arm, Terraform, CloudFormation };
llvm::StringRef familyName(Family F);
/// The family that reads resources of this dialect.
Family familyOf(Dialect D);

/// What evaluating one resource gave. For Unhealthy and Unknown results,
/// Where is the value that decided (null: the property is missing) and
/// Path the property path the check read, from the resource's properties,
/// so the engine can point at the nearest existing ancestor. Detail is the
/// part of the message after the resource's name ("supportsHttpsTrafficOnly
/// is false"; for Unknown, why it cannot be known).
struct Evaluation {
  Outcome Result = Outcome::NotApplicable;
  const model::Value *Where = nullptr;
  std::vector<std::string> Path;
  std::string Detail;

  static Evaluation healthy() { return {Outcome::Healthy, nullptr, {}, {}}; }
  static Evaluation notApplicable() { return {}; }
};

/// What a binding's predicate sees: the resource and its unit (the graph,
/// for checks that follow edges).
struct Subject {
  const model::Resource &Resource;
  const model::DeploymentUnit &Unit;
};

using Predicate = std::function<Evaluation(const Subject &)>;

class PropertyRule;     // Property.h
struct DeclaredBinding; // Policy.h
struct Binding;

/// What a fix does to one resource, as data: set a property (creating the
/// objects or nested blocks on the way) or remove one. Path is dotted from
/// the resource's properties, as checks read them
/// ("properties.minimumTlsVersion", "metadata_options.http_tokens"); a
/// `[N]` step enters the N-th element of a list, or of a Terraform block
/// type ("properties.securityRules[1].properties.access",
/// "security_rule[1].access"), and a path ending in one replaces that
/// element. Each dialect's editor lowers it to text edits
/// (analyzer/fix/Plan.h).
struct FixIntent {
  enum class Action : uint8_t { Set, Remove };
  Action TheAction = Action::Set;
  std::string Path;
  model::Value NewValue; ///< Set: a fully known value.
};

/// Safe: applied by `rampart fix`. Unsafe: only with --unsafe-fixes (the
/// value came through a parameter or variable, or other resources may rely
/// on it). Suggested: offered in editors and SARIF, never applied by
/// `rampart fix` (it needs a value from the user or changes behaviour).
enum class Applicability : uint8_t { Safe, Unsafe, Suggested };
llvm::StringRef applicabilityName(Applicability A);

/// How often a check's findings come with a fix; the fixture harness holds
/// it to what the check does.
enum class FixAvailability : uint8_t { Never, Sometimes, Always };
llvm::StringRef fixAvailabilityName(FixAvailability A);

/// How a binding turns one unhealthy evaluation into intents: none when
/// this case has no fix (the check cannot choose the value).
using FixRecipe = std::function<std::vector<FixIntent>(
    const Subject &, const Evaluation &, const Binding &)>;

struct FixSpec {
  FixAvailability Availability = FixAvailability::Never;
  /// As declared: Safe, Unsafe or Suggested. A safe fix is unsafe for a
  /// finding whose value came through a parameter or variable.
  Applicability Declared = Applicability::Safe;
  /// Imperative, capitalized, no final period. Empty: the title says what
  /// the intents do ("Set minimumTlsVersion to 'TLS1_2'").
  std::string Title;
};

struct Binding {
  Family TheFamily = Family::Arm;
  /// Terraform only: azurerm, aws or google.
  std::string Provider;
  /// Resource types, compared exactly (ARM types case-insensitively).
  std::vector<std::string> Types;
  Predicate Evaluate;
  /// The property rule Evaluate was built from, when it was built from one
  /// (null for a C++ predicate): what lets a check be exported as a policy.
  std::shared_ptr<const PropertyRule> Rule = nullptr;
  /// A policy file's binding (property rules and graph conditions), when the
  /// check was loaded from one.
  std::shared_ptr<const DeclaredBinding> Declared = nullptr;
  /// The fix of an unhealthy resource; empty when the check has none here.
  FixRecipe Fix;
};

struct ComplianceId {
  std::string Framework; ///< MCSB, CIS-Azure, CIS-AWS, CIS-GCP, FSBP
  std::string Id;
};

struct Check {
  std::string Id;    ///< AZ-STORAGE-001
  std::string Title; ///< "Storage accounts should require secure transfer"
  Level Severity = Level::Medium;
  std::string Control; ///< Defender for Cloud security control
  std::vector<ComplianceId> Compliance;
  std::string Why;         ///< Markdown: the risk
  std::string Remediation; ///< One line: how to fix
  std::vector<std::string> References;
  std::vector<Binding> Bindings;
  FixSpec Fix;
  std::string Source; ///< The file that declares it (docs link to it).
};

} // namespace rampart::check

#endif
