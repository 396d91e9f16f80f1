//===- DetectorEnabled.cpp - AWS-GD-001 -----------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &guarddutyDetectorEnabled() {
  // Enable is required in CloudFormation: a missing one has no default.
  static const Check C =
      CheckBuilder("AWS-GD-001", __FILE__)
          .title("GuardDuty detectors should stay enabled")
          .severity(Level::Medium)
          .control("Enable enhanced security features")
          .compliance("MCSB", "LT-1")
          .compliance("FSBP", "GuardDuty.1")
          .why("GuardDuty is AWS's threat-detection service and the source of "
               "most runtime findings; a disabled detector sees nothing.")
          .remediation(
              "Keep a GuardDuty detector enabled in every Region and account")
          .reference("Checkov CKV_AWS_238")
          .reference("Checkov CKV2_AWS_3")
          .onCloudFormation({"AWS::GuardDuty::Detector"},
                            property("Enable").mustEqual(Value::boolean(true)))
          .onTerraform("aws", {"aws_guardduty_detector"},
                       property("enable")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(true)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
