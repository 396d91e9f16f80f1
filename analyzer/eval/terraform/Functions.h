//===- Functions.h - Terraform's built-in functions ------------*- C++ -*-===//
//
// Terraform's function library over evaluated values, with Terraform's
// semantics (https://developer.hashicorp.com/terraform/language/functions).
// The evaluator evaluates the arguments and calls callFunction; the
// functions that need unevaluated arguments (try, can) or the template
// language (templatefile) stay in the evaluator.
//
// Value model: numbers are Int when integral and within int64, else Float;
// lists, tuples and sets are Arrays (a set is kept sorted and without
// duplicates, as Terraform orders sets of strings and numbers); maps and
// objects are Objects with case-sensitive keys (use Value::get, not
// getInsensitive), and functions that produce maps order their keys
// lexically, as Terraform does.
//
// Three-valued rule: an Unknown or Expression argument that decides the
// result makes the result Unknown, with the reason of the cause (as ARM's
// unknownBecause does); where Terraform itself knows more, so do we: the
// length of a list whose elements are unknown is known, merge() keeps known
// keys with unknown values, concat() of known lists with unknown elements is
// a known list. A wrong argument type or count is an error Diagnostic on the
// argument (or the call) and the result is Unknown. Functions whose result
// is known only at apply time (timestamp, uuid, bcrypt, ...) are Unknown.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_TERRAFORM_FUNCTIONS_H
#define RAMPART_ANALYZER_EVAL_TERRAFORM_FUNCTIONS_H

#include "analyzer/model/Value.h"
#include "parsers/common/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rampart::eval::terraform {

/// Limits on what one call may build.
constexpr size_t MaxStringBytes = 1024 * 1024;
constexpr size_t MaxCollectionElements = 100000;

/// What a file read gives: the text, or an error (outside the scan root,
/// missing, too large, not a regular file).
struct FileText {
  std::optional<std::string> Text;
  std::string Error;
};

struct CallContext {
  /// The whole call; results take this origin.
  model::Origin Call;
  /// One per argument (the argument expression's range).
  std::vector<model::Origin> Args;
  /// Errors are appended here, with the range of the argument at fault or
  /// of the call.
  std::vector<Diagnostic> *Diagnostics = nullptr;
  /// file(), fileexists(), filebase64(), file*sha*(): reads a path as
  /// written in the call (the evaluator resolves it). Null: those
  /// functions are Unknown.
  std::function<FileText(const std::string &Path)> ReadFile;
};

/// Calls the built-in Name (also spelled "core::name") with evaluated
/// arguments. nullopt when Terraform has no such function (the evaluator
/// reports it).
std::optional<model::Value> callFunction(llvm::StringRef Name,
                                         llvm::ArrayRef<model::Value> Args,
                                         CallContext &Ctx);

/// The Unknown standing for an unknown cause: an Unknown keeps its reason
/// and origin; an Expression (a value known after apply) becomes an Unknown
/// that says so.
model::Value unknownBecause(const model::Value &Cause);

/// Terraform's conversion of a primitive to a string (tostring(), template
/// interpolation): numbers without a trailing ".0", bools as true/false.
/// nullopt for null, collections, Unknown and Expression values.
std::optional<std::string> toTerraformString(const model::Value &V);

} // namespace rampart::eval::terraform

#endif
