//===- SuppressionsTest.cpp - rampart:ignore in every dialect -------------===//
//
// Each test writes a small template, runs real checks over it through the
// engine, reads its suppressions and applies them. Positions in the
// expectations are counted by hand from the template text (line:column,
// 1-based, end exclusive): a check's finding sits on the offending value, or
// on the nearest existing ancestor key, or on the resource's declaration
// (Engine.h), and a target spans the syntax that starts on the line after
// the comment.
//
//===----------------------------------------------------------------------===//
#include "analyzer/posture/Suppressions.h"

#include "analyzer/Scan.h"
#include "analyzer/check/Engine.h"
#include "checks/Registry.h"
#include "tests/support/EvaluateFile.h"
#include "tests/support/TempDir.h"

#include "llvm/ADT/STLExtras.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace rampart;
using namespace rampart::posture;
using llvm::StringRef;

namespace {

constexpr Date Today{2026, 6, 1};

std::string at(const SourceRange &R) {
  return std::to_string(R.Start.Line) + ":" + std::to_string(R.Start.Column) +
         "-" + std::to_string(R.End.Line) + ":" + std::to_string(R.End.Column);
}

std::string at(const SourcePosition &P) {
  return std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

/// Templates scanned and checked, with their suppressions read and applied.
struct Checked {
  testing::TempDir Dir;
  ScanResult Scan;
  std::vector<model::DeploymentUnit> Units;
  std::vector<check::Result> Results;
  llvm::StringSet<> Ran;
  std::vector<Suppression> Suppressions;
  std::vector<Diagnostic> Malformed;
  SuppressionOutcome Outcome;

  /// Every unhealthy result: "CHECK line:column", with " suppressed" when a
  /// suppression exempts it; sorted.
  std::vector<std::string> findings() const {
    std::vector<std::string> Out;
    for (size_t I = 0; I < Results.size(); ++I) {
      const check::Result &R = Results[I];
      if (R.TheOutcome != check::Outcome::Unhealthy)
        continue;
      Out.push_back(R.TheCheck->Id + " " + at(R.Range.Start) +
                    (Outcome.SuppressedBy[I] ? " suppressed" : ""));
    }
    llvm::sort(Out);
    return Out;
  }

  /// Malformed-suppression warnings, then those of applySuppressions:
  /// "range message".
  std::vector<std::string> warnings() const {
    std::vector<std::string> Out;
    for (const Diagnostic &D : Malformed) {
      CHECK(D.Level == Severity::Warning);
      Out.push_back(at(D.Range) + " " + D.Message);
    }
    for (const model::FileDiagnostic &W : Outcome.Warnings) {
      CHECK(W.D.Level == Severity::Warning);
      Out.push_back(at(W.D.Range) + " " + W.D.Message);
    }
    return Out;
  }

  void apply(const SuppressionPolicy &Policy = {}, Date Day = Today) {
    Outcome = applySuppressions(Suppressions, Results, Policy, Day, Ran);
    REQUIRE(Outcome.SuppressedBy.size() == Results.size());
  }
};

/// Writes the files, scans and evaluates them as the CLI does, runs the
/// named built-in checks, reads the suppressions of every parsed file and
/// applies them with the default policy.
std::unique_ptr<Checked>
runChecks(std::initializer_list<std::pair<StringRef, StringRef>> Files,
          std::initializer_list<StringRef> CheckIds) {
  auto C = std::make_unique<Checked>();
  for (auto &[Name, Text] : Files)
    C->Dir.write(Name, Text);
  ScanOptions O;
  O.Paths = {C->Dir.path()};
  O.Jobs = 1;
  C->Scan = scanWorkspace(O);
  UnitOptions U;
  U.Jobs = 1;
  C->Units = buildUnits(C->Scan, U);
  REQUIRE(C->Units.size() == 1);
  std::vector<const check::Check *> Checks;
  for (StringRef Id : CheckIds) {
    const check::Check *Found = checks::findBuiltinCheck(Id);
    REQUIRE(Found);
    Checks.push_back(Found);
    C->Ran.insert(Id.upper());
  }
  C->Results = check::Engine(Checks).run(C->Units, 1);
  for (const workspace::LoadedFile &F : C->Scan.Files) {
    REQUIRE(F.Doc);
    CHECK_FALSE(F.Doc->hasErrors());
    llvm::append_range(C->Suppressions,
                       readSuppressions(*F.Source, *F.Doc, C->Malformed));
  }
  C->apply();
  return C;
}

std::unique_ptr<Checked> runChecks(StringRef Name, StringRef Text,
                                   std::initializer_list<StringRef> CheckIds) {
  return runChecks({{Name, Text}}, CheckIds);
}

using Strings = std::vector<std::string>;

} // namespace

//===----------------------------------------------------------------------===//
// One test per dialect: the target of each form, and real findings exempted
//===----------------------------------------------------------------------===//

TEST_CASE("suppressions: Bicep comments cover a declaration, its decorators "
          "or one property",
          "[suppressions]") {
  auto C = runChecks(
      "main.bicep",
      R"(// rampart:ignore AZ-STORAGE-001 reason="legacy clients on HTTP until Q3"
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: false
  }
}

// rampart:ignore AZ-STORAGE-001 reason="the decorators belong to the declaration"
@description('A second account')
resource st2 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stdata'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: false
  }
}

