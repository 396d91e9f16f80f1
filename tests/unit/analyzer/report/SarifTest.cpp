//===- SarifTest.cpp - SARIF output of a real scan ------------------------===//
//
// Expected values come from SARIF 2.1.0 (OASIS): ruleIndex indexes
// tool.driver.rules (3.27.6), columns are 1-based and counted in the run's
// columnKind (3.14.17, 3.30.2), endColumn is one past the region's last
// character (3.30.8), suppressions' kind is inSource or external (3.35.2),
// baselineState is new or unchanged against a baseline (3.27.24); and from
// GitHub code scanning's documented `security-severity` property.
//
//===----------------------------------------------------------------------===//
#include "analyzer/report/Sarif.h"

#include "analyzer/report/CheckDocs.h"
#include "tests/unit/analyzer/report/ScannedReport.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::testing;
using Json = nlohmann::ordered_json;

namespace {

const Json &runOf(const Json &Log) { return Log["runs"][0]; }

const Json *resultOf(const Json &Log, llvm::StringRef RuleId) {
  for (const Json &R : runOf(Log)["results"])
    if (R["ruleId"] == RuleId.str())
      return &R;
  return nullptr;
}

} // namespace

TEST_CASE("SARIF log names the schema, version and tool", "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  Json Log = report::sarifLog(S->Report);
  CHECK(Log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(Log["version"] == "2.1.0");
  REQUIRE(Log["runs"].size() == 1);
  const Json &Driver = runOf(Log)["tool"]["driver"];
  CHECK(Driver["name"] == "rampart");
  CHECK(Driver["version"] == RAMPART_VERSION);
  CHECK(Driver["informationUri"].is_string());
  CHECK(runOf(Log)["columnKind"] == "utf16CodeUnits");
  const Json &Invocation = runOf(Log)["invocations"][0];
  CHECK(Invocation["executionSuccessful"] == true);
}

TEST_CASE("SARIF rules are the checks that ran, with their metadata",
          "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  Json Log = report::sarifLog(S->Report);
  const Json &Rules = runOf(Log)["tool"]["driver"]["rules"];
  REQUIRE(Rules.size() == S->Report.Checks.size());
  for (size_t I = 0; I < Rules.size(); ++I)
    CHECK(Rules[I]["id"] == S->Report.Checks[I]->Id);

  const check::Check &C = *S->finding("AZ-STORAGE-001").Result.TheCheck;
  const Json *Rule = nullptr;
  for (const Json &R : Rules)
    if (R["id"] == "AZ-STORAGE-001")
      Rule = &R;
  REQUIRE(Rule);
  CHECK((*Rule)["name"] == "AZ-STORAGE-001");
  CHECK((*Rule)["shortDescription"]["text"] ==
        "Storage accounts should require secure transfer (HTTPS only)");
  CHECK((*Rule)["fullDescription"]["text"] == C.Why);
  CHECK((*Rule)["help"]["markdown"] == report::checkMarkdown(C));
  std::string HelpText = (*Rule)["help"]["text"];
  CHECK_THAT(HelpText, Catch::Contains(C.Remediation));
  CHECK_THAT(HelpText, Catch::Contains("MCSB/DP-3"));
  CHECK((*Rule)["helpUri"] == "https://github.com/rampart-iac/rampart/blob/"
                              "main/checks/docs/AZ-STORAGE-001.md");
  // High severity: SARIF error, and GitHub's high band (7.0 to 8.9).
  CHECK((*Rule)["defaultConfiguration"]["level"] == "error");
  const Json &Props = (*Rule)["properties"];
  CHECK(Props["security-severity"] == "7.0");
  CHECK(Props["precision"] == "high");
  CHECK(Props["tags"] == Json::array({"security", "Encrypt data in transit",
                                      "MCSB/DP-3", "CIS-Azure/3.1"}));
}

TEST_CASE("SARIF security-severity follows GitHub's bands", "[report]") {
  CHECK(report::securitySeverity(check::Level::Critical) == "9.5");
  CHECK(report::securitySeverity(check::Level::High) == "7.0");
  CHECK(report::securitySeverity(check::Level::Medium) == "5.0");
  CHECK(report::securitySeverity(check::Level::Low) == "3.0");
}

TEST_CASE("SARIF results point at their rule and the exact region",
          "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  Json Log = report::sarifLog(S->Report);
  const Json &Rules = runOf(Log)["tool"]["driver"]["rules"];
  const Json &Results = runOf(Log)["results"];
  REQUIRE(Results.size() == S->Report.Findings.size());
  for (const Json &R : Results)
    CHECK(Rules[R["ruleIndex"].get<size_t>()]["id"] == R["ruleId"]);

  const Json *Https = resultOf(Log, "AZ-STORAGE-001");
  REQUIRE(Https);
  CHECK((*Https)["level"] == "error");
  CHECK((*Https)["message"]["text"] ==
        S->finding("AZ-STORAGE-001").Result.Message);
  const Json &Physical = (*Https)["locations"][0]["physicalLocation"];
  std::string Uri = Physical["artifactLocation"]["uri"];
  // The scratch directory is absolute: an absolute path is a file: URI.
  CHECK_THAT(Uri,
             Catch::StartsWith("file:///") && Catch::EndsWith("/main.bicep"));
  // `false` on line 7 follows "    /* é😀 */ supportsHttpsTrafficOnly: ":
  // 43 bytes but 40 UTF-16 code units (é is one unit, 😀 two).
  const Json &Region = Physical["region"];
  CHECK(Region["startLine"] == 7);
  CHECK(Region["startColumn"] == 41);
  CHECK(Region["endLine"] == 7);
  CHECK(Region["endColumn"] == 46);
  const Json &Logical = (*Https)["locations"][0]["logicalLocations"][0];
  CHECK(Logical["kind"] == "resource");
  CHECK(Logical["fullyQualifiedName"] ==
        S->finding("AZ-STORAGE-001").Result.Resource->Id);
  CHECK((*Https)["partialFingerprints"]["rampart/v1"] ==
        S->finding("AZ-STORAGE-001").Fingerprint);
  CHECK(!S->finding("AZ-STORAGE-001").Fingerprint.empty());
  CHECK((*Https)["properties"].contains("scoreGain"));
  CHECK(!Https->contains("suppressions"));
  CHECK(!Https->contains("baselineState"));
}

TEST_CASE("SARIF result level is the finding's effective severity",
          "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  S->finding("AZ-STORAGE-001").Severity = check::Level::Low; // config override
  Json Log = report::sarifLog(S->Report);
  CHECK((*resultOf(Log, "AZ-STORAGE-001"))["level"] == "note");
  CHECK((*resultOf(Log, "AZ-STORAGE-003"))["level"] == "warning");
}

TEST_CASE("SARIF keeps suppressed findings with their suppression",
          "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  S->suppress(S->finding("AZ-STORAGE-002"), posture::Suppression::Form::Comment,
              "legacy clients");
  S->suppress(S->finding("AZ-STORAGE-003"), posture::Suppression::Form::Config,
              "public website");
  Json Log = report::sarifLog(S->Report);
  CHECK(runOf(Log)["results"].size() == S->Report.Findings.size());

  const Json &Inline = (*resultOf(Log, "AZ-STORAGE-002"))["suppressions"];
  REQUIRE(Inline.size() == 1);
  CHECK(Inline[0]["kind"] == "inSource");
  CHECK(Inline[0]["status"] == "accepted");
  CHECK(Inline[0]["justification"] == "legacy clients");
  const Json &External = (*resultOf(Log, "AZ-STORAGE-003"))["suppressions"];
  REQUIRE(External.size() == 1);
  CHECK(External[0]["kind"] == "external");
  CHECK(External[0]["justification"] == "public website");
}

