//===- Evaluator.h - Evaluating ARM expressions to Values ------*- C++ -*-===//
//
// Evaluates a parsed ARM expression (Expression.h) to a model::Value with the
// function library of Azure Resource Manager. Everything the template knows
// (parameters, variables, copy loops, user functions) and everything only the
// deployment knows (resource group, subscription, reference()) comes through
// the Scope, which the template evaluator implements.
//
// Three-valued rule: an argument that a function needs and that is Unknown or
// an Expression makes the result Unknown, with a reason naming the function
// and the cause; if(), coalesce(), and() and or() only evaluate what decides
// the result. A wrong argument type or count is an error Diagnostic on the
// argument's range, and the result is Unknown.
//
// Context keys (Scope::contextValue): "<fn>()" for a whole object and
// "<fn>().<property>" for one property, with fn one of resourceGroup,
// subscription, deployment, environment, tenant, managementGroup spelled in
// that canonical case and the property as written in the template (the scope
// should compare keys case-insensitively: ARM property names are). For
// example `resourceGroup().location` asks "resourceGroup().location" first
// and then "resourceGroup()" (taking its "location" member).
// resourceId() and friends ask "subscription().subscriptionId" and
// "resourceGroup().name".
//
// Limits: arrays and strings produced are bounded by MaxArrayElements and
// MaxStringBytes; past them the result is Unknown with a diagnostic.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_ARM_EVALUATOR_H
#define RAMPART_ANALYZER_EVAL_ARM_EVALUATOR_H

#include "analyzer/eval/arm/Expression.h"
#include "analyzer/model/Value.h"

#include "llvm/ADT/ArrayRef.h"

#include <optional>
#include <string>
#include <vector>

namespace rampart::eval::arm {

using model::Origin;
using model::Value;

constexpr size_t MaxArrayElements = 100000;
constexpr size_t MaxStringBytes = 1024 * 1024;

/// What a reference-like call points at, for the graph's reference edges.
struct ResourceReference {
  /// "reference", "resourceId", "subscriptionResourceId", "tenantResourceId",
  /// "extensionResourceId", or the list* function name ("listKeys", ...).
  std::string Function;
  /// reference()/list*(): the first argument (a name or a resource id, maybe
  /// Unknown). resourceId() and friends: the id built, or Unknown.
  Value Target;
  /// resourceId() family: the resource type and names as evaluated.
  Value Type;
  std::vector<Value> Names;
  Origin Where; ///< The call.
};

/// Implemented by the template evaluator. Every method has a default that
/// answers "unknown", so a Scope that knows nothing is valid. Methods receive
/// the Origin of the call (for Unknown reasons and diagnostics); values they
/// return keep their own origins (a parameter's default, a parameter file).
class Scope {
public:
  virtual ~Scope();

  /// parameters('Name'). ARM names are case-insensitive.
  virtual Value parameter(llvm::StringRef Name, const Origin &Where);
  /// variables('Name').
  virtual Value variable(llvm::StringRef Name, const Origin &Where);
  /// copyIndex() / copyIndex(offset) / copyIndex('loop') /
  /// copyIndex('loop', offset): the current iteration plus Offset. Loop is
  /// empty for the innermost loop.
  virtual Value copyIndex(std::optional<llvm::StringRef> Loop, int64_t Offset,
                          const Origin &Where);
  /// ns.name(args) user-defined functions; arguments are evaluated.
  virtual Value userFunction(llvm::StringRef Namespace, llvm::StringRef Name,
                             llvm::ArrayRef<Value> Args, const Origin &Where);
  /// Deployment context (see the key convention above); nullopt = not
  /// supplied, and the result is Unknown.
  virtual std::optional<Value> contextValue(llvm::StringRef Key);
  /// reference(target, apiVersion?, 'Full'?): default Unknown. Return an
  /// Expression value pointing at the resource to get graph edges in values.
  virtual Value reference(const Value &Target, llvm::ArrayRef<Value> Rest,
                          const Origin &Where);
  /// listKeys(target, apiVersion, ...) and every other list* function.
  virtual Value listCall(llvm::StringRef Function, const Value &Target,
                         llvm::ArrayRef<Value> Rest, const Origin &Where);
  /// Called for every reference(), list*() and resourceId-family call that
  /// is evaluated (calls in an if() branch not taken are not evaluated).
  virtual void noteResourceReference(const ResourceReference &Ref);
};

/// Evaluates one parsed expression. Diagnostics are appended.
class Evaluator {
public:
  Evaluator(Scope &S, std::vector<Diagnostic> &Diags, const SourceFile *File)
      : S(S), Diags(Diags), File(File) {}

  Value evaluate(const Expr &E);

  /// Parses and evaluates a decoded ARM JSON string: literal strings come
  /// back as String values, "[[x]" as "[x]", expressions evaluated.
  /// StringOrigin is the JSON string token (including quotes).
  Value evaluateString(llvm::StringRef Decoded, const Origin &StringOrigin);

  // Used by the function library.
  Scope &scope() { return S; }
  const SourceFile *file() const { return File; }
  Origin originOf(const Expr &E) const { return {File, E.Range}; }
  void error(const Expr &At, std::string Message);
  void error(const Origin &At, std::string Message);

  struct LambdaFrame {
    std::vector<std::string> Names;
    std::vector<Value> Values;
  };
  std::vector<LambdaFrame> Lambdas;

  /// Evaluation steps allowed per Evaluator (about a second of work):
  /// lambdas over large arrays multiply work, and a scan must finish.
  static constexpr uint64_t DefaultMaxSteps = 1'000'000;
  void setMaxSteps(uint64_t N) { MaxSteps = N; }

private:
  Value evaluateMember(const Expr &E);
  Value evaluateIndex(const Expr &E);
  Value evaluateObject(const Expr &E);
  Value evaluateArray(const Expr &E);
  Value evaluateFor(const Expr &E);
  std::optional<Value> contextMember(const Expr &E);

  Scope &S;
  std::vector<Diagnostic> &Diags;
  const SourceFile *File;
  uint64_t Steps = 0;
  uint64_t MaxSteps = DefaultMaxSteps;
  bool OutOfSteps = false;
};

/// The canonical name of a deployment-context function ("resourceGroup"),
/// or empty if Name (any case) is not one.
llvm::StringRef contextFunctionName(llvm::StringRef Name);
/// Looks up "<Fn>().<Property>", then member Property of "<Fn>()".
std::optional<Value> contextProperty(Scope &S, llvm::StringRef Fn,
                                     llvm::StringRef Property);

// Exposed for tests: Azure's hashes.
/// uniqueString(): Azure's 64-bit MurmurHash variant over UTF-8, 13 base32
/// characters.
std::string azureUniqueString(llvm::StringRef JoinedArgs);
/// guid(): RFC 4122 v5 UUID in namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830.
std::string azureGuid(llvm::StringRef JoinedArgs);

} // namespace rampart::eval::arm

#endif