resource st3 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stthird'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    // rampart:ignore AZ-STORAGE-002 reason="an appliance that speaks TLS 1.0"
    minimumTlsVersion: 'TLS1_0'
    supportsHttpsTrafficOnly: false
  }
}
)",
      {"AZ-STORAGE-001", "AZ-STORAGE-002"});
  REQUIRE(C->Suppressions.size() == 3);
  const Suppression &First = C->Suppressions[0];
  CHECK(First.TheForm == Suppression::Form::Comment);
  CHECK(First.Ids == Strings{"AZ-STORAGE-001"});
  CHECK(First.Reason == "legacy clients on HTTP until Q3");
  CHECK_FALSE(First.Until);
  CHECK(First.Category == Exemption::Accepted);
  CHECK(at(First.Range) == "1:1-1:74");
  // Directly above the first declaration, without a blank line: that
  // declaration, not the file.
  CHECK_FALSE(First.WholeFile);
  CHECK(at(First.Target) == "2:1-11:2");
  // Above the decorator: from the decorator to the end of the statement.
  CHECK(at(C->Suppressions[1].Target) == "14:1-24:2");
  // Above a property: that property's entry, key to value end.
  CHECK(at(C->Suppressions[2].Target) == "33:5-33:32");

  CHECK(C->findings() == Strings{"AZ-STORAGE-001 22:31 suppressed",
                                 "AZ-STORAGE-001 34:31",
                                 "AZ-STORAGE-001 9:31 suppressed",
                                 "AZ-STORAGE-002 33:24 suppressed"});
  CHECK(C->warnings().empty());
}

TEST_CASE("suppressions: ARM JSON comments cover a resource object or a "
          "property, including a finding on a missing property",
          "[suppressions]") {
  auto C = runChecks("azuredeploy.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    // rampart:ignore AZ-STORAGE-001 reason="covered by the gateway"
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "stlogs",
      "location": "westeurope",
      "properties": { "supportsHttpsTrafficOnly": false }
    },
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2018-02-01",
      "name": "stold",
      "location": "westeurope",
      // rampart:ignore AZ-STORAGE-001 reason="old API; HTTPS enforced by policy"
      "properties": { "accessTier": "Hot" }
    },
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "stopen",
      "location": "westeurope",
      "properties": { "supportsHttpsTrafficOnly": false }
    }
  ]
}
)",
                     {"AZ-STORAGE-001"});
  REQUIRE(C->Suppressions.size() == 2);
  CHECK(at(C->Suppressions[0].Target) == "6:5-12:6");
  CHECK(at(C->Suppressions[1].Target) == "19:7-19:44");
  // Before 2019-04-01 HTTP was the default: that finding is on the
  // "properties" key, the nearest ancestor of the missing property.
  CHECK(C->findings() == Strings{"AZ-STORAGE-001 11:51 suppressed",
                                 "AZ-STORAGE-001 19:7 suppressed",
                                 "AZ-STORAGE-001 26:51"});
  CHECK(C->warnings().empty());
}

