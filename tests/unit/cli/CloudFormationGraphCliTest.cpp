//===- CloudFormationGraphCliTest.cpp - `rampart graph` on CloudFormation -===//
//
// Parameter files in both CloudFormation forms, --param and --context,
// nested stacks that are not units of their own, and --verbose notes,
// through the binary.
//
//===----------------------------------------------------------------------===//
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using nlohmann::json;
using rampart::testing::Run;
using rampart::testing::TempDir;

namespace {

const char *Template = R"(Parameters:
  Env: {Type: String, AllowedValues: [dev, prod]}
  Retention: {Type: Number, Default: 7}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub "/app/${Env}/${AWS::Region}"
      RetentionInDays: !Ref Retention
  ProdOnly:
    Type: AWS::SNS::Topic
    Condition: IsProd
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: nested/network.yaml
)";

const char *Nested = R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
)";

json unitOf(const Run &R) {
  INFO(R.Out);
  REQUIRE(R.Exit == 0);
  json G = json::parse(R.Out);
  // The nested template is evaluated inside its parent only.
  REQUIRE(G.at("units").size() == 1);
  return G.at("units")[0];
}

const json &resource(const json &Unit, const std::string &Id) {
  for (const json &R : Unit.at("resources"))
    if (R.at("id") == Id)
      return R;
  FAIL("no resource " << Id);
  throw;
}

} // namespace

TEST_CASE("rampart graph: CloudFormation parameters and context", "[cli]") {
  TempDir Dir;
  Dir.write("stack.yaml", Template);
  Dir.write("nested/network.yaml", Nested);
  Dir.write("params.json",
            R"([{"ParameterKey": "Env", "ParameterValue": "prod"}])");
  Dir.write("pipeline.json", R"({"Parameters": {"Env": "dev"}})");
  std::string Path = "'" + Dir.path() + "/stack.yaml' '" + Dir.path() +
                     "/nested/network.yaml'";

  json U = unitOf(rampart::testing::runRampart(
      "graph --format json " + Path + " --parameters '" + Dir.path() +
          "/params.json' --context AWS::Region=eu-west-1",
      false));
  CHECK(resource(U, "Logs")["properties"]["LogGroupName"] ==
        "/app/prod/eu-west-1");
  CHECK(resource(U, "Logs")["properties"]["RetentionInDays"] == "7");
  CHECK(resource(U, "ProdOnly")["condition"] == true);
  CHECK(resource(U, "Network/Vpc")["properties"]["CidrBlock"] == "10.0.0.0/16");

  // The CodePipeline form; a resource left out by its condition.
  U = unitOf(rampart::testing::runRampart("graph --format json " + Path +
                                              " --parameters '" + Dir.path() +
                                              "/pipeline.json'",
                                          false));
  CHECK(resource(U, "Logs")["properties"]["LogGroupName"].contains(
      "$unknown")); // the region is not given
  for (const json &Res : U.at("resources"))
    CHECK(Res.at("id") != "ProdOnly");
  // --verbose says so on stderr.
  Run Verbose = rampart::testing::runRampart("graph -v --format dot " + Path +
                                                 " --parameters '" +
                                                 Dir.path() + "/pipeline.json'",
                                             true);
  CHECK(Verbose.Out.find("note: resource 'ProdOnly' is not deployed: "
                         "condition 'IsProd' is false") != std::string::npos);

  // --param wins over the parameter file.
  U = unitOf(rampart::testing::runRampart(
      "graph --format json " + Path + " --parameters '" + Dir.path() +
          "/pipeline.json' --param Env=prod",
      false));
  CHECK(resource(U, "ProdOnly")["condition"] == true);
}
