//===- TextLayout.h - How a file lays out its text -------------*- C++ -*-===//
#ifndef RAMPART_PARSERS_COMMON_TEXTLAYOUT_H
#define RAMPART_PARSERS_COMMON_TEXTLAYOUT_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace rampart {

/// How a file is laid out around an edit: its line ending, its unit of
/// indentation, and where lines start and end. Editors of every dialect
/// read it so that what they insert looks like what is there.
class TextLayout {
public:
  explicit TextLayout(llvm::StringRef Text) : Text(Text) {
    // The first line break tells: a search of the whole text for "\r\n"
    // would read every byte of an LF file, once per edit.
    size_t Break = Text.find('\n');
    Newline =
        Break != llvm::StringRef::npos && Break > 0 && Text[Break - 1] == '\r'
            ? "\r\n"
            : "\n";
    Unit = indentUnit();
  }

  llvm::StringRef newline() const { return Newline; }

  uint32_t lineStart(uint32_t Offset) const {
    // StringRef::rfind looks strictly before its position, so the line
    // break that ends the line above is found even when Offset starts a
    // line.
    size_t At = Text.rfind('\n', Offset);
    return At == llvm::StringRef::npos ? 0 : At + 1;
  }

  /// Where the line holding Offset ends (before its terminator).
  uint32_t lineEnd(uint32_t Offset) const {
    size_t At = Text.find_first_of("\r\n", Offset);
    return At == llvm::StringRef::npos ? Text.size() : At;
  }

  /// Where the line after the one holding Offset starts.
  uint32_t nextLineStart(uint32_t Offset) const {
    size_t At = Text.find('\n', Offset);
    return At == llvm::StringRef::npos ? Text.size() : At + 1;
  }

  /// The whitespace that starts the line holding Offset.
  std::string indentOf(uint32_t Offset) const {
    uint32_t Start = lineStart(Offset);
    size_t End = Text.find_first_not_of(" \t", Start);
    return Text.slice(Start, End == llvm::StringRef::npos ? Text.size() : End)
        .str();
  }

  /// Whether Offset is the first non-blank character of its line.
  bool startsLine(uint32_t Offset) const {
    return Text.slice(lineStart(Offset), Offset).trim(" \t").empty();
  }

  /// The offset after the spaces and tabs from Offset.
  uint32_t skipBlanks(uint32_t Offset) const {
    size_t At = Text.find_first_not_of(" \t", Offset);
    return At == llvm::StringRef::npos ? Text.size() : At;
  }

  char at(uint32_t Offset) const {
    return Offset < Text.size() ? Text[Offset] : '\0';
  }

  const std::string &unit() const { return Unit; }

  llvm::StringRef text() const { return Text; }

private:
  /// The indentation of the first indented line: one level.
  std::string indentUnit() const {
    for (size_t At = Text.find('\n'); At != llvm::StringRef::npos;
         At = Text.find('\n', At + 1)) {
      llvm::StringRef Line = Text.substr(At + 1);
      size_t End = Line.find_first_not_of(" \t");
      if (End != 0 && End != llvm::StringRef::npos && Line[End] != '\r' &&
          Line[End] != '\n')
        return Line.substr(0, End).str();
    }
    return "  ";
  }

  llvm::StringRef Text;
  llvm::StringRef Newline;
  std::string Unit;
};

} // namespace rampart

#endif
