//===- Policy.h - User checks from declarative YAML ------------*- C++ -*-===//
//
// `--policy-dir DIR` loads checks written in YAML (checks/policy-format.md)
// into the same Check objects the built-ins are: metadata, one binding per
// dialect family, property rules with provider defaults, domain predicates
// by name, and graph conditions (a related resource of some type that
// satisfies a rule exists, or does not). It is a second producer of the
// format, not a second format: exportPolicy writes a built-in check whose
// rules are all data as the YAML that loads back into the same check.
//
// A malformed file is reported (file, exact range) and skipped as a whole;
// the other files still load, and the scan goes on.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_POLICY_H
#define RAMPART_ANALYZER_CHECK_POLICY_H

#include "analyzer/check/Check.h"
#include "analyzer/check/Property.h"
#include "parsers/common/Diagnostic.h"
#include "parsers/common/SourceFile.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rampart::check {

/// "A resource related to this one, of one of Types, for which every rule
/// in Where holds, exists" (or, with MustExist false, does not exist).
struct GraphCondition {
  enum class Relation : uint8_t {
    Attached,     ///< an attachment edge either way (NSG and subnet)
    References,   ///< this resource refers to it
    ReferencedBy, ///< it refers to this resource
  };
  Relation TheRelation = Relation::Attached;
  std::vector<std::string> Types;
  bool MustExist = true;
  std::vector<PropertyRule> Where;
};

llvm::StringRef relationName(GraphCondition::Relation R);

/// A policy binding: every property rule, at least one of the AnyOf rules
/// (when there are any) and every graph condition must hold. The first
/// unhealthy part decides, else the first unknown one. Built-in checks whose
/// rules are all data are bound the same way (CheckBuilder's allOf/anyOf).
struct DeclaredBinding {
  Family TheFamily = Family::Arm;
  std::vector<PropertyRule> Rules;
  std::vector<GraphCondition> Graph;
  std::vector<PropertyRule> AnyOf;

  Evaluation evaluate(const Subject &S) const;
};

/// A problem in a policy file. Source is null when the file could not be
/// read (the range is then meaningless).
struct PolicyDiagnostic {
  std::string File;
  const SourceFile *Source = nullptr;
  Diagnostic D;
};

/// The checks loaded from policy files, and the files, which it owns: keep
/// it alive as long as the checks are used (the whole scan).
class PolicySet {
public:
  PolicySet() = default;
  PolicySet(PolicySet &&) = default;
  PolicySet &operator=(PolicySet &&) = default;

  /// Loads every *.yaml and *.yml under Dir (recursively, in path order).
  /// Ids of Reserved (the built-ins) and of checks already loaded cannot be
  /// declared again. False, with a diagnostic, when Dir is not a readable
  /// directory.
  bool loadDirectory(llvm::StringRef Dir,
                     llvm::ArrayRef<const Check *> Reserved);
  /// Loads one policy file's text (tests, and each file of a directory).
  void loadFile(std::unique_ptr<SourceFile> File,
                llvm::ArrayRef<const Check *> Reserved);

  std::vector<const Check *> checks() const;
  /// The loaded check with this id (ignoring case), or null.
  const Check *find(llvm::StringRef Id) const;
  const std::vector<PolicyDiagnostic> &diagnostics() const { return Diags; }
  size_t errorCount() const;

private:
  std::vector<std::unique_ptr<SourceFile>> Sources;
  std::vector<std::unique_ptr<Check>> Checks;
  std::vector<PolicyDiagnostic> Diags;
};

/// The check as policy YAML that loads back into a check with the same
/// metadata and the same outcomes. Nullopt, with Error saying which binding
/// and why, when a binding is a C++ predicate or a rule uses a C++ test or
/// default condition.
std::optional<std::string> exportPolicy(const Check &C, std::string &Error);

} // namespace rampart::check

#endif
