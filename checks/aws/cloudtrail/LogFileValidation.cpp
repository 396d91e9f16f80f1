//===- LogFileValidation.cpp - AWS-CT-002 ---------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &cloudtrailLogFileValidation() {

  static const Check C =
      CheckBuilder("AWS-CT-002", __FILE__)
          .title("CloudTrail trails should validate log files")
          .severity(Level::Low)
          .control("Enable auditing and logging")
          .compliance("MCSB", "LT-6")
          .compliance("CIS-AWS", "3.2")
          .compliance("FSBP", "CloudTrail.4")
          .why("Without digest files nobody can prove that log files were not "
               "modified or deleted after delivery.")
          .remediation("Enable log file validation on the trail")
          .reference("Checkov CKV_AWS_36")
          .onCloudFormation({"AWS::CloudTrail::Trail"},
                            property("EnableLogFileValidation")
                                .mustEqual(Value::boolean(true))
                                .defaultsTo(Value::boolean(false)))
          .onTerraform("aws", {"aws_cloudtrail"},
                       property("enable_log_file_validation")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
