//===- AccessLogging.cpp - AWS-S3-007 -------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"
#include "checks/aws/common/IsSet.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Whether some resource of the unit sends logs to this bucket: the
/// value at Path of a resource of Type refers to it.
bool isLogDestination(
    const Subject &S,
    llvm::ArrayRef<std::pair<llvm::StringRef, llvm::StringRef>> Sources) {
  for (const auto &[Type, Path] : Sources)
    for (const model::Resource *R : check::deployedOfType(S.Unit, {Type})) {
      if (R == &S.Resource)
        continue;
      Lookup L = lookupPath(R->Properties, Path, false);
      if (L.Value && L.Result != Lookup::State::Missing &&
          aws::refersTo(*L.Value, S.Resource.Id))
        return true;
    }
  return false;
}

/// CloudFormation load balancers name their log bucket in an attribute.
bool isLoadBalancerLogBucket(const Subject &S) {
  for (const model::Resource *R : check::deployedOfType(
           S.Unit, {"AWS::ElasticLoadBalancingV2::LoadBalancer"})) {
    Lookup L =
        aws::loadBalancerAttribute(R->Properties, "access_logs.s3.bucket");
    if (L.Value && L.Result != Lookup::State::Missing &&
        aws::refersTo(*L.Value, S.Resource.Id))
      return true;
  }
  return false;
}

Evaluation cfnLogging(const Subject &S) {
  static const Predicate Set =
      aws::mustBeSet("LoggingConfiguration.DestinationBucketName",
                     "LoggingConfiguration.DestinationBucketName is not set");
  if (isLogDestination(
          S, {{"AWS::S3::Bucket", "LoggingConfiguration.DestinationBucketName"},
              {"AWS::CloudTrail::Trail", "S3BucketName"},
              {"AWS::ElasticLoadBalancing::LoadBalancer",
               "AccessLoggingPolicy.S3BucketName"}}) ||
      isLoadBalancerLogBucket(S))
    return Evaluation::notApplicable();
  return Set(S);
}

Evaluation tfLogging(const Subject &S) {
  static const Predicate InlineSet = aws::mustBeSet(
      "logging.target_bucket", "logging.target_bucket is not set");
  static const Predicate SplitSet =
      aws::mustBeSet("target_bucket", "target_bucket is not set");
  if (isLogDestination(S, {{"aws_s3_bucket_logging", "target_bucket"},
                           {"aws_s3_bucket", "logging.target_bucket"},
                           {"aws_cloudtrail", "s3_bucket_name"},
                           {"aws_lb", "access_logs.bucket"},
                           {"aws_alb", "access_logs.bucket"},
                           {"aws_elb", "access_logs.bucket"}}))
    return Evaluation::notApplicable();
  std::vector<const model::Resource *> Split =
      aws::joinedTo(S.Unit, S.Resource, {"aws_s3_bucket_logging"}, "bucket");
  if (!Split.empty())
    return SplitSet({*Split.front(), S.Unit});
  const Value *Inline = S.Resource.Properties.get("logging");
  if (Inline && !Inline->isNull() &&
      !(Inline->is(model::ValueKind::Array) && Inline->items().empty()))
    return InlineSet(S);
  return {Outcome::Unhealthy,
          nullptr,
          {"logging"},
          "the bucket has no server access logging"};
}

} // namespace

const Check &s3AccessLogging() {
  // A bucket that receives logs in the unit (server access logs, CloudTrail,
  // load balancer access logs) is not judged.
  static const Check C =
      CheckBuilder("AWS-S3-007", __FILE__)
          .title("S3 buckets should have server access logging enabled")
          .severity(Level::Medium)
          .control("Enable auditing and logging")
          .compliance("MCSB", "LT-3")
          .compliance("FSBP", "S3.9")
          .why("Access logs show who read or changed objects, including "
               "anonymous requests; without them a leak leaves no trace.")
          .remediation("Log to a dedicated bucket that is not itself logged")
          .reference("Checkov CKV_AWS_18")
          .reference("Trivy AVD-AWS-0089")
          .onCloudFormation({"AWS::S3::Bucket"}, cfnLogging)
          .onTerraform("aws", {"aws_s3_bucket"}, tfLogging)
          // No automated fix: server access logging needs a target bucket,
          // which the user creates or names.
          .build();
  return C;
}

} // namespace rampart::checks
