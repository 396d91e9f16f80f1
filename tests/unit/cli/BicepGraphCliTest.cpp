//===- BicepGraphCliTest.cpp - `rampart graph` on Bicep, end to end -------===//
//
// Which Bicep files become units (entry files, not modules; one unit per
// .bicepparam), and the parameter and context options, through the binary.
//
//===----------------------------------------------------------------------===//
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using nlohmann::json;
using rampart::testing::Run;
using rampart::testing::TempDir;

namespace {

const char *Main = R"(param env string
module storage 'modules/storage.bicep' = {
  name: 'storage-${env}'
  params: { name: 'st${env}' }
}
)";

const char *Storage = R"(param name string
resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: name
  location: resourceGroup().location
  properties: { supportsHttpsTrafficOnly: false }
}
)";

json graph(const std::string &Args) {
  Run R = rampart::testing::runRampart("graph --format json " + Args, false);
  INFO(R.Out);
  REQUIRE(R.Exit == 0);
  return json::parse(R.Out);
}

std::vector<std::string> names(const json &Unit) {
  std::vector<std::string> Out;
  for (const json &R : Unit.at("resources"))
    Out.push_back(R.at("name").is_string() ? R.at("name").get<std::string>()
                                           : R.at("name").dump());
  return Out;
}

} // namespace

TEST_CASE("rampart graph: a Bicep entry file with its module", "[cli]") {
  TempDir Dir;
  Dir.write("main.bicep", Main);
  Dir.write("modules/storage.bicep", Storage);
  json G = graph("--param env=dev '" + Dir.path() + "'");
  // The module is part of main's unit, not a unit of its own.
  REQUIRE(G.at("units").size() == 1);
  const json &U = G["units"][0];
  CHECK(U.at("dialect") == "bicep");
  CHECK(U.at("root") == Dir.path() + "/main.bicep");
  CHECK(names(U) == std::vector<std::string>{"storage-dev", "stdev"});
  const json &Stg = U["resources"][1];
  CHECK(Stg.at("id") == "Microsoft.Storage/storageAccounts/stdev");
  CHECK(Stg.at("file") == Dir.path() + "/modules/storage.bicep");
  CHECK(Stg.at("range") == json::parse(R"({"start": {"line": 2, "column": 14},
                        "end": {"line": 2, "column": 60}})"));
  CHECK(Stg["properties"]["location"] ==
        json::parse(R"J({"$unknown": "resourceGroup().location is known )J"
                    R"J(only at deployment (supply it as context)"})J"));
  CHECK(U.at("edges") ==
        json::parse(R"([{"from": "Microsoft.Storage/storageAccounts/stdev",
                          "to": "Microsoft.Resources/deployments/storage-dev",
                          "kind": "parent"}])"));

  G = graph(
      "--param env=dev --context 'resourceGroup().location=westeurope' '" +
      Dir.path() + "'");
  CHECK(G["units"][0]["resources"][1]["properties"]["location"] ==
        "westeurope");
}

TEST_CASE("rampart graph: one Bicep unit per .bicepparam", "[cli]") {
  TempDir Dir;
  Dir.write("main.bicep", Main);
  Dir.write("modules/storage.bicep", Storage);
  Dir.write("env/dev.bicepparam", "using '../main.bicep'\nparam env = 'dev'\n");
  Dir.write("env/prod.bicepparam",
            "using '../main.bicep'\nparam env = 'prod'\n");
  json G = graph("'" + Dir.path() + "'");
  REQUIRE(G.at("units").size() == 2);
  std::vector<std::vector<std::string>> All;
  for (const json &U : G["units"])
    All.push_back(names(U));
  std::sort(All.begin(), All.end());
  CHECK(All == std::vector<std::vector<std::string>>{
                   {"storage-dev", "stdev"}, {"storage-prod", "stprod"}});

  // --parameters picks one parameter file for the templates given.
  G = graph("--parameters '" + Dir.path() + "/env/prod.bicepparam' '" +
            Dir.path() + "/main.bicep'");
  REQUIRE(G.at("units").size() == 1);
  CHECK(names(G["units"][0]) ==
        std::vector<std::string>{"storage-prod", "stprod"});
}

TEST_CASE("rampart graph: a module outside the scanned paths is read only "
          "with --allow-outside-root",
          "[cli]") {
  TempDir Dir;
  Dir.write("app/main.bicep",
            "module storage '../shared/storage.bicep' = {\n"
            "  name: 'storage'\n  params: { name: 'stshared' }\n}\n");
  Dir.write("shared/storage.bicep", Storage);
  json Inside = graph("'" + Dir.path() + "/app'");
  REQUIRE(Inside.at("units").size() == 1);
  CHECK(names(Inside["units"][0]) == std::vector<std::string>{"storage"});
  CHECK_THAT(Inside["units"][0]["diagnostics"][0]["message"].get<std::string>(),
             Catch::Contains("is outside the scanned directory"));

  json G = graph("--allow-outside-root '" + Dir.path() + "/app'");
  REQUIRE(G.at("units").size() == 1);
  CHECK(names(G["units"][0]) ==
        std::vector<std::string>{"storage", "stshared"});
  CHECK(G["units"][0]["resources"][1]["file"] ==
        Dir.path() + "/shared/storage.bicep");
}
