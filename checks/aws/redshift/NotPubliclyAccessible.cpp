//===- NotPubliclyAccessible.cpp - AWS-REDSHIFT-001 -----------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &redshiftNotPubliclyAccessible() {
  // aws provider 6 defaults publicly_accessible to false, 5.x sends true: a
  // missing value is unknown when the provider versions allowed disagree
  // (catalog 1.2).
  static const Check C =
      CheckBuilder("AWS-REDSHIFT-001", __FILE__)
          .title("Redshift clusters should not be publicly accessible")
          .severity(Level::Critical)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("FSBP", "Redshift.1")
          .why("A publicly accessible cluster gets a public endpoint, one "
               "permissive security group away from exposure.")
          .remediation("Keep warehouses private and connect through VPC "
                       "endpoints or private subnets")
          .reference("Checkov CKV_AWS_87")
          .onCloudFormation({"AWS::Redshift::Cluster"},
                            property("PubliclyAccessible")
                                .mustEqual(Value::boolean(false))
                                .defaultsTo(Value::boolean(false)))
          .onTerraform(
              "aws", {"aws_redshift_cluster"},
              property("publicly_accessible")
                  .mustEqual(Value::boolean(false))
                  .defaultsTo(Value::boolean(false), sinceProviderMajor(6))
                  .defaultsTo(Value::boolean(true)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
