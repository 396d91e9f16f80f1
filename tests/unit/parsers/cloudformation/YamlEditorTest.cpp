//===- YamlEditorTest.cpp - Format-preserving CloudFormation YAML edits ---===//
#include "parsers/cloudformation/YamlEditor.h"
#include "parsers/cloudformation/YamlParser.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::parsers;

namespace {

const char *Bucket = R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket # the logs bucket
    Properties:
      BucketName: logs # named by the team
      VersioningConfiguration:
        Status: Suspended
)";

/// Applies Edit to the mapping of resource Logical in Text, checks the
/// result parses, and returns it.
template <typename EditFn>
std::string edited(const std::string &Text, const char *Logical, EditFn Edit) {
  auto Source = SourceFile::fromText("t.yaml", Text);
  Document Doc = parseYaml(*Source);
  REQUIRE(!Doc.hasErrors());
  const Node *Resource = Doc.root()->get("Resources")->get(Logical);
  REQUIRE(Resource);
  auto Edits = Edit(Doc, *Resource);
  REQUIRE(static_cast<bool>(Edits));
  AppliedEdits A = applyEdits(Text, *Edits);
  REQUIRE(A.Rejected.empty());
  auto After = SourceFile::fromText("t.yaml", A.Text);
  INFO(A.Text);
  CHECK(!parseYaml(*After).hasErrors());
  return A.Text;
}

auto setting(std::vector<std::string> Path, std::string Value) {
  return [=](const Document &Doc, const Node &Object) {
    return setYamlValue(Doc, Object, Path, Value);
  };
}

} // namespace

TEST_CASE("YAML edit: replace a value, comments stay", "[fix]") {
  CHECK(edited(Bucket, "Bucket",
               setting({"Properties", "VersioningConfiguration", "Status"},
                       "Enabled")) == R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket # the logs bucket
    Properties:
      BucketName: logs # named by the team
      VersioningConfiguration:
        Status: Enabled
)");
}

TEST_CASE("YAML edit: add a key and its missing mapping at the keys' "
          "indentation",
          "[fix]") {
  CHECK(edited(Bucket, "Bucket",
               setting({"Properties", "PublicAccessBlockConfiguration",
                        "BlockPublicAcls"},
                       "true")) == R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket # the logs bucket
    Properties:
      BucketName: logs # named by the team
      VersioningConfiguration:
        Status: Suspended
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
)");
}

TEST_CASE("YAML edit: a resource without Properties gets them", "[fix]") {
  const char *Text = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket # "
                     "logs\n  Other:\n    Type: AWS::SNS::Topic\n";
  CHECK(edited(Text, "Bucket", setting({"Properties", "BucketName"}, "logs")) ==
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket # logs\n"
        "    Properties:\n      BucketName: logs\n  Other:\n"
        "    Type: AWS::SNS::Topic\n");
}

TEST_CASE("YAML edit: an empty `Properties:` is filled", "[fix]") {
  const char *Text = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
                     "    Properties:\n";
  CHECK(edited(Text, "Bucket", setting({"Properties", "BucketName"}, "logs")) ==
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
        "    Properties:\n      BucketName: logs\n");
}

TEST_CASE("YAML edit: flow mappings stay on their line", "[fix]") {
  const char *Text = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
                     "    Properties: {VersioningConfiguration: {Status: "
                     "Suspended}}\n";
  CHECK(edited(Text, "Bucket",
               setting({"Properties", "BucketEncryption", "X"}, "1")) ==
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
        "    Properties: {VersioningConfiguration: {Status: Suspended}, "
        "BucketEncryption: {X: 1}}\n");
}

TEST_CASE("YAML edit: after a block scalar", "[fix]") {
  const char *Text = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n"
                     "    Properties:\n      Code: |\n        print(1)\n"
                     "  Next:\n    Type: AWS::SNS::Topic\n";
  CHECK(edited(Text, "Fn", setting({"Properties", "Timeout"}, "30")) ==
        "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n"
        "    Properties:\n      Code: |\n        print(1)\n"
        "      Timeout: 30\n  Next:\n    Type: AWS::SNS::Topic\n");
}

TEST_CASE("YAML edit: remove a key with its lines", "[fix]") {
  CHECK(edited(Bucket, "Bucket", [](const Document &Doc, const Node &Object) {
          return removeYamlKey(Doc, Object,
                               {"Properties", "VersioningConfiguration"});
        }) == R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket # the logs bucket
    Properties:
      BucketName: logs # named by the team
)");
}
