//===- Findings.h - Check results for terminals and JSON -------*- C++ -*-===//
#ifndef RAMPART_ANALYZER_REPORT_FINDINGS_H
#define RAMPART_ANALYZER_REPORT_FINDINGS_H

#include "analyzer/check/Engine.h"

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

} // namespace rampart::report

#endif
