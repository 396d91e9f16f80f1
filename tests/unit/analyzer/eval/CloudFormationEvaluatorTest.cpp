//===- CloudFormationEvaluatorTest.cpp - CloudFormation stacks to units ---===//
//
// Small templates evaluated into units. Expected values of the intrinsic
// functions are the examples of AWS's "Intrinsic function reference"; the
// parameter, condition and nested stack behaviour follows the CloudFormation
// user guide.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/cloudformation/StackEvaluator.h"

#include "analyzer/model/ValueJson.h"
#include "parsers/cloudformation/YamlParser.h"
#include "parsers/common/JsonParser.h"
#include "tests/support/UnitQueries.h"

#include <catch2/catch.hpp>

#include <map>
#include <memory>

using namespace rampart;
using namespace rampart::eval::cloudformation;
using model::EdgeKind;
using model::Value;
using model::ValueKind;

namespace {

struct Stack {
  /// Files by path; "main.yaml" is the template unless said otherwise.
  std::map<std::string, std::string> Files;
  std::string Template = "main.yaml";
  std::string ParameterFile;
  std::vector<std::pair<std::string, std::string>> Params, Context;
  std::string ScanRoot;
};

struct Evaluated {
  std::map<std::string, std::unique_ptr<SourceFile>> Sources;
  std::map<std::string, std::unique_ptr<Document>> Docs;
  model::DeploymentUnit Unit;

  const model::Resource &resource(llvm::StringRef Id) const {
    return testing::resourceIn(Unit, Id);
  }
  bool has(llvm::StringRef Id) const { return Unit.Graph.find(Id); }
  bool hasEdge(llvm::StringRef From, llvm::StringRef To, EdgeKind K) const {
    return testing::hasEdge(Unit, From, To, K);
  }
  bool hasDiagnostic(llvm::StringRef Fragment) const {
    return testing::hasDiagnostic(Unit, Fragment);
  }
};

const Document *parse(Evaluated &E, const std::string &Path,
                      const std::string &Text) {
  auto &F = E.Sources[Path] = SourceFile::fromText(Path, Text);
  auto D = llvm::StringRef(Path).endswith(".json")
               ? std::make_unique<Document>(parsers::parseJson(
                     *F, Dialect::CloudFormation, FileRole::Template,
                     parsers::JsonSyntax::Strict))
               : std::make_unique<Document>(parsers::parseYaml(*F));
  INFO(Path);
  for (const Diagnostic &Diag : D->diagnostics())
    INFO(Diag.Message);
  REQUIRE_FALSE(D->hasErrors());
  return (E.Docs[Path] = std::move(D)).get();
}

std::unique_ptr<Evaluated> evaluate(const Stack &S) {
  auto E = std::make_unique<Evaluated>();
  StackInputs In;
  In.Template = parse(*E, S.Template, S.Files.at(S.Template));
  if (!S.ParameterFile.empty())
    In.Parameters = parse(*E, S.ParameterFile, S.Files.at(S.ParameterFile));
  In.ParamOverrides = S.Params;
  In.Context = S.Context;
  In.ScanRoot = S.ScanRoot;
  In.LoadTemplate = [&S, E = E.get()](const std::string &Path) {
    LoadedTemplate T;
    if (auto It = S.Files.find(Path); It != S.Files.end())
      T.Doc = parse(*E, Path, It->second);
    else
      T.Error = "'" + Path + "' does not exist";
    return T;
  };
  E->Unit = evaluateStack(In);
  return E;
}

using testing::at;
using testing::json;

const Value &props(const Evaluated &E, llvm::StringRef Id) {
  return E.resource(Id).Properties;
}

/// A template with one resource whose properties are Props (YAML, indented
/// by six spaces), after Head (parameters, mappings, conditions).
std::string withProperties(const std::string &Head, const std::string &Props) {
  return Head +
         "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    "
         "Properties:\n" +
         Props;
}

} // namespace

