//===- SecurityGroups.cpp - Ingress rules of AWS security groups ----------===//
#include "checks/aws/common/SecurityGroups.h"

#include "analyzer/check/AwsNetwork.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart::checks::aws {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

struct Verdict {
  Match M;
  int Port = 0;
};

/// Folds one rule into the verdict: the first open port wins, then the
/// first unknown.
void fold(Verdict &V, const Value &Rule, const IngressRuleShape &Shape,
          llvm::ArrayRef<int> Ports, bool AlsoUdp) {
  if (V.M.isTrue())
    return;
  for (int P : Ports) {
    Match M = ingressRuleOpens(Rule, Shape, P, /*Tcp=*/true, AlsoUdp);
    if (M.isTrue()) {
      V = {M, P};
      return;
    }
    if (M.isUnknown() && !V.M.isUnknown())
      V = {M, P};
  }
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
    if (const IngressRuleShape *Own = standaloneIngressShape(R.Type)) {
      // Judged with its group when the group is in the unit.
      for (const model::Resource &G : S.Unit.Graph.resources())
        if (isSecurityGroup(G) &&
            joins(S.Unit, R, ingressGroupProperty(R.Type), G))
          return Evaluation::notApplicable();
      fold(V, R.Properties, *Own, Ports, AlsoUdp);
      return verdict(V);
    }
    IngressRules Rules = ingressRulesOf(S.Unit, R);
    // An inline list that is not known is unknown, unless a rule opens a
    // port anyway.
    if (Rules.Unknown)
      V = {{Truth::Unknown, Rules.Unknown, {}}, Ports.front()};
    for (const IngressRule &Rule : Rules.Rules)
      fold(V, *Rule.Rule, *Rule.Shape, Ports, AlsoUdp);
    return verdict(V);
  };
}

} // namespace rampart::checks::aws
