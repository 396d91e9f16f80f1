//===- TerraformEvaluator.h - Terraform modules to deployment units -*- C++
//-*-===//
//
// Evaluates a Terraform root module (the .tf and .tf.json files of one
// directory), its variable files and its local modules into one
// DeploymentUnit. A .tf.json file is first lowered to the native syntax's
// shape (parsers/terraform/HclJson.h), so both syntaxes evaluate alike.
//
// Resources: one per instance, with Terraform addresses as ids
// ("aws_s3_bucket.b", "aws_s3_bucket.b[0]", `aws_s3_bucket.b["k"]`,
// "module.net.aws_subnet.a[1]"); data sources too ("data.aws_iam_policy_
// document.p"), marked Existing, their attributes Unknown (known at apply).
// Properties hold the resource's arguments and nested blocks (a block type
// becomes a list of objects, `dynamic` blocks expanded when their for_each is
// known); meta-arguments (count, for_each, depends_on, provider, lifecycle,
// provisioner, connection) are not properties. A reference to an attribute
// that the configuration sets is that value; any other attribute is an
// Expression value pointing at the resource (known after apply).
//
// count and for_each expand up to MaxInstances; an unknown or larger value
// keeps one representative instance, marked as looped and not expanded.
//
// Variables take, last wins: the default; TF_VAR_name (only when given in
// EnvVars); terraform.tfvars, terraform.tfvars.json, *.auto.tfvars in
// lexical order; --var-file and --var in command-line order. That is
// Terraform's own order. A value keeps the origin of where it was set.
// Type constraints convert values (a string "1" for a number variable is 1)
// and apply optional() attribute defaults; nullable = false turns a null
// into the default. Values of a `sensitive` variable or output, and of
// sensitive(), are marked sensitive, and so is what is computed from them.
//
// Modules: a local source ("./x", "../x") is evaluated with the call's
// arguments as its variables, count and for_each included, and its
// resources join the unit with their own positions. A remote source is
// evaluated from .terraform/modules/modules.json when `terraform init` left
// a copy; otherwise its outputs are Unknown, with a diagnostic naming the
// source. A local path that leaves ScanRoot is refused unless
// AllowOutsideRoot; a module that calls itself is reported; nesting stops at
// MaxModuleDepth and module instances at MaxModuleInstances.
//
// Edges: any reference to a resource, data source or module output is a
// reference edge (a module output refers to the resources its value
// refers to); depends_on gives depends_on edges; the association resources
// that complete another resource (aws_s3_bucket_public_access_block,
// azurerm_subnet_network_security_group_association, ...) give attachment
// edges from the association to what it attaches to, and between the two
// sides of a two-sided association.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_TERRAFORM_TERRAFORMEVALUATOR_H
#define RAMPART_ANALYZER_EVAL_TERRAFORM_TERRAFORMEVALUATOR_H

#include "analyzer/eval/terraform/Functions.h"
#include "analyzer/model/ResourceGraph.h"
#include "parsers/common/Document.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace rampart::eval::terraform {

constexpr int64_t MaxInstances = 1000;
constexpr unsigned MaxModuleDepth = 16;
constexpr unsigned MaxModuleInstances = 5000;
/// Expression evaluations for one unit (about two seconds of work).
constexpr uint64_t MaxUnitSteps = 4'000'000;

/// The documents of one module directory (.tf files; .tfvars are not
/// modules).
struct ModuleFiles {
  std::vector<const Document *> Files;
  std::string Error; ///< Set when the directory could not be read.
};
using DirectoryLoader = std::function<ModuleFiles(const std::string &Dir)>;

struct TerraformInputs {
  std::string RootDir;
  std::vector<const Document *> Files;
  /// Variable files in precedence order (lowest first): terraform.tfvars,
  /// terraform.tfvars.json, *.auto.tfvars in lexical order, --var-file.
  std::vector<const Document *> VarFiles;
  /// --var name=value, applied after VarFiles.
  std::vector<std::pair<std::string, std::string>> Vars;
  /// TF_VAR_ variables (name without the prefix), lowest after defaults.
  std::vector<std::pair<std::string, std::string>> EnvVars;
  /// Reads other module directories; null: local modules are not expanded.
  DirectoryLoader LoadDirectory;
  /// file() and friends; paths are already resolved. Null: Unknown.
  std::function<FileText(const std::string &Path)> ReadFile;
  /// Module sources and read files must stay under this directory.
  std::string ScanRoot;
  bool AllowOutsideRoot = false;
};

model::DeploymentUnit evaluateTerraform(const TerraformInputs &In);

/// The directories a module's files call as local modules (resolved
/// against Dir), to tell roots from called modules.
std::vector<std::string> localModuleDirs(llvm::ArrayRef<const Document *> Files,
                                         llvm::StringRef Dir);

} // namespace rampart::eval::terraform

#endif
