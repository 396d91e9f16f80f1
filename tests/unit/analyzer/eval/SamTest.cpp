//===- SamTest.cpp - The SAM transform over evaluated resources -----------===//
//
// Small SAM templates, read as YAML and turned into evaluated resources by a
// test-local converter (Ref, GetAtt, Sub and If become the values the stack
// evaluator gives them), then expanded. Expected resources, ids and
// properties come from the SAM translator's test outputs
// (aws/serverless-application-model, tests/translator/output/<name>.json,
// named in each test), its generated-resources documentation, and its
// source where the outputs say nothing (named too). The translator's outputs
// are for partition aws; where they read "arn:aws:...", SAM writes the
// partition of the deploying region, so these expectations read
// "arn:${AWS::Partition}:...".
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/cloudformation/Sam.h"

#include "analyzer/model/ValueJson.h"
#include "parsers/cloudformation/YamlParser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <memory>

using namespace rampart;
using namespace rampart::eval::cloudformation;
using model::EdgeKind;
using model::Origin;
using model::Value;
using model::ValueKind;

namespace {

/// A template read from YAML; values converted literally, except the
/// intrinsic functions SAM templates use most.
class Template {
public:
  explicit Template(llvm::StringRef Yaml)
      : File(SourceFile::fromText("template.yaml", Yaml)),
        Doc(std::make_unique<Document>(parsers::parseYaml(*File))) {
    REQUIRE(Doc->diagnostics().empty());
    if (const Node *P = Doc->root()->get("Parameters"))
      for (const MapEntry &E : P->Entries)
        Params[E.Key] = E.Value;
  }

  Value globals() const {
    const Node *G = Doc->root()->get("Globals");
    return G ? value(G) : Value();
  }

  std::vector<model::Resource> resources() const {
    std::vector<model::Resource> Out;
    for (const MapEntry &E : Doc->root()->get("Resources")->Entries) {
      model::Resource R;
      R.Id = E.Key;
      R.TheDialect = Dialect::CloudFormation;
      R.Type = E.Value->get("Type")->Text;
      R.Declaration = Origin{File.get(), E.KeyRange};
      R.SymbolicName = E.Key;
      const Node *P = E.Value->get("Properties");
      R.Properties = P ? value(P) : Value::object({}, R.Declaration);
      if (const Node *C = E.Value->get("Condition"))
        R.Condition =
            Value::unknown("condition '" + C->Text + "' is unknown", origin(C));
      Out.push_back(std::move(R));
    }
    return Out;
  }

  /// The origin of the text `Needle` (its first occurrence).
  Origin at(llvm::StringRef Needle) const {
    size_t Offset = File->text().find(Needle);
    REQUIRE(Offset < File->text().size());
    return Origin{File.get(), File->range(Offset, Offset + Needle.size())};
  }

private:
  std::unique_ptr<SourceFile> File;
  std::unique_ptr<Document> Doc;
  llvm::StringMap<const Node *> Params;

  Origin origin(const Node *N) const { return Origin{File.get(), N->Range}; }

  Value value(const Node *N) const {
    Origin O = origin(N);
    switch (N->Kind) {
    case NodeKind::Null:
      return Value::null(O);
    case NodeKind::Bool:
      return Value::boolean(N->BoolValue, O);
    case NodeKind::Number: {
      double D = N->number().value_or(0);
      return D == std::floor(D) ? Value::integer(static_cast<int64_t>(D), O)
                                : Value::floating(D, O);
    }
    case NodeKind::String:
      return Value::string(N->Text, O);
    case NodeKind::List: {
      std::vector<Value> Items;
      for (const Node *I : N->Items)
        Items.push_back(value(I));
      return Value::array(std::move(Items), O);
    }
    case NodeKind::Map: {
      if (N->Entries.size() == 1) {
        llvm::StringRef K = N->Entries[0].Key;
        if (K == "Ref" || K.startswith("Fn::"))
          return intrinsic(K, N->Entries[0].Value, O);
      }
      std::vector<model::Member> Members;
      for (const MapEntry &E : N->Entries)
        Members.push_back(
            {E.Key, Origin{File.get(), E.KeyRange}, value(E.Value)});
      return Value::object(std::move(Members), O);
    }
    case NodeKind::Expression:
      return intrinsic(N->Op, N->Items[0], O);
    }
    return Value();
  }

  Value intrinsic(llvm::StringRef Fn, const Node *Arg, Origin O) const {
    if (Fn == "Ref") {
      llvm::StringRef Name = Arg->Text;
      if (Name == "AWS::NoValue")
        return Value::null(O);
      if (Name.startswith("AWS::"))
        return Value::unknown(Name.str() + " is known at deploy time", O);
      if (auto It = Params.find(Name); It != Params.end()) {
        const Node *Default = It->second->get("Default");
        return Default ? value(Default).through(O)
                       : Value::unknown(
                             "parameter '" + Name.str() + "' has no value", O);
      }
      return Value::expression(Name.str(), O, Name.str());
    }
    if (Fn == "Fn::GetAtt") {
      std::string Id, Attr;
      if (Arg->is(NodeKind::List)) {
        Id = Arg->Items[0]->Text;
        Attr = Arg->Items[1]->Text;
      } else {
        auto [I, A] = llvm::StringRef(Arg->Text).split('.');
        Id = I.str();
        Attr = A.str();
      }
      return Value::expression(Id + "." + Attr, O, Id, {Attr});
    }
    if (Fn == "Fn::Sub") {
      llvm::StringRef Text =
          Arg->is(NodeKind::List) ? Arg->Items[0]->Text : Arg->Text;
      std::string RefersTo;
      for (llvm::StringRef S = Text; S.contains("${");) {
        S = S.split("${").second;
        auto [Name, Rest] = S.split('}');
        if (!Name.startswith("AWS::") && !Params.count(Name)) {
          RefersTo = Name.split('.').first.str();
          break;
        }
        S = Rest;
      }
      return Value::expression(Text.str(), O, RefersTo);
    }
    if (Fn == "Fn::If")
      return Value::oneOf({value(Arg->Items[1]), value(Arg->Items[2])},
                          "condition '" + Arg->Items[0]->Text + "' is unknown",
                          O);
    return Value::unknown(Fn.str() + " is not evaluated here", O);
  }
};

using Json = nlohmann::json;

/// A value as JSON, key order ignored.
Json json(const Value &V) { return Json::parse(model::valueToJson(V).dump()); }

/// What the stack evaluator does with the SAM resources of a template:
/// Globals applied, each expanded, shared resources kept once.
struct Expanded {
  std::vector<model::Resource> Resources;
  std::vector<model::Edge> Edges;
  std::vector<Diagnostic> Diagnostics;

