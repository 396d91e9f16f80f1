//===- NoPublicBucketAccess.cpp - GCP-GCS-002 -----------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Engine.h"
#include "checks/google/common/Common.h"

#include "llvm/ADT/STLExtras.h"

#include <nlohmann/json.hpp>

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

/// The resources that grant access to a bucket, and the argument that names
/// who gets it.
struct GrantKind {
  llvm::StringLiteral Type;
  llvm::StringLiteral Grantee;
};
constexpr GrantKind GrantKinds[] = {
    {"google_storage_bucket_iam_member", "member"},
    {"google_storage_bucket_iam_binding", "members"},
    {"google_storage_bucket_iam_policy", "policy_data"},
    {"google_storage_bucket_access_control", "entity"},
    {"google_storage_default_object_access_control", "entity"},
};

const GrantKind *grantKindOf(const Resource &R) {
  for (const GrantKind &K : GrantKinds)
    if (R.Type == K.Type)
      return &K;
  return nullptr;
}

bool deployed(const Resource &R) {
  return !R.Existing && !(R.Condition && R.Condition->is(ValueKind::Bool) &&
                          !R.Condition->asBool());
}

Match matchYes(const Value *Where) { return {Truth::True, Where, {}}; }
Match matchNo(const Value *Where) { return {Truth::False, Where, {}}; }
Match matchUnknownAt(const Value *Where, std::string Reason = {}) {
  return {Truth::Unknown, Where, std::move(Reason)};
}

/// Kleene "or": the first True, else the first Unknown.
Match either(const Match &A, const Match &B) {
  if (A.isTrue() || (A.isUnknown() && !B.isTrue()))
    return A;
  return B;
}

bool isPublicPrincipal(llvm::StringRef S) {
  return S == "allUsers" || S == "allAuthenticatedUsers";
}

/// An IAM member, a list of members or an ACL entity names everyone. Where
/// is the public member.
Match namesPublic(const Value &V) {
  if (!V.isKnown())
    return matchUnknownAt(&V);
  if (V.is(ValueKind::String))
    return isPublicPrincipal(V.asString()) ? matchYes(&V) : matchNo(&V);
  if (!V.is(ValueKind::Array))
    return matchNo(&V);
  Match Any = matchNo(&V);
  for (const Value &Item : V.items())
    Any = either(Any, namesPublic(Item));
  return Any;
}

/// A policy document as JSON text: some `bindings[].members` names
/// everyone. Where is the text (its parts have no positions of their own).
Match policyTextNamesPublic(const Value &Text) {
  nlohmann::json Doc = nlohmann::json::parse(Text.asString().str(), nullptr,
                                             /*allow_exceptions=*/false);
  if (Doc.is_discarded() || !Doc.is_object())
    return matchUnknownAt(&Text, "policy_data is not a JSON object");
  auto Bindings = Doc.find("bindings");
  if (Bindings == Doc.end() || !Bindings->is_array())
    return matchNo(&Text);
  for (const nlohmann::json &B : *Bindings) {
    if (!B.is_object() || !B.contains("members") || !B["members"].is_array())
      continue;
    for (const nlohmann::json &M : B["members"])
      if (M.is_string() && isPublicPrincipal(M.get<std::string>()))
        return matchYes(&Text);
  }
  return matchNo(&Text);
}

/// A `google_iam_policy` data source in the unit: some `binding.members`
/// names everyone.
Match policySourceNamesPublic(const Resource &Source) {
  const Value *Bindings = Source.Properties.get("binding");
  if (!Bindings || Bindings->isNull())
    return matchNo(nullptr);
  if (!Bindings->isKnown())
    return matchUnknownAt(Bindings);
  if (!Bindings->is(ValueKind::Array))
    return matchNo(Bindings);
  Match Any = matchNo(Bindings);
  for (const Value &B : Bindings->items()) {
    if (!B.isKnown()) {
      Any = either(Any, matchUnknownAt(&B));
      continue;
    }
    if (const Value *Members = B.get("members"))
      Any = either(Any, namesPublic(*Members));
  }
  return Any;
}

/// `policy_data`: JSON text, or the `policy_data` of a `google_iam_policy`
/// data source of the unit.
Match policyNamesPublic(const Value &Policy, const model::DeploymentUnit &U) {
  if (Policy.is(ValueKind::String))
    return policyTextNamesPublic(Policy);
  if (Policy.is(ValueKind::Expression) && !Policy.refersTo().empty())
    if (const Resource *Source = U.Graph.find(Policy.refersTo());
        Source && Source->Type == "google_iam_policy")
      return policySourceNamesPublic(*Source);
  if (!Policy.isKnown())
    return matchUnknownAt(&Policy);
  return matchNo(&Policy);
}

