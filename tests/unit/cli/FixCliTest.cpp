//===- FixCliTest.cpp - `rampart fix` through the binary ------------------===//
//
// What a developer or a pre-commit hook sees: `fix --diff` writes nothing
// and exits 1 when there is something to fix; `fix` writes only the files
// it fixes, re-scans, says how the secure score moved, and a second run
// changes nothing; unsafe fixes wait for --unsafe-fixes; SARIF and JSON
// carry the same edits.
//
//===----------------------------------------------------------------------===//
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using nlohmann::json;
using rampart::testing::runRampart;
using rampart::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// HTTPS off as a literal (safe fix) and TLS through a variable (unsafe).
const char *StorageTf = R"(variable "tls" {
  default = "TLS1_0"
}

resource "azurerm_storage_account" "st" {
  name                       = "st"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false # a legacy client
  min_tls_version            = var.tls
}
)";

const char *CleanBicep =
    R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
)";

std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

std::string quotedPath(const std::string &P) { return "'" + P + "'"; }

} // namespace

TEST_CASE("rampart fix --diff prints the change and writes nothing",
          "[cli][fix]") {
  TempDir Dir;
  std::string Tf = Dir.write("infra/main.tf", StorageTf);
  rampart::testing::Run R =
      runRampart("fix --diff --checks AZ-STORAGE-001 " + quotedPath(Dir.path()),
                 /*KeepStderr=*/false);
  INFO(R.Out);
  CHECK(R.Exit == 1);
  CHECK(
      R.Out.find("-  https_traffic_only_enabled = false # a legacy client\n"
                 "+  https_traffic_only_enabled = true # a legacy client\n") !=
      std::string::npos);
  CHECK(readFile(Tf) == StorageTf);
}

TEST_CASE("rampart fix --diff exits 0 when nothing needs fixing",
          "[cli][fix]") {
  TempDir Dir;
  Dir.write("main.bicep", CleanBicep);
  rampart::testing::Run R = runRampart(
      "fix --diff --checks AZ-STORAGE-001 " + quotedPath(Dir.path()), false);
  INFO(R.Out);
  CHECK(R.Exit == 0);
  CHECK(R.Out.empty());
}

TEST_CASE("rampart fix writes safe fixes only, re-scans, and is idempotent",
          "[cli][fix]") {
  TempDir Dir;
  std::string Tf = Dir.write("main.tf", StorageTf);
  std::string Bicep = Dir.write("clean/main.bicep", CleanBicep);
  auto CleanTime = fs::last_write_time(Bicep);
  std::string Args = "--checks 'AZ-STORAGE-00[12]' " + quotedPath(Dir.path());

  rampart::testing::Run First = runRampart("fix " + Args);
  INFO(First.Out);
  std::string Fixed = readFile(Tf);
  CHECK(Fixed.find("https_traffic_only_enabled = true # a legacy client") !=
        std::string::npos);
  // The TLS fix would replace a variable's value: unsafe, not applied.
  CHECK(Fixed.find("min_tls_version            = var.tls") !=
        std::string::npos);
  CHECK(First.Out.find("fixed [AZ-STORAGE-001] Set https_traffic_only_enabled "
                       "to true") != std::string::npos);
  CHECK(First.Out.find("1 fixes applied in 1 files; secure score") !=
        std::string::npos);
  CHECK(First.Out.find("1 unsafe fixes not applied") != std::string::npos);
  // The other file was not written.
  CHECK(fs::last_write_time(Bicep) == CleanTime);
  CHECK(readFile(Bicep) == CleanBicep);

  rampart::testing::Run Second = runRampart("fix " + Args);
  INFO(Second.Out);
  CHECK(readFile(Tf) == Fixed);
  CHECK(Second.Out.find("0 fixes applied in 0 files") != std::string::npos);

  rampart::testing::Run Unsafe = runRampart("fix --unsafe-fixes " + Args);
  INFO(Unsafe.Out);
  CHECK(readFile(Tf).find("min_tls_version            = \"TLS1_2\"") !=
        std::string::npos);
  CHECK(Unsafe.Exit == 0);
}

TEST_CASE("rampart fix raises the secure score", "[cli][fix]") {
  TempDir Dir;
  Dir.write("main.tf", StorageTf);
  auto Score = [&] {
    rampart::testing::Run R =
        runRampart("score --format json " + quotedPath(Dir.path()), false);
    return json::parse(R.Out)["percent"].get<double>();
  };
  double Before = Score();
  runRampart("fix --unsafe-fixes " + quotedPath(Dir.path()));
  CHECK(Score() > Before);
}

TEST_CASE("scan outputs carry the fix: JSON edits and SARIF fixes",
          "[cli][fix]") {
  TempDir Dir;
  Dir.write("main.tf", StorageTf);
  rampart::testing::Run R = runRampart(
      "scan --format json --checks AZ-STORAGE-001 " + quotedPath(Dir.path()),
      false);
  json Finding = json::parse(R.Out)["findings"][0];
  json Fix = Finding["fix"];
  CHECK(Fix["available"] == true);
  CHECK(Fix["applicability"] == "safe");
  CHECK(Fix["title"] == "Set https_traffic_only_enabled to true");
  REQUIRE(Fix["edits"].size() == 1);
  CHECK(Fix["edits"][0]["newText"] == "true");
  CHECK(Fix["edits"][0]["range"]["start"]["line"] == 11);
  CHECK(Fix["edits"][0]["range"]["start"]["column"] == 32);

  rampart::testing::Run S = runRampart(
      "scan --format sarif --checks AZ-STORAGE-001 " + quotedPath(Dir.path()),
      false);
  json Result = json::parse(S.Out)["runs"][0]["results"][0];
  REQUIRE(Result["fixes"].size() == 1);
  json Replacement =
      Result["fixes"][0]["artifactChanges"][0]["replacements"][0];
  CHECK(Replacement["insertedContent"]["text"] == "true");
  CHECK(Replacement["deletedRegion"]["startLine"] == 11);
  CHECK(Replacement["deletedRegion"]["startColumn"] == 32);
  CHECK(Replacement["deletedRegion"]["endColumn"] == 37);
  CHECK(Result["fixes"][0]["description"]["text"] ==
        "Set https_traffic_only_enabled to true");
}

TEST_CASE("rampart fix on the examples edits all four dialects and raises "
          "the score",
          "[cli][fix]") {
  TempDir Dir;
  fs::copy(RAMPART_SOURCE_DIR "/examples", Dir.path(),
           fs::copy_options::recursive);
  rampart::testing::Run Diff =
      runRampart("fix --diff " + quotedPath(Dir.path()), false);
  INFO(Diff.Out);
  CHECK(Diff.Exit == 1);
  for (const char *File :
       {"/bicep/main.bicep", "/arm/azuredeploy.json", "/terraform/main.tf",
        "/cloudformation/template.yaml"})
    CHECK(Diff.Out.find("+++ " + Dir.path() + File) != std::string::npos);

  rampart::testing::Run Fix = runRampart("fix " + quotedPath(Dir.path()));
  INFO(Fix.Out);
  size_t At = Fix.Out.find("secure score ");
  REQUIRE(At != std::string::npos);
  int Before = 0, After = 0;
  REQUIRE(std::sscanf(Fix.Out.c_str() + At, "secure score %d%% -> %d%%",
                      &Before, &After) == 2);
  CHECK(After > Before);
  rampart::testing::Run Again =
      runRampart("fix --diff " + quotedPath(Dir.path()), false);
  CHECK(Again.Exit == 0);
}
