//===- Posture.h - From check results to findings and a score --*- C++ -*-===//
//
// The posture step of the pipeline (architecture.md): it takes every
// check result of the units and applies, in order,
//   1. the scope's config (`.rampart.yaml` closest to the unit's root, with
//      the command line's overrides): disabled checks leave no trace,
//      severities are overridden;
//   2. suppressions: inline ones, judged by the suppression policy of the
//      config governing the file they are written in, then the config's
//      `ignore:` entries;
//   3. the secure score over what is left, then each finding's gain;
//   4. the severity threshold, the baseline and the change set, which
//      decide what is reported, not what is scored.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_POSTURE_POSTURE_H
#define RAMPART_ANALYZER_POSTURE_POSTURE_H

#include "analyzer/posture/Baseline.h"
#include "analyzer/posture/Changes.h"
#include "analyzer/posture/Config.h"
#include "analyzer/posture/Score.h"
#include "analyzer/workspace/Loader.h"

#include "llvm/ADT/StringMap.h"

#include <map>
#include <memory>
#include <set>
#include <vector>

namespace rampart::posture {

/// The effective config of each scope: the resolver's file config with the
/// command line's overrides on top. A resource's scope is the config
/// closest to the file that declares it. Paths whose config has errors get the
/// defaults (the CLI stops before that; the language server keeps going).
class Scopes {
public:
  Scopes(ConfigResolver &Resolver, ConfigOverrides Overrides = {});

  const Config &forPath(llvm::StringRef FileOrDir);
  ConfigResolver &resolver() { return Resolver; }

private:
  ConfigResolver &Resolver;
  ConfigOverrides Overrides;
  std::map<const Config *, std::unique_ptr<Config>> Effective;
  /// Every result asks for its file's scope: finding it costs system
  /// calls, so each path's answer is kept.
  llvm::StringMap<const Config *> ByPath;
};

struct PostureOptions {
  /// Every check Rampart knows (built-in and user), to tell a suppression
  /// that names no check from one whose check did not run.
  std::vector<const check::Check *> KnownChecks;
  /// --strict: unknown results are reported, and scored unhealthy.
  bool Strict = false;
  Date Today = today();
  const Baseline *TheBaseline = nullptr;
  /// --changed-since / --files: report only what these files affect.
  const ChangeSet *Changes = nullptr;
};

struct PostureWarning {
  std::string File;
  Diagnostic D;
};

struct Posture {
  /// Results of enabled checks (the ones scored), in engine order, and the
  /// suppression that exempts each (null for most).
  std::vector<check::Result> Results;
  std::vector<const Suppression *> SuppressedBy;
  /// The unhealthy results at or above their scope's threshold (and in the
  /// change set), suppressed and baselined ones included.
  std::vector<Finding> Findings;
  std::vector<check::Result> Unknown; ///< Only with Strict
  SecureScore Score;
  /// Malformed, expired, refused and unmatched suppressions.
  std::vector<PostureWarning> Warnings;
  /// An active finding at or above its scope's fail-on level.
  bool Fails = false;
  /// The suppressions read (findings point into them).
  std::vector<std::unique_ptr<Suppression>> Suppressions;
  /// The files the results are in or about: under a change set, the files
  /// whose diagnostics and suppressions count.
  std::set<std::string> AssessedFiles;

  /// Each result with the exemption of its suppression, for scoring.
  std::vector<Scored> scored() const;
};

/// Files are the parsed files whose inline suppressions count (the scan's,
/// and module files read from outside it); Results the engine's results
/// over Units.
Posture assess(llvm::ArrayRef<const workspace::LoadedFile *> Files,
               const std::vector<model::DeploymentUnit> &Units,
               std::vector<check::Result> Results, Scopes &TheScopes,
               const PostureOptions &Options);

} // namespace rampart::posture

#endif