TEST_CASE("suppressions: Terraform comments with #, // and /* */, never "
          "inside a heredoc",
          "[suppressions]") {
  auto C = runChecks(
      "main.tf",
      R"(# rampart:ignore AZ-STORAGE-001 reason="HTTP for the legacy uploader"
resource "azurerm_storage_account" "a" {
  name                       = "sta"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
}

resource "azurerm_storage_account" "b" {
  name                       = "stb"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  // rampart:ignore AZ-STORAGE-001 reason="static website, public by design"
  https_traffic_only_enabled = false
}

/* rampart:ignore AZ-STORAGE-001 reason="a one-line block comment" */
resource "azurerm_storage_account" "c" {
  name                       = "stc"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
}

resource "azurerm_storage_account" "d" {
  name                       = "std"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  tags = {
    note = <<-EOT
    # rampart:ignore AZ-STORAGE-001 reason="text, not a comment"
    EOT
  }
  https_traffic_only_enabled = false
}
)",
      {"AZ-STORAGE-001"});
  REQUIRE(C->Suppressions.size() == 3);
  CHECK(at(C->Suppressions[0].Target) == "2:1-9:2");
  CHECK(at(C->Suppressions[1].Target) == "18:3-18:37");
  CHECK(at(C->Suppressions[2].Range) == "21:1-21:70");
  CHECK(C->Suppressions[2].Reason == "a one-line block comment");
  CHECK(at(C->Suppressions[2].Target) == "22:1-29:2");
  CHECK(C->findings() == Strings{"AZ-STORAGE-001 18:32 suppressed",
                                 "AZ-STORAGE-001 28:32 suppressed",
                                 "AZ-STORAGE-001 42:32",
                                 "AZ-STORAGE-001 8:32 suppressed"});
  CHECK(C->warnings().empty());
}

TEST_CASE("suppressions: a leading comment block separated by a blank line "
          "covers the whole file",
          "[suppressions]") {
  auto C = runChecks("main.tf",
                     R"(# Sandbox subscription: nothing here is production.
# rampart:ignore AZ-STORAGE-001 reason="sandbox" until=2026-12-31 category=mitigated

resource "azurerm_storage_account" "a" {
  name                       = "sta"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
}

resource "azurerm_storage_account" "b" {
  name                       = "stb"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
}
)",
                     {"AZ-STORAGE-001"});
  REQUIRE(C->Suppressions.size() == 1);
  const Suppression &S = C->Suppressions[0];
  CHECK(S.WholeFile);
  CHECK(S.Until == Date{2026, 12, 31});
  CHECK(S.Category == Exemption::Mitigated);
  CHECK(C->findings() == Strings{"AZ-STORAGE-001 10:32 suppressed",
                                 "AZ-STORAGE-001 19:32 suppressed"});
  CHECK(C->warnings().empty());
}

TEST_CASE("suppressions: Terraform JSON \"//\" members cover their block, or "
          "the file at the top level",
          "[suppressions]") {
  SECTION("inside a resource body") {
    auto C = runChecks("main.tf.json", R"({
  "resource": {
    "aws_s3_bucket": {
      "logs": {
        "//": "rampart:ignore AWS-S3-008 reason=\"log bucket, written once\"",
        "bucket": "logs"
      },
      "data": {
        "bucket": "data"
      }
    }
  }
}
)",
                       {"AWS-S3-008"});
    REQUIRE(C->Suppressions.size() == 1);
    const Suppression &S = C->Suppressions[0];
    CHECK(S.Reason == "log bucket, written once");
    CHECK(at(S.Range) == "5:9-5:78");
    CHECK_FALSE(S.WholeFile);
    CHECK(at(S.Target) == "4:7-7:8");
    // A bucket with no versioning: the finding is on its label key.
    CHECK(C->findings() ==
          Strings{"AWS-S3-008 4:7 suppressed", "AWS-S3-008 8:7"});
    CHECK(C->warnings().empty());
  }
  SECTION("at the top level") {
    auto C = runChecks("main.tf.json", R"({
  "//": "rampart:ignore AWS-S3-008 reason=\"scratch buckets\"",
  "resource": {
    "aws_s3_bucket": {
      "logs": { "bucket": "logs" },
      "data": { "bucket": "data" }
    }
  }
}
)",
                       {"AWS-S3-008"});
    REQUIRE(C->Suppressions.size() == 1);
    CHECK(C->Suppressions[0].WholeFile);
    CHECK(C->findings() ==
          Strings{"AWS-S3-008 5:7 suppressed", "AWS-S3-008 6:7 suppressed"});
    CHECK(C->warnings().empty());
  }
  SECTION("an ordinary comment is not a suppression") {
    auto C = runChecks("main.tf.json", R"({
  "//": "see rampart:ignore in the docs",
  "resource": { "aws_s3_bucket": { "logs": { "bucket": "logs" } } }
}
)",
                       {"AWS-S3-008"});
    CHECK(C->Suppressions.empty());
    CHECK(C->findings() == Strings{"AWS-S3-008 3:36"});
  }
}

