//===- TerraformGraphCliTest.cpp - `rampart graph` on Terraform -----------===//
//
// Root modules and called modules, the variable options, modules that
// `terraform init` downloaded, and the scan-root boundary, through the
// binary.
//
//===----------------------------------------------------------------------===//
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>

using nlohmann::json;
using rampart::testing::Run;
using rampart::testing::TempDir;

namespace {

json graph(const std::string &Args) {
  Run R = rampart::testing::runRampart("graph --format json " + Args, false);
  INFO(R.Out);
  REQUIRE(R.Exit == 0);
  return json::parse(R.Out);
}

const json *resource(const json &Unit, const std::string &Id) {
  for (const json &R : Unit.at("resources"))
    if (R.at("id") == Id)
      return &R;
  return nullptr;
}

const char *Root = R"(variable "name" {}
variable "env" { default = "dev" }
module "bucket" {
  source = "./modules/bucket"
  name   = "${var.name}-${var.env}"
}
)";

const char *Bucket = R"(variable "name" {}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
)";

} // namespace

TEST_CASE("rampart graph: Terraform roots and their variables", "[cli]") {
  TempDir Dir;
  Dir.write("main.tf", Root);
  Dir.write("modules/bucket/main.tf", Bucket);
  Dir.write("terraform.tfvars", "name = \"shop\"\n");
  Dir.write("prod.tfvars", "env = \"prod\"\n");
  json G = graph("'" + Dir.path() + "'");
  // The called module is not a root of its own.
  REQUIRE(G.at("units").size() == 1);
  const json &U = G["units"][0];
  CHECK(U.at("dialect") == "terraform");
  const json *B = resource(U, "module.bucket.aws_s3_bucket.this");
  REQUIRE(B);
  CHECK(B->at("properties").at("bucket") == "shop-dev");
  CHECK(B->at("file") == Dir.path() + "/modules/bucket/main.tf");

  G = graph("--var-file '" + Dir.path() + "/prod.tfvars' '" + Dir.path() + "'");
  CHECK(resource(G["units"][0], "module.bucket.aws_s3_bucket.this")
            ->at("properties")
            .at("bucket") == "shop-prod");
  G = graph("--var-file '" + Dir.path() + "/prod.tfvars' --var env=test '" +
            Dir.path() + "'");
  CHECK(resource(G["units"][0], "module.bucket.aws_s3_bucket.this")
            ->at("properties")
            .at("bucket") == "shop-test");

  // TF_VAR_ is read only when asked, and loses to terraform.tfvars.
  ::setenv("TF_VAR_env", "fromenv", 1);
  ::setenv("TF_VAR_name", "ignored", 1);
  G = graph("'" + Dir.path() + "'");
  CHECK(resource(G["units"][0], "module.bucket.aws_s3_bucket.this")
            ->at("properties")
            .at("bucket") == "shop-dev");
  G = graph("--use-env '" + Dir.path() + "'");
  CHECK(resource(G["units"][0], "module.bucket.aws_s3_bucket.this")
            ->at("properties")
            .at("bucket") == "shop-fromenv");
  ::unsetenv("TF_VAR_env");
  ::unsetenv("TF_VAR_name");
}

TEST_CASE("rampart graph: modules downloaded by terraform init", "[cli]") {
  TempDir Dir;
  Dir.write("main.tf", R"(module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  name    = "main"
}
)");
  Dir.write(".terraform/modules/modules.json",
            R"({"Modules":[{"Key":"","Source":"","Dir":"."},
               {"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws",
                "Version":"5.0.0","Dir":".terraform/modules/vpc"}]})");
  Dir.write(".terraform/modules/vpc/main.tf",
            "variable \"name\" {}\n"
            "resource \"aws_vpc\" \"this\" { tags = { Name = var.name } }\n");
  json G = graph("'" + Dir.path() + "'");
  REQUIRE(G.at("units").size() == 1);
  const json *Vpc = resource(G["units"][0], "module.vpc.aws_vpc.this");
  REQUIRE(Vpc);
  CHECK(Vpc->at("properties").at("tags").at("Name") == "main");
}

TEST_CASE("rampart graph: module sources stay under the scanned path",
          "[cli]") {
  TempDir Dir;
  Dir.write("app/main.tf", "module \"shared\" { source = \"../shared\" }\n");
  Dir.write("shared/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n");
  json G = graph("'" + Dir.path() + "/app'");
  REQUIRE(G.at("units").size() == 1);
  CHECK_FALSE(resource(G["units"][0], "module.shared.aws_sqs_queue.q"));
  bool Warned = false;
  for (const json &D : G["units"][0]["diagnostics"])
    Warned |= D.at("message").get<std::string>().find(
                  "leaves the scanned directory") != std::string::npos;
  CHECK(Warned);
  G = graph("--allow-outside-root '" + Dir.path() + "/app'");
  CHECK(resource(G["units"][0], "module.shared.aws_sqs_queue.q"));
}
