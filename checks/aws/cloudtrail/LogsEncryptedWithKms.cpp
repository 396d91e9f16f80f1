//===- LogsEncryptedWithKms.cpp - AWS-CT-003 ------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/aws/common/IsSet.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &cloudtrailLogsEncryptedWithKms() {

  static const Check C =
      CheckBuilder("AWS-CT-003", __FILE__)
          .title("CloudTrail logs should be encrypted with a KMS key")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-5")
          .compliance("CIS-AWS", "3.7")
          .compliance("FSBP", "CloudTrail.2")
          .why("Trail logs describe every API call in the account; a KMS key "
               "adds a second permission gate and an audit of who read them.")
          .remediation("Use a dedicated KMS key whose policy lets CloudTrail "
                       "encrypt and only auditors decrypt")
          .reference("Checkov CKV_AWS_35")
          .onCloudFormation(
              {"AWS::CloudTrail::Trail"},
              aws::mustBeSet("KMSKeyId",
                             "KMSKeyId is not set (the logs get SSE-S3 only)"))
          .onTerraform("aws", {"aws_cloudtrail"},
                       aws::mustBeSet(
                           "kms_key_id",
                           "kms_key_id is not set (the logs get SSE-S3 only)"))
          // No automated fix: it needs a KMS key whose policy lets CloudTrail
          // encrypt, which the user creates or names.
          .build();
  return C;
}

} // namespace rampart::checks
