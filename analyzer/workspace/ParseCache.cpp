//===- ParseCache.cpp - Parsed files kept across runs ---------------------===//
#include "analyzer/workspace/ParseCache.h"

#include "llvm/Support/xxhash.h"

namespace rampart::workspace {

ParseCache::Found ParseCache::find(const SourceFile &Source) {
  llvm::StringRef Text = Source.text();
  uint64_t Hash = llvm::xxHash64(Text);
  std::lock_guard<std::mutex> L(Lock);
  auto It = Files.find(Source.path());
  if (It == Files.end())
    return {};
  It->second.LastUse = ++Clock;
  if (It->second.Hash != Hash || It->second.Size != Text.size())
    return {std::nullopt, It->second.File.Doc};
  ++Hits;
  return {It->second.File, nullptr};
}

void ParseCache::store(const LoadedFile &File) {
  // The text is hashed as it was read: a file mapped from disk may change
  // under its mapping, its document would not.
  if (!File.Source)
    return;
  llvm::StringRef Text = File.Source->text();
  Entry E{llvm::xxHash64(Text), Text.size(), 0, File};
  std::lock_guard<std::mutex> L(Lock);
  E.LastUse = ++Clock;
  Files.insert_or_assign(File.Path, std::move(E));
  if (Files.size() > MaxFiles)
    evictOldest();
}

void ParseCache::evictOldest() {
  auto Oldest = Files.begin();
  for (auto It = Files.begin(); It != Files.end(); ++It)
    if (It->second.LastUse < Oldest->second.LastUse)
      Oldest = It;
  Files.erase(Oldest);
}

size_t ParseCache::size() const {
  std::lock_guard<std::mutex> L(Lock);
  return Files.size();
}

size_t ParseCache::hits() const {
  std::lock_guard<std::mutex> L(Lock);
  return Hits;
}

} // namespace rampart::workspace