/// Whether Grant's `bucket` is Bucket: it refers to the bucket (an edge of
/// the graph), or names it by its literal name.
Match grantTargets(const model::DeploymentUnit &U, const Resource &Grant,
                   const Resource &Bucket) {
  bool RefersToOtherBucket = false;
  for (const model::Edge &E : U.Graph.edges()) {
    if (E.From != Grant.Id || E.Kind == model::EdgeKind::DependsOn)
      continue;
    if (E.To == Bucket.Id)
      return matchYes(nullptr);
    const Resource *To = U.Graph.find(E.To);
    RefersToOtherBucket |= To && To->Type == Bucket.Type;
  }
  const Value *Named = Grant.Properties.get("bucket");
  if (!Named || Named->isNull() || RefersToOtherBucket)
    return matchNo(Named);
  if (!Named->isKnown())
    return Named->refersTo().empty() ? matchUnknownAt(Named) : matchNo(Named);
  if (!Named->is(ValueKind::String))
    return matchNo(Named);
  const Value *Name = Bucket.Properties.get("name");
  if (!Name || !Name->isKnown())
    return matchUnknownAt(Name ? Name : Named);
  return Name->is(ValueKind::String) && Name->asString() == Named->asString()
             ? matchYes(Named)
             : matchNo(Named);
}

/// A grant of the unit to this bucket that names everyone, and which.
struct PublicGrant {
  Match M = matchNo(nullptr);
  const Resource *Grant = nullptr;
  std::string Argument;
};

PublicGrant publicGrantTo(const Subject &S) {
  PublicGrant Found;
  for (const Resource &R : S.Unit.Graph.resources()) {
    const GrantKind *Kind = grantKindOf(R);
    if (!Kind || !deployed(R))
      continue;
    Match Targets = grantTargets(S.Unit, R, S.Resource);
    if (Targets.isFalse())
      continue;
    const Value *Grantee = R.Properties.get(Kind->Grantee);
    if (!Grantee || Grantee->isNull())
      continue;
    Match Public = Kind->Grantee == "policy_data"
                       ? policyNamesPublic(*Grantee, S.Unit)
                       : namesPublic(*Grantee);
    if (Public.isFalse())
      continue;
    // Sure only when both are: an unknown bucket or grantee makes it unknown.
    Match Both = Targets.isUnknown() ? Targets : Public;
    PublicGrant Candidate{Both, &R,
                          Targets.isUnknown() ? "bucket" : Kind->Grantee.str()};
    if (Both.isTrue())
      return Candidate;
    if (!Found.M.isUnknown())
      Found = Candidate;
  }
  return Found;
}

std::string grantName(const PublicGrant &G) {
  return G.Grant->Type + " " + google::quoted(resourceLabel(*G.Grant));
}

Evaluation bucketNotPublic(const Subject &S) {
  PublicGrant G = publicGrantTo(S);
  if (G.M.isFalse())
    return Evaluation::healthy();
  // Public access prevention makes the grant fail; missing is "inherited",
  // which enforces nothing by itself.
  Lookup Prevention = google::lookup(S, "public_access_prevention");
  Match Enforced = Prevention.Result == Lookup::State::Missing
                       ? matchNo(nullptr)
                       : equalsInsensitive(*Prevention.Value, "enforced");
  if (Enforced.isTrue())
    return Evaluation::healthy();
  if (G.M.isUnknown()) {
    Evaluation E =
        google::unknownOutcome(G.M, G.Argument + " of " + grantName(G));
    E.Path.clear(); // the path is in the grant, not in the bucket
    return E;
  }
  if (Enforced.isUnknown())
    return google::unknownOutcome(Enforced, "public_access_prevention");
  std::string Who = G.M.Where && G.M.Where->is(ValueKind::String) &&
                            isPublicPrincipal(G.M.Where->asString())
                        ? google::quoted(G.M.Where->asString())
                        : "allUsers or allAuthenticatedUsers";
  return {Outcome::Unhealthy,
          G.M.Where,
          {},
          grantName(G) + " grants access to " + Who +
              ", and public_access_prevention is not 'enforced'"};
}

} // namespace

const Check &storageNoPublicBucketAccess() {
  static const Check C =
      CheckBuilder("GCP-GCS-002", __FILE__)
          .title("Cloud Storage buckets should not grant access to allUsers "
                 "or allAuthenticatedUsers")
          .severity(Level::Critical)
          .control("Manage access and permissions")
          .compliance("MCSB", "NS-2")
          .compliance("CIS-GCP", "5.1")
          .why("Public principals expose every object of the bucket to the "
               "internet: allAuthenticatedUsers is anyone with a Google "
               "account, not only your organization.")
          .remediation("Remove the public principals, set public access "
                       "prevention to enforced, and serve public assets "
                       "through a load balancer with Cloud CDN")
          .reference("Checkov CKV_GCP_28")
          .reference("Trivy AVD-GCP-0001")
          .onTerraform("google", {"google_storage_bucket"}, bucketNotPublic)
          .build();
  return C;
}

} // namespace rampart::checks
