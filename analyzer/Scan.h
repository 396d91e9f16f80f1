//===- Scan.h - The one analysis entry point -------------------*- C++ -*-===//
//
// The CLI and (later) the language server both call scanWorkspace; nothing
// about analysis lives in either surface.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_SCAN_H
#define RAMPART_ANALYZER_SCAN_H

#include "analyzer/model/ResourceGraph.h"
#include "analyzer/workspace/Discovery.h"
#include "analyzer/workspace/Loader.h"

#include <functional>
#include <string>
#include <vector>

namespace rampart {

struct ScanOptions {
  std::vector<std::string> Paths;
  workspace::DiscoveryOptions Discovery;
  workspace::LoadOptions Load;
  unsigned Jobs = 0; ///< 0: one per hardware thread.
  /// Called from worker threads as files are read (for a progress line);
  /// the callee synchronises.
  std::function<void(size_t Done, size_t Total)> Progress;
};

struct ScanResult {
  /// Every discovered file, in path order: templates with their documents,
  /// skipped files with a reason, unreadable files with the error.
  std::vector<workspace::LoadedFile> Files;
  std::vector<workspace::SkippedPath> SkippedPaths;
  std::vector<workspace::SkippedPath> PathErrors;
  /// Skipped paths reported as warnings (Discovery::Warnings).
  std::vector<workspace::SkippedPath> PathWarnings;
  /// The paths scanned, as given: Terraform module sources and file()
  /// reads must stay under the one that holds the root module.
  std::vector<std::string> Paths;

  unsigned templateCount() const;
  unsigned errorCount() const;
};

ScanResult scanWorkspace(const ScanOptions &Options);

struct UnitOptions {
  /// `--param name=value` and `--context key=value`, in command-line order.
  std::vector<std::pair<std::string, std::string>> Params;
  std::vector<std::pair<std::string, std::string>> Context;
  /// `--parameters FILE`: the parameter file of every template, instead of
  /// the X.parameters.json found next to X.json.
  const Document *ParameterFile = nullptr;
  /// How Bicep modules outside the scanned paths are read.
  workspace::LoadOptions Load;
  /// Terraform: `--var-file` documents (in order) and `--var name=value`;
  /// TF_VAR_ environment variables only with UseEnv; module sources
  /// outside the scanned path only with AllowOutsideRoot.
  std::vector<const Document *> VarFiles;
  std::vector<std::pair<std::string, std::string>> Vars;
  bool UseEnv = false;
  bool AllowOutsideRoot = false;
  unsigned Jobs = 0; ///< 0: one per hardware thread.
};

/// Evaluates the ARM and Bicep templates of a scan into deployment units, in
/// path order: one per ARM template, and one per Bicep entry file (a file no
/// other scanned Bicep file uses as a module) or, when .bicepparam files name
/// it in `using`, one per such parameter file. The units point into R's
/// source files: R (and the parameter file) must outlive them. Terraform
/// root modules (directories no other scanned directory calls as a local
/// module) are one unit each, with their variable files and local modules.
/// CloudFormation templates are one unit each, except those another scanned
/// template includes as a local nested stack.
std::vector<model::DeploymentUnit> buildUnits(const ScanResult &R,
                                              const UnitOptions &Options);

} // namespace rampart

#endif
