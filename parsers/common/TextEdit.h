//===- TextEdit.h - Edits on a file's original text ------------*- C++ -*-===//
//
// A fix is a set of text edits on the file as the user wrote it: each
// replaces a byte range of the original text, so everything outside the
// ranges (formatting, comments, quoting, order) stays as it was. Editors
// per dialect produce them; `rampart fix`, SARIF and the language server
// consume them.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_COMMON_TEXTEDIT_H
#define RAMPART_PARSERS_COMMON_TEXTEDIT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace rampart {

/// Replace the bytes [Begin, End) of the original text with NewText. An
/// insertion has Begin == End.
struct TextEdit {
  uint32_t Begin = 0;
  uint32_t End = 0;
  std::string NewText;

  friend bool operator==(const TextEdit &, const TextEdit &) = default;
};

struct AppliedEdits {
  std::string Text;
  /// Edits left out because they overlap one applied before them (in the
  /// order given): the first wins, deterministically.
  std::vector<TextEdit> Rejected;
};

/// Applies Edits to Original. Insertions at one offset keep their given
/// order and come before a replacement starting there; an edit overlapping
/// an earlier one, or out of the text's bounds, is rejected.
AppliedEdits applyEdits(llvm::StringRef Original,
                        llvm::ArrayRef<TextEdit> Edits);

/// The one edit that turns Before into After: the span between their
/// common prefix and suffix (what several edits made one after another
/// amount to).
TextEdit spanEdit(llvm::StringRef Before, llvm::StringRef After);

/// An edit an editor cannot make (the path meets a value of the wrong
/// kind): its message says why.
llvm::Error editError(const llvm::Twine &Message);

} // namespace rampart

#endif
