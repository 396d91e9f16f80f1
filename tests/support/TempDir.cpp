//===- TempDir.cpp - A scratch directory for tests ------------------------===//
#include "tests/support/TempDir.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

namespace rampart::testing {

TempDir::TempDir() {
  llvm::SmallString<128> P;
  if (llvm::sys::fs::createUniqueDirectory("rampart-test", P))
    std::abort(); // a test machine without a writable temp dir is broken
  Path = P.str().str();
}

TempDir::~TempDir() { llvm::sys::fs::remove_directories(Path); }

std::string TempDir::write(llvm::StringRef Relative,
                           llvm::StringRef Content) const {
  std::string Full = Path + "/" + Relative.str();
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Full));
  std::error_code EC;
  llvm::raw_fd_ostream OS(Full, EC);
  OS << Content;
  return Full;
}

std::string TempDir::mkdir(llvm::StringRef Relative) const {
  std::string Full = Path + "/" + Relative.str();
  llvm::sys::fs::create_directories(Full);
  return Full;
}

} // namespace rampart::testing