TEST_CASE("cloudformation: parameters and their sources", "[cfn]") {
  Stack S;
  S.Files["main.yaml"] = R"(
Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Size:
    Type: Number
    Default: 5
  Subnets:
    Type: CommaDelimitedList
    Default: "subnet-1,subnet-2"
  Zones:
    Type: List<AWS::EC2::AvailabilityZone::Name>
  Password:
    Type: String
    NoEcho: true
  Ami:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
  Tier:
    Type: String
    AllowedValues: [standard, premium]
  Free:
    Type: String
Resources:
  R:
    Type: AWS::S3::Bucket
    Properties:
      Env: !Ref Env
      Size: !Ref Size
      Subnets: !Ref Subnets
      Zones: !Ref Zones
      Password: !Ref Password
      Ami: !Ref Ami
      Tier: !Ref Tier
      Free: !Ref Free
)";
  S.Files["params.json"] = R"([
  {"ParameterKey": "Zones", "ParameterValue": "eu-west-1a,eu-west-1b"},
  {"ParameterKey": "Password", "ParameterValue": "hunter2"}
])";
  S.ParameterFile = "params.json";
  S.Params = {{"Env", "prod"}};
  auto E = evaluate(S);
  const Value &P = props(*E, "R");
  CHECK(at(P, {"Env"}).asString() == "prod");
  // Numbers come back from Ref as strings.
  CHECK(json(at(P, {"Size"})) == R"("5")");
  CHECK(json(at(P, {"Subnets"})) == R"(["subnet-1","subnet-2"])");
  CHECK(json(at(P, {"Zones"})) == R"(["eu-west-1a","eu-west-1b"])");
  CHECK(at(P, {"Password"}).isSensitive());
  CHECK(at(P, {"Password"}).asString() == "hunter2");
  // Where the value was set: the parameter file's line.
  CHECK(at(P, {"Zones"}).setAt().File->path() == "params.json");
  CHECK(at(P, {"Zones"}).origin().File->path() == "main.yaml");
  CHECK(at(P, {"Ami"}).is(ValueKind::Unknown));
  CHECK(at(P, {"Ami"}).asString().contains("SSM parameter"));
  const Value &Tier = at(P, {"Tier"});
  REQUIRE(Tier.is(ValueKind::Unknown));
  CHECK(json(Value::array(Tier.alternatives())) == R"(["standard","premium"])");
  CHECK(at(P, {"Free"}).asString().startswith("parameter 'Free' has no value"));
  CHECK(at(P, {"Free"}).alternatives().empty());
}

TEST_CASE("cloudformation: the CodePipeline parameter file form", "[cfn]") {
  Stack S;
  S.Files["main.yaml"] = withProperties(
      "Parameters:\n  Env:\n    Type: String\n    AllowedValues: [a, b]\n",
      "      Env: !Ref Env\n");
  S.Files["config.json"] = R"({"Parameters": {"Env": "c"}})";
  S.ParameterFile = "config.json";
  auto E = evaluate(S);
  CHECK(at(props(*E, "R"), {"Env"}).asString() == "c");
  CHECK(E->hasDiagnostic("not one of its AllowedValues"));
  CHECK(isStackParameterFile(*E->Docs.at("config.json")));
  CHECK_FALSE(isStackParameterFile(*E->Docs.at("main.yaml")));
}

TEST_CASE("cloudformation: pseudo parameters and AWS::NoValue", "[cfn]") {
  Stack S;
  S.Files["main.yaml"] = withProperties("", R"(      Region: !Ref AWS::Region
      Account: !Ref AWS::AccountId
      Removed: !Ref AWS::NoValue
      List: [a, !Ref AWS::NoValue, b]
)");
  S.Context = {{"AWS::Region", "eu-west-1"}};
  auto E = evaluate(S);
  const Value &P = props(*E, "R");
  CHECK(at(P, {"Region"}).asString() == "eu-west-1");
  CHECK(at(P, {"Account"}).is(ValueKind::Unknown));
  CHECK(at(P, {"Account"}).asString().contains("--context AWS::AccountId"));
  CHECK_FALSE(P.get("Removed"));
  CHECK(json(at(P, {"List"})) == R"(["a","b"])");
}

