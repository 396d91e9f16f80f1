//===- AutoMinorVersionUpgrade.cpp - AWS-RDS-003 --------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &rdsAutoMinorVersionUpgrade() {
  static const Check C =
      CheckBuilder("AWS-RDS-003", __FILE__)
          .title("RDS instances should keep automatic minor version upgrades "
                 "on")
          .severity(Level::High)
          .control("Apply system updates")
          .compliance("MCSB", "PV-6")
          .compliance("FSBP", "RDS.13")
          .why("Minor engine versions carry security fixes.")
          .remediation("Leave automatic minor upgrades on and pick a "
                       "maintenance window that suits the workload")
          .reference("Checkov CKV_AWS_226")
          .onCloudFormation({"AWS::RDS::DBInstance"},
                            property("AutoMinorVersionUpgrade")
                                .mustEqual(Value::boolean(true))
                                .defaultsTo(Value::boolean(true)))
          .onTerraform("aws", {"aws_db_instance"},
                       property("auto_minor_version_upgrade")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(true)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
