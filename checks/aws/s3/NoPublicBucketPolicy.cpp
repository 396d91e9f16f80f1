//===- NoPublicBucketPolicy.cpp - AWS-S3-003 ------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"
#include "checks/aws/common/S3.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// A public principal (catalog §1.3) allowed some s3: action.
Match publicS3(const Value &Statement) {
  Match Public = statementAllowsPublicPrincipal(Statement);
  Match S3 = statementCoversService(Statement, "s3");
  Truth T = truthAnd(Public.T, S3.T);
  if (T == Truth::True)
    return {T, Public.Where, {}};
  if (T == Truth::Unknown)
    return Public.isUnknown() ? Public : S3;
  return {T, nullptr, {}};
}

constexpr llvm::StringLiteral PolicyDetail =
    "the bucket policy grants access to everyone";

Evaluation policyOf(const Subject &S, const model::Resource &R,
                    llvm::StringRef Path) {
  const Value *Doc = R.Properties.get(Path);
  if (!Doc)
    return Evaluation::healthy();
  return aws::policyWithout(S.Unit, *Doc, Path.str(), publicS3,
                            PolicyDetail.str());
}

/// A bucket: its inline policy (Terraform's deprecated `policy`) and every
/// policy resource joined to it.
Predicate bucketPolicies(llvm::StringRef PolicyType, llvm::StringRef BucketProp,
                         llvm::StringRef DocProp, llvm::StringRef InlineProp) {
  return [=](const Subject &S) {
    std::vector<Evaluation> Parts{Evaluation::healthy()};
    if (!InlineProp.empty())
      Parts.push_back(policyOf(S, S.Resource, InlineProp));
    for (const model::Resource *P :
         aws::joinedTo(S.Unit, S.Resource, {PolicyType}, BucketProp))
      Parts.push_back(policyOf(S, *P, DocProp));
    return aws::allOf(std::move(Parts));
  };
}

/// A policy resource whose bucket is not in the unit is judged alone.
Predicate orphanPolicy(llvm::StringRef BucketType, llvm::StringRef BucketProp,
                       llvm::StringRef DocProp) {
  return [=](const Subject &S) {
    for (const model::Resource *B : check::deployedOfType(S.Unit, {BucketType}))
      if (aws::joins(S.Unit, S.Resource, BucketProp, *B))
        return Evaluation::notApplicable();
    return policyOf(S, S.Resource, DocProp);
  };
}

} // namespace

const Check &s3NoPublicBucketPolicy() {

  static const Check C =
      CheckBuilder("AWS-S3-003", __FILE__)
          .title("S3 bucket policies should not grant access to everyone")
          .severity(Level::Critical)
          .control("Manage access and permissions")
          .compliance("MCSB", "NS-2")
          .compliance("FSBP", "S3.2")
          .compliance("FSBP", "S3.3")
          .why("A policy granting * makes the bucket public regardless of ACLs "
               "(and fails to apply when Block Public Access is on).")
          .remediation("Grant specific principals, or front the bucket with "
                       "CloudFront origin access control")
          .reference("Checkov CKV_AWS_70")
          .onCloudFormation({"AWS::S3::Bucket"},
                            bucketPolicies("AWS::S3::BucketPolicy", "Bucket",
                                           "PolicyDocument", ""))
          .onCloudFormation(
              {"AWS::S3::BucketPolicy"},
              orphanPolicy("AWS::S3::Bucket", "Bucket", "PolicyDocument"))
          .onTerraform("aws", {"aws_s3_bucket"},
                       bucketPolicies("aws_s3_bucket_policy", "bucket",
                                      "policy", "policy"))
          .onTerraform("aws", {"aws_s3_bucket_policy"},
                       orphanPolicy("aws_s3_bucket", "bucket", "policy"))
          .build();
  return C;
}

} // namespace rampart::checks
