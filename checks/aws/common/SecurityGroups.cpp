//===- SecurityGroups.cpp - Ingress rules of AWS security groups ----------===//
#include "checks/aws/common/SecurityGroups.h"

#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart::checks::aws {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

/// Where each field of an ingress rule lives in one dialect's shape.
struct RuleShape {
  const char *Protocol, *From, *To;
  std::vector<const char *> Cidrs;
  const char *Type = nullptr; ///< aws_security_group_rule's "ingress"
};

const RuleShape CfnRule{
    "IpProtocol", "FromPort", "ToPort", {"CidrIp", "CidrIpv6"}};
const RuleShape TfInline{
    "protocol", "from_port", "to_port", {"cidr_blocks", "ipv6_cidr_blocks"}};
const RuleShape TfRule{"protocol",
                       "from_port",
                       "to_port",
                       {"cidr_blocks", "ipv6_cidr_blocks"},
                       "type"};
const RuleShape TfVpcRule{
    "ip_protocol", "from_port", "to_port", {"cidr_ipv4", "cidr_ipv6"}};

const Value &nullValue() {
  static const Value Null;
  return Null;
}

const Value &field(const Value &Rule, const char *Name) {
  const Value *V = Rule.get(Name);
  return V ? *V : nullValue();
}

/// Whether one rule lets the internet reach Port.
Match ruleOpens(const Value &Rule, const RuleShape &Shape, int Port,
                bool AlsoUdp) {
  if (!Rule.isKnown())
    return {Truth::Unknown, &Rule, {}};
  if (Shape.Type) {
    Match Ingress = equalsInsensitive(field(Rule, Shape.Type), "ingress");
    if (Ingress.isFalse())
      return {};
    if (Ingress.isUnknown())
      return {Truth::Unknown, Rule.get(Shape.Type), {}};
  }
  Match Internet{};
  for (const char *C : Shape.Cidrs) {
    const Value &Cidr = field(Rule, C);
    if (Cidr.isNull())
      continue;
    Match M = isInternetCidr(Cidr);
    if (M.isTrue() || (M.isUnknown() && !Internet.isTrue())) {
      Internet = M;
      if (M.isTrue())
        break;
    }
  }
  if (Internet.isFalse())
    return {};
  const Value &Protocol = field(Rule, Shape.Protocol);
  Truth AllTraffic = truthOr(valueEquals(Protocol, Value::string("-1")).T,
                             equalsInsensitive(Protocol, "all").T);
  Match Proto = protocolIncludesTcp(Protocol);
  if (AlsoUdp && !Proto.isTrue())
    Proto.T = truthOr(Proto.T, protocolIncludesUdp(Protocol).T);
  Truth Ports = AllTraffic == Truth::True
                    ? Truth::True
                    : portRangeCovers(field(Rule, Shape.From),
                                      field(Rule, Shape.To), Port)
                          .T;
  Truth T = truthAnd(Internet.T, truthAnd(Proto.T, Ports));
  if (T == Truth::True)
    return {T, Internet.Where, {}};
  if (T == Truth::Unknown)
    return {T, Internet.isUnknown() ? Internet.Where : &Rule, {}};
  return {};
}

struct Verdict {
  Match M;
  int Port = 0;
};

/// Folds one rule into the verdict: the first open port wins, then the
/// first unknown.
void fold(Verdict &V, const Value &Rule, const RuleShape &Shape,
          llvm::ArrayRef<int> Ports, bool AlsoUdp) {
  if (V.M.isTrue())
    return;
  for (int P : Ports) {
    Match M = ruleOpens(Rule, Shape, P, AlsoUdp);
    if (M.isTrue()) {
      V = {M, P};
      return;
    }
    if (M.isUnknown() && !V.M.isUnknown())
      V = {M, P};
  }
}

/// Inline rules: a list of rule objects (Terraform blocks), or unknown.
void foldList(Verdict &V, const Value *List, const RuleShape &Shape,
              llvm::ArrayRef<int> Ports, bool AlsoUdp) {
  if (!List || List->isNull())
    return;
  if (!List->isKnown() || !List->is(ValueKind::Array)) {
    if (!V.M.isTrue() && !V.M.isUnknown())
      V = {{Truth::Unknown, List, {}}, Ports.front()};
    return;
  }
  for (const Value &R : List->items())
    fold(V, R, Shape, Ports, AlsoUdp);
}

Evaluation verdict(const Verdict &V) {
  std::string Port = std::to_string(V.Port);
  if (V.M.isTrue())
    return {Outcome::Unhealthy,
            V.M.Where,
            {},
            "port " + Port + " is open to the internet (" +
                describeValue(*V.M.Where) + ")"};
  if (V.M.isUnknown())
    return {Outcome::Unknown,
            V.M.Where,
            {},
            "whether an ingress rule opens port " + Port +
                " to the internet is not known"};
  return Evaluation::healthy();
}

const RuleShape *standaloneShape(llvm::StringRef Type) {
  if (Type == "AWS::EC2::SecurityGroupIngress")
    return &CfnRule;
  if (Type == "aws_security_group_rule")
    return &TfRule;
  if (Type == "aws_vpc_security_group_ingress_rule")
    return &TfVpcRule;
  return nullptr;
}

const char *groupProp(llvm::StringRef Type) {
  return Type.startswith("AWS::") ? "GroupId" : "security_group_id";
}

bool isGroup(llvm::StringRef Type) {
  return Type == "AWS::EC2::SecurityGroup" || Type == "aws_security_group" ||
         Type == "aws_default_security_group";
}

} // namespace

std::vector<std::string> cfnSecurityGroupTypes() {
  return {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"};
}

std::vector<std::string> tfSecurityGroupTypes() {
  return {"aws_security_group", "aws_security_group_rule",
          "aws_vpc_security_group_ingress_rule"};
}

Predicate ingressOpensPorts(std::vector<int> Ports, bool AlsoUdp) {
  return [Ports, AlsoUdp](const Subject &S) -> Evaluation {
    const model::Resource &R = S.Resource;
    Verdict V;
    if (const RuleShape *Own = standaloneShape(R.Type)) {
      // Judged with its group when the group is in the unit.
      for (const model::Resource &G : S.Unit.Graph.resources())
        if (isGroup(G.Type) && joins(S.Unit, R, groupProp(R.Type), G))
          return Evaluation::notApplicable();
      fold(V, R.Properties, *Own, Ports, AlsoUdp);
      return verdict(V);
    }
    bool Cfn = llvm::StringRef(R.Type).startswith("AWS::");
    foldList(V, R.Properties.get(Cfn ? "SecurityGroupIngress" : "ingress"),
             Cfn ? CfnRule : TfInline, Ports, AlsoUdp);
    std::vector<llvm::StringRef> RuleTypes;
    if (Cfn)
      RuleTypes = {"AWS::EC2::SecurityGroupIngress"};
    else
      RuleTypes = {"aws_security_group_rule",
                   "aws_vpc_security_group_ingress_rule"};
    for (const model::Resource *Rule :
         joinedTo(S.Unit, R, RuleTypes, groupProp(R.Type)))
      fold(V, Rule->Properties, *standaloneShape(Rule->Type), Ports, AlsoUdp);
    return verdict(V);
  };
}

} // namespace rampart::checks::aws
