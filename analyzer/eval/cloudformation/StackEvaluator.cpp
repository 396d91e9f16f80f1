//===- StackEvaluator.cpp - CloudFormation templates to units -------------===//
#include "analyzer/eval/cloudformation/StackEvaluator.h"

#include "analyzer/eval/Cidr.h"
#include "analyzer/eval/Literal.h"
#include "analyzer/eval/Paths.h"
#include "analyzer/eval/cloudformation/Sam.h"
#include "analyzer/model/ValueJson.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/Path.h"

#include <map>
#include <optional>

namespace rampart::eval::cloudformation {

using model::EdgeKind;
using model::Member;
using model::Origin;
using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

constexpr llvm::StringLiteral SamTransform = "AWS::Serverless-2016-10-31";
/// Conditions naming conditions, GetAtt reading another resource's
/// properties: chains longer than this are hostile, and stop here before
/// they exhaust the stack.
constexpr unsigned MaxDefinitionDepth = 256;
/// The largest string a function builds.
constexpr size_t MaxStringBytes = 1 << 20;

//===- Template shapes ----------------------------------------------------===//

/// An intrinsic function call, in short form (`!Sub x`) or long form
/// (`{"Fn::Sub": x}`).
struct Intrinsic {
  llvm::StringRef Name;
  const Node *Operand = nullptr; ///< Null for a short-form tag alone.
};

/// `Condition` is an intrinsic only where conditions are expected (inside
/// Fn::And, Fn::Or, Fn::Not); elsewhere a one-key map {"Condition": ..} is
/// data, as in an IAM policy statement.
std::optional<Intrinsic> intrinsicOf(const Node *N,
                                     bool ConditionContext = false) {
  if (N->Kind == NodeKind::Expression)
    return Intrinsic{N->Op, N->Items.empty() ? nullptr : N->Items[0]};
  if (!N->is(NodeKind::Map) || N->Entries.size() != 1)
    return std::nullopt;
  llvm::StringRef Key = N->Entries[0].Key;
  if (Key == "Ref" || Key.startswith("Fn::") || Key.startswith("Rain::") ||
      (ConditionContext && Key == "Condition"))
    return Intrinsic{Key, N->Entries[0].Value};
  return std::nullopt;
}

const Node *section(const Document &D, llvm::StringRef Name) {
  const Node *Root = D.root();
  return Root && Root->is(NodeKind::Map) ? Root->get(Name) : nullptr;
}

std::optional<std::string> scalarText(const Node *N) {
  if (!N)
    return std::nullopt;
  switch (N->Kind) {
  case NodeKind::String:
  case NodeKind::Number:
    return N->Text;
  case NodeKind::Bool:
    return std::string(N->BoolValue ? "true" : "false");
  default:
    return std::nullopt;
  }
}

bool hasTransform(const Document &D, llvm::StringRef Name) {
  const Node *T = section(D, "Transform");
  if (!T)
    return false;
  if (T->is(NodeKind::String))
    return T->Text == Name;
  return T->is(NodeKind::List) && llvm::any_of(T->Items, [&](const Node *I) {
           return I->is(NodeKind::String) && I->Text == Name;
         });
}

/// SAM resources without the Transform line (CloudFormation rejects the
/// template; SAM's own test inputs are written so) are still expanded:
/// what the author meant is the useful reading.
bool declaresSamResources(const Document &D) {
  const Node *Resources = section(D, "Resources");
  if (!Resources || !Resources->is(NodeKind::Map))
    return false;
  return llvm::any_of(Resources->Entries, [](const MapEntry &E) {
    const Node *Type =
        E.Value->is(NodeKind::Map) ? E.Value->get("Type") : nullptr;
    return Type && Type->is(NodeKind::String) &&
           llvm::StringRef(Type->Text).startswith("AWS::Serverless::");
  });
}

/// A TemplateURL that names a file beside the template rather than an
/// S3 or HTTP location.
bool isLocalTemplate(llvm::StringRef Url) {
  return !Url.empty() && !Url.contains("://") && !Url.startswith("s3:") &&
         !llvm::sys::path::is_absolute(Url);
}

std::string templateDirectory(const Document &D) {
  return std::string(llvm::sys::path::parent_path(D.file().path()));
}

std::string resolveAgainst(llvm::StringRef Dir, llvm::StringRef Relative) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Relative);
  return normalizePath(P);
}

//===- Values -------------------------------------------------------------===//

/// AWS::NoValue removes the map member or list item that holds it; inside
/// evaluation it is this marker, which no template text can produce.
constexpr llvm::StringLiteral NoValueMarker = "AWS::NoValue";

Value noValue(Origin O) { return Value::expression(NoValueMarker.str(), O); }

bool isNoValue(const Value &V) {
  return V.is(ValueKind::Expression) && V.refersTo().empty() &&
         V.asString() == NoValueMarker;
}

/// Why V is not known, as the reason of a value computed from it.
Value unknownFrom(const Value &Cause, Origin O) {
  if (Cause.is(ValueKind::Expression))
    return Value::unknown(
        "'" + Cause.asString().str() + "' is known only after deployment", O);
  return Value::unknown(Cause.asString().str(), O);
}

/// The string CloudFormation makes of a scalar (numbers as written).
std::optional<std::string> stringOf(const Value &V) {
  switch (V.kind()) {
  case ValueKind::String:
    return V.asString().str();
  case ValueKind::Int:
    return std::to_string(V.asInt());
  case ValueKind::Float: {
    std::string S = model::valueToJson(V).dump();
    return S;
  }
  case ValueKind::Bool:
    return std::string(V.asBool() ? "true" : "false");
  default:
    return std::nullopt;
  }
}

/// Fn::Equals compares values as CloudFormation does: scalars as strings,
/// lists element by element. Nullopt when it cannot be decided.
std::optional<bool> knownEquals(const Value &A, const Value &B) {
  if (!A.isFullyKnown() || !B.isFullyKnown())
    return std::nullopt;
  if (A.is(ValueKind::Array) || B.is(ValueKind::Array)) {
    if (!A.is(ValueKind::Array) || !B.is(ValueKind::Array))
      return false;
    if (A.items().size() != B.items().size())
      return false;
    for (auto [X, Y] : llvm::zip(A.items(), B.items())) {
      std::optional<bool> E = knownEquals(X, Y);
      if (!E || !*E)
        return E;
    }
    return true;
  }
  auto SA = stringOf(A), SB = stringOf(B);
  if (SA && SB)
    return *SA == *SB;
  return A.sameAs(B);
}

/// Equality where one side may be one-of: decided when every alternative
/// gives the same answer.
std::optional<bool> equalsAcrossAlternatives(const Value &A, const Value &B) {
  if (!A.alternatives().empty() || !B.alternatives().empty()) {
    const Value &Many = A.alternatives().empty() ? B : A;
    const Value &Other = A.alternatives().empty() ? A : B;
    std::optional<bool> Agreed;
    for (const Value &Alt : Many.alternatives()) {
      std::optional<bool> E = equalsAcrossAlternatives(Alt, Other);
      if (!E || (Agreed && *Agreed != *E))
        return std::nullopt;
      Agreed = E;
    }
    return Agreed;
  }
  return knownEquals(A, B);
}

std::optional<int64_t> indexOf(const Value &V) {
  if (V.is(ValueKind::Int))
    return V.asInt();
  int64_t I;
  if (V.is(ValueKind::String) && !V.asString().trim().getAsInteger(10, I))
    return I;
  return std::nullopt;
}

/// A parameter's value as Ref gives it: a string, or a list of strings for
/// list types.
Value parameterValue(const Value &V, llvm::StringRef Type) {
  bool IsList = Type.startswith("List<") || Type == "CommaDelimitedList";
  if (IsList && V.is(ValueKind::String)) {
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    V.asString().split(Parts, ',');
    std::vector<Value> Items;
    for (llvm::StringRef P : Parts)
      Items.push_back(Value::string(P.str(), V.origin()));
    return Value::array(std::move(Items), V.origin());
  }
  if (IsList && V.is(ValueKind::Array)) {
    std::vector<Value> Items;
    for (const Value &I : V.items())
      if (auto S = stringOf(I))
        Items.push_back(Value::string(*S, I.origin()));
      else
        Items.push_back(I);
    return Value::array(std::move(Items), V.origin());
  }
  if (auto S = stringOf(V); S && !V.is(ValueKind::String))
    return Value::string(*S, V.origin());
  return V;
}

//===- Attachments --------------------------------------------------------===//

