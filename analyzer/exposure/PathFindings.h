//===- PathFindings.h - Attack paths as findings of their own kind -*- C++
//-*-===//
//
// The pipeline step after the checks (analyzer/Analyze.cpp): every unit's
// attack paths become findings whose check is the path's definition
// (AZ-PATH-001...) and whose resource is the path's entry. They take the
// posture a check's finding takes (the scope's `checks:` and severity
// overrides, inline `rampart:ignore` comments on the entry resource,
// `ignore:` entries, the baseline, the change set) except the secure score,
// which they never enter (catalog §4: Defender's attack paths do not
// either). A possible path (a step depends on an unknown value) is an
// unknown result: listed with --strict, never a finding.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EXPOSURE_PATHFINDINGS_H
#define RAMPART_ANALYZER_EXPOSURE_PATHFINDINGS_H

#include "analyzer/posture/Posture.h"

#include "llvm/ADT/ArrayRef.h"

#include <vector>

namespace rampart::exposure {

struct PathFindings {
  /// Definite paths at or above their scope's severity threshold (and in
  /// the change set), suppressed and baselined ones included.
  std::vector<posture::Finding> Findings;
  /// Possible paths, with --strict only (unsuppressed).
  std::vector<check::Result> Unknown;
  /// Expired, refused and unmatched suppressions of path ids.
  std::vector<posture::PostureWarning> Warnings;
  /// An active path finding at or above its scope's fail-on level.
  bool Fails = false;
  /// The path ids some scope enabled (SARIF rules, JUnit test cases).
  std::vector<const check::Check *> Ran;
};

/// The attack paths of Units as findings. Catalog is the checks whose
/// predicates the paths reuse (findAttackPaths); Inline the inline
/// suppressions posture read (posture::Posture::Suppressions), judged here
/// again by the policy of the scope their file is in.
PathFindings
assessPaths(const std::vector<model::DeploymentUnit> &Units,
            llvm::ArrayRef<const check::Check *> Catalog, posture::Scopes &S,
            const posture::PostureOptions &O,
            llvm::ArrayRef<std::unique_ptr<posture::Suppression>> Inline);

} // namespace rampart::exposure

#endif
