//===- DefaultSecurityGroupClosed.cpp - AWS-EC2-004 -----------------------===//
//
// Every VPC gets a default security group that admits all traffic from
// itself and allows all egress. Terraform can adopt it
// (aws_default_security_group) and removes every rule the resource does not
// declare; CloudFormation cannot touch its rules at all, so a CloudFormation
// VPC always fails, and rules added to its default group are reported too.
//
//===----------------------------------------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

//===- Terraform ----------------------------------------------------------===//

/// Whether an aws_default_security_group adopts the default group of Vpc:
/// True when its vpc_id refers to Vpc (or, for aws_default_vpc, when it has
/// no vpc_id: the provider then adopts the default VPC's group), Unknown
/// when vpc_id could be Vpc's id but is not known.
Match adopts(const Subject &S, const Resource &Group) {
  const Resource &Vpc = S.Resource;
  bool DefaultVpc = Vpc.Type == "aws_default_vpc";
  const Value *Id = Group.Properties.get("vpc_id");
  if (!Id || Id->isNull())
    return {fromBool(DefaultVpc), Id, {}};
  if (aws::joins(S.Unit, Group, "vpc_id", Vpc))
    return {Truth::True, Id, {}};
  llvm::StringSet<> Refs;
  model::collectReferences(*Id, Refs);
  for (const auto &R : Refs)
    if (S.Unit.Graph.find(R.getKey()))
      return {Truth::False, Id, {}}; // another resource of the unit
  // A literal id names a VPC that exists already: the default VPC may be
  // one, a VPC this configuration creates is not.
  if (Id->isKnown())
    return {DefaultVpc ? Truth::Unknown : Truth::False, Id,
            DefaultVpc ? "whether vpc " + describeValue(*Id) +
                             " is the default VPC is not known"
                       : std::string()};
  return {Truth::Unknown, Id, {}};
}

/// An adopted default group must declare no rule: Terraform then removes
/// AWS's allow-within-group and allow-all-egress rules.
Evaluation declaresNoRules(const Resource &Group) {
  std::vector<Evaluation> Parts{Evaluation::healthy()};
  for (const char *Kind : {"ingress", "egress"}) {
    const Value *Rules = Group.Properties.get(Kind);
    if (!Rules || Rules->isNull())
      continue;
    Match Some = isNonEmpty(*Rules);
    Parts.push_back(aws::violation(Some, Kind,
                                   "the default security group keeps " +
                                       std::string(Kind) + " rules (" +
                                       Group.Id + ")"));
  }
  return aws::allOf(std::move(Parts));
}

std::string whyUnknown(const Match &M) {
  if (!M.Reason.empty())
    return M.Reason;
  if (M.Where && M.Where->is(ValueKind::Unknown))
    return M.Where->asString().str();
  if (M.Where)
    return "'" + M.Where->asString().str() + "' is known only after deployment";
  return "its vpc_id is not known";
}

Evaluation tfVpc(const Subject &S) {
  std::vector<Evaluation> Adopted;
  std::optional<Match> Maybe;
  for (const Resource *G :
       check::deployedOfType(S.Unit, {"aws_default_security_group"})) {
    Match M = adopts(S, *G);
    if (M.isTrue())
      Adopted.push_back(declaresNoRules(*G));
    else if (M.isUnknown() && !Maybe)
      Maybe = M;
  }
  if (!Adopted.empty())
    return aws::allOf(std::move(Adopted));
  if (Maybe)
    return {Outcome::Unknown,
            Maybe->Where,
            {},
            "whether an aws_default_security_group adopts this VPC's "
            "default security group is not known: " +
                whyUnknown(*Maybe)};
  return {Outcome::Unhealthy,
          nullptr,
          {},
          "no aws_default_security_group strips the rules of the VPC's "
          "default security group, which admits all traffic from its "
          "members and allows all egress"};
}

//===- CloudFormation -----------------------------------------------------===//

Evaluation cfnVpc(const Subject &) {
  return {Outcome::Unhealthy,
          nullptr,
          {},
          "CloudFormation cannot remove the rules of the VPC's default "
          "security group, which admits all traffic from its members and "
          "allows all egress; strip them outside the template, and once "
          "suppressions exist, suppress this finding with that reason"};
}

/// Whether GroupId is `!GetAtt <VPC>.DefaultSecurityGroup` of a VPC of the
/// template.
Match isDefaultGroup(const model::DeploymentUnit &U, const Value &GroupId) {
  if (!GroupId.alternatives().empty()) {
    // An Fn::If: known when every branch agrees.
    std::optional<Truth> All;
    for (const Value &A : GroupId.alternatives()) {
      Truth T = isDefaultGroup(U, A).T;
      if (All && *All != T)
        return {Truth::Unknown, &GroupId, {}};
      All = T;
    }
    return {All ? *All : Truth::Unknown, &GroupId, {}};
  }
  if (GroupId.is(ValueKind::Expression) && !GroupId.refersTo().empty()) {
    const Resource *Target = U.Graph.find(GroupId.refersTo());
    if (!Target)
      return {Truth::Unknown, &GroupId, {}};
    bool Default = Target->Type == "AWS::EC2::VPC" &&
                   llvm::is_contained(GroupId.attribute(),
                                      std::string("DefaultSecurityGroup"));
    return {fromBool(Default), &GroupId, {}};
  }
  if (!GroupId.isKnown())
    return {Truth::Unknown, &GroupId, {}};
  return {Truth::False, &GroupId, {}};
}

Evaluation cfnRule(const Subject &S) {
  const Value *GroupId = S.Resource.Properties.get("GroupId");
  if (!GroupId || GroupId->isNull())
    return Evaluation::healthy();
  return aws::violation(isDefaultGroup(S.Unit, *GroupId), "GroupId",
                        "the rule is added to a VPC's default security "
                        "group; use a purpose-built group instead");
}

} // namespace

const Check &ec2DefaultSecurityGroupClosed() {
  static const Check C =
      CheckBuilder("AWS-EC2-004", __FILE__)
          .title("The default security group of each VPC should deny all "
                 "traffic")
          .severity(Level::High)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-1")
          .compliance("CIS-AWS", "5.3")
          .compliance("FSBP", "EC2.2")
          .why("Resources launched without an explicit security group land in "
               "the VPC's default group; while it has rules, they silently "
               "talk to each other and to the internet.")
          .remediation("Strip the default group's rules (an empty "
                       "aws_default_security_group in Terraform) and always "
                       "assign purpose-built groups")
          .reference("Checkov CKV2_AWS_12")
          .onTerraform("aws", {"aws_vpc", "aws_default_vpc"}, tfVpc)
          .onCloudFormation({"AWS::EC2::VPC"}, cfnVpc)
          .onCloudFormation({"AWS::EC2::SecurityGroupIngress",
                             "AWS::EC2::SecurityGroupEgress"},
                            cfnRule)
          // No automated fix: Terraform needs a new aws_default_security_group
          // resource, and CloudFormation cannot strip the rules at all.
          .build();
  return C;
}

} // namespace rampart::checks
