//===- TemplateEvaluator.h - ARM templates to deployment units -*- C++ -*-===//
//
// Turns an ARM template document (plus an optional parameter file and CLI
// overrides) into a DeploymentUnit: one Resource per deployed instance, with
// the whole resource object evaluated into Properties, and Parent, DependsOn
// and Reference edges between them.
//
// Parameters take their value from, first to last: a CLI override, the
// parameter file, the template's defaultValue (evaluated lazily in the
// template's scope); with none of these they are Unknown ("parameter 'x' has
// no value"). Variables are evaluated lazily and memoised; a variable that
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
// Limits: copy counts above MaxCopyCount keep one representative resource
// (Expanded false) with a diagnostic; the expression evaluator shares one
// step budget for the whole template, so exponential templates end quickly
// with Unknown values.
//
// Copy loops: resource `copy` (expanded up to MaxCopyCount), property
// `copy` arrays and variable `copy` arrays. User-defined functions
// (`functions`) are evaluated with their own parameters.
//
// Not evaluated yet: outputs, and nested deployments with an "inner"
// expression scope (their template's expressions stay Unknown; the
// resources inside nested templates are not resources of the unit).
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
