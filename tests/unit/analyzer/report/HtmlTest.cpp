//===- HtmlTest.cpp - `rampart report`'s HTML page ------------------------===//
#include "analyzer/report/Html.h"

#include "analyzer/report/HtmlText.h"
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"
#include "tests/unit/analyzer/report/ScannedReport.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

using namespace rampart;
using namespace rampart::report;
using namespace rampart::testing;

namespace {

std::string htmlOf(const ScannedReport &S, llvm::ArrayRef<UnitMap> Maps = {},
                   std::vector<posture::ComplianceReport> Compliance = {}) {
  HtmlReportInput In;
  In.TheReport = &S.Report;
  In.Maps = Maps;
  In.Compliance = std::move(Compliance);
  In.Paths = {"main.bicep"};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeHtmlReport(OS, In);
  return Out;
}

size_t count(const std::string &Text, const std::string &Needle) {
  size_t N = 0;
  for (size_t At = Text.find(Needle); At != std::string::npos;
       At = Text.find(Needle, At + 1))
    ++N;
  return N;
}

} // namespace

TEST_CASE("HTML report shows the score, per control and overall",
          "[report][html]") {
  auto S = scanReport("main.bicep", StorageBicep);
  std::string Html = htmlOf(*S);
  std::string Percent = formatPercent(S->Report.Score.Percent);
  CHECK_THAT(Html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(Html,
             Catch::Contains("<title>Rampart report: secure score " + Percent));
  CHECK_THAT(Html,
             Catch::Contains("aria-label=\"Secure score " + Percent + "\""));
  REQUIRE_FALSE(S->Report.Score.Controls.empty());
  for (const posture::ControlScore &C : S->Report.Score.Controls)
    CHECK_THAT(Html, Catch::Contains("<tr><td>" + escapeMarkup(C.Control) +
                                     "</td><td><svg class=\"bar\""));
}

TEST_CASE("HTML report ranks recommendations by score gain", "[report][html]") {
  auto S = scanReport("main.bicep", StorageBicep);
  std::string Html = htmlOf(*S);
  const auto &Recs = S->Report.Score.Recommendations;
  REQUIRE(Recs.size() >= 2);
  size_t Last = 0;
  for (const posture::Recommendation &R : Recs) {
    size_t At = Html.find("<code class=\"muted\">" + R.Check->Id +
                          "</code> <span class=\"tag");
    REQUIRE(At != std::string::npos);
    CHECK(At > Last);
    Last = At;
  }
  // AZ-STORAGE-001 has a safe fix: the report says so.
  const posture::Finding &F = S->finding("AZ-STORAGE-001");
  REQUIRE(F.Result.TheCheck->Fix.Availability != check::FixAvailability::Never);
  CHECK_THAT(Html,
             Catch::Contains(escapeMarkup(F.Result.TheCheck->Remediation)));
}

TEST_CASE("HTML report lists findings per file with a marked snippet",
          "[report][html]") {
  auto S = scanReport("main.bicep", StorageBicep);
  S->suppress(S->finding("AZ-STORAGE-002"), posture::Suppression::Form::Comment,
              "legacy <clients>");
  std::string Html = htmlOf(*S);
  const posture::Finding &F = S->finding("AZ-STORAGE-001");
  CHECK_THAT(Html, Catch::Contains("<span class=\"title\">" +
                                   escapeMarkup(F.Result.TheCheck->Title) +
                                   "</span>"));
  // Line 7 holds the value; its row is marked and the value highlighted.
  CHECK_THAT(Html, Catch::Contains("<span class=\"ln\">7</span>"));
  CHECK_THAT(Html, Catch::Contains("<mark>false</mark>"));
  CHECK_THAT(Html,
             Catch::Contains("supportsHttpsTrafficOnly: <mark>false</mark>"));
  CHECK_THAT(Html, Catch::Contains("suppressed: legacy &lt;clients&gt;"));
  CHECK(count(Html, "<div class=\"finding ") == S->Report.Findings.size());
  CHECK_THAT(Html, Catch::Contains("<code>" + escapeMarkup(F.Result.File) +
                                   "</code>"));
}

TEST_CASE("HTML report escapes everything from templates", "[report][html]") {
  auto S = scanReport(
      "main.bicep",
      R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: '<script>alert("x")</script>'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    supportsHttpsTrafficOnly: false // <img src=x onerror=alert(1)>
  }
}
)");
  std::vector<UnitMap> Maps = buildMaps(S->Evaluated->Units);
  std::string Html = htmlOf(*S, Maps);
  CHECK_THAT(Html, !Catch::Contains("<script"));
  CHECK_THAT(Html, !Catch::Contains("<img"));
  CHECK_THAT(Html, Catch::Contains(
                       "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  CHECK_THAT(Html, Catch::Contains("&lt;img src=x onerror=alert(1)&gt;"));
}

TEST_CASE("HTML report needs no network", "[report][html]") {
  auto S = scanReport("main.bicep", StorageBicep);
  std::vector<UnitMap> Maps = buildMaps(S->Evaluated->Units);
  std::string Html = htmlOf(*S, Maps);
  CHECK_THAT(Html, Catch::Contains("content=\"default-src 'none'; style-src "
                                   "'unsafe-inline'; img-src data:\""));
  CHECK_THAT(Html, !Catch::Contains("<script"));
  CHECK_THAT(Html, !Catch::Contains("<link"));
  CHECK_THAT(Html, !Catch::Contains("src="));
  CHECK_THAT(Html, !Catch::Contains("@import"));
  std::string WithoutNamespace = std::regex_replace(
      Html, std::regex("xmlns=\"http://www.w3.org/2000/svg\""), "");
  CHECK_THAT(WithoutNamespace, !Catch::Contains("http:"));
  CHECK_THAT(WithoutNamespace, !Catch::Contains("https:"));
}

TEST_CASE(
    "HTML report has the compliance of each framework and each unit's map",
    "[report][html]") {
  auto S = scanReport("main.bicep", StorageBicep);
  std::vector<UnitMap> Maps = buildMaps(S->Evaluated->Units);
  std::vector<posture::Scored> Scored;
  for (const check::Result &R : S->Results)
    Scored.push_back({&R, posture::Exemption::None});
  std::vector<posture::ComplianceReport> Compliance;
  for (const posture::Framework &F : posture::frameworks())
    Compliance.push_back(
        posture::assessCompliance(F, S->Report.Checks, Scored));
  std::string Html = htmlOf(*S, Maps, Compliance);
  for (const posture::Framework &F : posture::frameworks())
    CHECK_THAT(Html,
               Catch::Contains("<details><summary>" + escapeMarkup(F.Title)));
  // AZ-STORAGE-001 fails, so some MCSB control it maps to is failing.
  CHECK_THAT(Html, Catch::Contains("<td class=\"state failed\">"));
  REQUIRE(Maps.size() == 1);
  CHECK(
      count(
          Html,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"rampart-map\"") ==
      1);
  CHECK_THAT(Html, Catch::Contains("<marker id=\"m0-arrow\""));
  CHECK_THAT(Html, Catch::Contains("Attack paths ("));
}

TEST_CASE("rampart report writes one page for the examples",
          "[report][html][cli]") {
  std::string Examples = std::string(RAMPART_SOURCE_DIR) + "/examples";
  TempDir Dir;
  std::string Path = Dir.path() + "/report.html";
  Run R =
      runRampart("report '" + Examples + "' -o '" + Path + "' --no-progress");
  REQUIRE(R.Exit == 0);
  Run Score = runRampart("score '" + Examples + "' --format json", false);
  REQUIRE(Score.Exit == 0);
  double Percent = nlohmann::json::parse(Score.Out)["percent"].get<double>();
  Run Page = runCommand("cat '" + Path + "'");
  CHECK_THAT(Page.Out, Catch::Contains("Rampart report: secure score " +
                                       formatPercent(Percent)));
  Run Scan = runRampart("scan '" + Examples + "' --format json", false);
  auto Findings = nlohmann::json::parse(Scan.Out)["findings"];
  REQUIRE_FALSE(Findings.empty());
  for (const auto &F : Findings)
    CHECK_THAT(Page.Out,
               Catch::Contains(escapeMarkup(F["title"].get<std::string>())));
}

TEST_CASE("HTML text: invalid UTF-8 and control characters are replaced",
          "[report][html]") {
  const std::string Replacement = "\xEF\xBF\xBD";
  CHECK(sanitizeText("a\x01"
                     "b") == "a" + Replacement + "b");
  CHECK(sanitizeText("tab\tline\nret\r") == "tab\tline\nret\r");
  CHECK(sanitizeText("\xff\xfe") == Replacement + Replacement);
  // A truncated sequence, then an overlong encoding of '/'.
  CHECK(sanitizeText("x\xC3") == "x" + Replacement);
  CHECK(sanitizeText("\xC0\xAF") == Replacement + Replacement);
  CHECK(sanitizeText("é😀") == "é😀");
  CHECK(escapeMarkup("<a href='x'>&\"") ==
        "&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
}

TEST_CASE("HTML text: truncation counts characters, not bytes",
          "[report][html]") {
  CHECK(truncateText("abcdef", 6) == "abcdef");
  CHECK(truncateText("abcdefg", 6) == "abcde…");
  CHECK(truncateText("éééééé", 6) == "éééééé");
  CHECK(truncateText("ééééééé", 6) == "ééééé…");
  CHECK(truncateText("😀😀😀", 2) == "😀…");
}
