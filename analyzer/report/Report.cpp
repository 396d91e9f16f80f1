//===- Report.cpp - What a scan reports -----------------------------------===//
#include "analyzer/report/Report.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"

#include <cmath>

namespace rampart::report {

size_t Report::activeCount() const {
  return llvm::count_if(Findings,
                        [](const posture::Finding &F) { return F.active(); });
}

size_t Report::suppressedCount() const {
  return llvm::count_if(
      Findings, [](const posture::Finding &F) { return F.suppressed(); });
}

size_t Report::baselinedCount() const {
  return llvm::count_if(Findings, [](const posture::Finding &F) {
    return !F.suppressed() && F.Baselined;
  });
}

unsigned Report::errorCount() const {
  return llvm::count_if(Diagnostics, [](const ReportDiagnostic &D) {
    return D.D.Level == Severity::Error;
  });
}

unsigned Report::warningCount() const {
  return llvm::count_if(Diagnostics, [](const ReportDiagnostic &D) {
    return D.D.Level == Severity::Warning;
  });
}

Severity severityOf(check::Level L) {
  switch (L) {
  case check::Level::Critical:
  case check::Level::High:
    return Severity::Error;
  case check::Level::Medium:
    return Severity::Warning;
  case check::Level::Low:
    return Severity::Note;
  }
  return Severity::Warning;
}

std::string formatPercent(double P) {
  return std::to_string(static_cast<long>(std::lround(P))) + "%";
}

std::string formatPoints(double P) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::format("%.2f", P);
  return OS.str();
}

} // namespace rampart::report