  const model::Resource *find(llvm::StringRef Id) const {
    for (const model::Resource &R : Resources)
      if (R.Id == Id)
        return &R;
    return nullptr;
  }
  const model::Resource &get(llvm::StringRef Id) const {
    const model::Resource *R = find(Id);
    INFO("resource " << Id.str());
    if (!R)
      for (const model::Resource &X : Resources)
        UNSCOPED_INFO("have " << X.Id << " (" << X.Type << ")");
    REQUIRE(R);
    return *R;
  }
  /// A property of a resource, as JSON.
  Json prop(llvm::StringRef Id, llvm::StringRef Key) const {
    const Value *V = get(Id).Properties.get(Key);
    INFO(Id.str() << "." << Key.str());
    REQUIRE(V);
    return json(*V);
  }
  bool hasEdge(llvm::StringRef From, llvm::StringRef To, EdgeKind K) const {
    return llvm::any_of(Edges, [&](const model::Edge &E) {
      return E.From == From && E.To == To && E.Kind == K;
    });
  }
  const Diagnostic *diagnostic(llvm::StringRef Fragment) const {
    for (const Diagnostic &D : Diagnostics)
      if (llvm::StringRef(D.Message).contains(Fragment))
        return &D;
    return nullptr;
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> Out;
    for (const model::Resource &R : Resources)
      Out.push_back(R.Id);
    llvm::sort(Out);
    return Out;
  }
};

Expanded expand(const Template &T) {
  Value Globals = T.globals();
  std::vector<model::Resource> Before = T.resources();
  for (model::Resource &R : Before)
    if (isSamType(R.Type))
      R.Properties = applyGlobals(R.Type, R.Properties, Globals);
  SamContext Ctx;
  Ctx.Globals = Globals;
  Ctx.Resources = Before;
  Expanded E;
  for (const model::Resource &R : Before) {
    if (!isSamType(R.Type)) {
      E.Resources.push_back(R);
      continue;
    }
    SamExpansion X = expandSamResource(R, Ctx);
    for (model::Resource &New : X.Resources) {
      auto It = llvm::find_if(E.Resources, [&](const model::Resource &K) {
        return K.Id == New.Id;
      });
      if (It != E.Resources.end())
        mergeSharedResource(*It, New);
      else
        E.Resources.push_back(std::move(New));
    }
    llvm::append_range(E.Edges, X.Edges);
    llvm::append_range(E.Diagnostics, X.Diagnostics);
  }
  return E;
}

Json expr(llvm::StringRef Text, llvm::StringRef RefersTo = {}) {
  Json J = {{"$expression", Text.str()}};
  if (!RefersTo.empty())
    J["refersTo"] = RefersTo.str();
  return J;
}

Json managed(llvm::StringRef PathAndName) {
  return expr(("arn:${AWS::Partition}:iam::aws:policy/" + PathAndName).str());
}

const Json LambdaAssumeRole = Json::parse(R"({
  "Version": "2012-10-17",
  "Statement": [{"Action": ["sts:AssumeRole"], "Effect": "Allow",
                 "Principal": {"Service": ["lambda.amazonaws.com"]}}]})");

const Json SamTag =
    Json::parse(R"([{"Key": "lambda:createdBy", "Value": "SAM"}])");

} // namespace

TEST_CASE("SAM types are AWS::Serverless::*", "[sam]") {
  CHECK(isSamType("AWS::Serverless::Function"));
  CHECK(isSamType("AWS::Serverless::Connector"));
  CHECK_FALSE(isSamType("AWS::Lambda::Function"));
}

// The merge rules of globals.py's GlobalProperties docstring, with its
// examples.
TEST_CASE("Globals merge maps, concatenate lists, keep local scalars",
          "[sam][globals]") {
  Template T(R"(
Globals:
  Function:
    Runtime: nodejs
    CodeUri: s3://bucket/key
    Layers: [GlobalLayer]
    Environment:
      Variables:
        TableName: foo
        DBName: generic-db
    Tracing: {"Mode": "x"}
    Policies: [AdministratorAccess]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python
      CodeUri:
        Bucket: foo
        Key: bar
      Layers: [LocalLayer]
      Environment:
        Variables:
          DBName: mydb
          ConnectionString: bar
      Tracing: !Ref TracingMode
)");
  Value Props = T.resources()[0].Properties;
  Value Merged = applyGlobals("AWS::Serverless::Function", Props, T.globals());
  Json J = json(Merged);
  CHECK(J["Runtime"] == "python");
  CHECK(J["CodeUri"] == Json::parse(R"({"Bucket": "foo", "Key": "bar"})"));
  CHECK(J["Layers"] == Json::parse(R"(["GlobalLayer", "LocalLayer"])"));
  CHECK(J["Environment"] ==
        Json::parse(R"({"Variables": {"TableName": "foo", "DBName": "mydb",
                                      "ConnectionString": "bar"}})"));
  // An intrinsic function is a scalar to the merge: the resource's wins.
  CHECK(J["Tracing"] == expr("TracingMode", "TracingMode"));
  // Globals cannot set Policies (globals.py: "Everything on
  // Serverless::Function except Role, Policies, FunctionName, Events").
  CHECK_FALSE(J.contains("Policies"));
  std::vector<Diagnostic> Problems = checkGlobals(T.globals());
  REQUIRE(Problems.size() == 1);
  CHECK(Problems[0].Message ==
        "'Policies' is not a property Globals can set for 'Function'");
  CHECK(Problems[0].Range.Start.Line == 12);

  SECTION("a value from Globals keeps its origin") {
    const Value *TableName =
        Merged.get("Environment")->get("Variables")->get("TableName");
    CHECK(TableName->origin().Range.Start.Line == 9);
  }
  SECTION("IgnoreGlobals") {
    Value Star = Value::string("*");
    CHECK(json(applyGlobals("AWS::Serverless::Function", Props, T.globals(),
                            &Star))["Layers"] ==
          Json::parse(R"(["LocalLayer"])"));
    Value Some = Value::array({Value::string("Layers")});
    Json Partial = json(
        applyGlobals("AWS::Serverless::Function", Props, T.globals(), &Some));
    CHECK(Partial["Layers"] == Json::parse(R"(["LocalLayer"])"));
    CHECK(Partial["Environment"]["Variables"]["TableName"] == "foo");
  }
  SECTION("other types take their own section") {
    CHECK(json(applyGlobals("AWS::Serverless::SimpleTable", Value::object({}),
                            T.globals())) == Json::object());
  }
}

TEST_CASE("Globals sections and properties SAM rejects", "[sam][globals]") {
  Template T(R"(
Globals:
  Functions:
    Runtime: python3.12
  SimpleTable:
    SSESpecification: {SSEEnabled: true}
    BillingMode: PROVISIONED
)");
  std::vector<Diagnostic> Problems = checkGlobals(T.globals());
  REQUIRE(Problems.size() == 2);
  CHECK(Problems[0].Message == "'Functions' is not a section Globals supports");
  CHECK(Problems[1].Message ==
        "'BillingMode' is not a property Globals can set for 'SimpleTable'");
}