TEST_CASE("suppressions: CloudFormation YAML comments and Metadata",
          "[suppressions]") {
  auto C = runChecks("template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  # rampart:ignore AWS-S3-008 reason="build cache, rebuilt nightly"
  Cache:
    Type: AWS::S3::Bucket
  Logs:
    Type: AWS::S3::Bucket
    Metadata:
      rampart:
        ignore:
          - id: AWS-S3-008
            reason: access logs are written once
            until: 2026-09-30
  Data:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        # rampart:ignore AWS-S3-008 category=mitigated reason="replicated"
        Status: Suspended
  Open:
    Type: AWS::S3::Bucket
)",
                     {"AWS-S3-008"});
  REQUIRE(C->Suppressions.size() == 3);
  const Suppression &Cache = C->Suppressions[0];
  CHECK(Cache.TheForm == Suppression::Form::Comment);
  CHECK(at(Cache.Target) == "4:3-5:26");
  const Suppression &Logs = C->Suppressions[1];
  CHECK(Logs.TheForm == Suppression::Form::Metadata);
  CHECK(Logs.Ids == Strings{"AWS-S3-008"});
  CHECK(Logs.Reason == "access logs are written once");
  CHECK(Logs.Until == Date{2026, 9, 30});
  CHECK(at(Logs.Range) == "11:13-13:30");
  CHECK(at(Logs.Target) == "6:3-13:30");
  const Suppression &Data = C->Suppressions[2];
  CHECK(Data.Category == Exemption::Mitigated);
  CHECK(at(Data.Target) == "19:9-19:26");
  CHECK(C->findings() == Strings{"AWS-S3-008 19:17 suppressed",
                                 "AWS-S3-008 20:3", "AWS-S3-008 4:3 suppressed",
                                 "AWS-S3-008 6:3 suppressed"});
  CHECK(C->warnings().empty());
}

TEST_CASE("suppressions: CloudFormation JSON Metadata, per resource and for "
          "the template",
          "[suppressions]") {
  SECTION("a resource's Metadata") {
    auto C = runChecks("template.json", R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Logs": {
      "Type": "AWS::S3::Bucket",
      "Metadata": { "rampart": { "ignore": [ { "id": "AWS-S3-008", "reason": "written once" } ] } }
    },
    "Data": { "Type": "AWS::S3::Bucket" }
  }
}
)",
                       {"AWS-S3-008"});
    REQUIRE(C->Suppressions.size() == 1);
    CHECK(C->Suppressions[0].TheForm == Suppression::Form::Metadata);
    CHECK(at(C->Suppressions[0].Target) == "4:5-7:6");
    CHECK(C->findings() ==
          Strings{"AWS-S3-008 4:5 suppressed", "AWS-S3-008 8:5"});
    CHECK(C->warnings().empty());
  }
  SECTION("the template's Metadata is about the whole file") {
    auto C = runChecks("template.json", R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Metadata": { "rampart": { "ignore": [ { "id": "aws-s3-008", "reason": "test stack" } ] } },
  "Resources": {
    "Logs": { "Type": "AWS::S3::Bucket" },
    "Data": { "Type": "AWS::S3::Bucket" }
  }
}
)",
                       {"AWS-S3-008"});
    REQUIRE(C->Suppressions.size() == 1);
    CHECK(C->Suppressions[0].WholeFile);
    // Ids compare ignoring case.
    CHECK(C->findings() ==
          Strings{"AWS-S3-008 5:5 suppressed", "AWS-S3-008 6:5 suppressed"});
  }
}