/// Association resources and the properties that name what they attach
/// to. An attachment edge goes from the association to each resource such
/// a property refers to.
struct AttachmentRule {
  llvm::StringLiteral Type;
  std::initializer_list<llvm::StringLiteral> Properties;
};

const AttachmentRule AttachmentRules[] = {
    {"AWS::S3::BucketPolicy", {"Bucket"}},
    {"AWS::SNS::TopicPolicy", {"Topics"}},
    {"AWS::SQS::QueuePolicy", {"Queues"}},
    {"AWS::EC2::SecurityGroupIngress", {"GroupId", "GroupName"}},
    {"AWS::EC2::SecurityGroupEgress", {"GroupId"}},
    {"AWS::EC2::SubnetRouteTableAssociation", {"SubnetId", "RouteTableId"}},
    {"AWS::EC2::SubnetNetworkAclAssociation", {"SubnetId", "NetworkAclId"}},
    {"AWS::EC2::NetworkAclEntry", {"NetworkAclId"}},
    {"AWS::EC2::Route",
     {"RouteTableId", "GatewayId", "NatGatewayId", "TransitGatewayId",
      "VpcPeeringConnectionId", "InstanceId", "NetworkInterfaceId"}},
    {"AWS::EC2::VPCGatewayAttachment",
     {"VpcId", "InternetGatewayId", "VpnGatewayId"}},
    {"AWS::EC2::EIPAssociation",
     {"InstanceId", "NetworkInterfaceId", "AllocationId", "EIP"}},
    {"AWS::EC2::VolumeAttachment", {"InstanceId", "VolumeId"}},
    {"AWS::EC2::NetworkInterfaceAttachment",
     {"InstanceId", "NetworkInterfaceId"}},
    {"AWS::EC2::VPCCidrBlock", {"VpcId"}},
    {"AWS::EC2::VPCEndpoint", {"VpcId"}},
    {"AWS::IAM::Policy", {"Roles", "Users", "Groups"}},
    {"AWS::IAM::ManagedPolicy", {"Roles", "Users", "Groups"}},
    {"AWS::IAM::InstanceProfile", {"Roles"}},
    {"AWS::IAM::UserToGroupAddition", {"GroupName", "Users"}},
    {"AWS::Lambda::Permission", {"FunctionName"}},
    {"AWS::Lambda::EventSourceMapping", {"FunctionName"}},
    {"AWS::Lambda::Url", {"TargetFunctionArn"}},
    {"AWS::ElasticLoadBalancingV2::Listener", {"LoadBalancerArn"}},
    {"AWS::ElasticLoadBalancingV2::ListenerRule", {"ListenerArn"}},
    {"AWS::ElasticLoadBalancingV2::ListenerCertificate", {"ListenerArn"}},
    {"AWS::ApiGateway::Stage", {"RestApiId"}},
    {"AWS::ApiGateway::Deployment", {"RestApiId"}},
    {"AWS::ApiGateway::Method", {"RestApiId"}},
    {"AWS::ApiGateway::Authorizer", {"RestApiId"}},
    {"AWS::ApiGatewayV2::Stage", {"ApiId"}},
    {"AWS::ApiGatewayV2::Route", {"ApiId"}},
    {"AWS::ApiGatewayV2::Authorizer", {"ApiId"}},
    {"AWS::KMS::Alias", {"TargetKeyId"}},
    {"AWS::WAFv2::WebACLAssociation", {"ResourceArn", "WebACLArn"}},
    {"AWS::Logs::SubscriptionFilter", {"LogGroupName"}},
    {"AWS::S3::AccessPoint", {"Bucket"}},
    {"AWS::SecretsManager::SecretTargetAttachment", {"SecretId", "TargetId"}},
    {"AWS::SecretsManager::RotationSchedule", {"SecretId"}},
    {"AWS::SecretsManager::ResourcePolicy", {"SecretId"}},
    {"AWS::ECR::RepositoryPolicy", {"RepositoryName"}},
    {"AWS::RDS::DBSecurityGroupIngress", {"DBSecurityGroupName"}},
    {"AWS::ElastiCache::SecurityGroupIngress", {"CacheSecurityGroupName"}},
};

const AttachmentRule *attachmentRule(llvm::StringRef Type) {
  for (const AttachmentRule &R : AttachmentRules)
    if (R.Type == Type)
      return &R;
  return nullptr;
}

//===- The stack ----------------------------------------------------------===//

struct UnitState {
  const StackInputs &In;
  model::DeploymentUnit Unit;
  uint64_t Steps = 0;
  bool OutOfSteps = false;
  std::vector<std::string> OpenTemplates; ///< Nested stack paths, for cycles.
};

/// Fn::ForEach identifiers and the values they stand for in one expansion.
using LoopVariables = std::vector<std::pair<std::string, Value>>;

struct ResourceDecl {
  std::string LogicalId;
  LoopVariables Loop; ///< Set when Fn::ForEach made it.
  const MapEntry *Entry = nullptr;
  const Node *Body = nullptr;
  std::string Type;
  bool Deployed = true;
  std::optional<Value> Condition;
  std::optional<Value> Properties;
  bool Busy = false;
  llvm::StringSet<> Refs; ///< Resources its Properties refer to.
};

class Stack;

struct ConditionDef {
  const MapEntry *Entry = nullptr;
  std::optional<Value> Resolved;
  bool Busy = false;
};

class Stack {
public:
  Stack(UnitState &U, const Document &Doc, std::string Prefix, unsigned Depth,
        llvm::StringMap<Value> Given)
      : U(U), Doc(Doc), File(&Doc.file()), Prefix(std::move(Prefix)),
        Depth(Depth), Given(std::move(Given)),
        Sam(hasTransform(Doc, SamTransform) || declaresSamResources(Doc)) {}

  /// Adds the stack's resources to the unit; returns their ids.
  void evaluate();
  Value output(llvm::StringRef Name, const Origin &Use);

private:
  // Sections.
  void readParameters();
  void readConditions();
  void readResources();
  void declareResource(const MapEntry &E, const std::string &LogicalId,
                       const LoopVariables &Vars);
  void expandForEach(const MapEntry &E, const LoopVariables &Outer);
  void resolveResourceConditions();
  void checkTransforms();
  void addResource(ResourceDecl &D);
  void addEdges(const ResourceDecl &D);
  void addAttachments();
  void connect(llvm::StringRef From, llvm::StringRef To, EdgeKind Kind);
  void expandSam();

  // Names.
  Value parameter(llvm::StringRef Name, const Origin &Use);
  Value pseudoParameter(llvm::StringRef Name, const Origin &Use);
  Value condition(llvm::StringRef Name, const Origin &Use);
  const Value &properties(ResourceDecl &D);
  Value resourceReference(llvm::StringRef LogicalId, const Origin &Use,
                          std::vector<std::string> Attribute);

  // Expressions.
  Value eval(const Node *N);
  Value evalNode(const Node *N);
  Value evalCondition(const Node *N);
  Value call(const Intrinsic &I, const Node *N);
  Value ref(const Node *Operand, const Origin &O);
  Value name(llvm::StringRef Name, const Origin &O);
  Value getAtt(const Node *Operand, const Origin &O);
  Value attribute(llvm::StringRef LogicalId, llvm::StringRef Attribute,
                  const Origin &O);
  Value sub(const Node *Operand, const Origin &O);
  Value join(const Node *Operand, const Origin &O);
  Value select(const Node *Operand, const Origin &O);
  Value split(const Node *Operand, const Origin &O);
  Value findInMap(const Node *Operand, const Origin &O);
  Value fnIf(const Node *Operand, const Origin &O);
  Value base64(const Node *Operand, const Origin &O);
  Value cidr(const Node *Operand, const Origin &O);
  Value length(const Node *Operand, const Origin &O);
  Value toJsonString(const Node *Operand, const Origin &O);
  Value equals(const Node *Operand, const Origin &O);
  Value logical(llvm::StringRef Name, const Node *Operand, const Origin &O);

  Stack *nestedStack(ResourceDecl &D);

