//===- AclsDisabled.cpp - AWS-S3-004 --------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"
#include "checks/aws/common/S3.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Every ownership rule must enforce bucket ownership (ACLs disabled);
/// no rule is the new-bucket default, BucketOwnerEnforced.
Evaluation cfnOwnership(const Subject &S) {
  Lookup L = aws::lookup(S, "OwnershipControls.Rules");
  if (L.Result == Lookup::State::Missing)
    return Evaluation::healthy();
  if (L.Result == Lookup::State::Unknown ||
      !L.Value->is(model::ValueKind::Array))
    return {Outcome::Unknown,
            L.Value,
            {"OwnershipControls"},
            "OwnershipControls is unknown"};
  static const PropertyRule Rule =
      property("ObjectOwnership")
          .mustEqual(Value::string("BucketOwnerEnforced"))
          .missingIsHealthy();
  std::vector<Evaluation> Parts{Evaluation::healthy()};
  for (const Value &R : L.Value->items()) {
    model::Resource One = S.Resource;
    One.Properties = R;
    Parts.push_back(Rule.evaluate({One, S.Unit}));
  }
  return aws::allOf(std::move(Parts));
}

Evaluation tfOwnership(const Subject &S) {
  static const PropertyRule Split =
      property("rule.object_ownership")
          .mustEqual(Value::string("BucketOwnerEnforced"))
          .missingIsUnhealthy();
  return aws::judgeSplit(S, "aws_s3_bucket_ownership_controls", Split,
                         std::nullopt, Evaluation::healthy());
}

/// CloudFormation: the ownership rules replaced by the one rule that
/// enforces bucket ownership (S3 takes exactly one rule, so nothing else is
/// lost). None while the bucket sets an ACL other than Private, such as a
/// log-delivery grant: with ACLs disabled it would fail to deploy, so
/// whether to move that access to a bucket policy is the user's call.
std::vector<FixIntent> enforceBucketOwner(const Subject &S, const Evaluation &,
                                          const Binding &) {
  const Value *Acl = S.Resource.Properties.get("AccessControl");
  if (Acl && !Acl->isNull() && !equalsInsensitive(*Acl, "Private").isTrue())
    return {};
  Value Rule = Value::object(
      {{"ObjectOwnership", {}, Value::string("BucketOwnerEnforced")}});
  return {{FixIntent::Action::Set, "OwnershipControls.Rules",
           Value::array({Rule})}};
}

} // namespace

const Check &s3AclsDisabled() {

  static const Check C =
      CheckBuilder("AWS-S3-004", __FILE__)
          .title("S3 buckets should disable ACLs (bucket owner enforced)")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .compliance("FSBP", "S3.12")
          .why("ACLs are a second, hard-to-audit permission system beside "
               "bucket and IAM policies.")
          .remediation("Keep ACLs disabled (BucketOwnerEnforced) and express "
                       "access in bucket and IAM policies")
          .reference("Checkov CKV2_AWS_65")
          .onCloudFormation({"AWS::S3::Bucket"}, cfnOwnership)
          .onTerraform("aws", {"aws_s3_bucket"}, tfOwnership)
          // Terraform sets ownership on aws_s3_bucket_ownership_controls
          // resources, not on the bucket: no fix there.
          .fix(FixAvailability::Sometimes, Applicability::Safe,
               enforceBucketOwner)
          .fixFor(Family::Terraform, nullptr)
          .fixTitle("Disable ACLs (bucket owner enforced)")
          .build();
  return C;
}

} // namespace rampart::checks
