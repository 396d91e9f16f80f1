//===- CheckDocs.h - Check metadata as docs and JSON -----------*- C++ -*-===//
//
// `rampart checks list`, `rampart checks explain ID` and the committed
// checks/docs/*.md all come from here, from the checks' own metadata, so
// they cannot disagree. tests/unit/checks/DocsTest.cpp fails when the
// committed docs are stale; `rampart checks docs checks/docs` rewrites them.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_CHECKDOCS_H
#define RAMPART_ANALYZER_REPORT_CHECKDOCS_H

#include "analyzer/check/Check.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace rampart::report {

/// One check's page: title, metadata, the risk, bindings, remediation.
std::string checkMarkdown(const check::Check &C);
/// The index of every check, one table row each.
std::string checksIndexMarkdown(const std::vector<const check::Check *> &All);
/// One element of `rampart checks list --format json`.
nlohmann::ordered_json checkToJson(const check::Check &C);
/// One line of `rampart checks list`.
std::string checkLine(const check::Check &C);
/// Where a built-in check's page is published (SARIF helpUri, the language
/// server's codeDescription); empty for a user check, whose docs are its
/// policy file.
std::string checkHelpUri(const check::Check &C);

} // namespace rampart::report

#endif
