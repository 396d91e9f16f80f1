//===- Scan.h - The one analysis entry point -------------------*- C++ -*-===//
//
// The CLI and (later) the language server both call scanWorkspace; nothing
// about analysis lives in either surface.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_SCAN_H
#define RAMPART_ANALYZER_SCAN_H

#include "analyzer/workspace/Discovery.h"
#include "analyzer/workspace/Loader.h"

#include <string>
#include <vector>

namespace rampart {

struct ScanOptions {
  std::vector<std::string> Paths;
  workspace::DiscoveryOptions Discovery;
  workspace::LoadOptions Load;
  unsigned Jobs = 0; ///< 0: one per hardware thread.
};

struct ScanResult {
  /// Every discovered file, in path order: templates with their documents,
  /// skipped files with a reason, unreadable files with the error.
  std::vector<workspace::LoadedFile> Files;
  std::vector<workspace::SkippedPath> SkippedPaths;
  std::vector<workspace::SkippedPath> PathErrors;

  unsigned templateCount() const;
  unsigned errorCount() const;
};

ScanResult scanWorkspace(const ScanOptions &Options);

} // namespace rampart

#endif
