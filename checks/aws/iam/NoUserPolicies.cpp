//===- NoUserPolicies.cpp - AWS-IAM-002 -----------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// A grant to users: the value naming them, when non-empty.
Evaluation grantAt(const Value *Users, const std::string &Path,
                   const std::string &Detail) {
  if (!Users || Users->isNull())
    return Evaluation::healthy();
  if (!Users->isKnown())
    return {Outcome::Unknown, Users, {Path}, Path + " is unknown"};
  Match NonEmpty = isNonEmpty(*Users);
  if (NonEmpty.isTrue())
    return {Outcome::Unhealthy, Users, {Path}, Detail};
  return Evaluation::healthy();
}

struct Grant {
  llvm::StringRef Type, UserProp;
};

/// A user: its own inline or managed policies, and every policy resource
/// of the unit that names it.
Predicate userGrants(std::vector<std::string> OwnProps,
                     std::vector<Grant> Grants) {
  return [=](const Subject &S) {
    std::vector<Evaluation> Parts{Evaluation::healthy()};
    for (const std::string &P : OwnProps)
      Parts.push_back(grantAt(S.Resource.Properties.get(P), P,
                              "policies are attached to the user directly"));
    for (const Grant &G : Grants)
      for (const model::Resource *R :
           aws::joinedTo(S.Unit, S.Resource, {G.Type}, G.UserProp))
        Parts.push_back(grantAt(R->Properties.get(G.UserProp), G.UserProp.str(),
                                "a policy is attached to the user directly (" +
                                    R->Type + ")"));
    return aws::allOf(std::move(Parts));
  };
}

/// A grant naming no user of the unit is judged on its own.
Predicate orphanGrant(llvm::StringRef UserType, llvm::StringRef UserProp) {
  return [=](const Subject &S) {
    for (const model::Resource *U : check::deployedOfType(S.Unit, {UserType}))
      if (aws::joins(S.Unit, S.Resource, UserProp, *U))
        return Evaluation::notApplicable();
    return grantAt(S.Resource.Properties.get(UserProp), UserProp.str(),
                   "the policy is attached to users directly");
  };
}

} // namespace

const Check &iamNoUserPolicies() {

  static const Check C =
      CheckBuilder("AWS-IAM-002", __FILE__)
          .title("IAM policies should be attached to groups or roles, not "
                 "directly to users")
          .severity(Level::Low)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .compliance("CIS-AWS", "1.15")
          .compliance("FSBP", "IAM.2")
          .why("Per-user grants make reviews and offboarding error-prone.")
          .remediation("Put users in groups (or better, federate) and attach "
                       "policies to the groups or roles")
          .reference("Checkov CKV_AWS_40")
          .onCloudFormation({"AWS::IAM::User"},
                            userGrants({"Policies", "ManagedPolicyArns"},
                                       {{"AWS::IAM::Policy", "Users"},
                                        {"AWS::IAM::ManagedPolicy", "Users"}}))
          .onCloudFormation({"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"},
                            orphanGrant("AWS::IAM::User", "Users"))
          .onTerraform(
              "aws", {"aws_iam_user"},
              userGrants({}, {{"aws_iam_user_policy", "user"},
                              {"aws_iam_user_policy_attachment", "user"},
                              {"aws_iam_policy_attachment", "users"}}))
          .onTerraform(
              "aws", {"aws_iam_user_policy", "aws_iam_user_policy_attachment"},
              orphanGrant("aws_iam_user", "user"))
          .onTerraform("aws", {"aws_iam_policy_attachment"},
                       orphanGrant("aws_iam_user", "users"))
          .build();
  return C;
}

} // namespace rampart::checks
