//===- Engine.h - Running checks over deployment units ---------*- C++ -*-===//
//
// The engine indexes checks by (family, resource type), evaluates every
// deployed resource of every unit against the checks that apply to it (in
// parallel per unit), and turns each evaluation into a Result with the most
// precise range: the offending value when it has one in a file, else the
// nearest existing ancestor key on the property path, else the resource's
// declaration. Checks never compute positions themselves.
//
// Resources that are not deployed here are skipped: `existing` resources
// and data sources, and resources whose condition is known false. A
// resource whose condition is unknown is unknown where it would be
// unhealthy.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_ENGINE_H
#define RAMPART_ANALYZER_CHECK_ENGINE_H

#include "analyzer/check/Check.h"

#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace rampart::check {

/// One check's outcome on one resource. Message and the range are set for
/// Unhealthy and Unknown outcomes.
struct Result {
  const Check *TheCheck = nullptr;
  const model::DeploymentUnit *Unit = nullptr;
  const model::Resource *Resource = nullptr;
  Outcome TheOutcome = Outcome::NotApplicable;
  const SourceFile *Source = nullptr; ///< The file of Range, when known.
  std::string File;
  SourceRange Range;
  std::string Message;
  /// The property path the check read ("properties.minimumTlsVersion"),
  /// when it read one: with the check and resource, what identifies a
  /// finding across edits that move it.
  std::string PropertyPath;
  /// Unhealthy only: what the check's fix would do, when it has one here.
  std::vector<FixIntent> Fix;
};

class Engine {
public:
  explicit Engine(std::vector<const Check *> Checks);

  /// Every (check, resource) evaluation of the units, unit by unit in order,
  /// resources in unit order, checks in the order given.
  std::vector<Result> run(const std::vector<model::DeploymentUnit> &Units,
                          unsigned Jobs = 0) const;

  const std::vector<const Check *> &checks() const { return Checks; }

private:
  struct Applicable {
    const Check *TheCheck;
    const Binding *TheBinding;
  };
  std::vector<Result> runUnit(const model::DeploymentUnit &U) const;
  const std::vector<Applicable> *applicable(const model::Resource &R) const;

  std::vector<const Check *> Checks;
  /// "<family>:<type>" (ARM types lower-cased) to the checks for it.
  llvm::StringMap<std::vector<Applicable>> ByType;
};

/// The checks whose ids match one of Include (all when empty) and none of
/// Exclude; patterns are globs ("AZ-STORAGE-*"), ids compare ignoring
/// case. Error is set for an invalid pattern.
std::vector<const Check *> selectChecks(const std::vector<const Check *> &All,
                                        llvm::ArrayRef<std::string> Include,
                                        llvm::ArrayRef<std::string> Exclude,
                                        std::string &Error);

/// The kind of resource in words, for messages ("storage account").
std::string resourceNoun(const model::Resource &R);
/// The resource's name for messages: its known name, else its id.
std::string resourceLabel(const model::Resource &R);

/// Where the deepest existing key on a property path
/// ("properties.networkAcls.defaultAction") is written in the resource's
/// text: what a finding about a missing property points at, and what a
/// suppression on that property covers when the value came from elsewhere.
const model::Origin *nearestKeyOrigin(const model::Resource &R,
                                      llvm::StringRef Path);

} // namespace rampart::check

#endif
