//===- Paths.h - Path checks shared by the evaluators ----------*- C++ -*-===//
//
// Module sources, nested templates and read files must stay under the
// scanned directory; these are the path operations that decide it.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_PATHS_H
#define RAMPART_ANALYZER_EVAL_PATHS_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace rampart::eval {

/// Path with `.` and `..` steps removed (lexically; links are not read).
std::string normalizePath(llvm::StringRef Path);

/// Whether Path (made absolute) is Root or under it.
bool isUnder(llvm::StringRef Path, llvm::StringRef Root);

} // namespace rampart::eval

#endif
