//===- UniformBucketLevelAccess.cpp - GCP-GCS-001 -------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &storageUniformBucketLevelAccess() {
  static const Check C =
      CheckBuilder("GCP-GCS-001", __FILE__)
          .title("Cloud Storage buckets should enforce uniform bucket-level "
                 "access")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .compliance("CIS-GCP", "5.2")
          .why("Object ACLs create per-object grants that bucket IAM reviews "
               "do not see.")
          .remediation("Turn on uniform bucket-level access so IAM alone "
                       "decides; object ACLs stop applying, so check for "
                       "clients that rely on them")
          .reference("Checkov CKV_GCP_29")
          .reference("Trivy AVD-GCP-0002")
          // bucket_policy_only is the google provider 3.x name of the same
          // setting (removed in 4.0).
          .onTerraform("google", {"google_storage_bucket"},
                       property("uniform_bucket_level_access")
                           .alias("bucket_policy_only")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
