//===- BicepEvaluator.h - Bicep files to deployment units ------*- C++ -*-===//
//
// Evaluates a Bicep entry file, its parameters and its local modules into one
// DeploymentUnit whose resources are the ARM resources the Bicep compiler
// would emit: full type, full name ("parent/child"), apiVersion, and
// Properties holding the whole resource object (type, apiVersion, name and
// the body, without `parent`). Expressions are lowered to ARM expression
// trees (Lowering.h) and evaluated with the ARM function library, so values
// follow ARM semantics exactly; every value keeps its Bicep range.
//
// Parameters take their value from, first to last: `--param` (entry file
// only), the parameter file (.bicepparam, or an ARM JSON parameter file), a
// module's `params`, the default; a nullable parameter (`string?`) without
// any is null; otherwise Unknown. A known value outside @allowed is warned.
//
// Resources: `existing` ones are kept with Existing set; `if` conditions go
// to Resource::Condition (and the "condition" property, as in ARM); `for`
// loops expand up to arm::MaxCopyCount instances (a loop over an unknown
// array keeps one representative). Nested resources and `parent:` give full
// type and name and a Parent edge; `dependsOn` gives DependsOn edges; any
// other use of a symbol (stg.id, stg.properties.x, stg.listKeys()) gives a
// Reference edge. `s.id` is resourceId(type, name...), `s.name` the name;
// other members are runtime values (Expression values pointing at s).
//
// Modules with a local path are evaluated with their `params`: the module is
// a Microsoft.Resources/deployments resource (properties.parameters holds
// the inputs), its resources join the unit with their own file positions and
// a Parent edge to it, and `m.outputs.x` is the module's output value.
// Registry and template-spec modules are not expanded. Module nesting stops
// at MaxModuleDepth and the unit at MaxModuleInstances module evaluations.
//
// Compile-time file functions read files beside the Bicep file, as the
// compiler does: loadTextContent, loadJsonContent (with a simple JSONPath:
// $.a.b[0]) and loadFileAsBase64; the values keep their positions in the
// read file. loadYamlContent and loadDirectoryFileInfo are Unknown.
//
// Ids follow the ARM evaluator: "<type>/<name>" when both are known, else
// the symbolic name (with "[i]" for a loop instance), prefixed inside a
// module by the module resource's id and '/'; a clash gets "#2", "#3", ...
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_BICEP_BICEPEVALUATOR_H
#define RAMPART_ANALYZER_EVAL_BICEP_BICEPEVALUATOR_H

#include "analyzer/model/ResourceGraph.h"
#include "parsers/common/Document.h"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace rampart::eval::bicep {

constexpr unsigned MaxModuleDepth = 8;
constexpr unsigned MaxModuleInstances = 1000;

struct ModuleFile {
  const Document *Doc = nullptr; ///< Null when it could not be loaded.
  std::string Error;
};

/// Loads a module or parameter file by resolved path. The document must
/// outlive the unit.
using ModuleLoader = std::function<ModuleFile(const std::string &Path)>;

struct ReadResult {
  std::unique_ptr<SourceFile> File; ///< Null when it could not be read.
  std::string Error;
};
/// Reads a file for loadTextContent() and friends; the unit keeps it.
using FileReader = std::function<ReadResult(const std::string &Path)>;

struct BicepInputs {
  const Document *Template = nullptr; ///< The entry .bicep file.
  /// A .bicepparam file, or an ARM JSON parameter file, or null.
  const Document *Parameters = nullptr;
  std::vector<std::pair<std::string, std::string>> ParamOverrides;
  std::vector<std::pair<std::string, std::string>> Context;
  /// Null: modules are not expanded.
  ModuleLoader LoadModule;
  /// Null: load*Content() is Unknown.
  FileReader ReadFile;
};

model::DeploymentUnit evaluateBicep(const BicepInputs &In);

/// The file a .bicepparam's `using` names, resolved against the .bicepparam's
/// directory; empty for `using none` or no `using`.
std::string usingPath(const Document &ParamFile);

/// The local module files a Bicep file references, resolved against its
/// directory (registry and template-spec modules excluded).
std::vector<std::string> localModulePaths(const Document &Bicep);

/// Joins a module path to the directory of From and normalises it the way
/// discovery spells paths, so that both can be compared.
std::string resolveRelative(llvm::StringRef From, llvm::StringRef Relative);

} // namespace rampart::eval::bicep

#endif
