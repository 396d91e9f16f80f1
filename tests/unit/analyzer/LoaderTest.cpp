//===- LoaderTest.cpp - Dialect detection ---------------------------------===//
#include "analyzer/workspace/Loader.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::workspace;

namespace {
LoadedFile load(llvm::StringRef Name, llvm::StringRef Text) {
  return loadSource(SourceFile::fromText(Name, Text));
}

std::string kindOf(const LoadedFile &F) {
  if (!F.Doc)
    return "skipped";
  return (dialectName(F.Doc->dialect()) + "/" + fileRoleName(F.Doc->role()))
      .str();
}
} // namespace

TEST_CASE("detection: by file name", "[detect]") {
  CHECK(kindOf(load("main.bicep", "")) == "bicep/template");
  CHECK(kindOf(load("main.bicepparam", "")) == "bicep/parameters");
  CHECK(kindOf(load("main.tf", "")) == "terraform/template");
  CHECK(kindOf(load("dev.tfvars", "")) == "terraform/variables");
  CHECK(kindOf(load("main.tf.json", "{}")) == "terraform/template");
  CHECK(kindOf(load("dev.tfvars.json", "{}")) == "terraform/variables");
  CHECK(kindOf(load("notes.txt", "AWSTemplateFormatVersion: x")) == "skipped");
}

TEST_CASE("detection: ARM by $schema", "[detect]") {
  const char *Schemas[] = {"deploymentTemplate.json#",
                           "subscriptionDeploymentTemplate.json#",
                           "managementGroupDeploymentTemplate.json#",
                           "tenantDeploymentTemplate.json#"};
  for (const char *S : Schemas) {
    std::string Text = std::string("{\"$schema\": \"https://schema.management."
                                   "azure.com/schemas/2019-04-01/") +
                       S + "\", \"resources\": []}";
    CHECK(kindOf(load("azuredeploy.json", Text)) == "arm/template");
  }
  CHECK(kindOf(load("p.json",
                    "{\"$schema\": \"https://schema.management.azure.com/"
                    "schemas/2019-04-01/deploymentParameters.json#\"}")) ==
        "arm/parameters");
  CHECK(kindOf(load("package.json", "{\"name\": \"x\"}")) == "skipped");
  CHECK(kindOf(load("s.json", "{\"$schema\": \"http://json-schema.org/\"}")) ==
        "skipped");
}

TEST_CASE("detection: ARM comments stay legal, CloudFormation JSON is strict",
          "[detect]") {
  LoadedFile Arm = load("a.json", "{\n// c\n\"$schema\": \"https://x/"
                                  "deploymentTemplate.json#\",}");
  REQUIRE(Arm.Doc);
  CHECK(Arm.Doc->diagnostics().empty());
  LoadedFile Cfn = load("c.json", "{\n// c\n\"AWSTemplateFormatVersion\": "
                                  "\"2010-09-09\"}");
  REQUIRE(Cfn.Doc);
  CHECK(kindOf(Cfn) == "cloudformation/template");
  REQUIRE(Cfn.Doc->diagnostics().size() == 1);
  CHECK(Cfn.Doc->diagnostics()[0].Message ==
        "a comment is not allowed in strict JSON");
}

TEST_CASE("detection: CloudFormation by version, resource types or SAM",
          "[detect]") {
  CHECK(kindOf(load("t.json", "{\"Resources\": {\"B\": {\"Type\": "
                              "\"AWS::S3::Bucket\"}}}")) ==
        "cloudformation/template");
  CHECK(kindOf(load("t.json", "{\"Resources\": {\"B\": {\"Type\": "
                              "\"Custom::Thing\"}}}")) ==
        "cloudformation/template");
  CHECK(kindOf(load("t.json", "{\"Resources\": {\"B\": {\"Type\": "
                              "\"Initech::TPS::Report\"}}}")) ==
        "cloudformation/template");
  CHECK(kindOf(load("t.json", "{\"Resources\": {\"B\": {\"Type\": "
                              "\"Kubernetes::Pod\"}}}")) == "skipped");
  CHECK(kindOf(load("t.json", "{\"Resources\": {\"B\": {\"Type\": "
                              "\"a::b c::d\"}}}")) == "skipped");
  CHECK(kindOf(load("t.json", "{\"Transform\": \"AWS::Serverless-2016-10-31\""
                              ", \"Resources\": {}}")) ==
        "cloudformation/template");
  CHECK(kindOf(load("t.json", "{\"Transform\": [\"AWS::Serverless-2016-10-31\"]"
                              "}")) == "cloudformation/template");
  CHECK(kindOf(load("t.json", "{\"AWSTemplateFormatVersion\": "
                              "\"2010-09-09\"}")) == "cloudformation/template");
}

TEST_CASE("detection: a broken template is still reported, not skipped",
          "[detect]") {
  LoadedFile F = load("t.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\""
                                ", \"Resources\": {");
  REQUIRE(F.Doc);
  CHECK(kindOf(F) == "cloudformation/template");
  CHECK(F.Doc->hasErrors());
  LoadedFile G = load("azuredeploy.json",
                      "{\"$schema\": \"https://schema.management.azure.com/"
                      "schemas/2019-04-01/deploymentTemplate.json#\", [");
  CHECK(kindOf(G) == "arm/template");
  CHECK(kindOf(load("x.json", "{ nope")) == "skipped");
}

TEST_CASE("detection: binary and invalid UTF-8 get a diagnostic", "[detect]") {
  LoadedFile Bin = load("main.tf", llvm::StringRef("\x7f"
                                                   "ELF\0\0\x01",
                                                   7));
  REQUIRE(Bin.Doc);
  bool SawBinary = false;
  for (const Diagnostic &D : Bin.Doc->diagnostics())
    SawBinary |= D.Message ==
                 "file contains a NUL byte; it looks binary, not a template";
  CHECK(SawBinary);

  LoadedFile Bad = load("main.tf", "a = \"\xFF\"\n");
  REQUIRE(Bad.Doc);
  bool SawUtf8 = false;
  for (const Diagnostic &D : Bad.Doc->diagnostics())
    if (D.Message == "invalid UTF-8 byte in file") {
      SawUtf8 = true;
      CHECK(D.Range.Start.Line == 1);
      CHECK(D.Range.Start.Column == 6);
    }
  CHECK(SawUtf8);
}