// function_managed_inline_policy.yaml -> .json.
TEST_CASE("a function without Role gets <Id>Role with its Policies",
          "[sam][function]") {
  Template T(R"(
Parameters:
  SomeManagedPolicyArn:
    Type: String
    Default: arn:aws:iam::aws:policy/OtherPolicy
Resources:
  Function:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://sam-demo-bucket/hello.zip
      Handler: hello.handler
      Runtime: python2.7
      Policies:
      - Statement:
        - Action: [dynamodb:*]
          Effect: Allow
          Resource: '*'
      - AmazonDynamoDBFullAccess
      - AmazonDynamoDBFullAccess
      - AWSLambdaBasicExecutionRole
      - AWSLambdaRole
      - {Ref: SomeManagedPolicyArn}
      - arn:aws:iam::123456789012:policy/CustomerCreatedManagedPolicy
)");
  Expanded E = expand(T);
  CHECK(E.ids() == std::vector<std::string>{"Function", "FunctionRole"});
  CHECK(E.get("Function").Type == "AWS::Lambda::Function");
  CHECK(
      E.prop("Function", "Code") ==
      Json::parse(R"({"S3Bucket": "sam-demo-bucket", "S3Key": "hello.zip"})"));
  CHECK(E.prop("Function", "Handler") == "hello.handler");
  CHECK(E.prop("Function", "Runtime") == "python2.7");
  CHECK(E.prop("Function", "Role") == Json({{"$expression", "FunctionRole.Arn"},
                                            {"refersTo", "FunctionRole"}}));
  CHECK(E.prop("Function", "Tags") == SamTag);

  const model::Resource &Role = E.get("FunctionRole");
  CHECK(Role.Type == "AWS::IAM::Role");
  CHECK(E.prop("FunctionRole", "AssumeRolePolicyDocument") == LambdaAssumeRole);
  // Duplicates are dropped; the parameter's value is kept as given.
  CHECK(E.prop("FunctionRole", "ManagedPolicyArns") ==
        Json::array({managed("service-role/AWSLambdaBasicExecutionRole"),
                     managed("AmazonDynamoDBFullAccess"),
                     managed("service-role/AWSLambdaRole"),
                     "arn:aws:iam::aws:policy/OtherPolicy",
                     "arn:aws:iam::123456789012:policy/"
                     "CustomerCreatedManagedPolicy"}));
  CHECK(E.prop("FunctionRole", "Policies") == Json::parse(R"([{
    "PolicyName": "FunctionRolePolicy0",
    "PolicyDocument": {"Statement": [
      {"Action": ["dynamodb:*"], "Effect": "Allow", "Resource": "*"}]}}])"));
  CHECK(E.prop("FunctionRole", "Tags") == SamTag);
  CHECK(E.hasEdge("Function", "FunctionRole", EdgeKind::Reference));

  SECTION("origins") {
    // Findings on generated resources point at the SAM resource; generated
    // values at the SAM resource, copied values at their own text.
    Origin Decl = E.get("Function").Declaration;
    CHECK(Role.Declaration.Range == Decl.Range);
    CHECK(Role.Properties.get("AssumeRolePolicyDocument")->origin().Range ==
          Decl.Range);
    CHECK(E.get("Function").Properties.get("Runtime")->origin().Range ==
          T.at("python2.7").Range);
    const Value &Inline = Role.Properties.get("Policies")->items()[0];
    CHECK(Inline.get("PolicyDocument")->origin().Range.Start.Line == 14);
  }
}

TEST_CASE("a function with a Role gets no role", "[sam][function]") {
  Template T(R"(
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async () => 1"
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt MyRole.Arn
      VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}
      Tracing: Active
      Events:
        Queue:
          Type: SQS
          Properties: {Queue: !GetAtt Q.Arn}
)");
  Expanded E = expand(T);
  CHECK(E.ids() == std::vector<std::string>{"Fn", "FnQueue"});
  CHECK(E.prop("Fn", "Role") == expr("MyRole.Arn", "MyRole"));
  CHECK(E.prop("Fn", "Code") ==
        Json::parse(R"({"ZipFile": "exports.handler = async () => 1"})"));
  CHECK(E.prop("Fn", "VpcConfig") ==
        Json::parse(
            R"({"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"]})"));
  CHECK(E.prop("Fn", "TracingConfig") == Json::parse(R"({"Mode": "Active"})"));
  CHECK(E.hasEdge("Fn", "MyRole", EdgeKind::Reference));
  CHECK(E.hasEdge("FnQueue", "Q", EdgeKind::Reference));
}

// function_with_tracing.json: Active adds AWSXrayWriteOnlyAccess after the
// basic execution role; Disabled adds neither TracingConfig nor the policy.
// VpcConfig adds AWSLambdaVPCAccessExecutionRole (sam_resources.py,
// _construct_role).
TEST_CASE("Tracing and VpcConfig add managed policies", "[sam][function]") {
  Template T(R"(
Resources:
  Active:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Tracing: Active
      VpcConfig: {SubnetIds: [s], SecurityGroupIds: [g]}
  Disabled:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Tracing: Disabled
)");
  Expanded E = expand(T);
  CHECK(E.prop("ActiveRole", "ManagedPolicyArns") ==
        Json::array({managed("service-role/AWSLambdaBasicExecutionRole"),
                     managed("AWSXrayWriteOnlyAccess"),
                     managed("service-role/AWSLambdaVPCAccessExecutionRole")}));
  CHECK_FALSE(E.get("Disabled").Properties.get("TracingConfig"));
  CHECK(E.prop("DisabledRole", "ManagedPolicyArns") ==
        Json::array({managed("service-role/AWSLambdaBasicExecutionRole")}));
}

TEST_CASE("function properties SAM renames", "[sam][function]") {
  Template T(R"(
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/dir/code.zip?versionId=3
      Handler: h
      Runtime: python3.12
      MemorySize: 256
      Timeout: 30
      KmsKeyArn: !Ref Key
      Architectures: [arm64]
      ReservedConcurrentExecutions: 5
      Environment: {Variables: {A: b}}
      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Dlq.Arn}
      Tags: {team: core}
)");
  Expanded E = expand(T);
  CHECK(E.prop("Fn", "Code") == Json::parse(R"({"S3Bucket": "bucket",
    "S3Key": "dir/code.zip", "S3ObjectVersion": "3"})"));
  CHECK(E.prop("Fn", "MemorySize") == 256);
  CHECK(E.prop("Fn", "Timeout") == 30);
  CHECK(E.prop("Fn", "KmsKeyArn") == expr("Key", "Key"));
  CHECK(E.prop("Fn", "Architectures") == Json::parse(R"(["arm64"])"));
  CHECK(E.prop("Fn", "ReservedConcurrentExecutions") == 5);
  CHECK(E.prop("Fn", "Environment") ==
        Json::parse(R"({"Variables": {"A": "b"}})"));
  CHECK(E.prop("Fn", "DeadLetterConfig") ==
        Json({{"TargetArn", expr("Dlq.Arn", "Dlq")}}));
  // The SAM tag first, then the resource's (get_tag_list).
  CHECK(E.prop("Fn", "Tags") == Json::parse(R"([
    {"Key": "lambda:createdBy", "Value": "SAM"}, {"Key": "team", "Value": "core"}])"));
  // iam.py, dead_letter_queue_policy.
  CHECK(E.prop("FnRole", "Policies") == Json::parse(R"([{
    "PolicyName": "DeadLetterQueuePolicy",
    "PolicyDocument": {"Version": "2012-10-17", "Statement": [
      {"Action": "sqs:SendMessage", "Effect": "Allow",
       "Resource": {"$expression": "Dlq.Arn", "refersTo": "Dlq"}}]}}])"));

  SECTION("a local CodeUri is not known before `sam package`") {
    Template Local(R"(
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: src/, Handler: h, Runtime: python3.12}
)");
    Json Code = expand(Local).prop("Fn", "Code");
    CHECK(Code["$unknown"] ==
          "CodeUri 'src/' is a local path; `sam package` uploads it");
  }
}

