//===- Report.h - What a scan reports, for every output format -*- C++ -*-===//
//
// One model for all reporters (text, json, sarif, junit, github,
// markdown): the findings with their posture, the unknown results, every
// diagnostic with its file, the secure score and a summary. Reporters only
// format it; nothing here is computed by them.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_REPORT_H
#define RAMPART_ANALYZER_REPORT_REPORT_H

#include "analyzer/posture/Finding.h"
#include "analyzer/posture/Score.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <vector>

namespace rampart::report {

/// A parse, evaluation, policy, config or suppression diagnostic. Source is
/// set when the file's text is at hand (for snippets); a read error has no
/// range (line 0).
struct ReportDiagnostic {
  std::string File;
  Diagnostic D;
  const SourceFile *Source = nullptr;
};

struct Summary {
  unsigned Files = 0;                        ///< Template files read
  std::map<std::string, unsigned> ByDialect; ///< "bicep" -> 3
  size_t Resources = 0;
  size_t Units = 0;
};

struct Report {
  /// The checks that ran, by id (SARIF's rules, JUnit's test cases).
  std::vector<const check::Check *> Checks;
  /// Unhealthy results at or above the reported severity, in scan order,
  /// including suppressed and baselined ones (formats that keep them mark
  /// them; the others leave them out).
  std::vector<posture::Finding> Findings;
  /// Unknown results, reported only with --strict.
  std::vector<check::Result> Unknown;
  std::vector<ReportDiagnostic> Diagnostics;
  posture::SecureScore Score;
  Summary Totals;
  /// A --baseline was given: findings not in it are new (SARIF's
  /// baselineState), not merely findings.
  bool BaselineGiven = false;

  /// Findings that are neither suppressed nor baselined.
  size_t activeCount() const;
  size_t suppressedCount() const;
  size_t baselinedCount() const;
  unsigned errorCount() const;
  unsigned warningCount() const;
};

/// A finding's level where only error, warning and note exist (SARIF,
/// GitHub annotations, editors): high and critical are errors, medium
/// warnings, low notes.
Severity severityOf(check::Level L);

/// Percentages shown whole, control points with two decimals, as Defender
/// shows them.
std::string formatPercent(double P);
std::string formatPoints(double P);

} // namespace rampart::report

#endif
