//===- PolicyCliTest.cpp - `--policy-dir` and `checks export` -------------===//
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include "llvm/ADT/StringRef.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using nlohmann::json;
using rampart::testing::Run;
using rampart::testing::runRampart;
using rampart::testing::TempDir;

namespace {

const char *VersioningPolicy = R"(id: ORG-S3-001
title: Buckets should be versioned
severity: medium
control: Enable data recovery
remediation: Turn on versioning
bindings:
  - family: terraform
    provider: aws
    types: [aws_s3_bucket]
    property:
      path: versioning.enabled
      equals: true
      missing: unhealthy
)";

// `equals` is misspelled on line 10.
const char *Malformed = R"(id: ORG-S3-002
title: Buckets should be tagged
severity: low
bindings:
  - family: terraform
    provider: aws
    types: [aws_s3_bucket]
    property:
      path: tags
      equal: {}
)";

const char *Bucket = R"(resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
)";

} // namespace

TEST_CASE("rampart scan --policy-dir runs user checks", "[cli][policy]") {
  TempDir Dir;
  std::string Src = Dir.mkdir("src");
  Dir.write("src/main.tf", Bucket);
  std::string Policies = Dir.mkdir("policies");
  Dir.write("policies/versioning.yaml", VersioningPolicy);
  // --policy-dir is repeatable.
  std::string More = Dir.mkdir("more");
  std::string Logging = VersioningPolicy;
  Logging.replace(Logging.find("ORG-S3-001"), 10, "ORG-S3-003");
  Dir.write("more/logging.yml", Logging);

  Run R =
      runRampart("scan --format json --checks 'ORG-*' --policy-dir '" +
                     Policies + "' --policy-dir '" + More + "' '" + Src + "'",
                 false);
  INFO(R.Out);
  CHECK(R.Exit == 1);
  json J = json::parse(R.Out);
  REQUIRE(J["findings"].size() == 2);
  CHECK(J["findings"][0]["check"] == "ORG-S3-001");
  CHECK(J["findings"][0]["message"] ==
        "aws_s3_bucket 'logs': versioning.enabled is not set");
  CHECK(J["findings"][0]["severity"] == "medium");
  CHECK(J["findings"][1]["check"] == "ORG-S3-003");
  CHECK(J["diagnostics"].empty());
}

TEST_CASE("a malformed policy file is reported and the scan goes on",
          "[cli][policy]") {
  TempDir Dir;
  std::string Src = Dir.mkdir("src");
  Dir.write("src/main.tf", Bucket);
  std::string Policies = Dir.mkdir("policies");
  Dir.write("policies/a-versioning.yaml", VersioningPolicy);
  std::string Bad = Dir.write("policies/b-tags.yml", Malformed);

  Run Text = runRampart("scan --checks 'ORG-*' --policy-dir '" + Policies +
                            "' '" + Src + "'",
                        false);
  INFO(Text.Out);
  CHECK(Text.Exit == 1);
  // The error names the file, line and column of the misspelled key.
  CHECK(llvm::StringRef(Text.Out).contains(
      Bad + ":10:7: error: unknown key 'equal' in a property rule"));
  // The other policy still ran.
  CHECK(llvm::StringRef(Text.Out).contains("[ORG-S3-001]"));

  Run Json = runRampart("scan --format json --checks 'ORG-*' --policy-dir '" +
                            Policies + "' '" + Src + "'",
                        false);
  CHECK(Json.Exit == 1);
  json J = json::parse(Json.Out);
  REQUIRE(J["findings"].size() == 1);
  CHECK(J["findings"][0]["check"] == "ORG-S3-001");
  bool Reported = false;
  for (const json &D : J["diagnostics"])
    if (D["file"] == Bad && D["severity"] == "error" &&
        D["range"]["start"]["line"] == 10 && D["range"]["start"]["column"] == 7)
      Reported = true;
  CHECK(Reported);

  // A clean template with only the malformed policy still exits 1.
  std::string OnlyBad = Dir.mkdir("only-bad");
  Dir.write("only-bad/tags.yaml", Malformed);
  Run Clean = runRampart("scan --checks 'ORG-*' --policy-dir '" + OnlyBad +
                             "' '" + Src + "'",
                         false);
  CHECK(Clean.Exit == 1);

  // A directory that is not there is a usage error.
  CHECK(
      runRampart("scan --policy-dir '" + Dir.path() + "/nowhere' '" + Src + "'")
          .Exit == 2);
}