TEST_CASE("cloudformation: intrinsic functions, AWS's examples", "[cfn]") {
  Stack S;
  S.Files["main.yaml"] = R"(
Parameters:
  RootDomainName: {Type: String, Default: example.com}
  DBUser: {Type: String, Default: admin}
Mappings:
  RegionMap:
    us-east-1: {HVM64: ami-0ff8a91507f77f867, HVMG2: ami-0a584ac55a7631c0c}
    us-west-1: {HVM64: ami-0bdb828fd58c52235, HVMG2: ami-066ee5fd4a9ef77f1}
Resources:
  vpc:
    Type: AWS::EC2::VPC
  R:
    Type: AWS::S3::Bucket
    Properties:
      Sub: !Sub 'arn:aws:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${vpc}'
      SubMap: !Sub
        - 'www.${Domain}'
        - Domain: !Ref RootDomainName
      SubLiteral: !Sub '${!Literal}-${RootDomainName}'
      SubKnown: !Sub 'arn:${AWS::Partition}:s3:::${RootDomainName}'
      Join: !Join [":", [a, b, c]]
      JoinRef: !Join ["", ["arn:aws:s3:::", !Ref vpc, "/*"]]
      Select: !Select ["1", [apples, grapes, oranges, mangoes]]
      Split: !Split ["|", "a|b|c"]
      SplitEmpty: !Split ["|", "a||c|"]
      FindInMap: !FindInMap [RegionMap, us-west-1, HVM64]
      FindDefault: !FindInMap [RegionMap, eu-west-3, HVM64, {DefaultValue: none}]
      Base64: !Base64 AWS CloudFormation
      Cidr: !Cidr ["192.168.0.0/24", 6, 5]
      CidrV6: !Cidr ["2001:db8::/56", 2, 64]
      AZ: !Select [0, !GetAZs ""]
      Import: !ImportValue SharedVpc
      Length: {"Fn::Length": [1, 2, 3]}
      Json: {"Fn::ToJsonString": {key: value, list: [1, 2]}}
      GetAtt: !GetAtt vpc.CidrBlock
      GetAttList: {"Fn::GetAtt": [vpc, DefaultSecurityGroup]}
      Long: {"Fn::Join": ["-", [{"Ref": "DBUser"}, {"Fn::Select": [0, [x]]}]]}
)";
  S.Context = {{"AWS::Region", "us-east-1"}, {"AWS::Partition", "aws"}};
  auto E = evaluate(S);
  const Value &P = props(*E, "R");
  // The VPC id is known at deploy time only.
  CHECK(at(P, {"Sub"}).is(ValueKind::Unknown));
  CHECK(at(P, {"SubMap"}).asString() == "www.example.com");
  CHECK(at(P, {"SubLiteral"}).asString() == "${Literal}-example.com");
  CHECK(at(P, {"SubKnown"}).asString() == "arn:aws:s3:::example.com");
  CHECK(at(P, {"Join"}).asString() == "a:b:c");
  const Value &JoinRef = at(P, {"JoinRef"});
  CHECK(JoinRef.is(ValueKind::Expression));
  CHECK(JoinRef.refersTo() == "vpc");
  CHECK(at(P, {"Select"}).asString() == "grapes");
  CHECK(json(at(P, {"Split"})) == R"(["a","b","c"])");
  CHECK(json(at(P, {"SplitEmpty"})) == R"(["a","","c",""])");
  CHECK(at(P, {"FindInMap"}).asString() == "ami-0bdb828fd58c52235");
  CHECK(at(P, {"FindDefault"}).asString() == "none");
  CHECK(at(P, {"Base64"}).asString() == "QVdTIENsb3VkRm9ybWF0aW9u");
  CHECK(json(at(P, {"Cidr"})) ==
        R"(["192.168.0.0/27","192.168.0.32/27","192.168.0.64/27",)"
        R"("192.168.0.96/27","192.168.0.128/27","192.168.0.160/27"])");
  CHECK(json(at(P, {"CidrV6"})) == R"(["2001:db8::/64","2001:db8:0:1::/64"])");
  CHECK(at(P, {"AZ"}).asString().contains("availability zones"));
  CHECK(at(P, {"Import"}).is(ValueKind::Unknown));
  CHECK(at(P, {"Length"}).asInt() == 3);
  CHECK(at(P, {"Json"}).asString() == R"({"key":"value","list":[1,2]})");
  const Value &GetAtt = at(P, {"GetAtt"});
  CHECK(GetAtt.is(ValueKind::Expression));
  CHECK(GetAtt.refersTo() == "vpc");
  CHECK(GetAtt.attribute() == llvm::ArrayRef<std::string>{"CidrBlock"});
  CHECK(at(P, {"GetAttList"}).refersTo() == "vpc");
  CHECK(at(P, {"Long"}).asString() == "admin-x");
  CHECK(E->hasEdge("R", "vpc", EdgeKind::Reference));
  CHECK(E->Unit.Diagnostics.empty());
}