  // Helpers.
  Origin origin(const Node *N) const { return {File, N->Range}; }
  std::string id(llvm::StringRef LogicalId) const {
    return Prefix + LogicalId.str();
  }
  const std::vector<Node *> *operands(const Node *Operand, size_t Min,
                                      size_t Max, llvm::StringRef Fn,
                                      const Origin &O, Value &Error);
  void report(Severity S, SourceRange R, std::string Message) {
    U.Unit.Diagnostics.push_back(
        {File->path().str(), {S, std::move(Message), R}});
  }
  /// A name that is not declared: an error, unless a Rain module may
  /// declare it.
  Value undeclared(llvm::StringRef Name, const Origin &O, std::string Message) {
    if (!HasRainModules)
      return invalid(O, std::move(Message));
    return Value::unknown("'" + Name.str() + "' may come from a Rain module",
                          O);
  }
  Value invalid(const Origin &O, std::string Message) {
    report(Severity::Error, O.Range, Message);
    return Value::unknown("invalid template: " + Message, O);
  }
  bool enterDefinition(const Origin &O, llvm::StringRef What) {
    if (DefinitionDepth < MaxDefinitionDepth) {
      ++DefinitionDepth;
      return true;
    }
    report(Severity::Error, O.Range,
           What.str() + ": definitions nest more than " +
               std::to_string(MaxDefinitionDepth) + " levels deep");
    return false;
  }

  UnitState &U;
  const Document &Doc;
  const SourceFile *File;
  std::string Prefix;
  unsigned Depth;
  llvm::StringMap<Value> Given;
  bool Sam;

  struct ParameterDef {
    const MapEntry *Entry = nullptr;
    std::optional<Value> Resolved;
  };
  llvm::StringMap<ParameterDef> Parameters;
  llvm::StringMap<ConditionDef> Conditions;
  std::vector<std::unique_ptr<ResourceDecl>> Resources;
  llvm::StringMap<ResourceDecl *> ResourceById;
  std::map<std::string, std::unique_ptr<Stack>> Nested;
  std::vector<Resource> SamResources; ///< Before expansion.
  std::vector<std::string> Added;     ///< Ids this stack added, in order.
  llvm::StringMap<std::optional<Value>> Outputs;
  llvm::StringSet<> *Refs = nullptr; ///< Where references are recorded.
  /// The Fn::ForEach identifiers in scope while evaluating a resource.
  const LoopVariables *Loop = nullptr;
  unsigned DefinitionDepth = 0;
  /// Whether `rain` modules declare resources this stack cannot see.
  bool HasRainModules = false;
};

//===- Sections -----------------------------------------------------------===//

void Stack::evaluate() {
  checkTransforms();
  readParameters();
  readConditions();
  readResources();
  for (auto &D : Resources)
    addResource(*D);
  if (Sam)
    expandSam();
  for (auto &D : Resources)
    if (D->Deployed)
      addEdges(*D);
  addAttachments();
}

void Stack::checkTransforms() {
  const Node *T = section(Doc, "Transform");
  if (!T)
    return;
  std::vector<const Node *> Names;
  if (T->is(NodeKind::List))
    Names.assign(T->Items.begin(), T->Items.end());
  else
    Names.push_back(T);
  for (const Node *N : Names) {
    if (N->is(NodeKind::String) &&
        (N->Text == SamTransform || N->Text == "AWS::LanguageExtensions"))
      continue;
    report(Severity::Warning, N->Range,
           "transform " + scalarText(N).value_or("(macro)") +
               " runs at deploy time and is not applied; resources may "
               "differ from what is deployed");
  }
}

void Stack::readParameters() {
  const Node *S = section(Doc, "Parameters");
  if (!S || !S->is(NodeKind::Map))
    return;
  for (const MapEntry &E : S->Entries)
    Parameters[E.Key].Entry = &E;
  for (auto &G : Given)
    if (!Parameters.count(G.getKey()))
      report(Severity::Warning, G.getValue().origin().Range,
             "the template has no parameter '" + G.getKey().str() + "'");
}

void Stack::readConditions() {
  const Node *S = section(Doc, "Conditions");
  if (!S || !S->is(NodeKind::Map))
    return;
  for (const MapEntry &E : S->Entries)
    Conditions[E.Key].Entry = &E;
}

void Stack::readResources() {
  const Node *S = section(Doc, "Resources");
  if (!S || !S->is(NodeKind::Map))
    return;
  for (const MapEntry &E : S->Entries)
    declareResource(E, E.Key, {});
  resolveResourceConditions();
}

/// Fn::ForEach::Name: [Identifier, Collection, {OutputKey: Resource}] (the
/// AWS::LanguageExtensions transform): one resource per element and output
/// key, the key with ${Identifier} and &{Identifier} (non-alphanumerics
/// dropped) replaced, and Ref or ${Identifier} inside giving the element.
void Stack::expandForEach(const MapEntry &E, const LoopVariables &Outer) {
  const Node *Args = E.Value;
  if (!Args->is(NodeKind::List) || Args->Items.size() != 3 ||
      !Args->Items[0]->is(NodeKind::String) ||
      !Args->Items[2]->is(NodeKind::Map)) {
    invalid(origin(Args), "Fn::ForEach takes [Identifier, Collection, "
                          "{OutputKey: Value}]");
    return;
  }
  std::string Id = Args->Items[0]->Text;
  const LoopVariables *Saved = std::exchange(Loop, &Outer);
  Value Collection = eval(Args->Items[1]);
  Loop = Saved;
  if (!Collection.isKnown() || !Collection.is(ValueKind::Array) ||
      !Collection.isFullyKnown()) {
    report(Severity::Warning, E.KeyRange,
           "the collection of " + E.Key +
               " is not known; the resources it creates are not analyzed");
    return;
  }
  for (const Value &Item : Collection.items()) {
    auto Text = stringOf(Item);
    if (!Text) {
      invalid(origin(Args->Items[1]), "Fn::ForEach iterates over strings");
      return;
    }
    std::string Alnum;
    for (char C : *Text)
      if (llvm::isAlnum(C))
        Alnum += C;
    LoopVariables Vars = Outer;
    Vars.emplace_back(Id, Value::string(*Text, Item.origin()));
    for (const MapEntry &Out : Args->Items[2]->Entries) {
      std::string Key = Out.Key;
      for (auto [From, To] :
           {std::pair<std::string, std::string>{"${" + Id + "}", *Text},
            {"&{" + Id + "}", Alnum}})
        for (size_t At; (At = Key.find(From)) != std::string::npos;)
          Key.replace(At, From.size(), To);
      declareResource(Out, Key, Vars);
    }
  }
}

void Stack::declareResource(const MapEntry &E, const std::string &LogicalId,
                            const LoopVariables &Vars) {
  if (llvm::StringRef(E.Key).startswith("Fn::ForEach::")) {
    expandForEach(E, Vars);
    return;
  }
  if (ResourceById.count(LogicalId)) {
    report(Severity::Error, E.KeyRange,
           "resource '" + LogicalId + "' is declared twice");
    return;
  }
  const Node *Type =
      E.Value->is(NodeKind::Map) ? E.Value->get("Type") : nullptr;
  if (Type && ((Type->is(NodeKind::Map) && Type->get("Rain::Module")) ||
               Type->isExpression("!Rain::Module"))) {
    // The `rain` CLI replaces this with the module's resources before
    // deployment; names they declare are not errors here.
    report(Severity::Warning, Type->Range,
           "Rain module '" + E.Key +
               "' is not expanded; its resources are not analyzed");
    HasRainModules = true;
    return;
  }
  if (!Type || !Type->is(NodeKind::String)) {
    report(Severity::Error, Type ? Type->Range : E.KeyRange,
           "resource '" + LogicalId + "' has no Type string");
    return;
  }
  auto D = std::make_unique<ResourceDecl>();
  D->LogicalId = LogicalId;
  D->Loop = Vars;
  D->Entry = &E;
  D->Body = E.Value;
  D->Type = Type->Text;
  ResourceById[LogicalId] = D.get();
  Resources.push_back(std::move(D));
}

void Stack::resolveResourceConditions() {
  // Conditions need parameters only, so every resource knows whether it
  // is deployed before any reference to it is evaluated.
  for (auto &D : Resources) {
    const Node *C = D->Body->get("Condition");
    if (!C)
      continue;
    Origin O = origin(C);
    if (!C->is(NodeKind::String)) {
      invalid(O, "a resource's Condition must be a condition name");
      continue;
    }
    Value V = condition(C->Text, O);
    if (V.is(ValueKind::Bool) && !V.asBool()) {
      D->Deployed = false;
      report(Severity::Note, D->Entry->KeyRange,
             "resource '" + D->LogicalId + "' is not deployed: condition '" +
                 C->Text + "' is false");
    }
    D->Condition = V;
  }
}

