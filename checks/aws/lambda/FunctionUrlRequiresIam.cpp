//===- FunctionUrlRequiresIam.cpp - AWS-LAMBDA-002 ------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &lambdaFunctionUrlRequiresIam() {
  // The auth type is required by both CloudFormation and the provider: a
  // missing one has no default (unknown).
  static const Check C =
      CheckBuilder("AWS-LAMBDA-002", __FILE__)
          .title("Lambda function URLs should require IAM authentication")
          .severity(Level::High)
          .control("Manage access and permissions")
          .compliance("MCSB", "IM-1")
          .why("A function URL with auth type NONE is an unauthenticated "
               "public HTTPS endpoint.")
          .remediation("Use AWS_IAM (SigV4) or put API Gateway with an "
                       "authorizer in front; validate callers inside a "
                       "function that must stay public")
          .reference("Checkov CKV_AWS_258")
          .onCloudFormation(
              {"AWS::Lambda::Url"},
              property("AuthType").mustEqual(Value::string("AWS_IAM")))
          .onTerraform("aws", {"aws_lambda_function_url"},
                       property("authorization_type")
                           .mustEqual(Value::string("AWS_IAM")))
          .fix(FixAvailability::Always, Applicability::Suggested,
               setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
