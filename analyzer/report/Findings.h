//===- Findings.h - Check results for terminals and JSON -------*- C++ -*-===//
#ifndef RAMPART_ANALYZER_REPORT_FINDINGS_H
#define RAMPART_ANALYZER_REPORT_FINDINGS_H

#include "analyzer/check/Engine.h"
#include "analyzer/exposure/AttackPaths.h"

#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

namespace rampart::report {

/// `file:line:col: <severity>: [ID] message`, the snippet with the range
/// underlined, and the remediation as a hint. Severity is the effective
/// one (config may override the check's).
void printFinding(llvm::raw_ostream &OS, const check::Result &R,
                  check::Level Severity);

/// One element of `findings` (or `unknown`) in `rampart scan --format json`.
nlohmann::ordered_json findingToJson(const check::Result &R);

/// An attack path's hops under its finding: pathLines, indented.
void printPath(llvm::raw_ostream &OS, const exposure::AttackPath &P);

/// The same as text lines (for JUnit failures and GitHub annotations):
/// "Path:" then one "  -> file:line:col: label" line per hop.
std::string pathLines(const exposure::AttackPath &P);

/// The `path` array of a path finding in JSON: one object per hop,
/// {"resource": id or null, "label", "file" or null, "range" or null}.
nlohmann::ordered_json pathToJson(const exposure::AttackPath &P);

} // namespace rampart::report

#endif
