//===- BlockPublicAccess.cpp - AWS-S3-001 ---------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Environment.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"
#include "checks/aws/common/S3.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// All four settings true; inside a declared configuration a missing one
/// is false.
std::vector<PropertyRule> allFour(llvm::ArrayRef<const char *> Names) {
  std::vector<PropertyRule> Rules;
  for (const char *N : Names)
    Rules.push_back(property(N)
                        .mustEqual(Value::boolean(true))
                        .defaultsTo(Value::boolean(false)));
  return Rules;
}

const char *const CfnNames[] = {
    "PublicAccessBlockConfiguration.BlockPublicAcls",
    "PublicAccessBlockConfiguration.BlockPublicPolicy",
    "PublicAccessBlockConfiguration.IgnorePublicAcls",
    "PublicAccessBlockConfiguration.RestrictPublicBuckets"};
const char *const TfNames[] = {"block_public_acls", "block_public_policy",
                               "ignore_public_acls", "restrict_public_buckets"};

/// No configuration: S3 blocks public access on every new bucket.
Evaluation cfnBlock(const Subject &S) {
  static const std::vector<PropertyRule> Rules = allFour(CfnNames);
  const Value *Config =
      S.Resource.Properties.get("PublicAccessBlockConfiguration");
  if (!Config || Config->isNull())
    return Evaluation::healthy();
  return aws::allRules(S, Rules);
}

/// An account-wide block with all four settings on covers every bucket:
/// one in the unit, or one the config's environment states.
bool accountBlocks(const model::DeploymentUnit &U) {
  if (check::environmentSays(U, "aws.s3_account_public_access_block"))
    return true;
  static const std::vector<PropertyRule> Rules = allFour(TfNames);
  for (const model::Resource *A :
       check::deployedOfType(U, {"aws_s3_account_public_access_block"}))
    if (aws::allRules({*A, U}, Rules).Result == Outcome::Healthy)
      return true;
  return false;
}

Evaluation tfBlock(const Subject &S) {
  static const std::vector<PropertyRule> Rules = allFour(TfNames);
  if (accountBlocks(S.Unit))
    return Evaluation::healthy();
  std::vector<Evaluation> Parts{Evaluation::healthy()};
  for (const model::Resource *B :
       aws::joinedTo(S.Unit, S.Resource, {"aws_s3_bucket_public_access_block"},
                     "bucket")) {
    Evaluation E = aws::allRules({*B, S.Unit}, Rules);
    if (E.Result != Outcome::Healthy && !E.Where)
      E.Where = &B->Properties;
    Parts.push_back(E);
  }
  return aws::allOf(std::move(Parts));
}

/// Whether a bucket policy of the unit may grant the public access that
/// blocking would cut off: some statement allows a public principal an s3
/// action, or cannot be judged.
bool policyMayBePublic(const Subject &S) {
  auto PublicS3 = [](const Value &Statement) -> Match {
    return {truthAnd(statementAllowsPublicPrincipal(Statement).T,
                     statementCoversService(Statement, "s3").T),
            nullptr,
            {}};
  };
  for (const model::Resource *P :
       aws::joinedTo(S.Unit, S.Resource, {"AWS::S3::BucketPolicy"}, "Bucket")) {
    const Value *Doc = P->Properties.get("PolicyDocument");
    if (Doc && !aws::policyHas(S.Unit, *Doc, PublicS3).isFalse())
      return true;
  }
  return false;
}

/// CloudFormation: every failing setting of the declared configuration set
/// to true. None when a bucket policy grants public access (the bucket is
/// public on purpose: blocking is the user's call), nor in Terraform, where
/// the settings are on aws_s3_bucket_public_access_block resources, not on
/// the bucket.
std::vector<FixIntent> blockAllFour(const Subject &S, const Evaluation &,
                                    const Binding &) {
  static const std::vector<PropertyRule> Rules = allFour(CfnNames);
  if (policyMayBePublic(S))
    return {};
  std::vector<FixIntent> Out;
  for (const PropertyRule &R : Rules)
    if (R.evaluate(S).Result == Outcome::Unhealthy)
      Out.push_back(
          {FixIntent::Action::Set, R.paths().front(), Value::boolean(true)});
  return Out;
}

} // namespace

const Check &s3BlockPublicAccess() {

  static const Check C =
      CheckBuilder("AWS-S3-001", __FILE__)
          .title("S3 buckets should block public access with all four settings")
          .severity(Level::High)
          .control("Manage access and permissions")
          .compliance("MCSB", "NS-2")
          .compliance("CIS-AWS", "2.1.5")
          .compliance("FSBP", "S3.8")
          .compliance("FSBP", "S3.1")
          .why("Block Public Access is the guard rail that stops a later ACL "
               "or policy change from exposing the bucket.")
          .remediation(
              "Keep all four Block Public Access settings on; serve public "
              "content through CloudFront with origin access control")
          .reference("Checkov CKV_AWS_53")
          .reference("Checkov CKV_AWS_54")
          .reference("Checkov CKV_AWS_55")
          .reference("Checkov CKV_AWS_56")
          .reference("Checkov CKV2_AWS_6")
          .reference("Trivy AVD-AWS-0086/0087/0091/0093/0094")
          .onCloudFormation({"AWS::S3::Bucket"}, cfnBlock)
          .onTerraform("aws", {"aws_s3_bucket"}, tfBlock)
          .fix(FixAvailability::Sometimes, Applicability::Safe, blockAllFour)
          .fixFor(Family::Terraform, nullptr)
          .fixTitle("Block public access with all four settings")
          .build();
  return C;
}

} // namespace rampart::checks
