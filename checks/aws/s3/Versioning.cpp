//===- Versioning.cpp - AWS-S3-008 ----------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"
#include "checks/aws/common/S3.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

Evaluation tfVersioning(const Subject &S) {
  static const PropertyRule Split = property("versioning_configuration.status")
                                        .mustEqual(Value::string("Enabled"))
                                        .missingIsUnhealthy();
  static const std::optional<PropertyRule> Inline =
      property("versioning.enabled")
          .mustEqual(Value::boolean(true))
          .defaultsTo(Value::boolean(false));
  return aws::judgeSplit(S, "aws_s3_bucket_versioning", Split, Inline,
                         {Outcome::Unhealthy,
                          nullptr,
                          {"versioning"},
                          "the bucket has no aws_s3_bucket_versioning with "
                          "status Enabled"});
}

/// Terraform: the deprecated inline versioning block turned on. A bucket
/// versioned through aws_s3_bucket_versioning, or not at all, gets no fix:
/// the setting is on another resource, or needs a new one.
std::vector<FixIntent> tfEnableInlineVersioning(const Subject &,
                                                const Evaluation &E,
                                                const Binding &) {
  if (E.Path.empty() || E.Path.front() != "versioning.enabled")
    return {};
  return {{FixIntent::Action::Set, E.Path.front(), Value::boolean(true)}};
}

} // namespace

const Check &s3Versioning() {

  static const Check C =
      CheckBuilder("AWS-S3-008", __FILE__)
          .title("S3 buckets should have versioning enabled")
          .severity(Level::Low)
          .control("Implement security best practices")
          .compliance("MCSB", "BR-1")
          .why("Without versioning, overwrites, deletions and ransomware-style "
               "encryption of objects cannot be undone.")
          .remediation("Enable versioning with a lifecycle rule that expires "
                       "old versions")
          .reference("Checkov CKV_AWS_21")
          .reference("Trivy AVD-AWS-0090")
          .onCloudFormation({"AWS::S3::Bucket"},
                            property("VersioningConfiguration.Status")
                                .mustEqual(Value::string("Enabled"))
                                .missingIsUnhealthy())
          .onTerraform("aws", {"aws_s3_bucket"}, tfVersioning)
          .fix(FixAvailability::Sometimes, Applicability::Safe, setToExpected())
          .fixFor(Family::Terraform, tfEnableInlineVersioning)
          .build();
  return C;
}

} // namespace rampart::checks
