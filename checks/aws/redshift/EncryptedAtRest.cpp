//===- EncryptedAtRest.cpp - AWS-REDSHIFT-002 -----------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &redshiftEncryptedAtRest() {
  // aws provider 6 defaults encrypted to true, 5.x sends false: a missing
  // value is unknown when the provider versions allowed disagree (catalog
  // 1.2).
  static const Check C =
      CheckBuilder("AWS-REDSHIFT-002", __FILE__)
          .title("Redshift clusters should be encrypted at rest")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-4")
          .why("An unencrypted warehouse leaves its data and its snapshots, "
               "which are often shared across accounts, readable to anyone who "
               "gets a copy.")
          .remediation(
              "Keep cluster encryption on and prefer a customer-managed key "
              "for control over snapshots shared across accounts")
          .reference("Checkov CKV_AWS_64")
          .reference("Checkov CKV_AWS_142 (KMS)")
          .onCloudFormation({"AWS::Redshift::Cluster"},
                            property("Encrypted")
                                .mustEqual(Value::boolean(true))
                                .defaultsTo(Value::boolean(true)))
          .onTerraform(
              "aws", {"aws_redshift_cluster"},
              property("encrypted")
                  .mustEqual(Value::boolean(true))
                  .defaultsTo(Value::boolean(true), sinceProviderMajor(6))
                  .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
