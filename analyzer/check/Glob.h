//===- Glob.h - IAM and Azure operation patterns ---------------*- C++ -*-===//
#ifndef RAMPART_ANALYZER_CHECK_GLOB_H
#define RAMPART_ANALYZER_CHECK_GLOB_H

#include "llvm/ADT/StringRef.h"

namespace rampart::check {

/// Glob with * (any run, '/' and ':' included) and ? (one character),
/// ignoring case: IAM action and Azure operation patterns. No escapes and
/// no character classes, so not llvm::GlobPattern, which has both and
/// minds case. Iterative with one backtrack point: O(pattern x text) even
/// for a hostile `****...`.
bool globMatch(llvm::StringRef Pattern, llvm::StringRef Text);

} // namespace rampart::check

#endif