TEST_CASE("cloudformation: FindInMap with an unknown region", "[cfn]") {
  Stack S;
  S.Files["main.yaml"] =
      withProperties(R"(Mappings:
  RegionMap:
    us-east-1: {Ami: ami-1, Logging: enabled}
    eu-west-1: {Ami: ami-2, Logging: enabled}
)",
                     R"(      Ami: !FindInMap [RegionMap, !Ref AWS::Region, Ami]
      Logging: !FindInMap [RegionMap, !Ref AWS::Region, Logging]
)");
  auto E = evaluate(S);
  const Value &P = props(*E, "R");
  // Every region gives the same value: known.
  CHECK(at(P, {"Logging"}).asString() == "enabled");
  const Value &Ami = at(P, {"Ami"});
  REQUIRE(Ami.is(ValueKind::Unknown));
  CHECK(json(Value::array(Ami.alternatives())) == R"(["ami-1","ami-2"])");
}

TEST_CASE("cloudformation: conditions", "[cfn]") {
  Stack S;
  S.Files["main.yaml"] = R"(
Parameters:
  Env: {Type: String, Default: prod}
  Unset: {Type: String}
  Stage: {Type: String, AllowedValues: [beta, gamma]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [{Condition: IsProd}]
  UnsetIsX: !Equals [!Ref Unset, x]
  ProdOrUnset: !Or [!Condition IsProd, !Condition UnsetIsX]
  DevAndUnset: !And [!Condition IsDev, !Condition UnsetIsX]
  ProdAndUnset: !And [!Condition IsProd, !Condition UnsetIsX]
  StageIsProd: !Equals [!Ref Stage, prod]
Resources:
  Prod:
    Type: AWS::S3::Bucket
    Condition: IsProd
  Dev:
    Type: AWS::S3::Bucket
    Condition: IsDev
  Maybe:
    Type: AWS::S3::Bucket
    Condition: ProdAndUnset
  R:
    Type: AWS::S3::Bucket
    Properties:
      Or: !If [ProdOrUnset, yes, no]
      And: !If [DevAndUnset, yes, no]
      Both: !If [UnsetIsX, on, off]
      Removed: !If [IsProd, !Ref AWS::NoValue, kept]
      MaybeRemoved: !If [UnsetIsX, !Ref AWS::NoValue, kept]
      Allowed: !If [StageIsProd, yes, no]
      Nested: !If [UnsetIsX, a, !If [ProdAndUnset, b, c]]
      RefDev: !If [IsDev, !Ref Dev, none]
)";
  auto E = evaluate(S);
  CHECK(E->has("Prod"));
  CHECK(E->resource("Prod").Condition->asBool());
  CHECK_FALSE(E->has("Dev"));
  CHECK(E->hasDiagnostic("resource 'Dev' is not deployed: condition 'IsDev' "
                         "is false"));
  REQUIRE(E->resource("Maybe").Condition);
  CHECK(E->resource("Maybe").Condition->is(ValueKind::Unknown));
  const Value &P = props(*E, "R");
  // One known operand decides Or (true) and And (false).
  CHECK(at(P, {"Or"}).asString() == "yes");
  CHECK(at(P, {"And"}).asString() == "no");
  const Value &Both = at(P, {"Both"});
  REQUIRE(Both.is(ValueKind::Unknown));
  CHECK(json(Value::array(Both.alternatives())) == R"(["on","off"])");
  CHECK(Both.asString().contains("condition 'UnsetIsX' is unknown"));
  CHECK_FALSE(P.get("Removed"));
  CHECK(json(Value::array(at(P, {"MaybeRemoved"}).alternatives())) ==
        R"([null,"kept"])");
  // No allowed value of Stage is "prod": known false.
  CHECK(at(P, {"Allowed"}).asString() == "no");
  // Nested unknown branches flatten into one list of alternatives.
  CHECK(json(Value::array(at(P, {"Nested"}).alternatives())) ==
        R"(["a","b","c"])");
  CHECK(at(P, {"RefDev"}).asString() == "none");
}

TEST_CASE("cloudformation: edges", "[cfn]") {
  Stack S;
  S.Files["main.yaml"] = R"(
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument: {Statement: []}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
  Ingress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Sg.GroupId
      CidrIp: 0.0.0.0/0
      FromPort: 22
      ToPort: 22
      IpProtocol: tcp
  Role:
    Type: AWS::IAM::Role
  Inline:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub "${Bucket.Arn}/*"
  Waiter:
    Type: AWS::CloudFormation::WaitConditionHandle
    DependsOn: [Bucket, Sg]
)";
  auto E = evaluate(S);
  CHECK(E->hasEdge("Policy", "Bucket", EdgeKind::Attachment));
  CHECK(E->hasEdge("Policy", "Bucket", EdgeKind::Reference));
  CHECK(E->hasEdge("Ingress", "Sg", EdgeKind::Attachment));
  CHECK(E->hasEdge("Inline", "Role", EdgeKind::Attachment));
  // The statement's resource is a reference, not an attachment.
  CHECK(E->hasEdge("Inline", "Bucket", EdgeKind::Reference));
  CHECK_FALSE(E->hasEdge("Inline", "Bucket", EdgeKind::Attachment));
  CHECK(E->hasEdge("Waiter", "Bucket", EdgeKind::DependsOn));
  CHECK(E->hasEdge("Waiter", "Sg", EdgeKind::DependsOn));
  const Value &Arn =
      at(props(*E, "Inline"), {"PolicyDocument", "Statement"}).items()[0];
  CHECK(at(Arn, {"Resource"}).refersTo() == "Bucket");
}