// The statements are those of policy_templates.json; the names follow
// role_constructor.py (<Role>Policy<index in Policies>), as in
// all_policy_templates.json (KitchenSinkFunctionRolePolicy0 for the first).
TEST_CASE("policy templates expand to their statements", "[sam][policies]") {
  Template T(R"(
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Policies:
      - AWSLambdaExecute
      - S3ReadPolicy:
          BucketName: name
      - DynamoDBCrudPolicy:
          TableName: !Ref Table
      - CloudWatchPutMetricPolicy: {}
      - SSMParameterReadPolicy:
          ParameterName: app/secret
)");
  Expanded E = expand(T);
  CHECK(E.Diagnostics.empty());
  Json Policies = E.prop("FnRole", "Policies");
  REQUIRE(Policies.size() == 4);
  CHECK(Policies[0] == Json::parse(R"({
    "PolicyName": "FnRolePolicy1",
    "PolicyDocument": {"Statement": [{
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                 "s3:GetObjectVersion", "s3:GetLifecycleConfiguration"],
      "Resource": [{"$expression": "arn:${AWS::Partition}:s3:::name"},
                   {"$expression": "arn:${AWS::Partition}:s3:::name/*"}]}]}})"));
  // A parameter naming a resource keeps the reference.
  CHECK(Policies[1]["PolicyName"] == "FnRolePolicy2");
  CHECK(Policies[1]["PolicyDocument"]["Statement"][0]["Resource"] ==
        Json::array({expr("arn:${AWS::Partition}:dynamodb:${AWS::Region}:"
                          "${AWS::AccountId}:table/${Table}",
                          "Table"),
                     expr("arn:${AWS::Partition}:dynamodb:${AWS::Region}:"
                          "${AWS::AccountId}:table/${Table}/index/*",
                          "Table")}));
  CHECK(Policies[1]["PolicyDocument"]["Statement"][0]["Action"].size() == 10);
  CHECK(Policies[2] == Json::parse(R"({
    "PolicyName": "FnRolePolicy3",
    "PolicyDocument": {"Statement": [{"Effect": "Allow",
      "Action": ["cloudwatch:PutMetricData"], "Resource": "*"}]}})"));
  Json Ssm = Policies[3]["PolicyDocument"]["Statement"];
  REQUIRE(Ssm.size() == 2);
  CHECK(Ssm[0] == Json::parse(R"({"Effect": "Allow",
    "Action": ["ssm:DescribeParameters"], "Resource": "*"})"));
  CHECK(Ssm[1]["Resource"] ==
        expr("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:"
             "parameter/app/secret"));
  CHECK(E.prop("FnRole", "ManagedPolicyArns") ==
        Json::array({managed("service-role/AWSLambdaBasicExecutionRole"),
                     managed("AWSLambdaExecute")}));
  CHECK(E.hasEdge("FnRole", "Table", EdgeKind::Reference));

  SECTION("statements take the origin of their policy template") {
    const Value &P = E.get("FnRole").Properties.get("Policies")->items()[1];
    CHECK(P.get("PolicyDocument")->origin().Range.Start.Line == 13);
  }
}

TEST_CASE("unknown policy templates and unknown Policies stay unknown",
          "[sam][policies]") {
  Template T(R"(
Parameters:
  ExtraPolicies:
    Type: CommaDelimitedList
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Policies:
      - MadeUpPolicy: {Name: x}
      - S3ReadPolicy: {}
  Other:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Policies: !Ref ExtraPolicies
)");
  Expanded E = expand(T);
  Json Policies = E.prop("FnRole", "Policies");
  REQUIRE(Policies.size() == 2);
  CHECK(Policies[0]["PolicyName"] == "FnRolePolicy0");
  CHECK(Policies[0]["PolicyDocument"]["Statement"]["$unknown"] ==
        "the statements of policy template 'MadeUpPolicy' are not known here");
  const Diagnostic *D = E.diagnostic("policy template 'MadeUpPolicy'");
  REQUIRE(D);
  CHECK(D->Level == Severity::Warning);
  CHECK(D->Range.Start.Line == 13);
  CHECK(Policies[1]["PolicyDocument"]["Statement"]["$unknown"] ==
        "policy template 'S3ReadPolicy' lacks parameter 'BucketName'");
  CHECK(E.diagnostic("policy template 'S3ReadPolicy' needs parameter "
                     "'BucketName'"));

  Json Unknown = E.prop("OtherRole", "Policies");
  CHECK(Unknown["$unknown"] ==
        "the policies of function 'Other' are unknown: parameter "
        "'ExtraPolicies' has no value");
  Json Managed = E.prop("OtherRole", "ManagedPolicyArns");
  REQUIRE(Managed.size() == 2);
  CHECK(Managed[1].contains("$unknown"));
}

TEST_CASE("a conditional policy keeps both branches", "[sam][policies]") {
  // function_with_conditional_policy_template_and_ref_no_value: a branch
  // that is AWS::NoValue disappears.
  Template T(R"(
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Policies:
      - !If [IsProd, {SQSPollerPolicy: {QueueName: q}}, !Ref AWS::NoValue]
)");
  Expanded E = expand(T);
  Json Policies = E.prop("FnRole", "Policies");
  REQUIRE(Policies.size() == 1);
  CHECK(Policies[0]["$unknown"] == "condition 'IsProd' is unknown");
  REQUIRE(Policies[0]["oneOf"].size() == 2);
  CHECK(Policies[0]["oneOf"][0]["PolicyName"] == "FnRolePolicy0");
  CHECK(Policies[0]["oneOf"][1].is_null());
}

// The generated resources of FunctionUrlConfig (SAM developer guide,
// "Generated AWS CloudFormation resources for AWS SAM": AuthType NONE gives
// <function>Url, <function>UrlPublicPermissions and
// <function>URLInvokeAllowPublicAccess; AWS_IAM only the Url).
TEST_CASE("FunctionUrlConfig with AuthType NONE is public", "[sam][url]") {
  Template T(R"(
Parameters:
  Auth:
    Type: String
    Default: NONE
Resources:
  Public:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      FunctionUrlConfig:
        AuthType: NONE
        Cors: {AllowOrigins: ['*']}
  Private:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      FunctionUrlConfig: {AuthType: AWS_IAM}
  ByParameter:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      FunctionUrlConfig: {AuthType: !Ref Auth}
)");
  Expanded E = expand(T);
  CHECK(E.get("PublicUrl").Type == "AWS::Lambda::Url");
  CHECK(E.prop("PublicUrl", "AuthType") == "NONE");
  CHECK(E.prop("PublicUrl", "TargetFunctionArn") == expr("Public", "Public"));
  CHECK(E.prop("PublicUrl", "Cors") ==
        Json::parse(R"({"AllowOrigins": ["*"]})"));
  // sam_resources.py, _construct_url_permission.
  CHECK(E.get("PublicUrlPublicPermissions").Type == "AWS::Lambda::Permission");
  CHECK(E.prop("PublicUrlPublicPermissions", "Action") ==
        "lambda:InvokeFunctionUrl");
  CHECK(E.prop("PublicUrlPublicPermissions", "Principal") == "*");
  CHECK(E.prop("PublicUrlPublicPermissions", "FunctionUrlAuthType") == "NONE");
  CHECK(E.prop("PublicUrlPublicPermissions", "FunctionName") ==
        expr("Public", "Public"));
  CHECK(E.prop("PublicURLInvokeAllowPublicAccess", "Action") ==
        "lambda:InvokeFunction");
  CHECK(E.prop("PublicURLInvokeAllowPublicAccess", "InvokedViaFunctionUrl") ==
        true);
  CHECK(E.hasEdge("PublicUrlPublicPermissions", "Public", EdgeKind::Reference));

  CHECK(E.get("PrivateUrl").Type == "AWS::Lambda::Url");
  CHECK_FALSE(E.find("PrivateUrlPublicPermissions"));
  CHECK_FALSE(E.find("PrivateURLInvokeAllowPublicAccess"));

  // SAM compares AuthType as written: a parameter is an intrinsic to it,
  // so no permission is added, whatever the parameter's value.
  CHECK(E.prop("ByParameterUrl", "AuthType") == "NONE");
  CHECK_FALSE(E.find("ByParameterUrlPublicPermissions"));
}

