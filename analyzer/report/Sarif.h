//===- Sarif.h - `rampart scan --format sarif` -----------------*- C++ -*-===//
//
// SARIF 2.1.0 for GitHub code scanning, Azure DevOps and IDE viewers: one
// run whose rules are the checks that ran and whose results are every
// finding, suppressed and baselined ones included and marked as such, so a
// viewer can show what was accepted and why. Diagnostics (parse errors,
// warnings) are tool execution notifications; the secure score is a run
// property. tests/sarif/ validates the output against the published schema.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_SARIF_H
#define RAMPART_ANALYZER_REPORT_SARIF_H

#include "analyzer/report/Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <string>

namespace rampart::report {

nlohmann::ordered_json sarifLog(const Report &R);
void writeSarif(const Report &R, llvm::raw_ostream &OS);

/// A file path as a SARIF artifact URI: forward slashes, "./" dropped, and
/// every byte outside RFC 3986's unreserved set and "/" percent-encoded; an
/// absolute path becomes a file: URI.
std::string artifactUri(llvm::StringRef Path);

/// GitHub code scanning ranks security results by this property of their
/// rule: "9.0" critical, "7.0" high, "5.0" medium, "3.0" low.
llvm::StringRef securitySeverity(check::Level L);

} // namespace rampart::report

#endif
