//===- PlanTest.cpp - Fix intents lowered to edits, per dialect -----------===//
#include "analyzer/fix/Plan.h"
#include "analyzer/Scan.h"
#include "analyzer/check/CheckBuilder.h"
#include "tests/support/TempDir.h"

#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

#include <map>

using namespace rampart;
using namespace rampart::check;
using model::Value;

namespace {

/// A check as built-in checks declare theirs: HTTPS only, fixed by setting
/// the property to what the rule expects.
const Check &httpsCheck() {
  static const Check C =
      CheckBuilder("TEST-FIX-001", __FILE__)
          .title("Storage accounts should require HTTPS")
          .onArm({"Microsoft.Storage/storageAccounts"},
                 property("properties.supportsHttpsTrafficOnly")
                     .mustEqual(Value::boolean(true))
                     .defaultsTo(Value::boolean(false)))
          .onTerraform("azurerm", {"azurerm_storage_account"},
                       property("https_traffic_only_enabled")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(true)))
          .onCloudFormation({"AWS::EC2::Instance"},
                            property("MetadataOptions.HttpTokens")
                                .mustEqual(Value::string("required"))
                                .defaultsTo(Value::string("optional")))
          .fix(FixAvailability::Always, Applicability::Safe)
          .build();
  return C;
}

struct Planned {
  std::optional<fix::Fix> Fix;
  /// The fixed text of every file the fix changes, by file name.
  std::map<std::string, std::string> Texts;
};

/// Writes Files into a directory, runs the check there and plans the fix of
/// its one unhealthy result.
Planned planIn(std::vector<std::pair<std::string, std::string>> Files,
               fix::PlanOptions Options = {}) {
  testing::TempDir Dir;
  for (const auto &[Name, Text] : Files)
    Dir.write(Name, Text);
  ScanOptions SO;
  SO.Paths = {Dir.path()};
  ScanResult Scan = scanWorkspace(SO);
  std::vector<model::DeploymentUnit> Units = buildUnits(Scan, {});
  std::vector<Result> Unhealthy;
  for (Result &R : Engine({&httpsCheck()}).run(Units, 1))
    if (R.TheOutcome == Outcome::Unhealthy)
      Unhealthy.push_back(std::move(R));
  REQUIRE(Unhealthy.size() == 1);
  Planned Out;
  Out.Fix =
      fix::planFix(Unhealthy.front(), fix::lookupIn({&Scan.Files}), Options);
  if (Out.Fix)
    for (const fix::FileChange &C : Out.Fix->Changes) {
      AppliedEdits A = applyEdits(C.File->text(), C.Edits);
      CHECK(A.Rejected.empty());
      Out.Texts[llvm::sys::path::filename(C.File->path()).str()] = A.Text;
    }
  return Out;
}

const char *BicepParam = R"(param httpsOnly bool = false

resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st'
  properties: {
    supportsHttpsTrafficOnly: httpsOnly
  }
}
)";

} // namespace

TEST_CASE("fix plan: a literal in the resource is a safe fix", "[fix]") {
  Planned P =
      planIn({{"main.bicep",
               R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st'
  properties: {
    supportsHttpsTrafficOnly: false // legacy
  }
}
)"}});
  REQUIRE(P.Fix);
  CHECK(P.Fix->Kind == Applicability::Safe);
  CHECK(P.Fix->Title == "Set supportsHttpsTrafficOnly to true");
  CHECK(P.Texts["main.bicep"] ==
        R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st'
  properties: {
    supportsHttpsTrafficOnly: true // legacy
  }
}
)");
}

TEST_CASE("fix plan: a missing property is added, safely", "[fix]") {
  Planned P = planIn({{"main.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "st",
      "properties": {
        "accessTier": "Hot"
      }
    }
  ]
}
)"}});
  REQUIRE(P.Fix);
  CHECK(P.Fix->Kind == Applicability::Safe);
  CHECK(P.Texts["main.json"].find(R"("accessTier": "Hot",
        "supportsHttpsTrafficOnly": true
      })") != std::string::npos);
}

TEST_CASE("fix plan: a Bicep parameter is replaced at its use, unsafely",
          "[fix]") {
  Planned P = planIn({{"main.bicep", BicepParam}});
  REQUIRE(P.Fix);
  CHECK(P.Fix->Kind == Applicability::Unsafe);
  CHECK(P.Fix->Title == "Set supportsHttpsTrafficOnly to true (replaces the "
                        "value of parameter httpsOnly)");
  std::string Text = P.Texts["main.bicep"];
  CHECK(Text.find("param httpsOnly bool = false") != std::string::npos);
  CHECK(Text.find("supportsHttpsTrafficOnly: true") != std::string::npos);
}