TEST_CASE("suppressions: a resource suppressed where it is declared, for a "
          "value set in another file",
          "[suppressions]") {
  auto C = runChecks({{"main.bicep", R"(param https bool

// rampart:ignore AZ-STORAGE-001 reason="set per environment"
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: 'westeurope'
  properties: {
    supportsHttpsTrafficOnly: https
  }
}
)"},
                      {"main.bicepparam", R"(using 'main.bicep'
param https = false
)"}},
                     {"AZ-STORAGE-001"});
  REQUIRE(C->Suppressions.size() == 1);
  CHECK(at(C->Suppressions[0].Target) == "4:1-10:2");
  // The finding points at the value in main.bicepparam: only the resource's
  // declaration lies in the target.
  auto Unhealthy = llvm::find_if(C->Results, [](const check::Result &R) {
    return R.TheOutcome == check::Outcome::Unhealthy;
  });
  REQUIRE(Unhealthy != C->Results.end());
  CHECK(StringRef(Unhealthy->File).endswith("main.bicepparam"));
  CHECK(C->findings() == Strings{"AZ-STORAGE-001 2:15 suppressed"});
  CHECK(C->warnings().empty());
}

TEST_CASE("suppressions: other comments, blank lines and Bicep pragmas may "
          "stand between a comment and its target",
          "[suppressions]") {
  auto C = runChecks("main.bicep", R"(param location string = 'westeurope'

// rampart:ignore AZ-STORAGE-001 reason="public downloads"

// The logs account.
#disable-next-line no-hardcoded-location
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: location
  properties: {
    supportsHttpsTrafficOnly: false
    // rampart:ignore AZ-STORAGE-001 reason="closes the object"
  }
}
)",
                     {"AZ-STORAGE-001"});
  REQUIRE(C->Suppressions.size() == 1);
  CHECK(at(C->Suppressions[0].Target) == "7:1-14:2");
  CHECK(C->findings() == Strings{"AZ-STORAGE-001 11:31 suppressed"});
  CHECK(C->warnings() ==
        Strings{"12:5-12:64 rampart:ignore applies to nothing: no "
                "declaration or property starts on line 13"});
}

//===----------------------------------------------------------------------===//
// Expiry, unmatched and malformed suppressions
//===----------------------------------------------------------------------===//

namespace {

/// Storage accounts a, b, c... that fail AZ-STORAGE-001, nine lines each:
/// Comments[K] on line 9K+1 (a bare `#` when empty), the resource from line
/// 9K+2, its failing value at 9K+8:32.
std::string accounts(std::initializer_list<StringRef> Comments) {
  std::string Out;
  char Name = 'a';
  for (StringRef Comment : Comments) {
    Out += Comment.empty() ? "#\n" : Comment.str() + "\n";
    Out += std::string("resource \"azurerm_storage_account\" \"") + Name +
           "\" {\n"
           "  name                       = \"st" +
           Name +
           "\"\n"
           "  resource_group_name        = \"rg\"\n"
           "  location                   = \"westeurope\"\n"
           "  account_tier               = \"Standard\"\n"
           "  account_replication_type   = \"LRS\"\n"
           "  https_traffic_only_enabled = false\n"
           "}\n";
    ++Name;
  }
  return Out;
}

} // namespace

TEST_CASE("suppressions: an expired suppression warns and suppresses nothing",
          "[suppressions]") {
  std::string Text = accounts(
      {R"(# rampart:ignore AZ-STORAGE-001 reason="r" until=2026-05-31)",
       R"(# rampart:ignore AZ-STORAGE-001 reason="r" until=2026-06-01)"});
  auto C = runChecks("main.tf", Text, {"AZ-STORAGE-001"});
  REQUIRE(C->Suppressions.size() == 2);
  // Today is 2026-06-01: the first ended yesterday, the second lasts today.
  CHECK(C->findings() ==
        Strings{"AZ-STORAGE-001 17:32 suppressed", "AZ-STORAGE-001 8:32"});
  CHECK(C->warnings() ==
        Strings{"1:1-1:60 suppression of AZ-STORAGE-001 expired on "
                "2026-05-31"});
  // The next day the second has expired too.
  C->apply({}, Date{2026, 6, 2});
  CHECK(C->findings() ==
        Strings{"AZ-STORAGE-001 17:32", "AZ-STORAGE-001 8:32"});
  CHECK(C->warnings().size() == 2);
}