// implicit_api_with_timeout.yaml -> .json.
TEST_CASE("Api events without RestApiId create ServerlessRestApi",
          "[sam][api]") {
  Template T(R"(
Resources:
  RestApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://sam-demo-bucket/todo_list.zip
      Handler: index.restapi
      Runtime: nodejs12.x
      Policies: AmazonDynamoDBFullAccess
      Events:
        AddItem:
          Type: Api
          Properties:
            Path: /add
            Method: post
            TimeoutInMillis: 5000
        GetList:
          Type: Api
          Properties:
            Path: /getlist
            Method: get
            TimeoutInMillis: 10000
  Other:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://sam-demo-bucket/other.zip
      Handler: index.other
      Runtime: nodejs12.x
      Events:
        Any:
          Type: Api
          Properties: {Path: /other/, Method: ANY}
)");
  Expanded E = expand(T);
  for (llvm::StringRef Id :
       {"RestApiFunctionAddItemPermissionProd",
        "RestApiFunctionGetListPermissionProd", "OtherAnyPermissionProd"})
    CHECK(E.get(Id).Type == "AWS::Lambda::Permission");
  CHECK(E.prop("RestApiFunctionAddItemPermissionProd", "Principal") ==
        "apigateway.amazonaws.com");
  CHECK(E.prop("RestApiFunctionAddItemPermissionProd", "FunctionName") ==
        expr("RestApiFunction", "RestApiFunction"));
  CHECK(E.prop("RestApiFunctionAddItemPermissionProd", "SourceArn") ==
        expr("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
             "${AWS::AccountId}:${ServerlessRestApi}/*/POST/add",
             "ServerlessRestApi"));
  // ANY is *, and the trailing slash goes (push.py, Api._get_permission).
  CHECK(E.prop("OtherAnyPermissionProd", "SourceArn") ==
        expr("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
             "${AWS::AccountId}:${ServerlessRestApi}/*/*/other",
             "ServerlessRestApi"));

  CHECK(E.get("ServerlessRestApi").Type == "AWS::ApiGateway::RestApi");
  Json Body = E.prop("ServerlessRestApi", "Body");
  CHECK(Body["swagger"] == "2.0");
  CHECK(Body["paths"]["/add"]["post"]["x-amazon-apigateway-integration"] ==
        Json({{"type", "aws_proxy"},
              {"httpMethod", "POST"},
              {"uri", expr("arn:${AWS::Partition}:apigateway:${AWS::Region}:"
                           "lambda:path/2015-03-31/functions/"
                           "${RestApiFunction.Arn}/invocations",
                           "RestApiFunction")},
              {"timeoutInMillis", 5000}}));
  // The paths of every function end in the one kept API.
  CHECK(Body["paths"].contains("/getlist"));
  CHECK(Body["paths"]["/other"].contains("x-amazon-apigateway-any-method"));
  // The deployment's id lacks SAM's hash
  // (ServerlessRestApiDeploymentfe95bb2253).
  CHECK(E.prop("ServerlessRestApiDeployment", "RestApiId") ==
        expr("ServerlessRestApi", "ServerlessRestApi"));
  CHECK(E.prop("ServerlessRestApiDeployment", "StageName") == "Stage");
  CHECK(E.get("ServerlessRestApiProdStage").Type == "AWS::ApiGateway::Stage");
  CHECK(E.prop("ServerlessRestApiProdStage", "StageName") == "Prod");
  CHECK(E.prop("ServerlessRestApiProdStage", "DeploymentId") ==
        expr("ServerlessRestApiDeployment", "ServerlessRestApiDeployment"));
  CHECK(E.hasEdge("ServerlessRestApi", "RestApiFunction", EdgeKind::Reference));
  CHECK(E.hasEdge("ServerlessRestApiProdStage", "ServerlessRestApi",
                  EdgeKind::Reference));
  CHECK(E.prop("RestApiFunctionRole", "ManagedPolicyArns") ==
        Json::array({managed("service-role/AWSLambdaBasicExecutionRole"),
                     managed("AmazonDynamoDBFullAccess")}));
}

