//===- HclText.h - Literal text of HCL templates ---------------*- C++ -*-===//
//
// The string rules of HCL native syntax, kept apart from the tree walk: escape
// decoding, strip markers, and the indentation that `<<-` heredocs remove.
// Internal to the Terraform parser.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_TERRAFORM_HCLTEXT_H
#define RAMPART_PARSERS_TERRAFORM_HCLTEXT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace rampart::parsers::hcl {

/// Decodes the literal text of a quoted template: backslash escapes, then
/// `$${` and `%%{`. An escape the scanner would not have accepted is kept as
/// written.
std::string decodeQuoted(llvm::StringRef Raw);

/// Decodes heredoc literal text: only `$${` and `%%{`; backslashes are text.
std::string decodeHeredoc(llvm::StringRef Raw);

/// HCL's whitespace for strip markers and heredoc indentation (ASCII part of
/// Go's unicode.IsSpace).
bool isSpace(char C);

/// One piece of a template in source order, seen by the `<<-` rule: a
/// literal run or an interpolation / directive tag.
struct TemplatePiece {
  uint32_t Begin = 0, End = 0;
  bool Literal = false;
};

/// Where the `<<-` rule cuts indentation: the offsets of the line starts to
/// trim, and how many whitespace characters to remove at each.
struct HeredocIndent {
  std::vector<uint32_t> LineStarts; ///< Sorted.
  size_t Width = 0;
};

/// Applies Terraform's rule for `<<-`: the smallest count of leading
/// whitespace characters over the lines that start with literal text and are
/// not blank; a line that starts with an interpolation counts as zero.
/// Source is the whole file; Pieces are offsets into it.
HeredocIndent flushIndent(llvm::StringRef Source,
                          llvm::ArrayRef<TemplatePiece> Pieces);

/// Raw text [Begin, End) of Source without the indentation Indent removes.
std::string removeIndent(llvm::StringRef Source, uint32_t Begin, uint32_t End,
                         const HeredocIndent &Indent);

/// Trims HCL whitespace from the front and/or back of Text.
void trimSpace(std::string &Text, bool Front, bool Back);

} // namespace rampart::parsers::hcl

#endif
