//===- Console.cpp - `rampart scan` and `rampart score` as text -----------===//
#include "analyzer/report/Console.h"

#include "analyzer/report/Findings.h"
#include "analyzer/report/Text.h"

#include "llvm/Support/Format.h"

namespace rampart::report {

namespace {

const char *plural(size_t N) { return N == 1 ? "" : "s"; }

void printDiagnostics(llvm::raw_ostream &OS, const Report &R) {
  for (const ReportDiagnostic &D : R.Diagnostics) {
    if (D.Source) {
      printDiagnostic(OS, *D.Source, D.D);
      continue;
    }
    OS << D.File;
    if (D.D.Range.Start.Line)
      OS << ':' << D.D.Range.Start.Line << ':' << D.D.Range.Start.Column;
    OS << ": " << severityName(D.D.Level) << ": " << D.D.Message << '\n';
  }
}

void printSummaryLine(llvm::raw_ostream &OS, const Report &R) {
  const Summary &T = R.Totals;
  OS << "rampart: " << T.Files << " template file" << plural(T.Files);
  const char *Sep = " (";
  for (const auto &[Name, Count] : T.ByDialect) {
    OS << Sep << Count << ' ' << Name;
    Sep = ", ";
  }
  OS << (T.ByDialect.empty() ? "" : ")") << ", " << T.Resources << " resource"
     << plural(T.Resources) << ", " << R.activeCount() << " finding"
     << plural(R.activeCount());
  if (size_t N = R.suppressedCount())
    OS << ", " << N << " suppressed";
  if (size_t N = R.baselinedCount())
    OS << ", " << N << " in baseline";
  if (!R.Unknown.empty())
    OS << ", " << R.Unknown.size() << " unknown";
  OS << ", " << R.errorCount() << " error" << plural(R.errorCount()) << ", "
     << R.warningCount() << " warning" << plural(R.warningCount()) << '\n';
}

} // namespace

void printReportText(llvm::raw_ostream &OS, const Report &R) {
  for (const posture::Finding &F : R.Findings)
    if (F.active()) {
      printFinding(OS, F.Result, F.Severity);
      if (F.Path)
        printPath(OS, *F.Path);
    }
  for (const check::Result &U : R.Unknown)
    printFinding(OS, U, U.TheCheck->Severity);
  printDiagnostics(OS, R);
  printSummaryLine(OS, R);
  // Nothing assessed, nothing to say: 100 % of nothing is no news.
  if (llvm::any_of(R.Score.Units,
                   [](const posture::UnitScore &U) { return U.weight() > 0; }))
    OS << "secure score: " << formatPercent(R.Score.Percent)
       << " (`rampart score` for the controls)\n";
}

void printScoreText(llvm::raw_ostream &OS, const posture::SecureScore &S,
                    size_t TopRecommendations) {
  OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << "Secure score: " << formatPercent(S.Percent) << '\n';
  OS.resetColor();
  OS << '\n'
     << llvm::format("%-42s %14s %8s %10s\n", +"Security control",
                     +"Current / max", +"Healthy", +"Unhealthy");
  for (const posture::ControlScore &C : S.Controls)
    OS << llvm::format("%-42s %6s / %5s %8u %10u\n", C.Control.c_str(),
                       formatPoints(C.current()).c_str(),
                       formatPoints(C.MaxPoints).c_str(), C.Healthy,
                       C.Unhealthy);
  if (S.Controls.empty())
    OS << "(no resource was assessed)\n";
  if (S.Units.size() > 1) {
    OS << "\nUnits:\n";
    for (const posture::UnitScore &U : S.Units)
      OS << llvm::format("  %5s  ", formatPercent(U.percent()).c_str())
         << U.Unit << " (" << U.weight() << " assessed)\n";
  }
  size_t Shown = std::min(TopRecommendations, S.Recommendations.size());
  if (!Shown)
    return;
  OS << "\nTop recommendations (by potential score increase):\n";
  for (size_t I = 0; I < Shown; ++I) {
    const posture::Recommendation &R = S.Recommendations[I];
    OS << llvm::format("  +%-4s ", formatPercent(R.Gain).c_str()) << '['
       << R.Check->Id << "] " << R.Check->Title << " (" << R.UnhealthyResources
       << " resource" << plural(R.UnhealthyResources) << ")\n";
  }
}

} // namespace rampart::report
