//===- NoAccessKeys.cpp - AWS-IAM-005 -------------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &iamNoAccessKeys() {
  static const Check C =
      CheckBuilder("AWS-IAM-005", __FILE__)
          .title("Templates should not create long-lived IAM user access "
                 "keys")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "IM-3")
          .why("Access keys created by templates end up in stack outputs, "
               "state files and CI logs and are seldom rotated.")
          .remediation("Use roles (instance profiles, IRSA, OIDC federation "
                       "for CI) instead of user access keys")
          .reference("FSBP IAM.3 (rotation, related)")
          .reference("Checkov CKV_AWS_273 (related)")
          .onCloudFormation({"AWS::IAM::AccessKey"},
                            property("Status")
                                .mustEqual(Value::string("Inactive"))
                                .defaultsTo(Value::string("Active")))
          // The secret also lands in Terraform state.
          .onTerraform("aws", {"aws_iam_access_key"},
                       property("status")
                           .mustEqual(Value::string("Inactive"))
                           .defaultsTo(Value::string("Active")))
          .build();
  return C;
}

} // namespace rampart::checks