TEST_CASE("the implicit API takes the Api section of Globals", "[sam][api]") {
  // globals.py: Api globals "also work with Implicit APIs"
  // (api_with_resource_policy_global, implicit_api_with_auth...).
  Template T(R"(
Globals:
  Api:
    TracingEnabled: true
    MethodSettings: [{LoggingLevel: INFO, ResourcePath: /*, HttpMethod: '*'}]
    Auth:
      DefaultAuthorizer: AWS_IAM
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Events:
        Get: {Type: Api, Properties: {Path: /, Method: get}}
        Open:
          Type: Api
          Properties: {Path: /open, Method: get, Auth: {Authorizer: NONE}}
)");
  Expanded E = expand(T);
  CHECK(E.prop("ServerlessRestApiProdStage", "TracingEnabled") == true);
  CHECK(E.prop("ServerlessRestApiProdStage",
               "MethodSettings")[0]["LoggingLevel"] == "INFO");
  Json Paths = E.prop("ServerlessRestApi", "Body")["paths"];
  CHECK(Paths["/"]["get"]["security"] == Json::parse(R"([{"AWS_IAM": []}])"));
  CHECK(Paths["/open"]["get"]["security"] == Json::parse(R"([{"NONE": []}])"));
}

// The permission of an event naming an explicit Api takes the Api's stage
// name (push.py, Api.resources_to_link); api_generator.py names the stage
// <Api><StageName>Stage, or <Api>Stage<sha1(name)[:10]> when the name is not
// alphanumeric (LogicalIdGenerator).
TEST_CASE("AWS::Serverless::Api becomes RestApi, Deployment and Stage",
          "[sam][api]") {
  Template T(R"(
Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration: REGIONAL
      TracingEnabled: true
      CacheClusterEnabled: true
      AccessLogSetting: {DestinationArn: !GetAtt Logs.Arn, Format: '$context.requestId'}
      MethodSettings: [{LoggingLevel: ERROR, ResourcePath: /*, HttpMethod: '*'}]
      Auth:
        DefaultAuthorizer: MyLambdaAuth
        Authorizers:
          MyLambdaAuth: {FunctionArn: !GetAtt AuthFn.Arn}
      DefinitionBody:
        swagger: '2.0'
        paths:
          /items:
            get: {}
            post: {security: [{api_key: []}]}
  DevApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev-1
      EndpointConfiguration: {Type: PRIVATE, VPCEndpointIds: [vpce-1]}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Events:
        List:
          Type: Api
          Properties: {RestApiId: !Ref MyApi, Path: /items, Method: get}
        Dev:
          Type: Api
          Properties: {RestApiId: !Ref DevApi, Path: /x, Method: get}
        Imported:
          Type: Api
          Properties: {RestApiId: !ImportValue shared-api, Path: /y, Method: get}
)");
  Expanded E = expand(T);
  CHECK(E.get("MyApi").Type == "AWS::ApiGateway::RestApi");
  CHECK(E.prop("MyApi", "EndpointConfiguration") ==
        Json::parse(R"({"Types": ["REGIONAL"]})"));
  CHECK(E.prop("MyApi", "Parameters") ==
        Json::parse(R"({"endpointConfigurationTypes": "REGIONAL"})"));
  // The DefaultAuthorizer goes on every operation without security.
  Json Items = E.prop("MyApi", "Body")["paths"]["/items"];
  CHECK(Items["get"]["security"] == Json::parse(R"([{"MyLambdaAuth": []}])"));
  CHECK(Items["post"]["security"] == Json::parse(R"([{"api_key": []}])"));
  CHECK(E.get("MyApiDeployment").Type == "AWS::ApiGateway::Deployment");
  const model::Resource &Stage = E.get("MyApiprodStage");
  CHECK(Stage.Type == "AWS::ApiGateway::Stage");
  CHECK(E.prop("MyApiprodStage", "StageName") == "prod");
  CHECK(E.prop("MyApiprodStage", "TracingEnabled") == true);
  CHECK(E.prop("MyApiprodStage", "CacheClusterEnabled") == true);
  CHECK(E.prop("MyApiprodStage", "AccessLogSetting")["DestinationArn"] ==
        expr("Logs.Arn", "Logs"));
  CHECK(E.prop("MyApiprodStage", "MethodSettings")[0]["LoggingLevel"] ==
        "ERROR");
  CHECK(E.hasEdge("MyApiprodStage", "Logs", EdgeKind::Reference));
  // api_generator.py, _construct_authorizer_lambda_permission.
  CHECK(E.prop("MyApiMyLambdaAuthAuthorizerPermission", "FunctionName") ==
        expr("AuthFn.Arn", "AuthFn"));

  CHECK(E.find("DevApiStaged58b5e165f"));
  CHECK(E.prop("DevApi", "EndpointConfiguration") ==
        Json::parse(R"({"Types": ["PRIVATE"], "VpcEndpointIds": ["vpce-1"]})"));

  CHECK(E.prop("FnListPermissionprod", "SourceArn") ==
        expr("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
             "${AWS::AccountId}:${MyApi}/*/GET/items",
             "MyApi"));
  // push.py, _construct_permission: a suffix that is not alphanumeric is
  // hashed.
  CHECK(E.find("FnDevPermissiond58b5e165f"));
  CHECK(E.find("FnImportedPermissionAllStages"));
  CHECK(E.Diagnostics.empty());
}

// implicit_http_api_auth_and_simple_case.json and the generated-resources
// documentation: ServerlessHttpApi with its $default stage
// ServerlessHttpApiApiGatewayDefaultStage, and <Fn><Event>Permission.
TEST_CASE("HttpApi events without ApiId create ServerlessHttpApi",
          "[sam][httpapi]") {
  Template T(R"(
Globals:
  HttpApi:
    AccessLogSettings: {DestinationArn: arn:aws:logs:x, Format: '$context.requestId'}
Resources:
  RestApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://sam-demo-bucket/todo_list.zip
      Handler: index.restapi
      Runtime: nodejs12.x
      Events:
        SimpleCase:
          Type: HttpApi
        BasePath:
          Type: HttpApi
          Properties: {Path: /, Method: get}
)");
  Expanded E = expand(T);
  CHECK(E.prop("RestApiFunctionSimpleCasePermission", "SourceArn") ==
        expr("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
             "${AWS::AccountId}:${ServerlessHttpApi}/*/*",
             "ServerlessHttpApi"));
  CHECK(E.prop("RestApiFunctionBasePathPermission", "SourceArn") ==
        expr("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
             "${AWS::AccountId}:${ServerlessHttpApi}/*/GET/",
             "ServerlessHttpApi"));
  CHECK(E.get("ServerlessHttpApi").Type == "AWS::ApiGatewayV2::Api");
  Json Body = E.prop("ServerlessHttpApi", "Body");
  CHECK(Body["openapi"] == "3.0.1");
  Json Default = Body["paths"]["$default"]["x-amazon-apigateway-any-method"];
  CHECK(Default["isDefaultRoute"] == true);
  CHECK(Default["x-amazon-apigateway-integration"]["payloadFormatVersion"] ==
        "2.0");
  CHECK(Body["paths"]["/"].contains("get"));
  const model::Resource &Stage =
      E.get("ServerlessHttpApiApiGatewayDefaultStage");
  CHECK(Stage.Type == "AWS::ApiGatewayV2::Stage");
  CHECK(E.prop("ServerlessHttpApiApiGatewayDefaultStage", "StageName") ==
        "$default");
  CHECK(E.prop("ServerlessHttpApiApiGatewayDefaultStage", "AutoDeploy") ==
        true);
  CHECK(E.prop("ServerlessHttpApiApiGatewayDefaultStage",
               "AccessLogSettings")["DestinationArn"] == "arn:aws:logs:x");
}

TEST_CASE("AWS::Serverless::HttpApi becomes an ApiGatewayV2 Api and stage",
          "[sam][httpapi]") {
  // explicit_http_api_with_name.yaml; stages as http_api_generator.py names
  // them.
  Template T(R"(
Resources:
  MyHttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Name: my-api
      DisableExecuteApiEndpoint: true
      CorsConfiguration: true
      DefaultRouteSettings: {ThrottlingBurstLimit: 10}
  Staged:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: beta
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Events:
        Get:
          Type: HttpApi
          Properties: {ApiId: !Ref MyHttpApi, Path: /items, Method: GET}
)");
  Expanded E = expand(T);
  CHECK(E.get("MyHttpApi").Type == "AWS::ApiGatewayV2::Api");
  CHECK(E.prop("MyHttpApi", "Name") == "my-api");
  CHECK(E.prop("MyHttpApi", "DisableExecuteApiEndpoint") == true);
  CHECK(E.prop("MyHttpApi", "CorsConfiguration")["AllowOrigins"] ==
        Json::parse(R"(["*"])"));
  CHECK(E.prop("MyHttpApiApiGatewayDefaultStage", "DefaultRouteSettings") ==
        Json::parse(R"({"ThrottlingBurstLimit": 10})"));
  CHECK(E.prop("StagedbetaStage", "StageName") == "beta");
  // The events that name an API without a definition give its routes
  // (push.py, HttpApi._add_openapi_integration).
  Json Body = E.prop("MyHttpApi", "Body");
  CHECK(Body["openapi"] == "3.0.1");
  CHECK(Body["paths"]["/items"]["get"]["x-amazon-apigateway-integration"]
            ["uri"] ==
        expr("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/"
             "2015-03-31/functions/${Fn.Arn}/invocations",
             "Fn"));
  CHECK(E.prop("StagedbetaStage", "Tags") ==
        Json::parse(R"({"httpapi:createdBy": "SAM"})"));
  CHECK(E.prop("FnGetPermission", "SourceArn") ==
        expr("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
             "${AWS::AccountId}:${MyHttpApi}/*/GET/items",
             "MyHttpApi"));
}

// api_with_basic_custom_domain.yaml -> .json: a domain per name
// (ApiGatewayDomainName<sha1(name)[:10]>), REGIONAL unless said otherwise,
// one base path mapping per BasePath; an Api without a definition gets the
// paths of the events naming it.
TEST_CASE("custom domains and managed API bodies", "[sam][api]") {
  Template T(R"(
Resources:
  MyFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: index.handler
      Runtime: nodejs12.x
      Events:
        Fetch:
          Type: Api
          Properties: {RestApiId: !Ref MyApi, Method: Post, Path: /fetch}
        AnotherGet:
          Type: Api
          Properties: {RestApiId: !Ref MyAnotherApi, Method: Post, Path: /another/get}
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      OpenApiVersion: 3.0.1
      StageName: Prod
      Domain:
        DomainName: api-example.com
        CertificateArn: my-api-cert-arn
        EndpointConfiguration: EDGE
        BasePath: [/get, /fetch]
        SecurityPolicy: TLS_1_2
  MyAnotherApi:
    Type: AWS::Serverless::Api
    Properties:
      OpenApiVersion: 3.0.1
      StageName: Prod
      Domain:
        DomainName: another-example.com
        CertificateArn: another-api-arn
)");
  Expanded E = expand(T);
  CHECK(E.prop("ApiGatewayDomainName23cdccdf9c", "DomainName") ==
        "api-example.com");
  CHECK(E.prop("ApiGatewayDomainName23cdccdf9c", "CertificateArn") ==
        "my-api-cert-arn");
  CHECK(E.prop("ApiGatewayDomainName23cdccdf9c", "SecurityPolicy") ==
        "TLS_1_2");
  CHECK(E.prop("ApiGatewayDomainName23cdccdf9c", "EndpointConfiguration") ==
        Json::parse(R"({"Types": ["EDGE"]})"));
  CHECK(E.prop("ApiGatewayDomainNameeab65c1531", "RegionalCertificateArn") ==
        "another-api-arn");
  CHECK(E.prop("MyApigetBasePathMapping", "BasePath") == "get");
  CHECK(E.prop("MyApifetchBasePathMapping", "Stage") ==
        expr("MyApiProdStage", "MyApiProdStage"));
  CHECK(
      E.prop("MyAnotherApiBasePathMapping", "DomainName") ==
      expr("ApiGatewayDomainNameeab65c1531", "ApiGatewayDomainNameeab65c1531"));
  Json Body = E.prop("MyAnotherApi", "Body");
  CHECK(Body["openapi"] == "3.0.1");
  CHECK(Body["paths"]["/another/get"]["post"]["x-amazon-apigateway-integration"]
            ["uri"] ==
        expr("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/"
             "2015-03-31/functions/${MyFunction.Arn}/invocations",
             "MyFunction"));
  CHECK(E.prop("MyApi", "Body")["paths"].size() == 1);
  // No StageName on deployments of OpenAPI 3 APIs (api_generator.py).
  CHECK_FALSE(E.get("MyApiDeployment").Properties.get("StageName"));
  CHECK(E.find("MyFunctionFetchPermissionProd"));
  CHECK(E.find("MyFunctionAnotherGetPermissionProd"));
}

// simple_table_ref_parameter_intrinsic.json and sam_resources.py,
// SamSimpleTable: key `id` of type S by default, PAY_PER_REQUEST without
// ProvisionedThroughput.
TEST_CASE("AWS::Serverless::SimpleTable becomes a DynamoDB table",
          "[sam][table]") {
  Template T(R"(
Parameters:
  ReadCapacity: {Type: Number, Default: 15}
Globals:
  SimpleTable:
    SSESpecification: {SSEEnabled: true}
Resources:
  Minimal:
    Type: AWS::Serverless::SimpleTable
  Keyed:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: users
      PrimaryKey: {Name: user, Type: Number}
      ProvisionedThroughput: {ReadCapacityUnits: !Ref ReadCapacity, WriteCapacityUnits: 5}
      Tags: {app: x}
)");
  Expanded E = expand(T);
  CHECK(E.get("Minimal").Type == "AWS::DynamoDB::Table");
  CHECK(E.prop("Minimal", "AttributeDefinitions") ==
        Json::parse(R"([{"AttributeName": "id", "AttributeType": "S"}])"));
  CHECK(E.prop("Minimal", "KeySchema") ==
        Json::parse(R"([{"AttributeName": "id", "KeyType": "HASH"}])"));
  CHECK(E.prop("Minimal", "BillingMode") == "PAY_PER_REQUEST");
  CHECK(E.prop("Minimal", "SSESpecification") ==
        Json::parse(R"({"SSEEnabled": true})"));
  CHECK(E.prop("Keyed", "AttributeDefinitions") ==
        Json::parse(R"([{"AttributeName": "user", "AttributeType": "N"}])"));
  CHECK(E.prop("Keyed", "ProvisionedThroughput") ==
        Json::parse(R"({"ReadCapacityUnits": 15, "WriteCapacityUnits": 5})"));
  CHECK_FALSE(E.get("Keyed").Properties.get("BillingMode"));
  CHECK(E.prop("Keyed", "TableName") == "users");
  CHECK(E.prop("Keyed", "Tags") ==
        Json::parse(R"([{"Key": "app", "Value": "x"}])"));
  CHECK_FALSE(
      E.get("Keyed").Properties.get("PointInTimeRecoverySpecification"));
}

// state_machine_with_schedule.json: a Role given, so no state machine role;
// the Schedule event's rule, its role and the role's StartExecution policy.
TEST_CASE("AWS::Serverless::StateMachine with a schedule", "[sam][sfn]") {
  Template T(R"(
Resources:
  StateMachine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: s3://sam-demo-bucket/my_state_machine.asl.json
      Role: arn:aws:iam::123456123456:role/service-role/SampleRole
      Events:
        ScheduleEvent:
          Type: Schedule
          Properties:
            Schedule: rate(1 minute)
            Name: TestSchedule
            Description: test schedule
            Enabled: false
)");
  Expanded E = expand(T);
  CHECK(E.ids() == std::vector<std::string>{"StateMachine",
                                            "StateMachineScheduleEvent",
                                            "StateMachineScheduleEventRole"});
  CHECK(E.get("StateMachine").Type == "AWS::StepFunctions::StateMachine");
  CHECK(E.prop("StateMachine", "RoleArn") ==
        "arn:aws:iam::123456123456:role/service-role/SampleRole");
  CHECK(E.prop("StateMachine", "DefinitionS3Location") ==
        Json::parse(R"({"Bucket": "sam-demo-bucket",
                        "Key": "my_state_machine.asl.json"})"));
  CHECK(E.prop("StateMachine", "Tags") ==
        Json::parse(R"([{"Key": "stateMachine:createdBy", "Value": "SAM"}])"));
  CHECK(E.get("StateMachineScheduleEvent").Type == "AWS::Events::Rule");
  CHECK(E.prop("StateMachineScheduleEvent", "State") == "DISABLED");
  CHECK(E.prop("StateMachineScheduleEvent", "ScheduleExpression") ==
        "rate(1 minute)");
  CHECK(E.prop("StateMachineScheduleEvent", "Name") == "TestSchedule");
  CHECK(E.prop("StateMachineScheduleEvent", "Targets") ==
        Json::array({{{"Arn", expr("StateMachine", "StateMachine")},
                      {"Id", "StateMachineScheduleEventStepFunctionsTarget"},
                      {"RoleArn", expr("StateMachineScheduleEventRole.Arn",
                                       "StateMachineScheduleEventRole")}}}));
  CHECK(E.prop("StateMachineScheduleEventRole", "Policies") == Json::parse(R"([{
    "PolicyName": "StateMachineScheduleEventRoleStartExecutionPolicy",
    "PolicyDocument": {"Statement": [{"Action": "states:StartExecution",
      "Effect": "Allow",
      "Resource": {"$expression": "StateMachine", "refersTo": "StateMachine"}}]}}])"));
  CHECK(E.prop("StateMachineScheduleEventRole",
               "AssumeRolePolicyDocument")["Statement"][0]["Principal"] ==
        Json::parse(R"({"Service": ["events.amazonaws.com"]})"));
}

