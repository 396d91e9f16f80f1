//===- Markdown.cpp - `rampart scan --format markdown` --------------------===//
#include "analyzer/report/Markdown.h"

#include "analyzer/exposure/AttackPaths.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace rampart::report {

namespace {

std::string plural(size_t N, llvm::StringRef Word) {
  return std::to_string(N) + " " + Word.str() + (N == 1 ? "" : "s");
}

std::string capitalized(llvm::StringRef Word) {
  std::string Out = Word.str();
  if (!Out.empty())
    Out[0] = llvm::toUpper(Out[0]);
  return Out;
}

void writeHeading(const Report &R, llvm::raw_ostream &OS) {
  OS << "## Rampart: secure score " << formatPercent(R.Score.Percent)
     << "\n\n**" << plural(R.activeCount(), "new finding") << "**, "
     << R.suppressedCount() << " suppressed, " << R.baselinedCount()
     << " baselined";
  if (unsigned Errors = R.errorCount())
    OS << ", " << plural(Errors, "error");
  double Gain = posture::gainOfFixing(R.Score, R.Findings);
  if (Gain >= 0.5)
    OS << ". Fixing them raises the score by at least " << std::lround(Gain)
       << " points";
  OS << "\n\n";
}

std::string locationOf(const check::Result &Res) {
  return Res.File + ":" + std::to_string(Res.Range.Start.Line);
}

void writeTable(const std::vector<const posture::Finding *> &Rows,
                llvm::raw_ostream &OS) {
  OS << "| Check | Resource | Location | Message |\n"
     << "| --- | --- | --- | --- |\n";
  for (const posture::Finding *F : Rows) {
    const check::Result &Res = F->Result;
    OS << "| " << escapeMarkdownCell(Res.TheCheck->Id) << " | "
       << escapeMarkdownCell(Res.Resource ? Res.Resource->Id : "") << " | "
       << escapeMarkdownCell(locationOf(Res)) << " | "
       << escapeMarkdownCell(F->Path ? Res.Message + " (" +
                                           exposure::chainText(*F->Path) + ")"
                                     : Res.Message)
       << " |\n";
  }
  OS << '\n';
}

void writeGroup(check::Level L,
                const std::vector<const posture::Finding *> &Rows,
                llvm::raw_ostream &OS) {
  std::string Title = capitalized(check::levelName(L)) + " (" +
                      std::to_string(Rows.size()) + ")";
  if (Rows.size() > MarkdownFoldRows) {
    OS << "<details><summary>" << Title << "</summary>\n\n";
    writeTable(Rows, OS);
    OS << "</details>\n\n";
    return;
  }
  OS << "### " << Title << "\n\n";
  writeTable(Rows, OS);
}

void writeFindings(const Report &R, llvm::raw_ostream &OS) {
  if (R.activeCount() == 0) {
    OS << "No new findings.\n\n";
    return;
  }
  constexpr std::array<check::Level, 4> Order = {
      check::Level::Critical, check::Level::High, check::Level::Medium,
      check::Level::Low};
  for (check::Level L : Order) {
    std::vector<const posture::Finding *> Rows;
    for (const posture::Finding &F : R.Findings)
      if (F.active() && F.Severity == L)
        Rows.push_back(&F);
    if (!Rows.empty())
      writeGroup(L, Rows, OS);
  }
}

void writeControls(const posture::SecureScore &S, llvm::raw_ostream &OS) {
  if (S.Controls.empty())
    return;
  OS << "<details><summary>Score per control</summary>\n\n"
     << "| Control | Points | Healthy | Unhealthy |\n"
     << "| --- | --- | --- | --- |\n";
  for (const posture::ControlScore &C : S.Controls)
    OS << "| " << escapeMarkdownCell(C.Control) << " | "
       << formatPoints(C.current()) << " / " << formatPoints(C.MaxPoints)
       << " | " << C.Healthy << " | " << C.Unhealthy << " |\n";
  OS << "\n</details>\n\n";
}

void writeRecommendations(const posture::SecureScore &S,
                          llvm::raw_ostream &OS) {
  // A check whose fix alone raises nothing (another failing check of the
  // same control keeps the resources unhealthy) is no recommendation.
  std::vector<const posture::Recommendation *> Raising;
  for (const posture::Recommendation &Rec : S.Recommendations)
    if (Rec.Gain > 0 && Raising.size() < MarkdownRecommendations)
      Raising.push_back(&Rec);
  if (Raising.empty())
    return;
  OS << "<details><summary>Top recommendations</summary>\n\n"
     << "| Check | Title | Unhealthy resources | Score gain |\n"
     << "| --- | --- | --- | --- |\n";
  for (const posture::Recommendation *R : Raising) {
    const posture::Recommendation &Rec = *R;
    OS << "| " << escapeMarkdownCell(Rec.Check->Id) << " | "
       << escapeMarkdownCell(Rec.Check->Title) << " | "
       << Rec.UnhealthyResources << " | +" << formatPoints(Rec.Gain) << "% |\n";
  }
  OS << "\n</details>\n";
}

} // namespace

std::string escapeMarkdownCell(llvm::StringRef Text) {
  std::string Out;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '|')
      Out += "\\|";
    else if (C == '<')
      Out += "&lt;";
    else if (C == '>')
      Out += "&gt;";
    else if (C == '\r' && I + 1 < Text.size() && Text[I + 1] == '\n')
      continue; // CRLF is one break.
    else if (C == '\n' || C == '\r')
      Out += "<br>";
    else
      Out += C;
  }
  return Out;
}

void writeMarkdown(const Report &R, llvm::raw_ostream &OS) {
  writeHeading(R, OS);
  writeFindings(R, OS);
  writeControls(R.Score, OS);
  writeRecommendations(R.Score, OS);
}

} // namespace rampart::report
