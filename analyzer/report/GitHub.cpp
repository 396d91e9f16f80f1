//===- GitHub.cpp - `rampart scan --format github` ------------------------===//
#include "analyzer/report/GitHub.h"

#include "analyzer/report/Findings.h"

#include <utility>
#include <vector>

namespace rampart::report {

namespace {

/// GitHub's workflow commands call a note a notice.
llvm::StringRef commandFor(Severity S) {
  return S == Severity::Note ? "notice" : severityName(S);
}

llvm::StringRef commandFor(check::Level L) { return commandFor(severityOf(L)); }

using Properties = std::vector<std::pair<llvm::StringRef, std::string>>;

/// file, line, col, endLine and endColumn; a range-less diagnostic (an
/// unreadable file) names the file alone. Columns are bytes, as in the
/// text output: the runner does not say how it counts them.
Properties positionOf(llvm::StringRef File, const SourceRange &Range) {
  Properties P = {{"file", File.str()}};
  if (Range.Start.Line == 0)
    return P;
  P.push_back({"line", std::to_string(Range.Start.Line)});
  P.push_back({"col", std::to_string(Range.Start.Column)});
  P.push_back({"endLine", std::to_string(Range.End.Line)});
  P.push_back({"endColumn", std::to_string(Range.End.Column)});
  return P;
}

void writeCommand(llvm::raw_ostream &OS, llvm::StringRef Command,
                  const Properties &P, llvm::StringRef Message) {
  OS << "::" << Command;
  const char *Sep = " ";
  for (const auto &[Name, Value] : P) {
    OS << Sep << Name << '=' << escapeGitHubProperty(Value);
    Sep = ",";
  }
  OS << "::" << escapeGitHubData(Message) << '\n';
}

void writeFinding(llvm::raw_ostream &OS, const posture::Finding &F) {
  const check::Result &Res = F.Result;
  Properties P = positionOf(Res.File, Res.Range);
  P.push_back({"title", Res.TheCheck->Id + " " + Res.TheCheck->Title});
  // An attack path lists its hops in the annotation's body.
  writeCommand(OS, commandFor(F.Severity), P,
               F.Path ? Res.Message + "\n" + pathLines(*F.Path) : Res.Message);
}

} // namespace

std::string escapeGitHubData(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '%')
      Out += "%25";
    else if (C == '\r')
      Out += "%0D";
    else if (C == '\n')
      Out += "%0A";
    else
      Out += C;
  }
  return Out;
}

std::string escapeGitHubProperty(llvm::StringRef Text) {
  std::string Out;
  for (char C : escapeGitHubData(Text)) {
    if (C == ':')
      Out += "%3A";
    else if (C == ',')
      Out += "%2C";
    else
      Out += C;
  }
  return Out;
}

void writeGitHub(const Report &R, llvm::raw_ostream &OS) {
  for (const posture::Finding &F : R.Findings)
    if (F.active())
      writeFinding(OS, F);
  for (const ReportDiagnostic &D : R.Diagnostics)
    if (D.D.Level == Severity::Error)
      writeCommand(OS, "error", positionOf(D.File, D.D.Range), D.D.Message);
  writeCommand(OS, "notice", {},
               "Secure score " + formatPercent(R.Score.Percent) + ": " +
                   std::to_string(R.activeCount()) + " new finding" +
                   (R.activeCount() == 1 ? "" : "s") + ", " +
                   std::to_string(R.suppressedCount()) + " suppressed, " +
                   std::to_string(R.baselinedCount()) + " baselined");
}

} // namespace rampart::report
