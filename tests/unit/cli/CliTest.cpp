//===- CliTest.cpp - The rampart binary, end to end -----------------------===//
//
// Runs the built binary as a pipeline would and checks exit codes, the text
// diagnostic format and the JSON contracts.
//
//===----------------------------------------------------------------------===//
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using rampart::testing::Run;
using rampart::testing::runRampart;
using rampart::testing::TempDir;

namespace {

const char *ArmTemplate =
    "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/"
    "2019-04-01/deploymentTemplate.json#\",\n  \"resources\": []\n}\n";

} // namespace

TEST_CASE("cli: --version and --help", "[cli]") {
  Run V = runRampart("--version");
  CHECK(V.Exit == 0);
  CHECK(V.Out == std::string("rampart ") + RAMPART_VERSION + "\n");
  Run H = runRampart("--help");
  CHECK(H.Exit == 0);
  CHECK(H.Out.find("scan") != std::string::npos);
  CHECK(H.Out.find("parse") != std::string::npos);
}

TEST_CASE("cli: usage errors exit 2", "[cli]") {
  CHECK(runRampart("scan --no-such-flag").Exit == 2);
  CHECK(runRampart("scan --format yaml .").Exit == 2);
  CHECK(runRampart("parse").Exit == 2);
  Run Missing = runRampart("scan /nonexistent/rampart-path");
  CHECK(Missing.Exit == 2);
  CHECK(Missing.Out.find("rampart: error: /nonexistent/rampart-path: cannot "
                         "read") != std::string::npos);
}

TEST_CASE("cli: a clean workspace exits 0, scan is the default command",
          "[cli]") {
  TempDir Dir;
  Dir.write("azuredeploy.json", ArmTemplate);
  Dir.write("package.json", "{\"name\": \"x\"}");
  Run R = runRampart("'" + Dir.path() + "'");
  CHECK(R.Exit == 0);
  CHECK(R.Out ==
        "rampart: 1 template file (1 arm), 0 resources, 0 findings, 0 errors, "
        "0 warnings\n");
  Run Verbose = runRampart("scan -v '" + Dir.path() + "'");
  CHECK(Verbose.Out.find("skipped " + Dir.path() +
                         "/package.json: JSON or YAML, but not an ARM or "
                         "CloudFormation template") != std::string::npos);
}

TEST_CASE("cli: syntax errors print like a compiler's and exit 1", "[cli]") {
  TempDir Dir;
  std::string Bad = Dir.write(
      "azuredeploy.json",
      "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/"
      "2019-04-01/deploymentTemplate.json#\",\n  \"resources\": [ 1 2 ]\n}\n");
  Run R = runRampart("scan '" + Dir.path() + "'");
  CHECK(R.Exit == 1);
  CHECK(R.Out == Bad + ":3:20: error: expected ',' or ']'\n" +
                     "  \"resources\": [ 1 2 ]\n" + "                   ^\n" +
                     "rampart: 1 template file (1 arm), 0 resources, 0 "
                     "findings, 1 error, 0 "
                     "warnings\n");
}

TEST_CASE("cli: --exclude skips matching paths", "[cli]") {
  TempDir Dir;
  Dir.write("ok/azuredeploy.json", ArmTemplate);
  Dir.write("broken/azuredeploy.json",
            "{\"$schema\": \"https://schema.management.azure.com/schemas/"
            "2019-04-01/deploymentTemplate.json#\", [");
  CHECK(runRampart("scan '" + Dir.path() + "'").Exit == 1);
  Run R = runRampart("scan --exclude broken '" + Dir.path() + "'");
  CHECK(R.Exit == 0);
}

TEST_CASE("cli: parse --format json prints the positioned document", "[cli]") {
  TempDir Dir;
  std::string File = Dir.write("azuredeploy.json", ArmTemplate);
  Run R = runRampart("parse --format json '" + File + "'");
  CHECK(R.Exit == 0);
  nlohmann::json J = nlohmann::json::parse(R.Out);
  CHECK(J["file"] == File);
  CHECK(J["dialect"] == "arm");
  CHECK(J["diagnostics"].empty());
  const nlohmann::json &Doc = J["document"];
  CHECK(Doc["kind"] == "map");
  CHECK(Doc["range"] ==
        nlohmann::json::parse(R"({"start":{"line":1,"column":1},)"
                              R"("end":{"line":4,"column":2}})"));
  const nlohmann::json &Resources = Doc["entries"][1];
  CHECK(Resources["key"] == "resources");
  CHECK(Resources["keyRange"]["start"] ==
        nlohmann::json::parse(R"({"line":3,"column":3})"));
  CHECK(Resources["value"]["kind"] == "list");
  CHECK(Resources["value"]["range"]["start"]["column"] == 16);
}

TEST_CASE("cli: parse reports errors in JSON and refuses unknown files",
          "[cli]") {
  TempDir Dir;
  std::string File = Dir.write("x.json", "{\"a\": }");
  Run Unknown = runRampart("parse '" + File + "'");
  CHECK(Unknown.Exit == 2);
  CHECK(Unknown.Out.find("use --dialect") != std::string::npos);
  Run R = runRampart("parse --dialect arm '" + File + "'");
  CHECK(R.Exit == 1);
  nlohmann::json J = nlohmann::json::parse(R.Out);
  REQUIRE(J["diagnostics"].size() == 1);
  CHECK(J["diagnostics"][0]["severity"] == "error");
  CHECK(J["diagnostics"][0]["range"]["start"] ==
        nlohmann::json::parse(R"({"line":1,"column":7})"));
}

TEST_CASE("cli: scan --format json", "[cli]") {
  TempDir Dir;
  std::string Bad = Dir.write("t.json", "{\"AWSTemplateFormatVersion\": "
                                        "\"2010-09-09\",\n \"Resources\": {");
  Run R = runRampart("scan --format json '" + Dir.path() + "'");
  CHECK(R.Exit == 1);
  nlohmann::json J = nlohmann::json::parse(R.Out);
  CHECK(J["version"] == RAMPART_VERSION);
  CHECK(J["findings"].empty());
  REQUIRE(J["diagnostics"].size() == 1);
  CHECK(J["diagnostics"][0]["file"] == Bad);
  CHECK(J["diagnostics"][0]["range"]["start"]["line"] == 2);
  CHECK(J["summary"]["files"] == 1);
  CHECK(J["summary"]["byDialect"]["cloudformation"] == 1);
}

TEST_CASE("cli: --max-file-size reports large files instead of parsing",
          "[cli]") {
  TempDir Dir;
  std::string Body = "locals {\n" + std::string(3u << 20, ' ') + "}\n";
  std::string File = Dir.write("main.tf", Body);
  Run Small = runRampart("scan --max-file-size 1 '" + File + "'");
  CHECK(Small.Exit == 1);
  CHECK(Small.Out.find(File + ":1:1: error: file is 3.0 MB, over the 1.0 MB "
                              "limit; not parsed (see --max-file-size)") !=
        std::string::npos);
  CHECK(runRampart("scan '" + File + "'").Exit == 0);
  CHECK(runRampart("scan --max-file-size 0 '" + File + "'").Exit == 2);
}