void Stack::addResource(ResourceDecl &D) {
  if (!D.Deployed)
    return;
  const Value &Props = properties(D);
  Resource R;
  R.Id = id(D.LogicalId);
  R.TheDialect = Dialect::CloudFormation;
  R.Type = D.Type;
  R.Declaration = {File, D.Entry->KeyRange};
  R.Name = Value::string(D.LogicalId, R.Declaration);
  R.SymbolicName = D.LogicalId;
  if (!D.Loop.empty()) {
    R.Loop.Kind = model::LoopInfo::LoopKind::ForEach;
    R.Loop.Expanded = true;
    R.Loop.Key = D.Loop.back().second;
  }
  R.Properties = Props;
  R.Condition = D.Condition;
  if (Sam && isSamType(D.Type)) {
    SamResources.push_back(std::move(R)); // replaced in expandSam()
    return;
  }
  Added.push_back(R.Id);
  U.Unit.Graph.add(std::move(R));
  if (D.Type == "AWS::CloudFormation::Stack")
    nestedStack(D);
}

void Stack::connect(llvm::StringRef From, llvm::StringRef To, EdgeKind Kind) {
  if (From != To && U.Unit.Graph.find(From) && U.Unit.Graph.find(To))
    U.Unit.Graph.connect(From, To, Kind);
}

void Stack::addEdges(const ResourceDecl &D) {
  std::string From = id(D.LogicalId);
  for (const auto &R : D.Refs)
    connect(From, R.getKey(), EdgeKind::Reference);
  const Node *On = D.Body->get("DependsOn");
  if (!On)
    return;
  std::vector<const Node *> Names;
  if (On->is(NodeKind::List))
    Names.assign(On->Items.begin(), On->Items.end());
  else
    Names.push_back(On);
  for (const Node *N : Names) {
    if (!N->is(NodeKind::String)) {
      invalid(origin(N), "DependsOn takes logical ids");
      continue;
    }
    auto It = ResourceById.find(N->Text);
    if (It == ResourceById.end() && !Sam)
      invalid(origin(N),
              "DependsOn: '" + N->Text + "' is not a resource of the template");
    else
      connect(From, id(N->Text), EdgeKind::DependsOn);
  }
}

/// Attachment edges go from the association to what it attaches to, read
/// from the final properties (SAM's generated resources included).
void Stack::addAttachments() {
  for (const std::string &Id : Added) {
    const Resource *R = U.Unit.Graph.find(Id);
    const AttachmentRule *Rule = R ? attachmentRule(R->Type) : nullptr;
    if (!Rule)
      continue;
    for (llvm::StringRef P : Rule->Properties)
      if (const Value *V = R->Properties.get(P)) {
        llvm::StringSet<> Owners;
        model::collectReferences(*V, Owners);
        for (const auto &O : Owners)
          connect(Id, O.getKey(), EdgeKind::Attachment);
      }
  }
}

const Value &Stack::properties(ResourceDecl &D) {
  if (D.Properties)
    return *D.Properties;
  Origin Decl{File, D.Entry->KeyRange};
  if (D.Busy || !enterDefinition(Decl, "resource '" + D.LogicalId + "'")) {
    static const Value Cycle =
        Value::unknown("the resource's properties refer to themselves");
    if (D.Busy)
      report(Severity::Error, Decl.Range,
             "the properties of '" + D.LogicalId + "' refer to themselves");
    return Cycle;
  }
  D.Busy = true;
  llvm::StringSet<> *Outer = std::exchange(Refs, &D.Refs);
  const LoopVariables *OuterLoop = std::exchange(Loop, &D.Loop);
  const Node *P = D.Body->get("Properties");
  Value V = P ? eval(P) : Value::object({}, Decl);
  if (isNoValue(V))
    V = Value::object({}, Decl);
  Loop = OuterLoop;
  Refs = Outer;
  D.Busy = false;
  --DefinitionDepth;
  D.Properties = std::move(V);
  return *D.Properties;
}

/// Replaces every SAM resource by what the SAM translator makes of it.
/// Implicit resources that several functions share (ServerlessRestApi)
/// come once.
void Stack::expandSam() {
  const Node *G = section(Doc, "Globals");
  Value Globals = G ? eval(G) : Value::null();
  for (Diagnostic &D : checkGlobals(Globals))
    U.Unit.Diagnostics.push_back({File->path().str(), std::move(D)});
  for (Resource &R : SamResources) {
    const Node *Ignore =
        ResourceById.lookup(R.SymbolicName)->Body->get("IgnoreGlobals");
    Value IgnoreList = Ignore ? eval(Ignore) : Value::null();
    R.Properties = applyGlobals(R.Type, R.Properties, Globals,
                                Ignore ? &IgnoreList : nullptr);
  }
  model::ResourceGraph &Graph = U.Unit.Graph;
  SamContext Ctx;
  Ctx.Globals = Globals;
  Ctx.Resources = SamResources;
  // Called with logical ids and with unit ids (a value's refersTo).
  Ctx.Find = [&](llvm::StringRef Name) -> const Resource * {
    llvm::StringRef LogicalId = Name;
    LogicalId.consume_front(Prefix);
    for (const Resource &R : SamResources)
      if (R.SymbolicName == LogicalId)
        return &R;
    return Graph.find(id(LogicalId));
  };
  std::vector<Resource> Generated;
  llvm::StringMap<size_t> IndexById;
  std::vector<model::Edge> Edges;
  for (const Resource &R : SamResources) {
    SamExpansion X = expandSamResource(R, Ctx);
    for (Diagnostic &D : X.Diagnostics)
      U.Unit.Diagnostics.push_back({File->path().str(), std::move(D)});
    for (Resource &New : X.Resources) {
      if (Graph.find(New.Id))
        continue; // a template resource of that name wins
      auto [It, Fresh] = IndexById.try_emplace(New.Id, Generated.size());
      if (Fresh)
        Generated.push_back(std::move(New));
      else
        mergeSharedResource(Generated[It->second], New);
    }
    llvm::append_range(Edges, X.Edges);
  }
  for (Resource &R : Generated) {
    Added.push_back(R.Id);
    Graph.add(std::move(R));
  }
  for (const model::Edge &E : Edges)
    connect(E.From, E.To, E.Kind);
}

//===- Names --------------------------------------------------------------===//

Value Stack::parameter(llvm::StringRef Name, const Origin &Use) {
  ParameterDef &P = Parameters[Name];
  if (!P.Resolved) {
    const Node *Decl = P.Entry->Value;
    const Node *TypeNode =
        Decl->is(NodeKind::Map) ? Decl->get("Type") : nullptr;
    std::string Type = scalarText(TypeNode).value_or("String");
    Origin DeclOrigin{File, P.Entry->KeyRange};
    std::optional<Value> V;
    if (auto It = Given.find(Name); It != Given.end())
      V = It->second;
    else if (const Node *Default =
                 Decl->is(NodeKind::Map) ? Decl->get("Default") : nullptr)
      V = literalValue(Default, File);
    std::vector<Value> Allowed;
    if (const Node *A =
            Decl->is(NodeKind::Map) ? Decl->get("AllowedValues") : nullptr;
        A && A->is(NodeKind::List))
      for (const Node *I : A->Items)
        Allowed.push_back(parameterValue(literalValue(I, File), "String"));
    if (llvm::StringRef(Type).startswith("AWS::SSM::Parameter::Value<")) {
      // The value names an SSM parameter; its content is read at deploy.
      std::string Key = V ? stringOf(*V).value_or("") : "";
      V = Value::unknown("parameter '" + Name.str() +
                             "' is read from SSM parameter '" + Key +
                             "' at deploy time",
                         DeclOrigin);
    } else if (!V) {
      std::string Reason = "parameter '" + Name.str() +
                           "' has no value (give it with --param or a "
                           "parameter file)";
      V = Allowed.empty() ? Value::unknown(Reason, DeclOrigin)
                          : Value::oneOf(Allowed, Reason, DeclOrigin);
    } else {
      V = parameterValue(*V, Type);
      if (!Allowed.empty() && V->isFullyKnown() &&
          llvm::none_of(Allowed, [&](const Value &A) {
            return knownEquals(A, *V).value_or(false);
          }))
        report(Severity::Warning,
               V->origin().hasFile() && V->origin().File == File
                   ? V->origin().Range
                   : DeclOrigin.Range,
               "the value of parameter '" + Name.str() +
                   "' is not one of its AllowedValues");
    }
    const Node *NoEcho =
        Decl->is(NodeKind::Map) ? Decl->get("NoEcho") : nullptr;
    if (NoEcho && scalarText(NoEcho).value_or("") == "true")
      V = V->markedSensitive();
    P.Resolved = std::move(V);
  }
  return P.Resolved->through(Use);
}