TEST_CASE("cloudformation: JSON long form equals YAML short form", "[cfn]") {
  Stack Yaml;
  Yaml.Files["main.yaml"] = R"(
Parameters:
  Name: {Type: String, Default: logs}
Conditions:
  HasName: !Not [!Equals [!Ref Name, ""]]
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !If [HasName, !Sub "${Name}-${AWS::Region}", !Ref AWS::NoValue]
      Tags: [{Key: k, Value: !Join [",", [a, !Ref Name]]}]
)";
  Yaml.Context = {{"AWS::Region", "eu-west-1"}};
  Stack Json = Yaml;
  Json.Template = "main.json";
  Json.Files["main.json"] = R"({
  "Parameters": {"Name": {"Type": "String", "Default": "logs"}},
  "Conditions": {"HasName": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Name"}, ""]}]}},
  "Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {
    "BucketName": {"Fn::If": ["HasName",
      {"Fn::Sub": "${Name}-${AWS::Region}"}, {"Ref": "AWS::NoValue"}]},
    "Tags": [{"Key": "k", "Value": {"Fn::Join": [",", ["a", {"Ref": "Name"}]]}}]
  }}}
})";
  auto A = evaluate(Yaml);
  auto B = evaluate(Json);
  CHECK(
      json(props(*A, "B")) ==
      R"({"BucketName":"logs-eu-west-1","Tags":[{"Key":"k","Value":"a,logs"}]})");
  CHECK(json(props(*A, "B")) == json(props(*B, "B")));
}

TEST_CASE("cloudformation: values keep their positions", "[cfn]") {
  Stack S;
  S.Files["main.yaml"] = "Parameters:\n"
                         "  Versioning:\n"
                         "    Type: String\n"
                         "    Default: Suspended\n"
                         "Resources:\n"
                         "  B:\n"
                         "    Type: AWS::S3::Bucket\n"
                         "    Properties:\n"
                         "      VersioningConfiguration:\n"
                         "        Status: !Ref Versioning\n";
  auto E = evaluate(S);
  const model::Resource &B = E->resource("B");
  CHECK(B.Declaration.Range.Start.Line == 6);
  const Value &Status = at(B.Properties, {"VersioningConfiguration", "Status"});
  CHECK(Status.asString() == "Suspended");
  // The use (line 10) and where the value was set (the default, line 4).
  CHECK(Status.origin().Range.Start.Line == 10);
  CHECK(Status.origin().Range.Start.Column == 17);
  CHECK(Status.setAt().Range.Start.Line == 4);
  CHECK(Status.setAt().Range.Start.Column == 14);
}

TEST_CASE("cloudformation: nested stacks", "[cfn]") {
  Stack S;
  S.Files["main.yaml"] = R"(
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./network.yaml
      Parameters:
        Cidr: 10.0.0.0/16
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/template.yaml
  Outside:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../elsewhere.yaml
  Loop:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: loop.yaml
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      SubnetId: !GetAtt Network.Outputs.SubnetCidr
      VpcId: !GetAtt Network.Outputs.VpcId
)";
  S.Files["network.yaml"] = R"(
Parameters:
  Cidr: {Type: String}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref Cidr
Outputs:
  SubnetCidr:
    Value: !Select [0, !Cidr [!Ref Cidr, 2, 8]]
  VpcId:
    Value: !Ref Vpc
)";
  S.Files["loop.yaml"] = R"(
