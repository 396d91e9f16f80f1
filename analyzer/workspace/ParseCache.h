//===- ParseCache.h - Parsed files kept across runs ------------*- C++ -*-===//
//
// The language server analyses a scope again on every keystroke, but only
// the edited file changed: the others' parsed documents are reused. A file
// is found again by its path and a hash of its text, so an edit on disk or in
// the editor is always parsed anew. Safe to use from several threads (the
// scan loads files in parallel).
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_WORKSPACE_PARSECACHE_H
#define RAMPART_ANALYZER_WORKSPACE_PARSECACHE_H

#include "analyzer/workspace/Loader.h"

#include "llvm/ADT/StringMap.h"

#include <cstdint>
#include <mutex>
#include <optional>

namespace rampart::workspace {

class ParseCache {
public:
  /// Past this many files the least recently used are forgotten (a
  /// long-running server must not keep every file it ever read).
  explicit ParseCache(size_t MaxFiles = 4096) : MaxFiles(MaxFiles) {}

  struct Found {
    /// The file loaded earlier from the same path and text.
    std::optional<LoadedFile> Same;
    /// Else the document of the path's earlier text, to re-parse from.
    std::shared_ptr<const Document> Older;
  };
  Found find(const SourceFile &Source);
  /// Keeps File (its path and text) for the next run.
  void store(const LoadedFile &File);

  size_t size() const;
  /// How many finds reused a file, for tests and benchmarks.
  size_t hits() const;

private:
  struct Entry {
    uint64_t Hash = 0;
    size_t Size = 0;
    uint64_t LastUse = 0;
    LoadedFile File;
  };
  void evictOldest();

  mutable std::mutex Lock;
  llvm::StringMap<Entry> Files;
  size_t MaxFiles;
  uint64_t Clock = 0;
  size_t Hits = 0;
};

} // namespace rampart::workspace

#endif