Value Stack::pseudoParameter(llvm::StringRef Name, const Origin &Use) {
  if (Name == "AWS::NoValue")
    return noValue(Use);
  for (const auto &[Key, Text] : llvm::reverse(U.In.Context))
    if (Key == Name)
      return Name == "AWS::NotificationARNs"
                 ? parameterValue(Value::string(Text, Use),
                                  "CommaDelimitedList")
                 : Value::string(Text, Use);
  static const llvm::StringLiteral Known[] = {
      "AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition",
      "AWS::Region",    "AWS::StackId",          "AWS::StackName",
      "AWS::URLSuffix"};
  if (!llvm::is_contained(Known, Name))
    return invalid(Use, "unknown pseudo parameter '" + Name.str() + "'");
  return Value::unknown(Name.str() +
                            " is known at deploy time (give it with "
                            "--context " +
                            Name.str() + "=...)",
                        Use);
}

Value Stack::condition(llvm::StringRef Name, const Origin &Use) {
  auto It = Conditions.find(Name);
  if (It == Conditions.end())
    return invalid(Use, "condition '" + Name.str() + "' is not declared");
  ConditionDef &C = It->second;
  if (C.Resolved)
    return C.Resolved->withOrigin(Use);
  if (C.Busy)
    return invalid(Use, "condition '" + Name.str() + "' refers to itself");
  if (!enterDefinition(Use, "condition '" + Name.str() + "'"))
    return Value::unknown("conditions nest too deeply", Use);
  C.Busy = true;
  Value V = evalCondition(C.Entry->Value);
  C.Busy = false;
  --DefinitionDepth;
  if (!V.is(ValueKind::Bool) && V.isKnown())
    V = invalid(origin(C.Entry->Value),
                "condition '" + Name.str() + "' is not a boolean");
  else if (!V.isKnown())
    V = Value::unknown("condition '" + Name.str() + "' is unknown: " +
                           unknownFrom(V, {}).asString().str(),
                       V.origin());
  C.Resolved = V;
  return V.withOrigin(Use);
}

Value Stack::resourceReference(llvm::StringRef LogicalId, const Origin &Use,
                               std::vector<std::string> Attribute) {
  std::string Text = LogicalId.str();
  for (const std::string &A : Attribute)
    Text += "." + A;
  auto It = ResourceById.find(LogicalId);
  if (It != ResourceById.end() && !It->second->Deployed)
    return Value::unknown("resource '" + LogicalId.str() +
                              "' is not deployed: its condition is false",
                          Use);
  if (Refs)
    Refs->insert(id(LogicalId));
  return Value::expression(std::move(Text), Use, id(LogicalId),
                           std::move(Attribute));
}

Value Stack::name(llvm::StringRef Name, const Origin &O) {
  if (Loop)
    for (const auto &[Id, V] : llvm::reverse(*Loop))
      if (Id == Name)
        return V.withOrigin(O);
  if (Name.startswith("AWS::"))
    return pseudoParameter(Name, O);
  if (Parameters.count(Name))
    return parameter(Name, O);
  if (ResourceById.count(Name))
    return resourceReference(Name, O, {});
  // SAM creates resources the template can name ("FnRole",
  // "ServerlessRestApi") before they exist here.
  if (Sam)
    return resourceReference(Name, O, {});
  return undeclared(Name, O,
                    "'" + Name.str() +
                        "' is neither a parameter nor a resource of the "
                        "template");
}

//===- Expressions --------------------------------------------------------===//

Value Stack::eval(const Node *N) {
  if (++U.Steps > MaxUnitSteps) {
    if (!U.OutOfSteps)
      report(Severity::Warning, N->Range,
             "the template needs more than " + std::to_string(MaxUnitSteps) +
                 " evaluation steps; the rest is not evaluated");
    U.OutOfSteps = true;
    return Value::unknown("evaluation step limit reached", origin(N));
  }
  return evalNode(N);
}

Value Stack::evalNode(const Node *N) {
  Origin O = origin(N);
  if (auto I = intrinsicOf(N))
    return call(*I, N);
  switch (N->Kind) {
  case NodeKind::List: {
    std::vector<Value> Items;
    for (const Node *I : N->Items)
      if (Value V = eval(I); !isNoValue(V))
        Items.push_back(std::move(V));
    return Value::array(std::move(Items), O);
  }
  case NodeKind::Map: {
    std::vector<Member> Members;
    for (const MapEntry &E : N->Entries)
      if (Value V = eval(E.Value); !isNoValue(V))
        Members.push_back({E.Key, {File, E.KeyRange}, std::move(V)});
    return Value::object(std::move(Members), O);
  }
  case NodeKind::Expression:
    return Value::unknown("unsupported tag " + N->Text, O);
  default:
    return literalValue(N, File);
  }
}

Value Stack::call(const Intrinsic &I, const Node *N) {
  Origin O = origin(N);
  llvm::StringRef F = I.Name;
  if (!I.Operand)
    return invalid(O, F.str() + " needs an argument");
  if (F == "Ref")
    return ref(I.Operand, O);
  if (F == "Fn::GetAtt")
    return getAtt(I.Operand, O);
  if (F == "Fn::Sub")
    return sub(I.Operand, O);
  if (F == "Fn::Join")
    return join(I.Operand, O);
  if (F == "Fn::Select")
    return select(I.Operand, O);
  if (F == "Fn::Split")
    return split(I.Operand, O);
  if (F == "Fn::FindInMap")
    return findInMap(I.Operand, O);
  if (F == "Fn::If")
    return fnIf(I.Operand, O);
  if (F == "Fn::Base64")
    return base64(I.Operand, O);
  if (F == "Fn::Cidr")
    return cidr(I.Operand, O);
  if (F == "Fn::Length")
    return length(I.Operand, O);
  if (F == "Fn::ToJsonString")
    return toJsonString(I.Operand, O);
  if (F == "Fn::GetAZs") {
    eval(I.Operand);
    return Value::unknown(
        "the availability zones of a region are known at deploy time", O);
  }
  if (F == "Fn::ImportValue") {
    eval(I.Operand);
    return Value::unknown("Fn::ImportValue reads another stack's export", O);
  }
  if (F == "Fn::Transform")
    return Value::unknown("Fn::Transform runs a macro at deploy time", O);
  if (F == "Fn::Equals" || F == "Fn::And" || F == "Fn::Or" || F == "Fn::Not" ||
      F == "Condition")
    return evalCondition(N);
  if (F.startswith("Rain::") || F.startswith("!Rain::")) {
    report(Severity::Warning, O.Range,
           F.str() + " is a directive of the `rain` CLI, not expanded here");
    return Value::unknown(F.str() + " is expanded by `rain` at deploy time", O);
  }
  // A function newer than Rampart, or a typo CloudFormation rejects: the
  // value is unknown either way, and the rest of the template still counts.
  report(Severity::Warning, O.Range,
         "unsupported intrinsic function " + F.str() +
             "; its value is unknown");
  return Value::unknown("unsupported intrinsic function " + F.str(), O);
}

/// Checks that Operand is a list of Min..Max items; on failure sets Error.
const std::vector<Node *> *Stack::operands(const Node *Operand, size_t Min,
                                           size_t Max, llvm::StringRef Fn,
                                           const Origin &O, Value &Error) {
  if (!Operand->is(NodeKind::List) || Operand->Items.size() < Min ||
      Operand->Items.size() > Max) {
    std::string Count =
        Min == Max ? std::to_string(Min)
                   : std::to_string(Min) + " to " + std::to_string(Max);
    Error = invalid(O, Fn.str() + " takes a list of " + Count + " items");
    return nullptr;
  }
  return &Operand->Items;
}

Value Stack::ref(const Node *Operand, const Origin &O) {
  if (!Operand->is(NodeKind::String))
    return invalid(O, "Ref takes the name of a parameter or resource");
  return name(Operand->Text, O);
}

Value Stack::getAtt(const Node *Operand, const Origin &O) {
  std::string Resource, Attribute;
  if (Operand->is(NodeKind::String)) {
    auto [R, A] = llvm::StringRef(Operand->Text).split('.');
    Resource = R.str();
    Attribute = A.str();
  } else if (Operand->is(NodeKind::List) && Operand->Items.size() == 2 &&
             Operand->Items[0]->is(NodeKind::String)) {
    Resource = Operand->Items[0]->Text;
    Value A = eval(Operand->Items[1]);
    if (!A.is(ValueKind::String)) {
      if (!A.isKnown()) {
        resourceReference(Resource, O, {});
        return unknownFrom(A, O);
      }
      return invalid(O, "Fn::GetAtt's attribute name must be a string");
    }
    Attribute = A.asString().str();
  }
  if (Resource.empty() || Attribute.empty())
    return invalid(O, "Fn::GetAtt takes \"Resource.Attribute\" or "
                      "[Resource, Attribute]");
  if (!ResourceById.count(Resource) && !Sam)
    return undeclared(Resource, O,
                      "Fn::GetAtt: '" + Resource +
                          "' is not a resource of the template");
  return attribute(Resource, Attribute, O);
}

