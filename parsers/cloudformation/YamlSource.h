//===- YamlSource.h - Token extents in YAML text ---------------*- C++ -*-===//
//
// yaml-cpp reports where a node starts but not where it ends. These scanners
// find the end of each token from the source text, following the rules
// yaml-cpp's own scanner applies, so that every node gets an exact range.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_CLOUDFORMATION_YAMLSOURCE_H
#define RAMPART_PARSERS_CLOUDFORMATION_YAMLSOURCE_H

#include "parsers/common/SourceFile.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace rampart::parsers::yaml {

/// The text yaml-cpp reads (the file's text, or a copy of the same length
/// with forbidden control characters blanked) plus the file's line table.
class YamlSource {
public:
  YamlSource(const SourceFile &File, llvm::StringRef Text)
      : File(File), Text(Text) {}

  uint32_t size() const { return Text.size(); }
  char at(uint32_t P) const { return P < Text.size() ? Text[P] : '\0'; }
  llvm::StringRef slice(uint32_t Begin, uint32_t End) const {
    return Text.slice(Begin, End);
  }
  /// 1-based line of an offset.
  uint32_t line(uint32_t P) const { return File.position(P).Line; }
  /// 0-based byte column of an offset, as yaml-cpp counts indentation.
  int column(uint32_t P) const {
    return static_cast<int>(File.position(P).Column) - 1;
  }

  uint32_t skipBlanks(uint32_t P) const;
  /// Skips blanks, line breaks and comments.
  uint32_t skipSeparation(uint32_t P) const;
  /// The offset just past Indicator when it is the next token after P.
  std::optional<uint32_t> after(uint32_t P, char Indicator) const;

  /// End of the tag (`!Ref`, `!!str`, `!<...>`), anchor (`&a`) or alias
  /// (`*a`) token that starts at P.
  uint32_t propertyEnd(uint32_t P) const;
  /// End of the quoted scalar whose opening quote is at P, or nothing when
  /// the text ends first (yaml-cpp accepts that silently).
  std::optional<uint32_t> quotedEnd(uint32_t P) const;
  /// End of the last content line of the block scalar whose `|` or `>` is at
  /// P; ParentIndent is the column of the enclosing block collection (-1 at
  /// the top level), from which yaml-cpp measures the content's indentation.
  uint32_t blockScalarEnd(uint32_t P, int ParentIndent) const;
  /// End of the plain scalar at P that yaml-cpp read as Value, following the
  /// line folding that turned the source into Value; nothing if the source
  /// does not fold to Value.
  std::optional<uint32_t> plainEnd(uint32_t P, llvm::StringRef Value) const;
  /// The end of a plain scalar's first line, for when plainEnd fails.
  uint32_t plainLineEnd(uint32_t P, bool InFlow) const;
  /// End of a null literal (`~`, `null`, `Null`, `NULL`) at P.
  std::optional<uint32_t> nullLiteralEnd(uint32_t P) const;
  /// Just past the bracket that closes a flow collection whose last child
  /// ends at P (a trailing comma allowed).
  std::optional<uint32_t> flowCloseAfter(uint32_t P, char Close) const;

private:
  bool isBreakAt(uint32_t P) const { return at(P) == '\n' || at(P) == '\r'; }
  /// Whether a `---` or `...` line starts at P.
  bool isDocumentMarker(uint32_t P) const;
  /// The offset after the line break at P (CRLF counts as one).
  uint32_t skipBreak(uint32_t P) const;
  /// The offset of the line break (or the end of text) at or after P.
  uint32_t lineEnd(uint32_t P) const;

  const SourceFile &File;
  llvm::StringRef Text;
};

} // namespace rampart::parsers::yaml

#endif
