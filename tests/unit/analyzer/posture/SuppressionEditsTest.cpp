//===- SuppressionEditsTest.cpp - Suppressions written into strict JSON ---===//
//
// The edit the editor offers must be a suppression Rampart reads: each case
// writes it into a real template, scans the result with the CLI, and finds
// the finding suppressed.
//
//===----------------------------------------------------------------------===//
#include "analyzer/posture/SuppressionEdits.h"
#include "analyzer/Scan.h"
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using namespace rampart;

namespace {

/// The template with a suppression of Id added in Scope, parsed again.
std::string suppressed(const std::string &Name, const std::string &Text,
                       const std::string &Id, posture::SuppressionScope Scope,
                       testing::TempDir &Dir) {
  std::string Path = Dir.write(Name, Text);
  ScanOptions SO;
  SO.Paths = {Path};
  ScanResult Scan = scanWorkspace(SO);
  std::vector<model::DeploymentUnit> Units = buildUnits(Scan, {});
  REQUIRE(Units.size() == 1);
  REQUIRE(!Units[0].Graph.resources().empty());
  REQUIRE(Scan.Files[0].Doc);
  auto Edits = posture::jsonSuppressionEdits(
      *Scan.Files[0].Doc, Units[0].Graph.resources().front(), Id, Scope);
  REQUIRE(Edits);
  AppliedEdits A = applyEdits(Scan.Files[0].Source->text(), *Edits);
  REQUIRE(A.Rejected.empty());
  return Dir.write(Name, A.Text);
}

nlohmann::json scanned(const std::string &Path, const std::string &Id) {
  auto R = testing::runRampart(
      "scan --format json --checks " + Id + " '" + Path + "'", false);
  INFO(R.Out);
  return nlohmann::json::parse(R.Out);
}

const char *Bucket = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Logs": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketName": "logs"
      }
    }
  }
}
)";

const char *TfBucket = R"({
  "resource": {
    "aws_s3_bucket": {
      "logs": {
        "bucket": "logs",
        "versioning": {"enabled": false}
      }
    }
  }
}
)";

} // namespace

TEST_CASE("suppression edits: CloudFormation JSON Metadata, resource and "
          "file",
          "[posture]") {
  for (auto Scope :
       {posture::SuppressionScope::Resource, posture::SuppressionScope::File}) {
    testing::TempDir Dir;
    REQUIRE(scanned(Dir.write("stack.json", Bucket), "AWS-S3-008")["findings"]
                .size() == 1);
    nlohmann::json J =
        scanned(suppressed("stack.json", Bucket, "AWS-S3-008", Scope, Dir),
                "AWS-S3-008");
    CHECK(J["findings"].empty());
    REQUIRE(J["suppressed"].size() == 1);
    CHECK(J["suppressed"][0]["suppression"]["kind"] == "metadata");
    CHECK(J["suppressed"][0]["suppression"]["reason"] ==
          "TODO: why this is acceptable");
  }
}

TEST_CASE("suppression edits: a Terraform JSON \"//\" member", "[posture]") {
  for (auto Scope :
       {posture::SuppressionScope::Resource, posture::SuppressionScope::File}) {
    testing::TempDir Dir;
    REQUIRE(
        scanned(Dir.write("main.tf.json", TfBucket), "AWS-S3-008")["findings"]
            .size() == 1);
    nlohmann::json J =
        scanned(suppressed("main.tf.json", TfBucket, "AWS-S3-008", Scope, Dir),
                "AWS-S3-008");
    CHECK(J["findings"].empty());
    CHECK(J["suppressed"].size() == 1);
  }
}