/// The attributes that are known before deployment: a nested stack's
/// outputs, an SSM parameter's value. Any other is an Expression value.
Value Stack::attribute(llvm::StringRef LogicalId, llvm::StringRef Attribute,
                       const Origin &O) {
  llvm::SmallVector<llvm::StringRef, 4> Path;
  Attribute.split(Path, '.');
  std::vector<std::string> Steps(Path.begin(), Path.end());
  Value Ref = resourceReference(LogicalId, O, Steps);
  auto It = ResourceById.find(LogicalId);
  if (!Ref.is(ValueKind::Expression) || It == ResourceById.end())
    return Ref;
  ResourceDecl &D = *It->second;
  if (D.Type == "AWS::SSM::Parameter" && Attribute == "Value")
    if (const Value *V = properties(D).get("Value"); V && V->isKnown())
      return V->through(O);
  if (D.Type == "AWS::CloudFormation::Stack" && Steps.size() == 2 &&
      Steps[0] == "Outputs")
    if (Stack *S = nestedStack(D)) {
      Value V = S->output(Steps[1], O);
      if (V.isKnown())
        return V;
      // An output naming a resource of the nested stack points at it.
      if (V.is(ValueKind::Expression) && !V.refersTo().empty()) {
        if (Refs)
          Refs->insert(V.refersTo());
        return V;
      }
    }
  return Ref;
}

Value Stack::sub(const Node *Operand, const Origin &O) {
  const Node *Text = Operand;
  llvm::StringMap<Value> Vars;
  if (Operand->is(NodeKind::List)) {
    Value Error;
    if (!operands(Operand, 2, 2, "Fn::Sub", O, Error))
      return Error;
    Text = Operand->Items[0];
    const Node *Map = Operand->Items[1];
    if (!Map->is(NodeKind::Map))
      return invalid(origin(Map), "Fn::Sub's variables must be a map");
    for (const MapEntry &E : Map->Entries)
      Vars[E.Key] = eval(E.Value);
  }
  if (!Text->is(NodeKind::String)) {
    // Only a literal is valid, but a template a tool fills in first
    // (`Fn::Sub: !Rain::Embed script.sh`) is unknown, not wrong.
    if (Value V = eval(Text); !V.isKnown())
      return unknownFrom(V, O);
    return invalid(O, "Fn::Sub takes a string");
  }
  llvm::StringRef S = Text->Text;
  std::string Out;
  std::optional<Value> FirstUnknown, FirstReference;
  bool Sensitive = false;
  while (!S.empty()) {
    size_t Start = S.find("${");
    Out += S.substr(0, Start).str();
    if (Start == llvm::StringRef::npos)
      break;
    S = S.drop_front(Start + 2);
    size_t End = S.find('}');
    if (End == llvm::StringRef::npos) {
      Out += "${" + S.str();
      break;
    }
    llvm::StringRef Var = S.substr(0, End).trim();
    S = S.drop_front(End + 1);
    if (Var.consume_front("!")) { // ${!Literal} is the text ${Literal}
      Out += "${" + Var.str() + "}";
      continue;
    }
    Value V;
    if (auto It = Vars.find(Var); It != Vars.end())
      V = It->second;
    else if (Var.contains('.') && !Var.startswith("AWS::")) {
      auto [R, A] = Var.split('.');
      if (!ResourceById.count(R) && !Sam)
        return undeclared(R, O,
                          "Fn::Sub: '" + R.str() +
                              "' is not a resource of the template");
      V = attribute(R, A, O);
    } else {
      V = name(Var, O);
    }
    Sensitive |= V.isSensitive();
    if (V.is(ValueKind::Expression) && !V.refersTo().empty()) {
      if (!FirstReference)
        FirstReference = V;
      continue;
    }
    auto Str = V.isKnown() ? stringOf(V) : std::nullopt;
    if (!Str) {
      if (!FirstUnknown)
        FirstUnknown =
            V.isKnown()
                ? invalid(O, "Fn::Sub: '" + Var.str() + "' is not a string")
                : V;
      continue;
    }
    Out += *Str;
    if (Out.size() > MaxStringBytes)
      return invalid(O, "Fn::Sub builds a string longer than " +
                            std::to_string(MaxStringBytes) + " bytes");
  }
  if (FirstUnknown)
    return unknownFrom(*FirstUnknown, O).markedSensitive(Sensitive);
  if (FirstReference)
    return Value::expression(Text->Text, O, FirstReference->refersTo().str())
        .markedSensitive(Sensitive);
  return Value::string(std::move(Out), O).markedSensitive(Sensitive);
}

Value Stack::join(const Node *Operand, const Origin &O) {
  Value Error;
  if (!operands(Operand, 2, 2, "Fn::Join", O, Error))
    return Error;
  Value Delimiter = eval(Operand->Items[0]);
  Value List = eval(Operand->Items[1]);
  if (!Delimiter.isKnown())
    return unknownFrom(Delimiter, O);
  if (!Delimiter.is(ValueKind::String))
    return invalid(O, "Fn::Join's delimiter must be a string");
  if (!List.isKnown())
    return unknownFrom(List, O);
  if (!List.is(ValueKind::Array))
    return invalid(O, "Fn::Join joins a list");
  std::string Out;
  std::optional<Value> Reference;
  bool First = true, Sensitive = List.isSensitive();
  for (const Value &I : List.items()) {
    Sensitive |= I.isSensitive();
    if (!First)
      Out += Delimiter.asString().str();
    First = false;
    if (I.is(ValueKind::Expression) && !I.refersTo().empty()) {
      Reference = Reference.value_or(I);
      continue;
    }
    if (!I.isKnown())
      return unknownFrom(I, O).markedSensitive(Sensitive);
    auto S = stringOf(I);
    if (!S)
      return invalid(I.origin().File == File ? I.origin() : O,
                     "Fn::Join joins strings");
    Out += *S;
    if (Out.size() > MaxStringBytes)
      return invalid(O, "Fn::Join builds a string longer than " +
                            std::to_string(MaxStringBytes) + " bytes");
  }
  if (Reference)
    return Value::expression("Fn::Join(" + Reference->asString().str() + ")", O,
                             Reference->refersTo().str())
        .markedSensitive(Sensitive);
  return Value::string(std::move(Out), O).markedSensitive(Sensitive);
}

Value Stack::select(const Node *Operand, const Origin &O) {
  Value Error;
  if (!operands(Operand, 2, 2, "Fn::Select", O, Error))
    return Error;
  Value Index = eval(Operand->Items[0]);
  Value List = eval(Operand->Items[1]);
  if (!Index.isKnown())
    return unknownFrom(Index, O);
  auto I = indexOf(Index);
  if (!I)
    return invalid(O, "Fn::Select's index must be a number");
  if (!List.isKnown())
    return unknownFrom(List, O);
  if (!List.is(ValueKind::Array))
    return invalid(O, "Fn::Select selects from a list");
  if (*I < 0 || static_cast<size_t>(*I) >= List.items().size())
    return invalid(O, "Fn::Select: index " + std::to_string(*I) +
                          " is out of range for a list of " +
                          std::to_string(List.items().size()));
  return List.items()[*I];
}

Value Stack::split(const Node *Operand, const Origin &O) {
  Value Error;
  if (!operands(Operand, 2, 2, "Fn::Split", O, Error))
    return Error;
  Value Delimiter = eval(Operand->Items[0]);
  Value Source = eval(Operand->Items[1]);
  for (const Value *V : {&Delimiter, &Source})
    if (!V->isKnown())
      return unknownFrom(*V, O);
  if (!Delimiter.is(ValueKind::String) || Delimiter.asString().empty() ||
      !Source.is(ValueKind::String))
    return invalid(O, "Fn::Split takes a delimiter and a string");
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Source.asString().split(Parts, Delimiter.asString());
  std::vector<Value> Items;
  for (llvm::StringRef P : Parts)
    Items.push_back(Value::string(P.str(), O));
  return Value::array(std::move(Items), O);
}

