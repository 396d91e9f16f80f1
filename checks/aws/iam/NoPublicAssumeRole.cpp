//===- NoPublicAssumeRole.cpp - AWS-IAM-003 -------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// An Allow statement for some sts:AssumeRole* action with a public
/// principal (sts:ExternalId alone does not restrict who calls).
Match letsAnyoneAssume(const Value &Statement) {
  Match Assume = statementCoversAction(Statement, "sts:AssumeRole");
  for (llvm::StringRef A :
       {"sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"}) {
    if (Assume.isTrue())
      break;
    Match M = statementCoversAction(Statement, A);
    Assume = {truthOr(Assume.T, M.T), M.isTrue() ? M.Where : Assume.Where,
              M.isTrue() ? M.Reason : Assume.Reason};
  }
  Match Public = statementAllowsPublicPrincipal(Statement);
  Truth T = truthAnd(Public.T, Assume.T);
  if (T == Truth::True)
    return {T, Public.Where, {}};
  if (T == Truth::Unknown)
    return Public.isUnknown() ? Public : Assume;
  return {T, nullptr, {}};
}

Evaluation trustPolicy(const Subject &S, llvm::StringRef Path) {
  const Value *Doc = S.Resource.Properties.get(Path);
  if (!Doc)
    return {
        Outcome::Unknown, nullptr, {Path.str()}, Path.str() + " is not set"};
  return aws::policyWithout(S.Unit, *Doc, Path.str(), letsAnyoneAssume,
                            "the trust policy lets any principal assume the "
                            "role");
}

} // namespace

const Check &iamNoPublicAssumeRole() {
  static const Check C =
      CheckBuilder("AWS-IAM-003", __FILE__)
          .title("IAM roles should not let any principal assume them")
          .severity(Level::Critical)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .why("A trust policy with \"AWS\": \"*\" lets any AWS account in "
               "the world assume the role.")
          .remediation("Name the trusted accounts, roles or services, and "
                       "add aws:PrincipalOrgID or sts:ExternalId conditions "
                       "for third parties")
          .reference("Checkov CKV_AWS_60")
          .reference("Checkov CKV_AWS_61")
          .onCloudFormation({"AWS::IAM::Role"},
                            [](const Subject &S) {
                              return trustPolicy(S, "AssumeRolePolicyDocument");
                            })
          .onTerraform("aws", {"aws_iam_role"},
                       [](const Subject &S) {
                         return trustPolicy(S, "assume_role_policy");
                       })
          .build();
  return C;
}

} // namespace rampart::checks
