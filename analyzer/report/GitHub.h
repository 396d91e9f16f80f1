//===- GitHub.h - `rampart scan --format github` ---------------*- C++ -*-===//
//
// GitHub Actions workflow commands: each active finding becomes an
// `::error`, `::warning` or `::notice` annotation on its file and range in
// the pull request's diff, error diagnostics become `::error` too, and a
// final `::notice::` gives the secure score. Suppressed and baselined
// findings are left out: annotations are for what needs acting on.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_GITHUB_H
#define RAMPART_ANALYZER_REPORT_GITHUB_H

#include "analyzer/report/Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace rampart::report {

void writeGitHub(const Report &R, llvm::raw_ostream &OS);

/// The escaping of the Actions runner (toolkit's command.ts): a message
/// escapes %, CR and LF; a property value also escapes ':' and ','.
std::string escapeGitHubData(llvm::StringRef Text);
std::string escapeGitHubProperty(llvm::StringRef Text);

} // namespace rampart::report

#endif