Value Stack::findInMap(const Node *Operand, const Origin &O) {
  Value Error;
  if (!operands(Operand, 3, 4, "Fn::FindInMap", O, Error))
    return Error;
  const Node *Default = nullptr;
  if (Operand->Items.size() == 4) {
    const Node *D = Operand->Items[3];
    Default = D->is(NodeKind::Map) ? D->get("DefaultValue") : nullptr;
    if (!Default)
      return invalid(origin(D), "Fn::FindInMap's fourth item must be "
                                "{DefaultValue: ...}");
  }
  Value Keys[3];
  for (int I = 0; I < 3; ++I)
    Keys[I] = eval(Operand->Items[I]);
  const Node *Mappings = section(Doc, "Mappings");
  if (!Keys[0].isKnown())
    return unknownFrom(Keys[0], O);
  auto MapName = stringOf(Keys[0]);
  const Node *Map = MapName && Mappings ? Mappings->get(*MapName) : nullptr;
  if (!Map)
    return invalid(O,
                   "Fn::FindInMap: no mapping '" + MapName.value_or("?") + "'");
  auto Missing = [&](const std::string &What) {
    return Default ? eval(Default)
                   : invalid(O, "Fn::FindInMap: mapping '" + *MapName +
                                    "' has no " + What);
  };
  auto Lookup = [&](const Node *Top, const Value &Second) -> Value {
    if (!Second.isKnown())
      return unknownFrom(Second, O);
    auto K = stringOf(Second);
    const Node *Found = K && Top->is(NodeKind::Map) ? Top->get(*K) : nullptr;
    if (!Found)
      return Missing("key '" + K.value_or("?") + "'");
    return literalValue(Found, File);
  };
  if (Keys[1].isKnown()) {
    auto K = stringOf(Keys[1]);
    const Node *Top = K && Map->is(NodeKind::Map) ? Map->get(*K) : nullptr;
    if (!Top)
      return Missing("top-level key '" + K.value_or("?") + "'");
    return Lookup(Top, Keys[2]);
  }
  // An unknown top-level key (most often AWS::Region): the value is one of
  // the mapping's values for the second key, and known when they agree.
  std::vector<Value> Values;
  if (Map->is(NodeKind::Map) && Keys[2].isKnown())
    for (const MapEntry &E : Map->Entries) {
      auto K = stringOf(Keys[2]);
      if (const Node *Found =
              K && E.Value->is(NodeKind::Map) ? E.Value->get(*K) : nullptr)
        Values.push_back(literalValue(Found, File));
    }
  std::string Reason = unknownFrom(Keys[1], O).asString().str();
  if (Values.empty())
    return Value::unknown(Reason, O);
  if (llvm::all_of(Values, [&](const Value &V) {
        return knownEquals(V, Values[0]).value_or(false);
      }))
    return Values[0];
  return Value::oneOf(std::move(Values), Reason, O);
}

Value Stack::fnIf(const Node *Operand, const Origin &O) {
  Value Error;
  if (!operands(Operand, 3, 3, "Fn::If", O, Error))
    return Error;
  const Node *Name = Operand->Items[0];
  if (!Name->is(NodeKind::String))
    return invalid(origin(Name), "Fn::If's first item is a condition name");
  Value C = condition(Name->Text, origin(Name));
  if (C.is(ValueKind::Bool))
    return eval(Operand->Items[C.asBool() ? 1 : 2]);
  // Both branches may be deployed: the value is one of them. A removed
  // branch (AWS::NoValue) stands as null, which checks read as absent.
  std::vector<Value> Branches;
  for (const Node *B : {Operand->Items[1], Operand->Items[2]}) {
    Value V = eval(B);
    Branches.push_back(isNoValue(V) ? Value::null(V.origin()) : std::move(V));
  }
  return Value::oneOf(std::move(Branches), C.asString().str(), O);
}

Value Stack::base64(const Node *Operand, const Origin &O) {
  Value V = eval(Operand);
  if (!V.isKnown())
    return unknownFrom(V, O);
  auto S = stringOf(V);
  if (!S)
    return invalid(O, "Fn::Base64 encodes a string");
  return Value::string(llvm::encodeBase64(*S), O)
      .markedSensitive(V.isSensitive());
}

Value Stack::cidr(const Node *Operand, const Origin &O) {
  Value Error;
  if (!operands(Operand, 3, 3, "Fn::Cidr", O, Error))
    return Error;
  Value Args[3];
  for (int I = 0; I < 3; ++I) {
    Args[I] = eval(Operand->Items[I]);
    if (!Args[I].isKnown())
      return unknownFrom(Args[I], O);
  }
  auto Block = Args[0].is(ValueKind::String) ? parseCidr(Args[0].asString())
                                             : std::nullopt;
  auto Count = indexOf(Args[1]), HostBits = indexOf(Args[2]);
  if (!Block || !Count || !HostBits)
    return invalid(O, "Fn::Cidr takes [ipBlock, count, cidrBits]");
  int64_t Prefix = static_cast<int64_t>(Block->bits()) - *HostBits;
  if (*Count < 1 || *Count > 256 || *HostBits < 0 ||
      Prefix < static_cast<int64_t>(Block->Prefix))
    return invalid(O, "Fn::Cidr: cannot make " + std::to_string(*Count) +
                          " subnets with " + std::to_string(*HostBits) +
                          " host bits in " + Args[0].asString().str());
  unsigned NewPrefix = static_cast<unsigned>(Prefix);
  if (*HostBits < 127 &&
      U128(*Count) > (U128(1) << (NewPrefix - Block->Prefix)))
    return invalid(O, "Fn::Cidr: " + Args[0].asString().str() + " holds " +
                          "fewer than " + std::to_string(*Count) +
                          " such subnets");
  std::vector<Value> Subnets;
  for (int64_t I = 0; I < *Count; ++I) {
    U128 Address = Block->network() + (U128(I) << *HostBits);
    std::string Text = Block->V6 ? formatIPv6(Address) : formatIPv4(Address);
    Subnets.push_back(Value::string(Text + "/" + std::to_string(NewPrefix), O));
  }
  return Value::array(std::move(Subnets), O);
}

Value Stack::length(const Node *Operand, const Origin &O) {
  Value V = eval(Operand);
  if (!V.isKnown())
    return unknownFrom(V, O);
  if (!V.is(ValueKind::Array))
    return invalid(O, "Fn::Length takes a list");
  return Value::integer(static_cast<int64_t>(V.items().size()), O);
}

Value Stack::toJsonString(const Node *Operand, const Origin &O) {
  Value V = eval(Operand);
  if (const Value *U = model::firstUnknown(V))
    return unknownFrom(*U, O);
  if (!V.is(ValueKind::Array) && !V.is(ValueKind::Object))
    return invalid(O, "Fn::ToJsonString takes a list or a map");
  return Value::string(model::valueToJson(V).dump(), O)
      .markedSensitive(V.isSensitive());
}

//===- Conditions ---------------------------------------------------------===//

Value Stack::evalCondition(const Node *N) {
  Origin O = origin(N);
  auto I = intrinsicOf(N, /*ConditionContext=*/true);
  if (!I) {
    Value V = eval(N);
    if (V.is(ValueKind::String) &&
        (V.asString() == "true" || V.asString() == "false"))
      return Value::boolean(V.asString() == "true", O);
    return V;
  }
  if (!I->Operand)
    return invalid(O, I->Name.str() + " needs an argument");
  if (I->Name == "Condition") {
    if (!I->Operand->is(NodeKind::String))
      return invalid(O, "Condition takes a condition name");
    return condition(I->Operand->Text, O);
  }
  if (I->Name == "Fn::Equals")
    return equals(I->Operand, O);
  if (I->Name == "Fn::And" || I->Name == "Fn::Or" || I->Name == "Fn::Not")
    return logical(I->Name, I->Operand, O);
  return eval(N);
}

Value Stack::equals(const Node *Operand, const Origin &O) {
  Value Error;
  if (!operands(Operand, 2, 2, "Fn::Equals", O, Error))
    return Error;
  Value A = eval(Operand->Items[0]);
  Value B = eval(Operand->Items[1]);
  if (auto E = equalsAcrossAlternatives(A, B))
    return Value::boolean(*E, O);
  const Value *U =
      model::firstUnknown(A) ? model::firstUnknown(A) : model::firstUnknown(B);
  return U ? unknownFrom(*U, O) : Value::unknown("cannot compare", O);
}

