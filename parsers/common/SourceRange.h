//===- SourceRange.h - Positions in a source file --------------*- C++ -*-===//
//
// A position is a byte offset plus a 1-based line and a 1-based column. Columns
// count bytes, as compilers do; SourceFile converts to UTF-16 for the LSP.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_COMMON_SOURCERANGE_H
#define RAMPART_PARSERS_COMMON_SOURCERANGE_H

#include <cstdint>

namespace rampart {

struct SourcePosition {
  uint32_t Offset = 0; ///< Bytes from the start of the text (after any BOM).
  uint32_t Line = 1;   ///< 1-based.
  uint32_t Column = 1; ///< 1-based, in bytes.

  friend bool operator==(const SourcePosition &,
                         const SourcePosition &) = default;
};

/// A half-open range [Start, End) of a file's text.
struct SourceRange {
  SourcePosition Start;
  SourcePosition End;

  friend bool operator==(const SourceRange &, const SourceRange &) = default;
};

} // namespace rampart

#endif
