//===- ScanFindingsCliTest.cpp - `rampart scan` findings and exit codes ---===//
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using nlohmann::json;
using rampart::testing::Run;
using rampart::testing::TempDir;

namespace {

const char *Insecure = R"(resource "aws_db_instance" "app" {
  engine                     = "postgres"
  instance_class             = "db.t3.micro"
  publicly_accessible        = true
  auto_minor_version_upgrade = false
}

variable "encrypt" { type = bool }

resource "azurerm_key_vault" "kv" {
  name                     = "kv"
  location                 = "westeurope"
  resource_group_name      = "rg"
  tenant_id                = "t"
  sku_name                 = "standard"
  purge_protection_enabled = var.encrypt
}
)";

json scanJson(const std::string &Dir, const std::string &Extra, int Exit) {
  Run R = rampart::testing::runRampart(
      "scan --format json '" + Dir + "' " + Extra, false);
  INFO(R.Out);
  REQUIRE(R.Exit == Exit);
  return json::parse(R.Out);
}

} // namespace

TEST_CASE("rampart scan reports findings", "[cli]") {
  TempDir Dir;
  Dir.write("main.tf", Insecure);

  // The checks these resources meet; others are tested by their fixtures.
  const std::string Only = "--checks AWS-RDS-002,AWS-RDS-003,AZ-KV-001 ";
  json J = scanJson(Dir.path(), Only, 1);
  REQUIRE(J["findings"].size() == 2);
  const json &F = J["findings"][0];
  CHECK(F["check"] == "AWS-RDS-002");
  CHECK(F["severity"] == "critical");
  CHECK(F["resource"]["id"] == "aws_db_instance.app");
  CHECK(F["file"] == Dir.path() + "/main.tf");
  CHECK(F["range"]["start"] == json{{"line", 4}, {"column", 32}});
  CHECK(F["range"]["end"] == json{{"line", 4}, {"column", 36}});
  CHECK(F["message"] == "aws_db_instance 'app': publicly_accessible is true");
  // The literal `true` in the resource: a safe fix replaces it.
  CHECK(F["fix"]["available"] == true);
  CHECK(F["fix"]["applicability"] == "safe");
  CHECK(F["fix"]["edits"][0]["newText"] == "false");
  CHECK(J["findings"][1]["check"] == "AWS-RDS-003");
  CHECK(J["summary"]["findings"] == 2);
  CHECK(J["summary"]["resources"] == 2);
  CHECK(J["summary"]["bySeverity"] == json{{"critical", 1}, {"high", 1}});
  // The key vault's purge protection depends on a variable: not a finding.
  CHECK(J["unknown"].empty());

  SECTION("--strict lists unknown results") {
    json S = scanJson(Dir.path(), Only + "--strict", 1);
    REQUIRE(S["unknown"].size() == 1);
    CHECK(S["unknown"][0]["check"] == "AZ-KV-001");
  }
  SECTION("--checks and --skip-checks select by glob") {
    json S = scanJson(Dir.path(),
                      "--checks 'AWS-RDS-00[23]' --skip-checks AWS-RDS-002", 1);
    REQUIRE(S["findings"].size() == 1);
    CHECK(S["findings"][0]["check"] == "AWS-RDS-003");
  }
  SECTION("--severity filters, --fail-on sets the exit code") {
    json S = scanJson(Dir.path(), Only + "--severity critical", 1);
    CHECK(S["findings"].size() == 1);
    scanJson(Dir.path(), "--checks AWS-RDS-003 --fail-on critical", 0);
  }
  SECTION("the text format") {
    Run R = rampart::testing::runRampart(
        "scan '" + Dir.path() + "' --checks AWS-RDS-002", false);
    CHECK(R.Exit == 1);
    CHECK(R.Out.find(Dir.path() + "/main.tf:4:32: critical: [AWS-RDS-002] "
                                  "aws_db_instance 'app': publicly_accessible "
                                  "is true\n"
                                  "  publicly_accessible        = true\n"
                                  "                               ^~~~\n"
                                  "  hint: Keep databases private") !=
          std::string::npos);
  }
}

TEST_CASE("rampart checks list and explain", "[cli]") {
  Run List = rampart::testing::runRampart("checks list --format json", false);
  REQUIRE(List.Exit == 0);
  json J = json::parse(List.Out);
  REQUIRE(J.size() >= 4);
  CHECK(J[0].contains("id"));
  CHECK(J[0].contains("bindings"));
  Run Explain =
      rampart::testing::runRampart("checks explain az-storage-001", false);
  CHECK(Explain.Exit == 0);
  CHECK(Explain.Out.rfind("# AZ-STORAGE-001: ", 0) == 0);
  CHECK(rampart::testing::runRampart("checks explain NOPE-1", false).Exit == 2);
}

TEST_CASE("rampart scan: a resource with an unknown condition is unknown",
          "[cli]") {
  TempDir Dir;
  Dir.write("stack.yaml", R"(Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Condition: IsProd
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AutoMinorVersionUpgrade: false
)");
  json J = scanJson(Dir.path(), "--checks AWS-RDS-003 --strict", 0);
  CHECK(J["findings"].empty());
  REQUIRE(J["unknown"].size() == 1);
  CHECK(J["unknown"][0]["message"].get<std::string>().find(
            "deployed only when its condition holds") != std::string::npos);
  // Unknown results do not fail the scan.
  Run R = rampart::testing::runRampart(
      "scan --checks AWS-RDS-003 '" + Dir.path() + "'", false);
  CHECK(R.Exit == 0);
}
