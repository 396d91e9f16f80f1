//===- SourceFile.h - A file's bytes and line table ------------*- C++ -*-===//
//
// The SourceFile owns the bytes; documents, values and findings hold ranges
// into it, so it outlives everything derived from it. A UTF-8 byte order mark
// is not part of text(): offsets and columns start after it, as editors show.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_COMMON_SOURCEFILE_H
#define RAMPART_PARSERS_COMMON_SOURCEFILE_H

#include "parsers/common/SourceRange.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rampart {

class SourceFile {
public:
  /// Files above this size are refused: offsets are 32-bit, and no real
  /// template comes near it.
  static constexpr uint64_t MaxBytes = 1u << 30;

  /// Reads (or maps, when large) the file at Path.
  static llvm::Expected<std::unique_ptr<SourceFile>> open(llvm::StringRef Path);
  /// A file held in memory: tests, stdin, and editor buffers in the LSP.
  static std::unique_ptr<SourceFile> fromText(llvm::StringRef Path,
                                              llvm::StringRef Text);

  llvm::StringRef path() const { return Path; }
  llvm::StringRef text() const { return Text; }
  bool hasByteOrderMark() const { return HasBom; }

  uint32_t lineCount() const { return LineStarts.size(); }
  /// The text of a 1-based line, without its line terminator.
  llvm::StringRef lineText(uint32_t Line) const;

  SourcePosition position(uint32_t Offset) const;
  SourceRange range(uint32_t Begin, uint32_t End) const {
    return {position(Begin), position(End)};
  }
  /// The offset of a 1-based line and 1-based byte column, clamped to the line.
  uint32_t offset(uint32_t Line, uint32_t Column) const;

  /// The 0-based UTF-16 column of a position, as the LSP counts by default.
  uint32_t utf16Column(const SourcePosition &Pos) const;
  /// The offset of a 0-based line and 0-based UTF-16 column (LSP positions).
  uint32_t offsetFromUtf16(uint32_t Line0, uint32_t Utf16Column) const;

  /// The offset of the first byte that is not valid UTF-8, if any.
  std::optional<uint32_t> firstInvalidUtf8() const;
  /// The offset of the first NUL byte, if any: a sign of a binary file.
  std::optional<uint32_t> firstNulByte() const;

private:
  SourceFile(std::string Path, std::unique_ptr<llvm::MemoryBuffer> Buffer);

  std::string Path;
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  llvm::StringRef Text;
  bool HasBom = false;
  std::vector<uint32_t> LineStarts; ///< Offset of each line's first byte.
};

} // namespace rampart

#endif
