//===- ArmTemplateCliTest.cpp - `rampart graph`, end to end ---------------===//
//
// Runs the built binary on a temporary directory and checks the graph JSON
// contract and the DOT output.
//
//===----------------------------------------------------------------------===//
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using rampart::testing::Run;
using rampart::testing::TempDir;

namespace {

Run runRampart(const std::string &Args) {
  return rampart::testing::runRampart(Args, /*KeepStderr=*/false);
}

const char *Template = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"name": {"type": "string"}, "https": {"type": "bool"}},
  "resources": [
    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
     "name": "[parameters('name')]",
     "properties": {"supportsHttpsTrafficOnly": "[parameters('https')]",
                    "missing": "[parameters('nope')]"}},
    {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "app",
     "dependsOn": ["[parameters('name')]"]}
  ]
})";

const char *Parameters = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "parameters": {"name": {"value": "st1"}, "https": {"value": false}}
})";

} // namespace

TEST_CASE("rampart graph: JSON contract", "[armtpl]") {
  TempDir Dir;
  std::string Main = Dir.write("main.json", Template);
  Dir.write("main.parameters.json", Parameters);
  Run R =
      runRampart("graph '" + Dir.path() + "' --format json --param https=true");
  REQUIRE(R.Exit == 0);
  nlohmann::json J = nlohmann::json::parse(R.Out);
  REQUIRE(J["units"].size() == 1);
  const nlohmann::json &U = J["units"][0];
  CHECK(U["root"] == Main);
  CHECK(U["dialect"] == "arm");
  REQUIRE(U["resources"].size() == 2);
  const nlohmann::json &St = U["resources"][0];
  CHECK(St["id"] == "Microsoft.Storage/storageAccounts/st1");
  CHECK(St["type"] == "Microsoft.Storage/storageAccounts");
  CHECK(St["name"] == "st1");
  CHECK(St["apiVersion"] == "2022-09-01");
  CHECK(St["file"] == Main);
  CHECK(St["range"] == nlohmann::json::parse(
                           R"({"start": {"line": 5, "column": 14},
                               "end": {"line": 5, "column": 49}})"));
  // --param beats the parameter file; a bool parameter reads JSON.
  CHECK(St["properties"]["properties"]["supportsHttpsTrafficOnly"] == true);
  CHECK(St["properties"]["properties"]["missing"] ==
        nlohmann::json::parse(
            R"({"$unknown": "parameter 'nope' is not declared"})"));
  CHECK(U["edges"] == nlohmann::json::parse(
                          R"([{"from": "Microsoft.Web/sites/app",
                               "to": "Microsoft.Storage/storageAccounts/st1",
                               "kind": "depends_on"}])"));
  REQUIRE(U["diagnostics"].size() == 1);
  const nlohmann::json &D = U["diagnostics"][0];
  CHECK(D["file"] == Main);
  CHECK(D["severity"] == "error");
  CHECK(D["message"] == "parameter 'nope' is not declared");
  CHECK(D["range"]["start"]["line"] == 8);
}

TEST_CASE("rampart graph: DOT and usage errors", "[armtpl]") {
  TempDir Dir;
  Dir.write("main.json", Template);
  std::string Params = Dir.write("other.json", Parameters);
  Run R = runRampart("graph '" + Dir.path() +
                     "/main.json' --format dot "
                     "--parameters '" +
                     Params + "'");
  REQUIRE(R.Exit == 0);
  CHECK(R.Out.rfind("digraph rampart {", 0) == 0);
  CHECK(R.Out.find("[label=\"Microsoft.Storage/storageAccounts\\nst1\"]") !=
        std::string::npos);
  CHECK(R.Out.find("\"0:Microsoft.Web/sites/app\" -> "
                   "\"0:Microsoft.Storage/storageAccounts/st1\" "
                   "[label=\"depends_on\"]") != std::string::npos);
  CHECK(runRampart("graph '" + Dir.path() + "' --param novalue").Exit == 2);
  CHECK(runRampart("graph '" + Dir.path() + "' --format yaml").Exit == 2);
}
