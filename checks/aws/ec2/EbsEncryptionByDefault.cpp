//===- EbsEncryptionByDefault.cpp - AWS-EC2-007 ---------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &ec2EbsEncryptionByDefault() {
  // An account setting: CloudFormation has no resource type for it, and a
  // unit that does not declare it is not judged.
  static const Check C =
      CheckBuilder("AWS-EC2-007", __FILE__)
          .title("EBS encryption by default should stay on")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-4")
          .compliance("CIS-AWS", "2.2.1")
          .compliance("FSBP", "EC2.7")
          .why("The account-and-Region switch makes every new volume and "
               "snapshot copy encrypted even when a template forgets.")
          .remediation(
              "Turn EBS encryption by default on in every Region you use")
          .reference("Checkov CKV_AWS_106")
          .onTerraform("aws", {"aws_ebs_encryption_by_default"},
                       property("enabled")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(true)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
