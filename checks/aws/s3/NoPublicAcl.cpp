//===- NoPublicAcl.cpp - AWS-S3-002 ---------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"
#include "checks/aws/common/S3.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

const char *const AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
const char *const AuthenticatedUsers =
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

Evaluation cfnAcl(const Subject &S) {
  static const PropertyRule Rule =
      property("AccessControl")
          .mustNotBeOneOf({Value::string("PublicRead"),
                           Value::string("PublicReadWrite"),
                           Value::string("AuthenticatedRead")})
          .missingIsHealthy();
  Evaluation E = Rule.evaluate(S);
  if (E.Result == Outcome::Unhealthy)
    E.Detail += " (the bucket also fails to deploy unless OwnershipControls "
                "re-enables ACLs)";
  return E;
}

const PropertyRule &tfCannedAcl() {
  static const PropertyRule Canned =
      property("acl")
          .mustNotBeOneOf({Value::string("public-read"),
                           Value::string("public-read-write"),
                           Value::string("authenticated-read")})
          .missingIsHealthy();
  return Canned;
}

/// Grants to the AllUsers/AuthenticatedUsers groups.
Evaluation tfGrantsOf(const model::Resource &R) {
  std::vector<Evaluation> Parts{Evaluation::healthy()};
  Lookup Grants =
      lookupPath(R.Properties, "access_control_policy.grant", false);
  if (Grants.Result == Lookup::State::Unknown)
    Parts.push_back({Outcome::Unknown,
                     Grants.Value,
                     {"access_control_policy"},
                     "access_control_policy is unknown"});
  if (Grants.Result == Lookup::State::Found &&
      Grants.Value->is(model::ValueKind::Array))
    for (const Value &G : Grants.Value->items()) {
      Lookup Uri = lookupPath(G, "grantee.uri", false);
      if (Uri.Result == Lookup::State::Missing)
        continue;
      if (Uri.Result == Lookup::State::Unknown) {
        Parts.push_back({Outcome::Unknown,
                         Uri.Value,
                         {"access_control_policy"},
                         "a grantee is unknown"});
        continue;
      }
      Truth Public =
          truthOr(valueEquals(*Uri.Value, Value::string(AllUsers)).T,
                  valueEquals(*Uri.Value, Value::string(AuthenticatedUsers)).T);
      if (Public == Truth::True)
        Parts.push_back(
            {Outcome::Unhealthy,
             Uri.Value,
             {"access_control_policy"},
             "the ACL grants access to " + describeValue(*Uri.Value)});
    }
  return aws::allOf(std::move(Parts));
}

/// A canned ACL or a grant to the AllUsers/AuthenticatedUsers groups.
Evaluation tfAclOf(const model::Resource &R, const model::DeploymentUnit &U) {
  return aws::allOf({tfCannedAcl().evaluate({R, U}), tfGrantsOf(R)});
}

Evaluation tfBucket(const Subject &S) {
  std::vector<Evaluation> Parts{tfAclOf(S.Resource, S.Unit)};
  for (const model::Resource *A :
       aws::joinedTo(S.Unit, S.Resource, {"aws_s3_bucket_acl"}, "bucket"))
    Parts.push_back(tfAclOf(*A, S.Unit));
  return aws::allOf(std::move(Parts));
}

/// An ACL resource whose bucket is not in the unit is judged alone.
Evaluation tfOrphanAcl(const Subject &S) {
  for (const model::Resource *B :
       check::deployedOfType(S.Unit, {"aws_s3_bucket"}))
    if (aws::joins(S.Unit, S.Resource, "bucket", *B))
      return Evaluation::notApplicable();
  return tfAclOf(S.Resource, S.Unit);
}

/// Terraform: a public canned acl of this resource set to private. None
/// when anything else keeps the resource public: a grant (a list element)
/// or an ACL resource joined to the bucket (another resource).
std::vector<FixIntent> tfPrivateAcl(const Subject &S, const Evaluation &,
                                    const Binding &) {
  for (const model::Resource *A :
       aws::joinedTo(S.Unit, S.Resource, {"aws_s3_bucket_acl"}, "bucket"))
    if (tfAclOf(*A, S.Unit).Result == Outcome::Unhealthy)
      return {};
  if (tfCannedAcl().evaluate(S).Result != Outcome::Unhealthy ||
      tfGrantsOf(S.Resource).Result == Outcome::Unhealthy)
    return {};
  return {{FixIntent::Action::Set, "acl", Value::string("private")}};
}

} // namespace

const Check &s3NoPublicAcl() {

  static const Check C =
      CheckBuilder("AWS-S3-002", __FILE__)
          .title("S3 buckets should not grant public access through ACLs")
          .severity(Level::Critical)
          .control("Manage access and permissions")
          .compliance("MCSB", "NS-2")
          .compliance("FSBP", "S3.2")
          .compliance("FSBP", "S3.3")
          .why("Canned public ACLs make every object readable (or writable) by "
               "anyone.")
          .remediation("Remove the ACL, keep the bucket owner enforced, and "
                       "publish through CloudFront")
          .reference("Checkov CKV_AWS_20")
          .reference("Checkov CKV_AWS_57")
          .reference("Checkov CKV2_AWS_43")
          .reference("Trivy AVD-AWS-0092")
          .onCloudFormation({"AWS::S3::Bucket"}, cfnAcl)
          .onTerraform("aws", {"aws_s3_bucket"}, tfBucket)
          .onTerraform("aws", {"aws_s3_bucket_acl"}, tfOrphanAcl)
          // Set rather than removed: an explicit private ACL replaces the
          // public one of an existing bucket, where a removed (computed) one
          // may be left in place.
          .fix(FixAvailability::Sometimes, Applicability::Safe,
               setTo(Value::string("Private")))
          .fixFor(Family::Terraform, tfPrivateAcl)
          .build();
  return C;
}

} // namespace rampart::checks
