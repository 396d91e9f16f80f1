//===- Discovery.h - Finding the files of a workspace ----------*- C++ -*-===//
#ifndef RAMPART_ANALYZER_WORKSPACE_DISCOVERY_H
#define RAMPART_ANALYZER_WORKSPACE_DISCOVERY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace rampart::workspace {

struct DiscoveryOptions {
  /// Globs matched against each path relative to the root it was found
  /// under: a pattern without '/' matches any single path component
  /// (`*.test.json`, `fixtures`); one with '/' matches the whole relative
  /// path, `*` stopping at '/' and `**` crossing it.
  std::vector<std::string> Excludes;
  /// Follow symbolic links whose target lies outside the root they were
  /// found under (--allow-outside-root). Off, such a link is not read: a
  /// pull request could otherwise point one at a secret on the CI machine
  /// and have its text quoted in a parse error.
  bool FollowLinksOutside = false;
};

struct SkippedPath {
  std::string Path;
  std::string Reason;
};

struct Discovery {
  std::vector<std::string> Files; ///< Sorted, without duplicates.
  std::vector<SkippedPath> Skipped;
  std::vector<SkippedPath>
      Errors; ///< Paths that do not exist or cannot be read.
  /// Skipped paths a user would expect to be read (a link outside the
  /// root, a link loop): also in Skipped, and reported as warnings.
  std::vector<SkippedPath> Warnings;
};

/// Walks the given files and directories. Directories named .git, .terraform
/// and node_modules are skipped, symbolic links are followed once (a link
/// back into a directory already walked is skipped, so loops end) and only
/// inside the root unless Options.FollowLinksOutside, and only
/// files whose name may hold a template are kept. A path given explicitly as
/// a file is always kept.
Discovery discoverFiles(llvm::ArrayRef<std::string> Roots,
                        const DiscoveryOptions &Options);

/// Whether a file name may hold a template of a supported dialect (by
/// extension; the content decides later for .json and .yaml).
bool isCandidateFileName(llvm::StringRef Name);

/// Whether Path is Root or below it; both resolved (real) paths.
bool isWithin(llvm::StringRef Path, llvm::StringRef Root);

/// Matches Path (relative, '/'-separated) against one --exclude glob.
bool matchesExclude(llvm::StringRef Pattern, llvm::StringRef RelativePath);

} // namespace rampart::workspace

#endif
