//===- Analyze.h - Scan, evaluate, check and assess, in one call -*- C++
//-*-===//
//
// The pipeline of architecture.md from paths to a Report: discover and
// parse (Scan.h), drop what the scopes' configs exclude, evaluate units,
// keep the units a change touches, run the checks, and assess posture. The
// CLI's scan, score, compliance and baseline commands (and the language
// server) call this; they differ only in how they present the result.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_ANALYZE_H
#define RAMPART_ANALYZER_ANALYZE_H

#include "analyzer/Scan.h"
#include "analyzer/fix/Plan.h"
#include "analyzer/posture/Posture.h"
#include "analyzer/report/Report.h"

#include <functional>
#include <memory>
#include <optional>

namespace rampart {

struct AnalyzeOptions {
  ScanOptions Scan;
  /// The checks to run (built-in and user ones); scopes may disable some.
  std::vector<const check::Check *> Checks;
  posture::PostureOptions Posture;
  /// --files: report only what these files affect (pre-commit's list).
  std::optional<std::vector<std::string>> OnlyFiles;
  /// --changed-since: the same, for the files changed since a git ref.
  std::optional<std::string> ChangedSince;
  /// Told when a phase starts ("evaluating 120 deployment units"), for a
  /// progress line; Scan.Progress counts the files read before.
  std::function<void(llvm::StringRef Phase)> OnPhase;
  /// Terraform: TF_VAR_ variables, and sources outside the scanned path.
  bool UseEnv = false;
  bool AllowOutsideRoot = false;
  /// How findings' fixes are planned (--fix-params).
  fix::PlanOptions Fixes;
  /// Asked between phases; true stops the analysis early, with
  /// Analysis::Cancelled set (the language server drops a run that a newer
  /// edit made stale, or whose request the client cancelled).
  std::function<bool()> Cancelled;
};

struct Analysis {
  ScanResult Scan;
  /// The parameter and variable files named by config or flags.
  std::vector<workspace::LoadedFile> InputFiles;
  /// Files outside the scanned paths that declare resources of a unit (a
  /// module called from outside), read again for their suppressions.
  std::vector<workspace::LoadedFile> ModuleFiles;
  std::vector<model::DeploymentUnit> Units;
  /// The results with their suppressions; its findings, unknown results
  /// and score have moved into Report.
  posture::Posture Posture;
  report::Report Report;
  /// Problems that make the run a usage error (exit 2): a path that does
  /// not exist, an unreadable parameter file, git failing.
  std::vector<std::string> UsageErrors;
  /// Options.Cancelled stopped it: whatever follows the phase it stopped
  /// after is missing.
  bool Cancelled = false;
};

/// Units point into the scan's files: an Analysis stays where it is made.
std::unique_ptr<Analysis> analyze(const AnalyzeOptions &Options,
                                  posture::Scopes &Scopes);

/// The first half of analyze, for `rampart graph`: the scan and the
/// evaluated units (with their environment facts), no checks, no posture.
std::unique_ptr<Analysis> evaluate(const AnalyzeOptions &Options,
                                   posture::Scopes &Scopes);

} // namespace rampart

#endif
