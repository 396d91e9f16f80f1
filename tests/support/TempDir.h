//===- TempDir.h - A scratch directory for tests ---------------*- C++ -*-===//
#ifndef RAMPART_TESTS_SUPPORT_TEMPDIR_H
#define RAMPART_TESTS_SUPPORT_TEMPDIR_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace rampart::testing {

/// A fresh directory under the system temp dir, removed with its contents
/// when the object goes away.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::string &path() const { return Path; }
  /// Writes Content to Relative (creating parent directories); returns the
  /// full path.
  std::string write(llvm::StringRef Relative, llvm::StringRef Content) const;
  std::string mkdir(llvm::StringRef Relative) const;

private:
  std::string Path;
};

} // namespace rampart::testing

#endif
