//===- MarkdownTest.cpp - The pull-request comment ------------------------===//
#include "analyzer/report/Markdown.h"

#include "tests/unit/analyzer/report/ScannedReport.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::testing;

namespace {

std::string markdownOf(const report::Report &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  report::writeMarkdown(R, OS);
  return OS.str();
}

} // namespace

TEST_CASE("Markdown heading gives the score and the counts", "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  S->suppress(S->finding("AZ-STORAGE-002"), posture::Suppression::Form::Comment,
              "x");
  S->finding("AZ-STORAGE-003").Baselined = true;
  std::string Md = markdownOf(S->Report);
  CHECK_THAT(
      Md, Catch::StartsWith("## Rampart: secure score " +
                            report::formatPercent(S->Report.Score.Percent) +
                            "\n\n**" + std::to_string(S->Report.activeCount()) +
                            " new findings**, 1 suppressed, 1 "
                            "baselined\n"));
}

TEST_CASE("Markdown groups new findings by severity, critical first",
          "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  S->finding("AZ-STORAGE-003").Severity = check::Level::Critical;
  S->suppress(S->finding("AZ-STORAGE-002"), posture::Suppression::Form::Comment,
              "x");
  std::string Md = markdownOf(S->Report);
  size_t Critical = Md.find("### Critical (1)");
  size_t High = Md.find("### High (1)");
  size_t Medium = Md.find("### Medium (");
  REQUIRE(Critical != std::string::npos);
  REQUIRE(High != std::string::npos);
  REQUIRE(Medium != std::string::npos);
  CHECK(Critical < High);
  CHECK(High < Medium);
  // The suppressed low finding is not a new one: no Low group.
  CHECK(Md.find("### Low") == std::string::npos);
  CHECK(Md.find("AZ-STORAGE-002 |") == std::string::npos);
  const posture::Finding &F = S->finding("AZ-STORAGE-001");
  CHECK_THAT(Md, Catch::Contains("| AZ-STORAGE-001 | " + F.Result.Resource->Id +
                                 " | " + F.Result.File + ":7 | "));
}

TEST_CASE("Markdown folds a large group into details", "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  posture::Finding Copy = S->finding("AZ-STORAGE-003");
  for (size_t I = 0; I < report::MarkdownFoldRows; ++I)
    S->Report.Findings.push_back(Copy);
  size_t Medium = 0;
  for (const posture::Finding &F : S->Report.Findings)
    Medium += F.Severity == check::Level::Medium;
  std::string Md = markdownOf(S->Report);
  CHECK_THAT(Md, Catch::Contains("<details><summary>Medium (" +
                                 std::to_string(Medium) + ")</summary>"));
  CHECK_THAT(Md, Catch::Contains("### High (1)"));
}

TEST_CASE("Markdown folds the score per control and recommendations",
          "[report]") {
  // With public blob access off, AZ-STORAGE-007 is the account's only
  // failing check of its control: fixing it raises the score, while fixing
  // AZ-STORAGE-005 alone does not (AZ-STORAGE-006 shares its control).
  std::string Text = StorageBicep;
  size_t At = Text.find("allowBlobPublicAccess: true");
  REQUIRE(At != std::string::npos);
  Text.replace(At, 27, "allowBlobPublicAccess: false");
  auto S = scanReport("main.bicep", Text);
  REQUIRE(!S->Report.Score.Controls.empty());
  std::string Md = markdownOf(S->Report);
  const posture::ControlScore &C = S->Report.Score.Controls.front();
  CHECK_THAT(Md, Catch::Contains("<details><summary>Score per control"));
  CHECK_THAT(Md, Catch::Contains("| " + C.Control + " | " +
                                 report::formatPoints(C.current()) + " / " +
                                 report::formatPoints(C.MaxPoints) + " |"));

  const posture::Recommendation *Shared = nullptr, *Network = nullptr;
  for (const posture::Recommendation &R : S->Report.Score.Recommendations) {
    if (R.Check->Id == "AZ-STORAGE-007")
      Shared = &R;
    if (R.Check->Id == "AZ-STORAGE-005")
      Network = &R;
  }
  REQUIRE(Shared);
  REQUIRE(Shared->Gain > 0);
  CHECK_THAT(Md, Catch::Contains("<details><summary>Top recommendations"));
  CHECK_THAT(Md, Catch::Contains("| AZ-STORAGE-007 | " + Shared->Check->Title +
                                 " | 1 | +" +
                                 report::formatPoints(Shared->Gain) + "% |"));
  if (Network)
    CHECK(Network->Gain == 0);
  CHECK(Md.find("| AZ-STORAGE-005 | Storage") == std::string::npos);
}

TEST_CASE("Markdown says so when there is nothing new", "[report]") {
  report::Report Empty;
  std::string Md = markdownOf(Empty);
  CHECK_THAT(Md, Catch::StartsWith("## Rampart: secure score 100%\n\n**0 new "
                                   "findings**, 0 suppressed, 0 baselined\n"));
  CHECK_THAT(Md, Catch::Contains("No new findings."));
}

TEST_CASE("Markdown table cells escape pipes, breaks and HTML", "[report]") {
  CHECK(report::escapeMarkdownCell("a|b") == "a\\|b");
  CHECK(report::escapeMarkdownCell("l1\nl2\r\nl3") == "l1<br>l2<br>l3");
  CHECK(report::escapeMarkdownCell("<details>") == "&lt;details&gt;");

  auto S = scanReport("main.bicep", StorageBicep);
  S->finding("AZ-STORAGE-001").Result.Message = "a|b\nc";
  std::string Md = markdownOf(S->Report);
  CHECK_THAT(Md, Catch::Contains("| a\\|b<br>c |\n"));
}
