//===- TemplateEvaluator.h - ARM templates to deployment units -*- C++ -*-===//
//
// Turns an ARM template document (plus an optional parameter file and CLI
// overrides) into a DeploymentUnit: one Resource per deployed instance, with
// the whole resource object evaluated into Properties, and Parent, DependsOn
// and Reference edges between them.
//
// Parameters take their value from, first to last: a CLI override, the
// parameter file, the template's defaultValue (evaluated in the template's
// scope); with none of these they are Unknown ("parameter 'x' has no
// value"). Variables are evaluated lazily and memoised; a variable that
// needs itself is Unknown with a diagnostic. Names are case-insensitive.
//
// Resource ids are "<full type>/<full name>" when the name is known, else the
// symbolic name (languageVersion 2.0) or the path of the declaration
// ("resources[3]", "resources[0].resources[1]"), with "[i]" for a copy
// instance; a clash gets "#2", "#3", ...
//
// Conditions: a resource with a `condition` keeps it in Resource::Condition,
// even when it is known false. Checks should report nothing for a resource
// whose condition is known false (it is not deployed), and treat an Unknown
// condition as "may be deployed".
//
// Parameter constraints: a known value outside the declared allowedValues
// (strings compared ignoring case, as Azure does; each element for an array
// parameter), minValue/maxValue or minLength/maxLength gets a Warning at the
// value's origin. Every parameter is resolved once up front for this.
//
// Limits: copy counts above MaxCopyCount keep one representative resource
// (Expanded false) with a diagnostic; the expression evaluator shares one
// step budget for the whole template, and converting template nodes has its
// own budget, so exponential templates end quickly with Unknown values.
//
// Copy loops: resource `copy` (expanded up to MaxCopyCount), property
// `copy` arrays and variable `copy` arrays. User-defined functions
// (`functions`) are evaluated with their own parameters.
//
// Nested deployments (Microsoft.Resources/deployments with an inline
// `properties.template`) are expanded into the same unit, as the Bicep
// evaluator does for modules:
// - the deployment stays a resource; its Properties omit the template;
// - every resource of the nested template is a resource of the unit (same
//   file positions, copy loops, children), and each top-level one has a
//   Parent edge to the deployment ("declared by that deployment");
// - ids of inner resources without a known name are "<deployment id>/<path
//   in the nested template>" ("<deployment id>/<symbolic name>");
// - a deployment's Condition that is not known true is combined into the
//   conditions of everything its template declares (false wins; unknown
//   makes a true or absent condition unknown);
// - scope "outer" (the default): expressions use the outer template's
//   parameters, variables and functions; scope "inner": the nested template
//   has its own, its parameters take `properties.parameters` values
//   (evaluated in the outer scope; a Key Vault `reference` is Unknown), then
//   their defaultValue; --context is shared, except what the deployment
//   changes (deployment().name, a `resourceGroup`, `subscriptionId` or
//   `scope` property: those context values are the deployment's or Unknown);
// - the nested template's outputs are evaluated, and
//   reference('<deployment>').outputs.<name>.value gives them in templates
//   evaluated after the deployment (other properties of that reference are
//   Unknown);
// - dependsOn entries that are symbolic or copy loop names resolve within
//   the template that declares them; resource ids and names unit-wide;
// - nesting deeper than MaxDeploymentDepth, or a unit past MaxUnitResources,
//   stops expansion with a diagnostic (the template is then evaluated as a
//   property, as before); templateLink deployments are never expanded.
//
// Not evaluated: the top-level template's outputs (the unit has no place
// for them).
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_ARM_TEMPLATEEVALUATOR_H
#define RAMPART_ANALYZER_EVAL_ARM_TEMPLATEEVALUATOR_H

#include "analyzer/model/ResourceGraph.h"
#include "analyzer/model/Value.h"
#include "parsers/common/Document.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rampart::eval::arm {

/// Azure refuses copy counts above 800.
constexpr int64_t MaxCopyCount = 800;
/// Expression evaluation steps for one whole template.
constexpr uint64_t MaxTemplateSteps = 4'000'000;
/// Template nodes converted to values for one whole unit (property copy
/// loops inside one another multiply).
constexpr uint64_t MaxConvertedNodes = 2'000'000;
/// Nested deployments inside one another that are expanded.
constexpr unsigned MaxDeploymentDepth = 8;
/// Resources of one unit; copy loops and nested deployments past it are
/// not expanded.
constexpr size_t MaxUnitResources = 20'000;

struct TemplateInputs {
  /// The ARM template; must outlive the unit (values point into its file).
  const Document *Template = nullptr;
  /// An ARM parameter file, or null.
  const Document *Parameters = nullptr;
  /// `--param name=value`: JSON when the text parses as JSON and the
  /// parameter is not declared as a string, else the text as a string.
  std::vector<std::pair<std::string, std::string>> ParamOverrides;
  /// `--context key=value` (see Evaluator.h for the key convention), value
  /// read the same way.
  std::vector<std::pair<std::string, std::string>> Context;
};

/// Splits "name=value" at the first '='; false if there is none.
bool splitAssignment(llvm::StringRef Text,
                     std::pair<std::string, std::string> &Out);

/// Evaluates one ARM template into its deployment unit.
model::DeploymentUnit evaluateTemplate(const TemplateInputs &In);

} // namespace rampart::eval::arm

#endif