TEST_CASE("a state machine without Role gets one", "[sam][sfn]") {
  // state_machine_with_inline_definition: <Id>Role assumed by
  // states.amazonaws.com, policy templates expanded; Tracing adds X-Ray
  // (stepfunctions/generators.py, _construct_role).
  Template T(R"(
Resources:
  Sfn:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: MyMachine
      Type: EXPRESS
      Definition:
        StartAt: A
        States: {A: {Type: Task, Resource: !GetAtt Fn.Arn, End: true}}
      Logging:
        Level: ALL
        Destinations: [{CloudWatchLogsLogGroup: {LogGroupArn: !GetAtt Logs.Arn}}]
      Tracing: {Enabled: true}
      Policies:
      - LambdaInvokePolicy: {FunctionName: !Ref Fn}
)");
  Expanded E = expand(T);
  CHECK(E.prop("Sfn", "RoleArn") == expr("SfnRole.Arn", "SfnRole"));
  CHECK(E.prop("Sfn", "StateMachineName") == "MyMachine");
  CHECK(E.prop("Sfn", "StateMachineType") == "EXPRESS");
  CHECK(E.prop("Sfn", "LoggingConfiguration")["Level"] == "ALL");
  CHECK(E.prop("Sfn", "TracingConfiguration") ==
        Json::parse(R"({"Enabled": true})"));
  CHECK(E.prop("Sfn", "Definition")["StartAt"] == "A");
  CHECK(E.hasEdge("Sfn", "Fn", EdgeKind::Reference));
  CHECK(E.prop("SfnRole",
               "AssumeRolePolicyDocument")["Statement"][0]["Principal"] ==
        Json::parse(R"({"Service": ["states.amazonaws.com"]})"));
  CHECK(E.prop("SfnRole", "ManagedPolicyArns") ==
        Json::array({managed("AWSXrayWriteOnlyAccess")}));
  Json Invoke = E.prop("SfnRole", "Policies")[0];
  CHECK(Invoke["PolicyName"] == "SfnRolePolicy0");
  CHECK(Invoke["PolicyDocument"]["Statement"][0]["Resource"] ==
        expr("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:"
             "function:${Fn}*",
             "Fn"));
}

