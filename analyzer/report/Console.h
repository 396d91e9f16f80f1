//===- Console.h - `rampart scan` and `rampart score` as text --*- C++ -*-===//
//
// For people at a terminal: findings with snippets, then diagnostics, a
// summary line and the secure score. Colors come from the stream (on only
// for a terminal without NO_COLOR).
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_CONSOLE_H
#define RAMPART_ANALYZER_REPORT_CONSOLE_H

#include "analyzer/report/Report.h"

namespace rampart::report {

void printReportText(llvm::raw_ostream &OS, const Report &R);

/// `rampart score`: the overall score, one row per control (current / max,
/// healthy, unhealthy), the units, and the top recommendations.
void printScoreText(llvm::raw_ostream &OS, const posture::SecureScore &S,
                    size_t TopRecommendations = 10);

} // namespace rampart::report

#endif