TEST_CASE("SARIF baselineState appears only when a baseline is in play",
          "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  CHECK(!resultOf(report::sarifLog(S->Report), "AZ-STORAGE-001")
             ->contains("baselineState"));
  // A baseline that knows none of them: every result is new.
  S->Report.BaselineGiven = true;
  CHECK((*resultOf(report::sarifLog(S->Report),
                   "AZ-STORAGE-003"))["baselineState"] == "new");
  S->finding("AZ-STORAGE-003").Baselined = true;
  Json Log = report::sarifLog(S->Report);
  CHECK((*resultOf(Log, "AZ-STORAGE-003"))["baselineState"] == "unchanged");
  CHECK((*resultOf(Log, "AZ-STORAGE-001"))["baselineState"] == "new");
}

TEST_CASE("SARIF reports parse errors as notifications with a location",
          "[report]") {
  auto S = scanReport("broken.bicep", "resource st 'Microsoft.Storage/"
                                      "storageAccounts@2023-01-01' = {\n"
                                      "  name: = 'x'\n"
                                      "}\n");
  REQUIRE(S->Report.errorCount() > 0);
  Json Log = report::sarifLog(S->Report);
  const Json &Invocation = runOf(Log)["invocations"][0];
  CHECK(Invocation["executionSuccessful"] == true);
  const Json &Notes = Invocation["toolExecutionNotifications"];
  REQUIRE(Notes.size() == S->Report.Diagnostics.size());
  const report::ReportDiagnostic &First = S->Report.Diagnostics.front();
  CHECK(Notes[0]["level"] ==
        (First.D.Level == Severity::Error ? "error" : "warning"));
  CHECK(Notes[0]["message"]["text"] == First.D.Message);
  const Json &Region = Notes[0]["locations"][0]["physicalLocation"]["region"];
  CHECK(Region["startLine"] == First.D.Range.Start.Line);
  CHECK(Region["startColumn"] == First.D.Range.Start.Column); // ASCII line
}