TEST_CASE("pull and push events", "[sam][events]") {
  // Names and policies per pull.py and push.py; sqs as in
  // function_with_event_source_mapping, S3 as in
  // s3_existing_lambda_notification_configuration, schedules as in
  // function_with_event_bridge_rule_state.
  Template T(R"(
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Events:
        Queue:
          Type: SQS
          Properties: {Queue: !GetAtt Q.Arn, BatchSize: 5}
        Stream:
          Type: Kinesis
          Properties: {Stream: !GetAtt S.Arn, StartingPosition: LATEST}
        Upload:
          Type: S3
          Properties: {Bucket: !Ref Uploads, Events: s3:ObjectCreated:*}
        Topic:
          Type: SNS
          Properties: {Topic: !Ref T}
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 0 * * ? *)
)");
  Expanded E = expand(T);
  CHECK(E.get("FnQueue").Type == "AWS::Lambda::EventSourceMapping");
  CHECK(E.prop("FnQueue", "EventSourceArn") == expr("Q.Arn", "Q"));
  CHECK(E.prop("FnQueue", "FunctionName") == expr("Fn", "Fn"));
  CHECK(E.prop("FnQueue", "BatchSize") == 5);
  CHECK(E.prop("FnStream", "StartingPosition") == "LATEST");
  CHECK(E.prop("FnRole", "ManagedPolicyArns") ==
        Json::array({managed("service-role/AWSLambdaBasicExecutionRole"),
                     managed("service-role/AWSLambdaSQSQueueExecutionRole"),
                     managed("service-role/AWSLambdaKinesisExecutionRole")}));
  CHECK(E.prop("FnUploadPermission", "Principal") == "s3.amazonaws.com");
  CHECK(E.prop("FnUploadPermission", "SourceAccount")["$unknown"] ==
        "AWS::AccountId is known at deploy time");
  CHECK(E.hasEdge("Uploads", "FnUploadPermission", EdgeKind::DependsOn));
  CHECK(E.prop("FnTopicPermission", "SourceArn") == expr("T", "T"));
  CHECK(E.get("FnTopic").Type == "AWS::SNS::Subscription");
  CHECK(E.prop("FnTopic", "Protocol") == "lambda");
  CHECK(E.prop("FnTopic", "Endpoint") == expr("Fn.Arn", "Fn"));
  CHECK(E.get("FnNightly").Type == "AWS::Events::Rule");
  CHECK(E.prop("FnNightly", "Targets")[0]["Id"] == "FnNightlyLambdaTarget");
  CHECK(E.prop("FnNightlyPermission", "SourceArn") ==
        expr("FnNightly.Arn", "FnNightly"));
  CHECK(E.prop("FnNightlyPermission", "Principal") == "events.amazonaws.com");
}

TEST_CASE("conditions and other resource attributes carry over",
          "[sam][function]") {
  Template T(R"(
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      FunctionUrlConfig: {AuthType: NONE}
)");
  Expanded E = expand(T);
  for (const model::Resource &R : E.Resources) {
    INFO(R.Id);
    REQUIRE(R.Condition);
    CHECK(R.Condition->asString() == "condition 'IsProd' is unknown");
    CHECK(R.Declaration.Range.Start == T.at("Fn:").Range.Start);
  }
  CHECK(E.Resources.size() == 5);
}

TEST_CASE("layers, applications and types not expanded",
          "[sam][layer][application]") {
  Template T(R"(
Resources:
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: s3://sam-demo-bucket/layer.zip
      CompatibleRuntimes: [python3.12]
  App:
    Type: AWS::Serverless::Application
    Properties:
      Location:
        ApplicationId: arn:aws:serverlessrepo:us-east-1:077246666028:applications/hello-world
        SemanticVersion: 1.0.4
      Parameters: {IdentityNameParameter: name}
  Nested:
    Type: AWS::Serverless::Application
    Properties:
      Location: ./nested.yaml
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Fn}
      Destination: {Id: Table}
      Permissions: [Read]
)");
  Expanded E = expand(T);
  // The layer keeps its id; SAM appends a hash of its properties.
  CHECK(E.get("Layer").Type == "AWS::Lambda::LayerVersion");
  CHECK(E.prop("Layer", "LayerName") == "Layer");
  CHECK(
      E.prop("Layer", "Content") ==
      Json::parse(R"({"S3Bucket": "sam-demo-bucket", "S3Key": "layer.zip"})"));
  CHECK(E.prop("Layer", "CompatibleRuntimes") ==
        Json::parse(R"(["python3.12"])"));

  CHECK(E.get("App").Type == "AWS::CloudFormation::Stack");
  CHECK(E.prop("App", "TemplateURL").contains("$unknown"));
  CHECK(E.prop("App", "Parameters") ==
        Json::parse(R"({"IdentityNameParameter": "name"})"));
  Json Tags = E.prop("App", "Tags");
  REQUIRE(Tags.size() == 3);
  CHECK(Tags[1]["Key"] == "serverlessrepo:applicationId");
  CHECK(Tags[2] == Json::parse(R"({"Key": "serverlessrepo:semanticVersion",
                                   "Value": "1.0.4"})"));
  const Diagnostic *Sar = E.diagnostic("is not analysed");
  REQUIRE(Sar);
  CHECK(Sar->Level == Severity::Note);
  CHECK(E.prop("Nested", "TemplateURL") == "./nested.yaml");

  const model::Resource &Conn = E.get("Conn");
  CHECK(Conn.Type == "AWS::Serverless::Connector");
  const Diagnostic *D =
      E.diagnostic("SAM resource type 'AWS::Serverless::Connector'");
  REQUIRE(D);
  CHECK(D->Level == Severity::Warning);
  CHECK(D->Range == Conn.Declaration.Range);
}

TEST_CASE("unknown properties and events stay unknown", "[sam][unknown]") {
  Template T(R"(
Parameters:
  Tracing: {Type: String}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://b/k
      Handler: h
      Runtime: python3.12
      Tracing: !Ref Tracing
      Events: !Ref Nothing
)");
  Expanded E = expand(T);
  CHECK(E.prop("Fn", "TracingConfig")["Mode"]["$unknown"] ==
        "parameter 'Tracing' has no value");
  // Whether SAM adds the X-Ray policy depends on the value.
  Json Managed = E.prop("FnRole", "ManagedPolicyArns");
  REQUIRE(Managed.size() == 2);
  CHECK(Managed[1]["oneOf"][0] == managed("AWSXrayWriteOnlyAccess"));
  CHECK(Managed[1]["oneOf"][1].is_null());
  CHECK(E.diagnostic("the events of function 'Fn' are unknown"));
}
