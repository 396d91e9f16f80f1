//===- ScannedReport.h - A real scan's Report, for tests --------*- C++ -*-===//
//-*-===//
//
// The reporters format a Report; these tests give them one made the way the
// CLI makes it: a template evaluated into a unit, the built-in checks run
// over it, the score computed. Posture (suppressions, baseline, severity
// overrides) is then set by each test on the findings it names.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_TESTS_UNIT_ANALYZER_REPORT_SCANNEDREPORT_H
#define RAMPART_TESTS_UNIT_ANALYZER_REPORT_SCANNEDREPORT_H

#include "analyzer/report/Report.h"
#include "tests/support/EvaluateFile.h"

#include "llvm/ADT/StringRef.h"

#include <memory>
#include <vector>

namespace rampart::testing {

struct ScannedReport {
  std::unique_ptr<EvaluatedFile> Evaluated;
  std::vector<check::Result> Results;
  std::vector<std::unique_ptr<posture::Suppression>> Suppressions;
  report::Report Report;

  /// The finding of check Id (the first, when several); fails the test when
  /// there is none.
  posture::Finding &finding(llvm::StringRef Id);
  /// Suppresses F with a suppression of the given form and reason.
  void suppress(posture::Finding &F, posture::Suppression::Form Form,
                llvm::StringRef Reason);
};

/// Evaluates Text as File and reports it with the built-in checks.
std::unique_ptr<ScannedReport> scanReport(llvm::StringRef File,
                                          llvm::StringRef Text);

/// A storage account failing AZ-STORAGE-001 (high), -002 (low), -003 and
/// others (medium). Line 7 has "é" (2 bytes, 1 UTF-16 unit) and "😀" (4
/// bytes, 2 units) before the value `false`.
extern const char *const StorageBicep;

} // namespace rampart::testing

#endif
