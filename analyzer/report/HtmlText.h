//===- HtmlText.h - Text made safe for HTML, SVG and XML -------*- C++ -*-===//
//
// Everything the map and the report print comes from templates, which are
// hostile input: names may hold markup, quotes, control characters or bytes
// that are not UTF-8. These turn any text into characters that are valid in
// XML 1.0 and inert in HTML, in element content and in quoted attributes.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_HTMLTEXT_H
#define RAMPART_ANALYZER_REPORT_HTMLTEXT_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace rampart::report {

/// Text as valid UTF-8 without the control characters XML 1.0 forbids:
/// each invalid byte and each such character becomes U+FFFD; tab, line feed
/// and carriage return stay.
std::string sanitizeText(llvm::StringRef Text);

/// sanitizeText, then & < > " ' as character references: safe in HTML and
/// XML element content and in double- or single-quoted attribute values.
std::string escapeMarkup(llvm::StringRef Text);

/// At most Max characters (not bytes) of sanitized Text, the last one an
/// ellipsis when it was cut.
std::string truncateText(llvm::StringRef Text, size_t Max);

} // namespace rampart::report

#endif
