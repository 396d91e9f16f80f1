//===- Apply.h - Choosing, combining and writing fixes ---------*- C++ -*-===//
//
// What `rampart fix` does with the findings' planned fixes: keep those its
// flags allow (safe; unsafe with --unsafe-fixes; suggested never), combine
// their edits per file, and leave out a fix whose edits collide with an
// earlier one's, whole, so a file never gets half a fix. The first fix in
// finding order wins; the rest are reported, and the next round (after a
// re-scan) can take them. Writing is atomic: a temporary file beside the
// original, renamed over it.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_FIX_APPLY_H
#define RAMPART_ANALYZER_FIX_APPLY_H

#include "analyzer/posture/Finding.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace rampart::fix {

/// One file's new text and the findings whose fixes made it.
struct FixedFile {
  const SourceFile *File = nullptr;
  std::string Text;
  std::vector<const posture::Finding *> Fixed;
};

struct FixSelection {
  std::vector<FixedFile> Files;
  /// Fixes left out because an earlier fix edits the same text.
  std::vector<const posture::Finding *> Conflicting;
  /// Active findings whose fix is unsafe (not chosen) or suggested.
  std::vector<const posture::Finding *> Unsafe, Suggested;
};

/// The fixes of the active findings up to Most (Safe: safe ones; Unsafe:
/// also unsafe ones; Suggested: all, as the fixture harness applies them),
/// combined per file. Files whose text would not change are left out.
FixSelection selectFixes(llvm::ArrayRef<posture::Finding> Findings,
                         check::Applicability Most);

/// A unified diff (`diff -u` style, 3 lines of context) from Before to
/// After, with Path in the headers; empty when they are equal.
std::string unifiedDiff(llvm::StringRef Path, llvm::StringRef Before,
                        llvm::StringRef After);

/// Replaces the file's contents with Text atomically, keeping its byte
/// order mark and permissions.
llvm::Error writeFixed(const SourceFile &File, llvm::StringRef Text);

} // namespace rampart::fix

#endif