TEST_CASE("suppressions: a suppression that matches no finding warns, "
          "unless its check did not run",
          "[suppressions]") {
  auto C = runChecks(
      "main.bicep",
      R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    // rampart:ignore AZ-STORAGE-001,AWS-S3-008 reason="was needed once"
    supportsHttpsTrafficOnly: true
  }
}
)",
      {"AZ-STORAGE-001"});
  REQUIRE(C->Suppressions.size() == 1);
  CHECK(C->Suppressions[0].Ids == Strings{"AZ-STORAGE-001", "AWS-S3-008"});
  CHECK(C->findings().empty());
  // AWS-S3-008 did not run (think `--checks AZ-*`): nothing is said of it.
  CHECK(C->warnings() ==
        Strings{"7:5-7:73 rampart:ignore AZ-STORAGE-001 matches no finding"});
  // Once it runs, it has no finding here either.
  C->Ran.insert("AWS-S3-008");
  C->apply();
  CHECK(C->warnings() ==
        Strings{"7:5-7:73 rampart:ignore AZ-STORAGE-001 matches no finding",
                "7:5-7:73 rampart:ignore AWS-S3-008 matches no finding"});
}

TEST_CASE("suppressions: an unknown outcome in scope keeps a suppression "
          "matched",
          "[suppressions]") {
  // The value comes from a parameter with no default: unknown, not
  // unhealthy, so nothing is suppressed, but the suppression is not stale.
  // The unknown result points at the parameter; the resource's declaration
  // is what lies in the target.
  auto C = runChecks("main.bicep", R"(param https bool

// rampart:ignore AZ-STORAGE-001 reason="depends on the environment"
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    supportsHttpsTrafficOnly: https
  }
}
)",
                     {"AZ-STORAGE-001"});
  REQUIRE(C->Suppressions.size() == 1);
  REQUIRE(llvm::any_of(C->Results, [](const check::Result &R) {
    return R.TheOutcome == check::Outcome::Unknown;
  }));
  CHECK(C->findings().empty());
  CHECK(C->warnings().empty());
}

TEST_CASE("suppressions: a malformed suppression warns at what is wrong and "
          "suppresses nothing",
          "[suppressions]") {
  SECTION("comments") {
    std::string Text = accounts(
        {R"(# rampart:ignore AZ-STORAGE-001 reason="r" until=2026-02-30)",
         R"(# rampart:ignore AZ-STORAGE-001 reson="typo")"});
    Text += R"(
# rampart:ignore reason="no ids"
resource "azurerm_storage_account" "c" {
  name                       = "stc"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
}
# rampart:ignore AZ-STORAGE-001 reason="nothing follows"
)";
    auto C = runChecks("main.tf", Text, {"AZ-STORAGE-001"});
    CHECK(C->Suppressions.empty());
    CHECK(C->findings() == Strings{"AZ-STORAGE-001 17:32",
                                   "AZ-STORAGE-001 27:32",
                                   "AZ-STORAGE-001 8:32"});
    CHECK(C->warnings() ==
          Strings{"1:50-1:60 invalid date '2026-02-30' for until; expected "
                  "YYYY-MM-DD",
                  "10:33-10:45 unknown key 'reson' in rampart:ignore; "
                  "expected reason, until or category",
                  "20:3-20:17 rampart:ignore names no check id; write "
                  "`rampart:ignore ID reason=\"...\"`",
                  "29:1-29:57 rampart:ignore applies to nothing: no code "
                  "follows it"});
  }
  SECTION("a Terraform JSON string, through its escapes") {
    auto C = runChecks("main.tf.json", R"({
  "resource": {
    "aws_s3_bucket": {
      "logs": {
        "//": "rampart:ignore AWS-S3-008 reason=\"\u00e9t\u00e9\" category=maybe",
        "bucket": "logs"
      }
    }
  }
}
)",
                       {"AWS-S3-008"});
    CHECK(C->Suppressions.empty());
    CHECK(C->findings() == Strings{"AWS-S3-008 4:7"});
    CHECK(C->warnings() == Strings{"5:76-5:81 unknown category 'maybe'; "
                                   "expected accepted or mitigated"});
  }
  SECTION("CloudFormation Metadata") {
    auto C =
        runChecks("template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Metadata:
      rampart:
        ignore:
          - id: AWS-S3-008
            expires: 2026-09-30
          - reason: no id
)",
                  {"AWS-S3-008"});
    CHECK(C->Suppressions.empty());
    CHECK(C->findings() == Strings{"AWS-S3-008 3:3"});
    CHECK(C->warnings() ==
          Strings{"9:13-9:20 unknown key 'expires' in a rampart ignore "
                  "entry; expected id, reason, until or category",
                  "10:13-10:26 rampart ignore entry names no check id; give "
                  "it an id"});
  }
}