TEST_CASE("fix plan: --fix-params changes the parameter's default", "[fix]") {
  fix::PlanOptions O;
  O.FixParams = true;
  Planned P = planIn({{"main.bicep", BicepParam}}, O);
  REQUIRE(P.Fix);
  CHECK(P.Fix->Kind == Applicability::Unsafe);
  CHECK(P.Fix->Title == "Set supportsHttpsTrafficOnly to true (changes "
                        "parameter httpsOnly where it is set)");
  std::string Text = P.Texts["main.bicep"];
  CHECK(Text.find("param httpsOnly bool = true") != std::string::npos);
  CHECK(Text.find("supportsHttpsTrafficOnly: httpsOnly") != std::string::npos);
}

TEST_CASE("fix plan: an ARM parameter is named in the title", "[fix]") {
  Planned P = planIn({{"main.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"httpsOnly": {"type": "bool", "defaultValue": false}},
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "st",
      "properties": {"supportsHttpsTrafficOnly": "[parameters('httpsOnly')]"}
    }
  ]
}
)"}});
  REQUIRE(P.Fix);
  CHECK(P.Fix->Kind == Applicability::Unsafe);
  CHECK(P.Fix->Title == "Set supportsHttpsTrafficOnly to true (replaces the "
                        "value of parameter httpsOnly)");
  CHECK(P.Texts["main.json"].find(
            R"("properties": {"supportsHttpsTrafficOnly": true})") !=
        std::string::npos);
}

TEST_CASE("fix plan: a Terraform variable set in a .tfvars file", "[fix]") {
  std::vector<std::pair<std::string, std::string>> Files = {
      {"main.tf", R"(variable "https" {
  type = bool
}

resource "azurerm_storage_account" "st" {
  name                       = "st"
  https_traffic_only_enabled = var.https
}
)"},
      {"terraform.tfvars", "https = false # for the old client\n"}};
  Planned AtUse = planIn(Files);
  REQUIRE(AtUse.Fix);
  CHECK(AtUse.Fix->Kind == Applicability::Unsafe);
  CHECK(AtUse.Fix->Title == "Set https_traffic_only_enabled to true "
                            "(replaces the value of variable https)");
  CHECK(AtUse.Texts.count("main.tf"));
  CHECK(AtUse.Texts["main.tf"].find("https_traffic_only_enabled = true") !=
        std::string::npos);

  fix::PlanOptions O;
  O.FixParams = true;
  Planned AtSet = planIn(Files, O);
  REQUIRE(AtSet.Fix);
  REQUIRE(AtSet.Texts.count("terraform.tfvars"));
  CHECK(AtSet.Texts["terraform.tfvars"] ==
        "https = true # for the old client\n");
  CHECK_FALSE(AtSet.Texts.count("main.tf"));
}