Resources:
  Again:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: loop.yaml
)";
  S.Files["../elsewhere.yaml"] = "Resources: {}\n";
  S.ScanRoot = ".";
  auto E = evaluate(S);
  CHECK(at(props(*E, "Network/Vpc"), {"CidrBlock"}).asString() ==
        "10.0.0.0/16");
  CHECK(E->hasEdge("Network/Vpc", "Network", EdgeKind::Parent));
  CHECK(at(props(*E, "Instance"), {"SubnetId"}).asString() == "10.0.0.0/24");
  // An output that is known after deployment stays a reference.
  CHECK(at(props(*E, "Instance"), {"VpcId"}).is(ValueKind::Expression));
  CHECK(E->hasEdge("Instance", "Network", EdgeKind::Reference));
  CHECK(E->hasDiagnostic("'Remote' is not evaluated: its TemplateURL is not "
                         "a local path"));
  CHECK(E->hasDiagnostic("outside the scanned directory"));
  CHECK(E->hasDiagnostic("includes its own template"));
  CHECK(E->has("Loop/Again"));
  CHECK_FALSE(E->has("Loop/Again/Again"));
}

TEST_CASE("cloudformation: hostile templates end in linear time", "[cfn]") {
  SECTION("circular conditions and references") {
    Stack S;
    S.Files["main.yaml"] = R"(
Conditions:
  A: !Condition B
  B: !Not [!Condition A]
Resources:
  R:
    Type: AWS::SSM::Parameter
    Condition: A
    Properties:
      Value: !GetAtt R.Value
)";
    auto E = evaluate(S);
    CHECK(E->hasDiagnostic("refers to itself"));
  }
  SECTION("200 conditions, each naming the two before it") {
    // Evaluating this without memoising conditions takes 2^200 steps.
    std::string T = "Parameters:\n  P: {Type: String}\nConditions:\n"
                    "  C0: !Equals [!Ref P, a]\n  C1: !Equals [!Ref P, b]\n";
    for (int I = 2; I < 200; ++I)
      T += "  C" + std::to_string(I) + ": !Or [!Condition C" +
           std::to_string(I - 1) + ", !Condition C" + std::to_string(I - 2) +
           "]\n";
    T += "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Condition: C199\n";
    Stack S;
    S.Files["main.yaml"] = T;
    auto E = evaluate(S);
    CHECK(E->resource("R").Condition->is(ValueKind::Unknown));
    S.Params = {{"P", "a"}};
    auto Known = evaluate(S);
    CHECK(Known->resource("R").Condition->asBool());
  }
  SECTION("deeply nested Fn::If") {
    std::string V = "\"x\"";
    for (int I = 0; I < 150; ++I)
      V = "{\"Fn::If\": [\"C\", \"v" + std::to_string(I) + "\", " + V + "]}";
    Stack S;
    S.Template = "main.json";
    S.Files["main.json"] =
        R"({"Parameters": {"P": {"Type": "String"}},
            "Conditions": {"C": {"Fn::Equals": [{"Ref": "P"}, "a"]}},
            "Resources": {"R": {"Type": "AWS::S3::Bucket",
              "Properties": {"V": )" +
        V + "}}}}";
    auto E = evaluate(S);
    CHECK(at(props(*E, "R"), {"V"}).alternatives().size() == 151);
  }
}

TEST_CASE("cloudformation: Fn::ForEach expands resources", "[cfn]") {
  // The shape of AWS's Fn::ForEach examples (AWS::LanguageExtensions).
  Stack S;
  S.Files["main.yaml"] = R"(
Transform: AWS::LanguageExtensions
Parameters:
  Topics:
    Type: CommaDelimitedList
    Default: "orders,audit-log"
  Unset:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Topics:
    - TopicName
    - !Ref Topics
    - SnsTopic${TopicName}:
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Sub "app-${TopicName}"
          DisplayName: !Ref TopicName
      Queue&{TopicName}:
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Ref TopicName
  Fn::ForEach::Never:
    - Name
    - !Ref Unset
    - Bucket${Name}:
        Type: AWS::S3::Bucket
)";
  auto E = evaluate(S);
  CHECK(at(props(*E, "SnsTopicorders"), {"TopicName"}).asString() ==
        "app-orders");
  CHECK(at(props(*E, "SnsTopicaudit-log"), {"DisplayName"}).asString() ==
        "audit-log");
  // &{} drops what is not alphanumeric.
  CHECK(at(props(*E, "Queueauditlog"), {"QueueName"}).asString() ==
        "audit-log");
  const model::Resource &T = E->resource("SnsTopicorders");
  CHECK(T.Loop.Kind == model::LoopInfo::LoopKind::ForEach);
  CHECK(T.Loop.Key.asString() == "orders");
  CHECK(E->Unit.Graph.resources().size() == 4);
  CHECK(E->hasDiagnostic("the collection of Fn::ForEach::Never is not known"));
}