//===----------------------------------------------------------------------===//
// The config's policy, and config entries
//===----------------------------------------------------------------------===//

TEST_CASE("suppressions: each rule of the suppression policy refuses what "
          "breaks it",
          "[suppressions]") {
  // a: no reason, no date. b: a reason and 30 days. c (line 19): a reason
  // and a year.
  std::string Text = accounts(
      {"# rampart:ignore AZ-STORAGE-001",
       R"(# rampart:ignore AZ-STORAGE-001 reason="r" until=2026-07-01)",
       R"(# rampart:ignore AZ-STORAGE-001 reason="r" until=2027-06-01)"});
  auto C = runChecks("main.tf", Text, {"AZ-STORAGE-001"});
  REQUIRE(C->Suppressions.size() == 3);
  REQUIRE(C->findings() == Strings{"AZ-STORAGE-001 17:32 suppressed",
                                   "AZ-STORAGE-001 26:32 suppressed",
                                   "AZ-STORAGE-001 8:32 suppressed"});
  REQUIRE(C->warnings().empty());

  SECTION("require-reason") {
    SuppressionPolicy P;
    P.RequireReason = true;
    C->apply(P);
    CHECK(C->findings() == Strings{"AZ-STORAGE-001 17:32 suppressed",
                                   "AZ-STORAGE-001 26:32 suppressed",
                                   "AZ-STORAGE-001 8:32"});
    CHECK(C->warnings() ==
          Strings{"1:1-1:32 suppression of AZ-STORAGE-001 does not apply: it "
                  "has no reason, and the config requires one "
                  "(suppressions: require-reason)"});
  }
  SECTION("require-expiry") {
    SuppressionPolicy P;
    P.RequireExpiry = true;
    C->apply(P);
    CHECK(C->findings() == Strings{"AZ-STORAGE-001 17:32 suppressed",
                                   "AZ-STORAGE-001 26:32 suppressed",
                                   "AZ-STORAGE-001 8:32"});
    CHECK(C->warnings() ==
          Strings{"1:1-1:32 suppression of AZ-STORAGE-001 does not apply: it "
                  "has no until date, and the config requires one "
                  "(suppressions: require-expiry)"});
  }
  SECTION("max-days") {
    SuppressionPolicy P;
    P.MaxDays = 90;
    C->apply(P);
    // An undated suppression is require-expiry's business, not max-days'.
    CHECK(C->findings() == Strings{"AZ-STORAGE-001 17:32 suppressed",
                                   "AZ-STORAGE-001 26:32",
                                   "AZ-STORAGE-001 8:32 suppressed"});
    CHECK(C->warnings() ==
          Strings{"19:1-19:60 suppression of AZ-STORAGE-001 does not apply: "
                  "it lasts until 2027-06-01, beyond the config's limit of 90 "
                  "days from today (suppressions: max-days)"});
    // Exactly the limit is allowed: 2026-07-01 is 30 days ahead.
    P.MaxDays = 30;
    C->apply(P);
    CHECK(C->findings()[0] == "AZ-STORAGE-001 17:32 suppressed");
    P.MaxDays = 29;
    C->apply(P);
    CHECK(C->findings()[0] == "AZ-STORAGE-001 17:32");
  }
  SECTION("allow-inline: false leaves only config entries, which the other "
          "rules do not judge") {
    SuppressionPolicy P;
    P.AllowInline = false;
    P.RequireReason = true;
    P.RequireExpiry = true;
    Suppression Entry;
    Entry.TheForm = Suppression::Form::Config;
    Entry.Ids = {"az-storage-*"};
    Entry.File = C->Dir.path() + "/.rampart.yaml";
    Entry.ResourceGlob = "*.b";
    C->Suppressions.push_back(Entry);
    C->apply(P);
    CHECK(C->findings() == Strings{"AZ-STORAGE-001 17:32 suppressed",
                                   "AZ-STORAGE-001 26:32",
                                   "AZ-STORAGE-001 8:32"});
    // One warning per rule broken: a breaks all three, b and c one each.
    Strings Refused = C->warnings();
    REQUIRE(Refused.size() == 5);
    CHECK(Refused[0] ==
          "1:1-1:32 suppression of AZ-STORAGE-001 does not apply: the config "
          "allows only its own ignore entries (suppressions: allow-inline is "
          "false)");
    CHECK(StringRef(Refused[1]).endswith("(suppressions: require-reason)"));
    CHECK(StringRef(Refused[2]).endswith("(suppressions: require-expiry)"));
    CHECK(StringRef(Refused[3]).startswith("10:1-10:60 "));
    CHECK(StringRef(Refused[4]).startswith("19:1-19:60 "));
    CHECK(C->Outcome.SuppressedBy[llvm::find_if(C->Results,
                                                [](const check::Result &R) {
                                                  return R.Range.Start.Line ==
                                                         17;
                                                }) -
                                  C->Results.begin()] == &C->Suppressions[3]);
  }
}

