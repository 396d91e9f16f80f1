//===- RequireTls.cpp - AWS-S3-005 ----------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Whether a list (or single value) holds one of Texts, ignoring case.
Truth holdsAny(const Value *V, std::initializer_list<llvm::StringRef> Texts) {
  if (!V)
    return Truth::False;
  if (!V->is(model::ValueKind::Array)) {
    Truth T = Truth::False;
    for (llvm::StringRef X : Texts)
      T = truthOr(T, equalsInsensitive(*V, X).T);
    return T;
  }
  Truth T = Truth::False;
  for (const Value &I : V->items())
    T = truthOr(T, holdsAny(&I, Texts));
  return T;
}

/// The condition refuses plain HTTP (Bool/BoolIfExists aws:SecureTransport
/// false) or TLS below 1.2 (NumericLessThan s3:TlsVersion 1.2).
Truth refusesInsecure(const Value *Condition) {
  if (!Condition || !Condition->isKnown() ||
      !Condition->is(model::ValueKind::Object))
    return Condition && !Condition->isKnown() ? Truth::Unknown : Truth::False;
  Truth T = Truth::False;
  for (const model::Member &Op : Condition->members()) {
    llvm::StringRef Name = Op.Key;
    if (!Op.V.is(model::ValueKind::Object))
      continue;
    for (const model::Member &K : Op.V.members()) {
      if ((Name == "Bool" || Name == "BoolIfExists") &&
          llvm::StringRef(K.Key).equals_insensitive("aws:SecureTransport"))
        T = truthOr(T, holdsAny(&K.V, {"false"}));
      if (Name == "NumericLessThan" &&
          llvm::StringRef(K.Key).equals_insensitive("s3:TlsVersion"))
        T = truthOr(T, holdsAny(&K.V, {"1.2"}));
      if (Name == "Bool" || Name == "BoolIfExists")
        if (K.V.is(model::ValueKind::Bool) && !K.V.asBool() &&
            llvm::StringRef(K.Key).equals_insensitive("aws:SecureTransport"))
          T = Truth::True;
    }
  }
  return T;
}

/// Deny, principal everyone, actions s3:* or *, refusing insecure
/// transport. The statement's Resource is not compared with the bucket.
Match deniesInsecureTransport(const Value &Statement) {
  if (!Statement.isKnown() || !Statement.is(model::ValueKind::Object))
    return {Truth::Unknown, &Statement, {}};
  Truth Deny =
      equalsInsensitive(
          Statement.get("Effect") ? *Statement.get("Effect") : Value(), "Deny")
          .T;
  const Value *Principal = Statement.get("Principal");
  Truth Everyone = Principal ? principalIsPublic(*Principal).T : Truth::False;
  Truth AllS3 = holdsAny(Statement.get("Action"), {"s3:*", "*"});
  Truth T =
      truthAnd(truthAnd(Deny, Everyone),
               truthAnd(AllS3, refusesInsecure(Statement.get("Condition"))));
  return {T, &Statement, {}};
}

Evaluation policyRequiresTls(const model::DeploymentUnit &U,
                             const model::Resource &Policy,
                             llvm::StringRef DocProp) {
  const Value *Doc = Policy.Properties.get(DocProp);
  if (!Doc || Doc->isNull())
    return {
        Outcome::Unhealthy, nullptr, {}, "no bucket policy refuses plain HTTP"};
  // A policy without the statement is unhealthy: judge "no statement
  // refuses insecure transport".
  Evaluation E =
      aws::policyWithout(U, *Doc, DocProp.str(), deniesInsecureTransport, "");
  if (E.Result == Outcome::Unhealthy)
    return Evaluation::healthy();
  if (E.Result == Outcome::Healthy)
    return {Outcome::Unhealthy,
            Doc,
            {DocProp.str()},
            "the bucket policy has no statement that denies requests "
            "without TLS (aws:SecureTransport false)"};
  return E;
}

Predicate tlsRequired(llvm::StringRef PolicyType, llvm::StringRef BucketProp,
                      llvm::StringRef DocProp, llvm::StringRef InlineProp) {
  return [=](const Subject &S) -> Evaluation {
    std::vector<const model::Resource *> Policies =
        aws::joinedTo(S.Unit, S.Resource, {PolicyType}, BucketProp);
    std::optional<Evaluation> Best;
    if (!InlineProp.empty() && S.Resource.Properties.get(InlineProp) &&
        !S.Resource.Properties.get(InlineProp)->isNull())
      Best = policyRequiresTls(S.Unit, S.Resource, InlineProp);
    for (const model::Resource *P : Policies) {
      Evaluation E = policyRequiresTls(S.Unit, *P, DocProp);
      if (!Best || E.Result == Outcome::Healthy ||
          (E.Result == Outcome::Unknown && Best->Result == Outcome::Unhealthy))
        Best = E;
    }
    if (Best && Best->Result == Outcome::Healthy)
      return *Best;
    if (Best)
      return *Best;
    return {Outcome::Unhealthy,
            nullptr,
            {},
            "no bucket policy refuses requests without TLS"};
  };
}

} // namespace

const Check &s3RequireTls() {
  // The deny statement's Resource is not compared with the bucket's ARNs.
  static const Check C =
      CheckBuilder("AWS-S3-005", __FILE__)
          .title("S3 buckets should require TLS for all requests with a bucket "
                 "policy")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("CIS-AWS", "2.1.2")
          .compliance("FSBP", "S3.5")
          .why("S3 still accepts plain HTTP unless a policy refuses it.")
          .remediation("Add the standard statement denying s3:* to everyone "
                       "when aws:SecureTransport is false")
          .onCloudFormation({"AWS::S3::Bucket"},
                            tlsRequired("AWS::S3::BucketPolicy", "Bucket",
                                        "PolicyDocument", ""))
          .onTerraform(
              "aws", {"aws_s3_bucket"},
              tlsRequired("aws_s3_bucket_policy", "bucket", "policy", "policy"))
          // No automated fix: the deny statement goes into a policy document's
          // statement list or a new policy resource.
          .build();
  return C;
}

} // namespace rampart::checks
