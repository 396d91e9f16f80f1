//===- NoPublicInvocation.cpp - AWS-LAMBDA-001 ----------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// A permission with principal "*" and none of the restricting
/// properties set.
Evaluation permissionIsPublic(const model::Resource &P,
                              llvm::ArrayRef<std::string> Props) {
  const Value *Principal = P.Properties.get(Props[0]);
  if (!Principal || Principal->isNull())
    return Evaluation::healthy();
  Match Star = valueEquals(*Principal, Value::string("*"));
  if (Star.isFalse())
    return Evaluation::healthy();
  Truth Restricted = Truth::False;
  for (const std::string &R : Props.drop_front()) {
    const Value *V = P.Properties.get(R);
    if (V && !V->isNull())
      Restricted = truthOr(Restricted, isConfigured(V).T);
  }
  Truth Public = truthAnd(Star.T, truthNot(Restricted));
  if (Public == Truth::True)
    return {Outcome::Unhealthy,
            Principal,
            {Props[0]},
            "a permission lets any principal invoke the function"};
  if (Public == Truth::Unknown)
    return {Outcome::Unknown,
            Principal,
            {Props[0]},
            "whether a permission lets anyone invoke the function is not "
            "known"};
  return Evaluation::healthy();
}

/// A function: every permission joined to it. A permission whose function
/// is not in the unit is judged alone.
Predicate functionPermissions(llvm::StringRef PermissionType,
                              llvm::StringRef FunctionProp,
                              std::vector<std::string> Props) {
  return [=](const Subject &S) {
    std::vector<Evaluation> Parts{Evaluation::healthy()};
    for (const model::Resource *P :
         aws::joinedTo(S.Unit, S.Resource, {PermissionType}, FunctionProp))
      Parts.push_back(permissionIsPublic(*P, Props));
    return aws::allOf(std::move(Parts));
  };
}

Predicate orphanPermission(llvm::StringRef FunctionType,
                           llvm::StringRef FunctionProp,
                           std::vector<std::string> Props) {
  return [=](const Subject &S) {
    for (const model::Resource *F :
         check::deployedOfType(S.Unit, {FunctionType}))
      if (aws::joins(S.Unit, S.Resource, FunctionProp, *F))
        return Evaluation::notApplicable();
    return permissionIsPublic(S.Resource, Props);
  };
}

const std::vector<std::string> CfnProps{"Principal", "SourceArn",
                                        "SourceAccount", "PrincipalOrgID"};
const std::vector<std::string> TfProps{"principal", "source_arn",
                                       "source_account", "principal_org_id"};

} // namespace

const Check &lambdaNoPublicInvocation() {

  static const Check C =
      CheckBuilder("AWS-LAMBDA-001", __FILE__)
          .title("Lambda resource policies should not allow public invocation")
          .severity(Level::Critical)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .compliance("FSBP", "Lambda.1")
          .why("A wildcard principal lets any AWS account invoke the function, "
               "run up cost and reach the data it can touch.")
          .remediation(
              "Name the calling service and pin SourceArn or SourceAccount")
          .reference("Checkov CKV_AWS_301")
          .onCloudFormation({"AWS::Lambda::Function"},
                            functionPermissions("AWS::Lambda::Permission",
                                                "FunctionName", CfnProps))
          .onCloudFormation({"AWS::Lambda::Permission"},
                            orphanPermission("AWS::Lambda::Function",
                                             "FunctionName", CfnProps))
          .onTerraform("aws", {"aws_lambda_function"},
                       functionPermissions("aws_lambda_permission",
                                           "function_name", TfProps))
          .onTerraform(
              "aws", {"aws_lambda_permission"},
              orphanPermission("aws_lambda_function", "function_name", TfProps))
          .build();
  return C;
}

} // namespace rampart::checks
