//===- Changes.h - Diff-aware runs: what a change touches ------*- C++ -*-===//
//
// `--changed-since REF` and `--files F...` both narrow a scan to a set of
// changed files: units are still evaluated whole (so module inputs and
// variables keep their values), and only findings in a changed file, or on
// a resource whose declaration or any evaluated value comes from a changed
// file, are reported. A changed variables.tf or .tfvars thus reports the
// resources it feeds, in main.tf.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_POSTURE_CHANGES_H
#define RAMPART_ANALYZER_POSTURE_CHANGES_H

#include "analyzer/check/Engine.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace rampart::posture {

/// Absolute, dot-free form of a path, so paths given in different ways
/// compare equal.
std::string canonicalPath(llvm::StringRef Path);

class ChangeSet {
public:
  explicit ChangeSet(const std::vector<std::string> &Files);

  bool containsFile(llvm::StringRef Path) const;
  /// True when the resource is declared in a changed file or any of its
  /// evaluated values was written in one.
  bool affects(const model::Resource &R) const;
  /// True when the unit reads any changed file.
  bool touches(const model::DeploymentUnit &U) const;
  /// The result is in a changed file or on an affected resource.
  bool keeps(const check::Result &R) const;

  const llvm::StringSet<> &files() const { return Files; }

private:
  bool containsSource(const SourceFile *F) const;

  llvm::StringSet<> Files; ///< canonicalPath of each
  /// Answers already found: a canonical path costs a system call, and
  /// every value of every resource has an origin to ask about. Source
  /// files outlive the units, so their addresses are stable keys.
  mutable llvm::DenseMap<const SourceFile *, bool> SourceInSet;
};

/// The files changed since Ref in the git repository holding Dir: committed
/// and uncommitted changes (`git diff --name-only Ref`) and untracked files
/// not ignored. Runs git read-only; the error carries git's message.
llvm::Expected<std::vector<std::string>> changedFilesSince(llvm::StringRef Ref,
                                                           llvm::StringRef Dir);

} // namespace rampart::posture

#endif