TEST_CASE("rampart checks list and explain include user checks",
          "[cli][policy]") {
  TempDir Dir;
  std::string Policies = Dir.mkdir("policies");
  Dir.write("policies/versioning.yaml", VersioningPolicy);
  Run List = runRampart("checks list --policy-dir '" + Policies + "'");
  CHECK(List.Exit == 0);
  CHECK(llvm::StringRef(List.Out).contains("ORG-S3-001"));
  CHECK(llvm::StringRef(List.Out).contains("AZ-STORAGE-001"));
  Run Explain =
      runRampart("checks explain org-s3-001 --policy-dir '" + Policies + "'");
  CHECK(Explain.Exit == 0);
  CHECK(llvm::StringRef(Explain.Out).contains("Buckets should be versioned"));
}

TEST_CASE("rampart checks export writes a loadable policy", "[cli][policy]") {
  Run Export = runRampart("checks export AZ-STORAGE-001 --format yaml", false);
  INFO(Export.Out);
  REQUIRE(Export.Exit == 0);
  CHECK(llvm::StringRef(Export.Out).contains("id: \"AZ-STORAGE-001\"\n"));
  CHECK(llvm::StringRef(Export.Out)
            .contains("when: {apiVersionSince: \"2019-04-01\"}"));

  // Renamed, it loads and runs like the built-in.
  TempDir Dir;
  std::string Yaml = Export.Out;
  Yaml.replace(Yaml.find("\"AZ-STORAGE-001\""), 16, "\"ORG-STORAGE-001\"");
  std::string Policies = Dir.mkdir("policies");
  Dir.write("policies/https.yaml", Yaml);
  std::string Src = Dir.mkdir("src");
  Dir.write("src/main.tf", R"(resource "azurerm_storage_account" "s" {
  name                      = "s"
  enable_https_traffic_only = false
}
)");
  Run Scan = runRampart("scan --format json --policy-dir '" + Policies + "' '" +
                            Src + "'",
                        false);
  json J = json::parse(Scan.Out);
  json Builtin, Mine;
  for (const json &F : J["findings"]) {
    if (F["check"] == "AZ-STORAGE-001")
      Builtin = F;
    if (F["check"] == "ORG-STORAGE-001")
      Mine = F;
  }
  REQUIRE_FALSE(Builtin.is_null());
  REQUIRE_FALSE(Mine.is_null());
  CHECK(Mine["message"] == Builtin["message"]);
  CHECK(Mine["range"] == Builtin["range"]);
  CHECK(Mine["severity"] == "high");

  // Loaded unchanged, the id clashes with the built-in.
  std::string Clash = Dir.mkdir("clash");
  std::string ClashFile = Dir.write("clash/https.yaml", Export.Out);
  Run Clashing = runRampart("checks list --policy-dir '" + Clash + "'");
  CHECK(Clashing.Exit == 1);
  CHECK(llvm::StringRef(Clashing.Out)
            .contains(ClashFile + ":4:5: error: check id 'AZ-STORAGE-001' is "
                                  "a built-in check's id"));

  Run NotExportable = runRampart("checks export AWS-RDS-002");
  CHECK(NotExportable.Exit == 2);
  CHECK(llvm::StringRef(NotExportable.Out)
            .contains("check AWS-RDS-002 cannot be exported"));
  CHECK(runRampart("checks export NO-SUCH-1").Exit == 2);
}