TEST_CASE("SARIF run carries the secure score", "[report]") {
  auto S = scanReport("main.bicep", StorageBicep);
  Json Log = report::sarifLog(S->Report);
  const Json &Props = runOf(Log)["properties"];
  CHECK(Props["secureScore"] == S->Report.Score.Percent);
  CHECK(S->Report.Score.Percent < 100); // the account fails scored checks
  CHECK(Props["units"].size() == S->Report.Score.Units.size());
}

TEST_CASE("SARIF artifact URIs are percent-encoded relative references",
          "[report]") {
  CHECK(report::artifactUri("infra/main.bicep") == "infra/main.bicep");
  CHECK(report::artifactUri("./infra one/main.tf") == "infra%20one/main.tf");
  CHECK(report::artifactUri("infra\\win\\main.tf") == "infra/win/main.tf");
  CHECK(report::artifactUri("a#b?c%d.json") == "a%23b%3Fc%25d.json");
  // RFC 3986: non-ASCII characters as their UTF-8 bytes.
  CHECK(report::artifactUri("caf\xC3\xA9.bicep") == "caf%C3%A9.bicep");
  CHECK(report::artifactUri("/srv/iac/x y.tf") == "file:///srv/iac/x%20y.tf");
}

TEST_CASE("SARIF reports unknown results as open, without a level",
          "[report]") {
  // The parameter has no default and no value is given: whether HTTPS is
  // required cannot be known.
  auto S = scanReport("main.bicep",
                      "param https bool\n"
                      "resource st 'Microsoft.Storage/storageAccounts@2023-01-"
                      "01' = {\n"
                      "  name: 'stlogs'\n"
                      "  location: 'westeurope'\n"
                      "  kind: 'StorageV2'\n"
                      "  sku: { name: 'Standard_LRS' }\n"
                      "  properties: {\n"
                      "    supportsHttpsTrafficOnly: https\n"
                      "  }\n"
                      "}\n");
  for (const check::Result &Res : S->Results)
    if (Res.TheOutcome == check::Outcome::Unknown &&
        Res.TheCheck->Id == "AZ-STORAGE-001")
      S->Report.Unknown.push_back(Res);
  REQUIRE(S->Report.Unknown.size() == 1);
  Json Log = report::sarifLog(S->Report);
  const Json *Open = nullptr;
  for (const Json &R : runOf(Log)["results"])
    if (R.value("kind", "") == "open")
      Open = &R;
  REQUIRE(Open);
  CHECK((*Open)["ruleId"] == "AZ-STORAGE-001");
  // SARIF 3.27.10: a result whose kind is not "fail" has level "none".
  CHECK((*Open)["level"] == "none");
  // Where the engine put it (the unknown value's origin).
  CHECK((*Open)["locations"][0]["physicalLocation"]["region"]["startLine"] ==
        S->Report.Unknown.front().Range.Start.Line);
}
