//===- NoAdminPolicies.cpp - AWS-IAM-001 ----------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

constexpr llvm::StringLiteral Detail =
    "a statement allows every action on every resource";

Evaluation documentAt(const Subject &S, llvm::StringRef Path) {
  const Value *Doc = S.Resource.Properties.get(Path);
  if (!Doc)
    return Evaluation::healthy();
  return aws::policyWithout(S.Unit, *Doc, Path.str(), statementGrantsAllActions,
                            Detail.str());
}

/// Inline policies: `Policies[].PolicyDocument` (CloudFormation roles,
/// users and groups) or `inline_policy[].policy` (Terraform roles).
Evaluation inlinePolicies(const Subject &S, llvm::StringRef List,
                          llvm::StringRef Member) {
  const Value *Policies = S.Resource.Properties.get(List);
  if (!Policies || Policies->isNull())
    return Evaluation::healthy();
  if (!Policies->isKnown() || !Policies->is(model::ValueKind::Array))
    return aws::violation({Truth::Unknown, Policies, {}}, List.str(), "");
  std::vector<Evaluation> Parts{Evaluation::healthy()};
  for (const Value &P : Policies->items()) {
    const Value *Doc = P.isKnown() ? P.get(Member) : &P;
    if (Doc)
      Parts.push_back(aws::policyWithout(
          S.Unit, *Doc, List.str(), statementGrantsAllActions, Detail.str()));
  }
  return aws::allOf(std::move(Parts));
}

Evaluation cfnPolicy(const Subject &S) {
  return documentAt(S, "PolicyDocument");
}
Evaluation cfnInline(const Subject &S) {
  return inlinePolicies(S, "Policies", "PolicyDocument");
}
Evaluation tfPolicy(const Subject &S) { return documentAt(S, "policy"); }
Evaluation tfRoleInline(const Subject &S) {
  return inlinePolicies(S, "inline_policy", "policy");
}

} // namespace

const Check &iamNoAdminPolicies() {
  static const Check C =
      CheckBuilder("AWS-IAM-001", __FILE__)
          .title("IAM policies should not grant full administrative "
                 "privileges")
          .severity(Level::High)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .compliance("CIS-AWS", "1.16")
          .compliance("FSBP", "IAM.1")
          .why("Administrator-equivalent customer policies spread silently.")
          .remediation("Grant service- and resource-scoped actions; keep "
                       "AdministratorAccess for break-glass roles behind MFA")
          .reference("Checkov CKV_AWS_62")
          .reference("Checkov CKV_AWS_1")
          .reference("Checkov CKV_AWS_63")
          .onCloudFormation({"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"},
                            cfnPolicy)
          .onCloudFormation(
              {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"},
              cfnInline)
          .onTerraform("aws",
                       {"aws_iam_policy", "aws_iam_role_policy",
                        "aws_iam_user_policy", "aws_iam_group_policy"},
                       tfPolicy)
          .onTerraform("aws", {"aws_iam_role"}, tfRoleInline)
          .build();
  return C;
}

} // namespace rampart::checks
