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

TEST_CASE("YAML edit: a block sequence that grows gets `- ` lines; its "
          "items keep their comments",
          "[fix]") {
  const char *Text = R"(Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      Logging:
        ClusterLogging:
          EnabledTypes:
            - Type: api # the API server
  Next:
    Type: AWS::SNS::Topic
)";
  CHECK(edited(
            Text, "Cluster",
            setting({"Properties", "Logging", "ClusterLogging", "EnabledTypes"},
                    "[{Type: api}, {Type: audit}, {Type: authenticator}]")) ==
        R"(Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      Logging:
        ClusterLogging:
          EnabledTypes:
            - Type: api # the API server
            - Type: audit
            - Type: authenticator
  Next:
    Type: AWS::SNS::Topic
)");
}

TEST_CASE("YAML edit: a flow sequence that grows stays on its line", "[fix]") {
  const char *Text = "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n"
                     "    Properties:\n      EnableCloudwatchLogsExports: "
                     "['error', general] # two\n";
  CHECK(edited(Text, "Db",
               setting({"Properties", "EnableCloudwatchLogsExports"},
                       "[error, general, audit]")) ==
        "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n"
        "    Properties:\n      EnableCloudwatchLogsExports: "
        "['error', general, audit] # two\n");
}

TEST_CASE("YAML edit: a block sequence replaced stays in block style",
          "[fix]") {
  const char *Text = R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      OwnershipControls:
        Rules:
          - ObjectOwnership: ObjectWriter
      BucketName: logs
)";
  CHECK(edited(Text, "Bucket",
               setting({"Properties", "OwnershipControls", "Rules"},
                       "[{ObjectOwnership: BucketOwnerEnforced}]")) ==
        R"(Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerEnforced
      BucketName: logs
)");
}

TEST_CASE("YAML edit: a new sequence of mappings is written in block style, "
          "indented as the file indents its sequences",
          "[fix]") {
  const char *Text = R"(Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets:
      - subnet-1
)";
  CHECK(
      edited(Text, "Lb",
             setting({"Properties", "LoadBalancerAttributes"},
                     "[{Key: routing.http.drop_invalid_header_fields.enabled, "
                     "Value: 'true'}]")) == R"(Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets:
      - subnet-1
      LoadBalancerAttributes:
      - Key: routing.http.drop_invalid_header_fields.enabled
        Value: 'true'
)");
}

TEST_CASE("YAML edit: a key with nothing after it gets its value after a "
          "space",
          "[fix]") {
  // `EnableKeyRotation:true` would be one plain scalar, not a key and value.
  const char *Text = "Resources:\n  Key:\n    Type: AWS::KMS::Key\n"
                     "    Properties:\n      EnableKeyRotation:\n"
                     "      Description: data\n";
  CHECK(edited(Text, "Key",
               setting({"Properties", "EnableKeyRotation"}, "true")) ==
        "Resources:\n  Key:\n    Type: AWS::KMS::Key\n"
        "    Properties:\n      EnableKeyRotation: true\n"
        "      Description: data\n");
}

TEST_CASE("YAML edit: an empty flow mapping in a block mapping is filled in "
          "block style",
          "[fix]") {
  const char *Text = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
                     "    Properties: {}\n  Next:\n    Type: AWS::SNS::Topic\n";
  CHECK(edited(Text, "Bucket",
               setting({"Properties", "VersioningConfiguration", "Status"},
                       "Enabled")) ==
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
        "    Properties:\n      VersioningConfiguration:\n"
        "        Status: Enabled\n  Next:\n    Type: AWS::SNS::Topic\n");
}

TEST_CASE("YAML edit: new flow mappings follow the braces' spacing", "[fix]") {
  const char *Text = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
                     "    Properties: { BucketName: logs }\n";
  CHECK(edited(Text, "Bucket",
               setting({"Properties", "VersioningConfiguration", "Status"},
                       "Enabled")) ==
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
        "    Properties: { BucketName: logs, VersioningConfiguration: { "
        "Status: Enabled } }\n");
}

TEST_CASE("YAML edit: quoted values take the quotes of what they replace, "
          "else of the resource, else of the file",
          "[fix]") {
  const char *Text = R"(Parameters:
  A: {Type: String, Default: 'a'}
  B: {Type: String, Default: 'b'}
  C: {Type: String, Default: 'c'}
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Name: "web"
      LoadBalancerAttributes:
        - Key: idle_timeout.timeout_seconds
          Value: "30"
)";
  CHECK(edited(Text, "Lb",
               setting({"Properties", "LoadBalancerAttributes"},
                       "[{Key: idle_timeout.timeout_seconds, Value: '30'}, "
                       "{Key: drop, Value: 'true'}, {Key: q, Value: 'it''s "
                       "\"x\"'}]")) == R"(Parameters:
  A: {Type: String, Default: 'a'}
  B: {Type: String, Default: 'b'}
  C: {Type: String, Default: 'c'}
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Name: "web"
      LoadBalancerAttributes:
        - Key: idle_timeout.timeout_seconds
          Value: "30"
        - Key: drop
          Value: "true"
        - Key: q
          Value: "it's \"x\""
)");
}

TEST_CASE("YAML edit: a collection holding intrinsic functions is not "
          "rewritten",
          "[fix]") {
  // Written again from its evaluation, the !If item would become whichever
  // branch the parameters chose today, or vanish.
  const char *Text = R"(Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - !If [HasBucket, {Key: access_logs.s3.enabled, Value: 'true'}, !Ref 'AWS::NoValue']
        - Key: idle_timeout.timeout_seconds
          Value: !Ref Timeout
)";
  auto Source = SourceFile::fromText("t.yaml", Text);
  Document Doc = parseYaml(*Source);
  const Node *Lb = Doc.root()->get("Resources")->get("Lb");
  auto Edits = setYamlValue(
      Doc, *Lb, {"Properties", "LoadBalancerAttributes"},
      "[{Key: idle_timeout.timeout_seconds, Value: '60'}, {Key: drop, "
      "Value: 'true'}]");
  REQUIRE(!Edits);
  CHECK(llvm::toString(Edits.takeError()) ==
        "'LoadBalancerAttributes' holds intrinsic functions, which the new "
        "value would replace with their current values");
}

TEST_CASE("YAML edit: with nothing quoted, the renderer's single quotes stay",
          "[fix]") {
  const char *Text = "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n"
                     "    Properties:\n      Engine: mysql\n";
  CHECK(
      edited(Text, "Db", setting({"Properties", "AllocatedStorage"}, "'20'")) ==
      "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n"
      "    Properties:\n      Engine: mysql\n      AllocatedStorage: '20'\n");
}