TEST_CASE("fix plan: a CloudFormation !Ref is a parameter", "[fix]") {
  Planned P = planIn({{"template.yaml", R"(Parameters:
  Tokens:
    Type: String
    Default: optional
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      MetadataOptions:
        HttpTokens: !Ref Tokens # chosen per stage
)"}});
  REQUIRE(P.Fix);
  CHECK(P.Fix->Kind == Applicability::Unsafe);
  CHECK(P.Fix->Title == "Set MetadataOptions.HttpTokens to required "
                        "(replaces the value of parameter Tokens)");
  CHECK(P.Texts["template.yaml"].find(
            "HttpTokens: required # chosen per stage") != std::string::npos);
}

TEST_CASE("fix plan: a missing CloudFormation parent map is created", "[fix]") {
  Planned P = planIn({{"template.yaml", R"(Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
)"}});
  REQUIRE(P.Fix);
  CHECK(P.Fix->Kind == Applicability::Safe);
  CHECK(P.Texts["template.yaml"] == R"(Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      MetadataOptions:
        HttpTokens: required
)");
}

TEST_CASE("fix plan: a CloudFormation .template in JSON is edited as JSON",
          "[fix]") {
  Planned P = planIn({{"stack.template", R"({
  "Resources": {
    "Web": {
      "Type": "AWS::EC2::Instance",
      "Properties": {"ImageId": "ami-1"}
    }
  }
}
)"}});
  REQUIRE(P.Fix);
  CHECK(P.Texts["stack.template"].find(
            R"("MetadataOptions": {"HttpTokens": "required"})") !=
        std::string::npos);
}

TEST_CASE("fix plan: a module's input is not replaced for one caller",
          "[fix]") {
  std::vector<std::pair<std::string, std::string>> Files = {
      {"main.tf", R"(module "store" {
  source = "./modules/store"
  https  = false
}
)"},
      {"modules/store/main.tf", R"(variable "https" {
  type = bool
}

resource "azurerm_storage_account" "st" {
  name                       = "st"
  https_traffic_only_enabled = var.https
}
)"}};
  CHECK_FALSE(planIn(Files).Fix);
  fix::PlanOptions O;
  O.FixParams = true;
  Planned AtCaller = planIn(Files, O);
  REQUIRE(AtCaller.Fix);
  CHECK(AtCaller.Fix->Kind == Applicability::Unsafe);
  REQUIRE(AtCaller.Texts.count("main.tf"));
  CHECK(AtCaller.Texts["main.tf"].find("https  = true") != std::string::npos);
}

namespace {

/// A check whose fix replaces list elements: the second item of a list,
/// and a field of the second Terraform block of a type.
const Check &elementCheck() {
  static const Check C =
      CheckBuilder("TEST-FIX-002", __FILE__)
          .title("Test resources should be fixed in a list element")
          .onArm({"Microsoft.Test/things"},
                 property("properties.done")
                     .mustEqual(Value::boolean(true))
                     .defaultsTo(Value::boolean(false)))
          .onCloudFormation({"Custom::Thing"},
                            property("Done")
                                .mustEqual(Value::boolean(true))
                                .defaultsTo(Value::boolean(false)))
          .onTerraform("azurerm", {"azurerm_thing"},
                       property("done")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Safe,
               [](const Subject &S, const Evaluation &,
                  const Binding &) -> std::vector<FixIntent> {
                 if (S.Resource.TheDialect == Dialect::Terraform)
                   return {{FixIntent::Action::Set, "rule[1].access",
                            Value::string("Deny")}};
                 std::string List = S.Resource.TheDialect == Dialect::Bicep
                                        ? "properties.items[1]"
                                        : "Items[1]";
                 return {{FixIntent::Action::Set, List, Value::string("b")}};
               })
          .build();
  return C;
}

std::string fixedByElementCheck(const std::string &Name,
                                const std::string &Text) {
  testing::TempDir Dir;
  std::string Path = Dir.write(Name, Text);
  ScanOptions SO;
  SO.Paths = {Path};
  ScanResult Scan = scanWorkspace(SO);
  std::vector<model::DeploymentUnit> Units = buildUnits(Scan, {});
  for (Result &R : Engine({&elementCheck()}).run(Units, 1))
    if (R.TheOutcome == Outcome::Unhealthy) {
      auto Fix = fix::planFix(R, fix::lookupIn({&Scan.Files}));
      REQUIRE(Fix);
      REQUIRE(Fix->Changes.size() == 1);
      return applyEdits(Fix->Changes[0].File->text(), Fix->Changes[0].Edits)
          .Text;
    }
  FAIL("no unhealthy result");
  return {};
}

} // namespace

TEST_CASE("fix plan: a list element is replaced in place", "[fix]") {
  CHECK(fixedByElementCheck(
            "main.bicep", "resource t 'Microsoft.Test/things@2023-01-01' = {\n"
                          "  name: 't'\n"
                          "  properties: {\n"
                          "    items: [\n"
                          "      'a'\n"
                          "      'x' // to fix\n"
                          "    ]\n"
                          "  }\n"
                          "}\n") ==
        "resource t 'Microsoft.Test/things@2023-01-01' = {\n"
        "  name: 't'\n"
        "  properties: {\n"
        "    items: [\n"
        "      'a'\n"
        "      'b' // to fix\n"
        "    ]\n"
        "  }\n"
        "}\n");
  CHECK(fixedByElementCheck("template.yaml", "Resources:\n"
                                             "  T:\n"
                                             "    Type: Custom::Thing\n"
                                             "    Properties:\n"
                                             "      Items:\n"
                                             "        - a\n"
                                             "        - x # to fix\n") ==
        "Resources:\n"
        "  T:\n"
        "    Type: Custom::Thing\n"
        "    Properties:\n"
        "      Items:\n"
        "        - a\n"
        "        - b # to fix\n");
}

TEST_CASE("fix plan: a field of the N-th Terraform block", "[fix]") {
  const char *Tf = R"(resource "azurerm_thing" "t" {
  rule {
    access = "Allow"
  }
  rule {
    access = "Allow" # this one
  }
}
)";
  CHECK(fixedByElementCheck("main.tf", Tf) ==
        R"(resource "azurerm_thing" "t" {
  rule {
    access = "Allow"
  }
  rule {
    access = "Deny" # this one
  }
}
)");
  // A dynamic block of the type makes the count unreliable: no fix.
  testing::TempDir Dir;
  std::string Path = Dir.write("main.tf", R"(resource "azurerm_thing" "t" {
  dynamic "rule" {
    for_each = ["x"]
    content {
      access = "Allow"
    }
  }
  rule {
    access = "Allow"
  }
}
)");
  ScanOptions SO;
  SO.Paths = {Path};
  ScanResult Scan = scanWorkspace(SO);
  std::vector<model::DeploymentUnit> Units = buildUnits(Scan, {});
  for (Result &R : Engine({&elementCheck()}).run(Units, 1))
    if (R.TheOutcome == Outcome::Unhealthy)
      CHECK_FALSE(fix::planFix(R, fix::lookupIn({&Scan.Files})));
}
