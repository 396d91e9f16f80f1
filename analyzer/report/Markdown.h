//===- Markdown.h - `rampart scan --format markdown` -----------*- C++ -*-===//
//
// A pull-request comment (GitHub, GitLab and Azure DevOps render the same
// Markdown and the <details> element): the secure score and counts as a
// heading, the new findings grouped by severity, critical first, and the
// score per control and the top recommendations folded away.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_MARKDOWN_H
#define RAMPART_ANALYZER_REPORT_MARKDOWN_H

#include "analyzer/report/Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace rampart::report {

void writeMarkdown(const Report &R, llvm::raw_ostream &OS);

/// Text for one table cell: `|` would end the cell and a line break the
/// row, so they become `\|` and `<br>`; `<` and `>` become entities so
/// template text cannot open HTML elements in the comment.
std::string escapeMarkdownCell(llvm::StringRef Text);

/// A severity group with more rows than this is folded in <details>.
constexpr size_t MarkdownFoldRows = 10;
/// How many recommendations the comment lists.
constexpr size_t MarkdownRecommendations = 5;

} // namespace rampart::report

#endif