TEST_CASE("suppressions: config entries match by id, resource and path "
          "globs; the first covering suppression wins",
          "[suppressions]") {
  std::string Text = accounts({"", ""});
  auto C = runChecks("main.tf", Text, {"AZ-STORAGE-001"});
  REQUIRE(C->Suppressions.empty());
  REQUIRE(C->Results.size() == 2);
  std::string ConfigFile = C->Dir.path() + "/.rampart.yaml";
  auto Entry = [&](std::string Id, std::string Resource, std::string Path) {
    Suppression S;
    S.TheForm = Suppression::Form::Config;
    S.Ids = {std::move(Id)};
    S.File = ConfigFile;
    S.ResourceGlob = std::move(Resource);
    S.PathGlob = std::move(Path);
    return S;
  };
  SECTION("resource glob") {
    C->Suppressions = {
        Entry("AZ-STORAGE-00?", "azurerm_storage_account.A", "")};
    C->apply();
    CHECK(C->findings() ==
          Strings{"AZ-STORAGE-001 17:32", "AZ-STORAGE-001 8:32 suppressed"});
    CHECK(C->warnings().empty());
  }
  SECTION("path glob, relative to the config file's directory") {
    C->Suppressions = {Entry("*", "", "*.tf")};
    C->apply();
    CHECK(C->findings() == Strings{"AZ-STORAGE-001 17:32 suppressed",
                                   "AZ-STORAGE-001 8:32 suppressed"});
    C->Suppressions = {Entry("*", "", "modules/*.tf")};
    C->apply();
    CHECK(C->findings() ==
          Strings{"AZ-STORAGE-001 17:32", "AZ-STORAGE-001 8:32"});
    CHECK(C->warnings() ==
          Strings{"1:1-1:1 ignore entry * matches no finding"});
  }
  SECTION("the first that covers a result wins") {
    C->Suppressions = {Entry("AZ-STORAGE-001", "", ""), Entry("AZ-*", "", "")};
    C->apply();
    for (const Suppression *S : C->Outcome.SuppressedBy)
      CHECK(S == &C->Suppressions[0]);
    // The second still has findings in its scope: it is not stale.
    CHECK(C->warnings().empty());
  }
}
