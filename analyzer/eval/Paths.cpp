//===- Paths.cpp - Path checks shared by the evaluators -------------------===//
#include "analyzer/eval/Paths.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace rampart::eval {

std::string normalizePath(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

bool isUnder(llvm::StringRef Path, llvm::StringRef Root) {
  llvm::SmallString<256> P(Path), R(Root);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::fs::make_absolute(R);
  std::string A = normalizePath(P), B = normalizePath(R);
  return A == B || llvm::StringRef(A).startswith(B + "/");
}

} // namespace rampart::eval
