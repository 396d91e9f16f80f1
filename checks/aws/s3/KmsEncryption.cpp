//===- KmsEncryption.cpp - AWS-S3-006 -------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"
#include "checks/aws/common/S3.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

std::optional<bool> kmsAlgorithm(const Value &Algorithm) {
  for (llvm::StringRef Kms : {"aws:kms", "aws:kms:dsse"}) {
    Match M = equalsInsensitive(Algorithm, Kms);
    if (M.isUnknown())
      return std::nullopt;
    if (M.isTrue())
      return true;
  }
  return false;
}

/// Every rule must use a KMS algorithm; missing configuration is SSE-S3.
Evaluation cfnKms(const Subject &S) {
  const Value *Rules =
      aws::lookup(S, "BucketEncryption.ServerSideEncryptionConfiguration")
          .Value;
  Lookup L =
      aws::lookup(S, "BucketEncryption.ServerSideEncryptionConfiguration");
  if (L.Result == Lookup::State::Missing)
    return {Outcome::Unhealthy,
            nullptr,
            {"BucketEncryption"},
            "BucketEncryption is not set (S3 applies SSE-S3, AES256)"};
  if (L.Result == Lookup::State::Unknown || !Rules->is(model::ValueKind::Array))
    return {Outcome::Unknown,
            Rules,
            {"BucketEncryption"},
            "BucketEncryption is unknown"};
  static const PropertyRule Rule =
      property("ServerSideEncryptionByDefault.SSEAlgorithm")
          .must(kmsAlgorithm, "aws:kms or aws:kms:dsse")
          .defaultsTo(Value::string("AES256"));
  std::vector<Evaluation> Parts;
  for (const Value &R : Rules->items()) {
    model::Resource One = S.Resource;
    One.Properties = R;
    Evaluation E = Rule.evaluate({One, S.Unit});
    if (E.Result != Outcome::Healthy && !E.Where)
      E.Where = &R;
    Parts.push_back(E);
  }
  return aws::allOf(std::move(Parts));
}

Evaluation tfKms(const Subject &S) {
  static const PropertyRule Split =
      property("rule.apply_server_side_encryption_by_default.sse_algorithm")
          .must(kmsAlgorithm, "aws:kms or aws:kms:dsse")
          .defaultsTo(Value::string("AES256"));
  static const std::optional<PropertyRule> Inline =
      property("server_side_encryption_configuration.rule."
               "apply_server_side_encryption_by_default.sse_algorithm")
          .must(kmsAlgorithm, "aws:kms or aws:kms:dsse")
          .defaultsTo(Value::string("AES256"));
  return aws::judgeSplit(
      S, "aws_s3_bucket_server_side_encryption_configuration", Split, Inline,
      {Outcome::Unhealthy,
       nullptr,
       {"server_side_encryption_configuration"},
       "the bucket has no KMS encryption configuration (S3 applies SSE-S3, "
       "AES256)"});
}

} // namespace

const Check &s3KmsEncryption() {

  static const Check C =
      CheckBuilder("AWS-S3-006", __FILE__)
          .title("S3 buckets should be encrypted with AWS KMS keys")
          .severity(Level::Low)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-5")
          .why("SSE-S3 encrypts data but gives no key policy, no separate "
               "audit trail of decryptions and no way to revoke access "
               "independently of S3 permissions.")
          .remediation("Use SSE-KMS with a customer-managed key and S3 Bucket "
                       "Keys to limit KMS cost")
          .reference("Checkov CKV_AWS_145")
          .reference("Trivy AVD-AWS-0132")
          .onCloudFormation({"AWS::S3::Bucket"}, cfnKms)
          .onTerraform("aws", {"aws_s3_bucket"}, tfKms)
          // No automated fix: SSE-KMS needs a customer-managed key ARN, which
          // the user creates or names.
          .build();
  return C;
}

} // namespace rampart::checks