/// And/Or decide on one known operand (false for And, true for Or) even
/// when others are unknown; otherwise an unknown operand makes the result
/// unknown.
Value Stack::logical(llvm::StringRef Name, const Node *Operand,
                     const Origin &O) {
  bool IsNot = Name == "Fn::Not";
  Value Error;
  if (!operands(Operand, IsNot ? 1 : 2, IsNot ? 1 : 10, Name, O, Error))
    return Error;
  std::vector<Value> Values;
  for (const Node *Item : Operand->Items) {
    Value V = evalCondition(Item);
    if (V.isKnown() && !V.is(ValueKind::Bool))
      return invalid(origin(Item), Name.str() + " takes conditions");
    Values.push_back(std::move(V));
  }
  if (IsNot)
    return Values[0].is(ValueKind::Bool)
               ? Value::boolean(!Values[0].asBool(), O)
               : unknownFrom(Values[0], O);
  bool IsAnd = Name == "Fn::And";
  for (const Value &V : Values)
    if (V.is(ValueKind::Bool) && V.asBool() != IsAnd)
      return Value::boolean(!IsAnd, O);
  for (const Value &V : Values)
    if (!V.isKnown())
      return unknownFrom(V, O);
  return Value::boolean(IsAnd, O);
}

//===- Nested stacks and outputs ------------------------------------------===//

Value Stack::output(llvm::StringRef Name, const Origin &Use) {
  const Node *S = section(Doc, "Outputs");
  const Node *Out = S && S->is(NodeKind::Map) ? S->get(Name) : nullptr;
  const Node *V = Out && Out->is(NodeKind::Map) ? Out->get("Value") : nullptr;
  if (!V)
    return Value::unknown("the nested stack has no output '" + Name.str() + "'",
                          Use);
  std::optional<Value> &Memo = Outputs[Name];
  if (!Memo) {
    llvm::StringSet<> Ignored;
    llvm::StringSet<> *Outer = std::exchange(Refs, &Ignored);
    Memo = eval(V);
    Refs = Outer;
  }
  return Memo->through(Use);
}

Stack *Stack::nestedStack(ResourceDecl &D) {
  auto Found = Nested.find(D.LogicalId);
  if (Found != Nested.end())
    return Found->second.get();
  std::unique_ptr<Stack> &Slot = Nested[D.LogicalId];
  const Value &Props = properties(D);
  const Value *Url = Props.get("TemplateURL");
  Origin At = Url ? Url->origin() : Origin{File, D.Entry->KeyRange};
  auto Note = [&](std::string Message) {
    report(Severity::Note, At.Range, std::move(Message));
    return nullptr;
  };
  if (!Url || !Url->is(ValueKind::String) || !isLocalTemplate(Url->asString()))
    return Note("nested stack '" + D.LogicalId +
                "' is not evaluated: its TemplateURL is not a local path");
  if (!U.In.LoadTemplate)
    return Note("nested stack '" + D.LogicalId + "' is not evaluated here");
  std::string Path = resolveAgainst(templateDirectory(Doc), Url->asString());
  if (!U.In.AllowOutsideRoot && !U.In.ScanRoot.empty() &&
      !isUnder(Path, U.In.ScanRoot)) {
    report(Severity::Error, At.Range,
           "nested stack template '" + Path +
               "' is outside the scanned directory (allow it with "
               "--allow-outside-root)");
    return nullptr;
  }
  if (llvm::is_contained(U.OpenTemplates, Path)) {
    report(Severity::Error, At.Range,
           "nested stack '" + D.LogicalId + "' includes its own template '" +
               Path + "'");
    return nullptr;
  }
  if (Depth + 1 >= MaxStackDepth) {
    report(Severity::Error, At.Range,
           "nested stacks go deeper than " + std::to_string(MaxStackDepth) +
               " levels; '" + D.LogicalId + "' is not evaluated");
    return nullptr;
  }
  LoadedTemplate T = U.In.LoadTemplate(Path);
  if (!T.Doc) {
    report(Severity::Warning, At.Range,
           "nested stack template '" + Path + "': " + T.Error);
    return nullptr;
  }
  llvm::StringMap<Value> Given;
  if (const Value *P = Props.get("Parameters"))
    for (const Member &M : P->members())
      Given[M.Key] = M.V;
  Slot = std::make_unique<Stack>(U, *T.Doc, id(D.LogicalId) + "/", Depth + 1,
                                 std::move(Given));
  U.OpenTemplates.push_back(Path);
  size_t Before = U.Unit.Graph.resources().size();
  Slot->evaluate();
  U.OpenTemplates.pop_back();
  // Declared by the stack: its own resources, not those of stacks below.
  std::string Inner = id(D.LogicalId) + "/";
  std::vector<std::string> Children;
  for (size_t I = Before; I < U.Unit.Graph.resources().size(); ++I) {
    llvm::StringRef Id = U.Unit.Graph.resources()[I].Id;
    if (Id.startswith(Inner) && !Id.drop_front(Inner.size()).contains('/'))
      Children.push_back(Id.str());
  }
  for (const std::string &Child : Children)
    connect(Child, id(D.LogicalId), EdgeKind::Parent);
  return Slot.get();
}

} // namespace

//===- Entry points -------------------------------------------------------===//

namespace {

/// Parameter values from a parameter file, with their positions.
void readParameterFile(const Document &D, llvm::StringMap<Value> &Given) {
  const Node *Root = D.root();
  if (!Root)
    return;
  const SourceFile *F = &D.file();
  if (Root->is(NodeKind::List)) {
    for (const Node *P : Root->Items) {
      const Node *Key = P->is(NodeKind::Map) ? P->get("ParameterKey") : nullptr;
      if (!Key || !Key->is(NodeKind::String))
        continue;
      if (const Node *V = P->get("ParameterValue"))
        Given[Key->Text] = literalValue(V, F);
      else if (P->get("UsePreviousValue"))
        Given[Key->Text] = Value::unknown(
            "parameter '" + Key->Text + "' keeps the deployed stack's value",
            {F, P->Range});
    }
    return;
  }
  if (const Node *Ps =
          Root->is(NodeKind::Map) ? Root->get("Parameters") : nullptr;
      Ps && Ps->is(NodeKind::Map))
    for (const MapEntry &E : Ps->Entries)
      Given[E.Key] = literalValue(E.Value, F);
}

} // namespace

bool isStackParameterFile(const Document &D) {
  const Node *Root = D.root();
  if (!Root)
    return false;
  if (Root->is(NodeKind::List))
    return !Root->Items.empty() && llvm::all_of(Root->Items, [](const Node *P) {
      return P->is(NodeKind::Map) && P->get("ParameterKey");
    });
  const Node *Ps = Root->is(NodeKind::Map) ? Root->get("Parameters") : nullptr;
  return Ps && Ps->is(NodeKind::Map) && !Root->get("Resources") &&
         !Root->get("$schema");
}

model::DeploymentUnit evaluateStack(const StackInputs &In) {
  UnitState U{In, {}, 0, false, {}};
  U.Unit.Root = In.Template->file().path().str();
  U.Unit.TheDialect = Dialect::CloudFormation;
  llvm::StringMap<Value> Given;
  if (In.Parameters)
    readParameterFile(*In.Parameters, Given);
  for (const auto &[Name, Text] : In.ParamOverrides)
    Given[Name] = commandLineValue(Text, /*WantString=*/true);
  U.OpenTemplates.push_back(normalizePath(U.Unit.Root));
  Stack Top(U, *In.Template, "", 0, std::move(Given));
  Top.evaluate();
  return std::move(U.Unit);
}

std::vector<std::string> localNestedTemplates(const Document &Template) {
  std::vector<std::string> Out;
  const Node *Resources = section(Template, "Resources");
  if (!Resources || !Resources->is(NodeKind::Map))
    return Out;
  for (const MapEntry &E : Resources->Entries) {
    const Node *Type =
        E.Value->is(NodeKind::Map) ? E.Value->get("Type") : nullptr;
    const Node *Props =
        E.Value->is(NodeKind::Map) ? E.Value->get("Properties") : nullptr;
    const Node *Url = nullptr;
    if (Type && Type->is(NodeKind::String) &&
        Type->Text == "AWS::CloudFormation::Stack" && Props &&
        Props->is(NodeKind::Map))
      Url = Props->get("TemplateURL");
    if (Url && Url->is(NodeKind::String) && isLocalTemplate(Url->Text))
      Out.push_back(resolveAgainst(templateDirectory(Template), Url->Text));
  }
  return Out;
}

} // namespace rampart::eval::cloudformation
