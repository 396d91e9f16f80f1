//===- NoDefaultServiceAccountFullScope.cpp - GCP-COMPUTE-003 -------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/google/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

Match yes(const Value *Where) { return {Truth::True, Where, {}}; }
Match no(const Value *Where) { return {Truth::False, Where, {}}; }

/// The default compute service account: no email (the API picks it),
/// "default" (the Compute API's spelling for it), its address
/// PROJECT_NUMBER-compute@developer.gserviceaccount.com, or the email of a
/// `google_compute_default_service_account` data source.
Match isDefaultAccount(const Value *Email, const model::DeploymentUnit &U) {
  if (!Email || Email->isNull())
    return yes(nullptr);
  if (Email->is(ValueKind::String)) {
    llvm::StringRef S = Email->asString();
    return {fromBool(S == "default" ||
                     S.endswith("-compute@developer.gserviceaccount.com")),
            Email,
            {}};
  }
  if (Email->isKnown())
    return no(Email);
  if (const model::Resource *R = U.Graph.find(Email->refersTo())) {
    if (R->Type == "google_compute_default_service_account")
      return yes(Email);
    if (R->Type == "google_service_account" && !R->Existing)
      return no(Email); // an account this configuration creates
  }
  return {Truth::Unknown, Email, {}};
}

/// `scopes` holds cloud-platform, the scope that lets the account call
/// every API its roles allow. Where is that scope.
Match hasFullScope(const Value *Scopes) {
  if (!Scopes || Scopes->isNull())
    return no(nullptr);
  if (!Scopes->isKnown())
    return {Truth::Unknown, Scopes, {}};
  if (!Scopes->is(ValueKind::Array))
    return no(Scopes);
  Match Any = no(Scopes);
  for (const Value &S : Scopes->items()) {
    if (!S.isKnown()) {
      if (!Any.isUnknown())
        Any = {Truth::Unknown, &S, {}};
      continue;
    }
    if (S.is(ValueKind::String) &&
        (S.asString() == "cloud-platform" ||
         S.asString() == "https://www.googleapis.com/auth/cloud-platform"))
      return yes(&S);
  }
  return Any;
}

std::string describeAccount(const Value *Email) {
  if (!Email || Email->isNull())
    return "the default compute service account (no email)";
  if (Email->is(ValueKind::String))
    return "the default compute service account " +
           google::quoted(Email->asString());
  return "the default compute service account (email = " +
         Email->asString().str() + ")";
}

Evaluation defaultAccountWithFullScope(const Subject &S) {
  const Value *Accounts = S.Resource.Properties.get("service_account");
  if (!Accounts || Accounts->isNull())
    return Evaluation::healthy(); // no identity at all
  if (!Accounts->isKnown())
    return google::unknownOutcome({Truth::Unknown, Accounts, {}},
                                  "service_account");
  llvm::ArrayRef<Value> Blocks = Accounts->is(ValueKind::Array)
                                     ? Accounts->items()
                                     : llvm::makeArrayRef(*Accounts);
  std::optional<Evaluation> Unknown;
  for (const Value &Block : Blocks) {
    if (!Block.isKnown()) {
      if (!Unknown)
        Unknown = google::unknownOutcome({Truth::Unknown, &Block, {}},
                                         "service_account");
      continue;
    }
    const Value *Email = Block.get("email");
    Match Default = isDefaultAccount(Email, S.Unit);
    Match Full = hasFullScope(Block.get("scopes"));
    if (Default.isFalse() || Full.isFalse())
      continue;
    if (Default.isTrue() && Full.isTrue())
      return {Outcome::Unhealthy,
              Full.Where,
              {"service_account.scopes"},
              "runs as " + describeAccount(Email) +
                  " with the cloud-platform scope"};
    if (!Unknown)
      Unknown = Default.isUnknown()
                    ? google::unknownOutcome(Default, "service_account.email")
                    : google::unknownOutcome(Full, "service_account.scopes");
  }
  return Unknown ? *Unknown : Evaluation::healthy();
}

} // namespace

const Check &computeNoDefaultServiceAccountFullScope() {
  static const Check C =
      CheckBuilder("GCP-COMPUTE-003", __FILE__)
          .title("Instances should not run as the default compute service "
                 "account with full API scope")
          .severity(Level::High)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .compliance("CIS-GCP", "4.1")
          .compliance("CIS-GCP", "4.2")
          .why("The default compute service account usually holds Editor on "
               "the project; with the cloud-platform scope, anything running "
               "on the VM can use those rights.")
          .remediation("Create a dedicated service account with the roles the "
                       "workload needs and attach it instead")
          .reference("Checkov CKV_GCP_30, CKV_GCP_31")
          .reference("Trivy AVD-GCP-0044")
          .onTerraform(
              "google",
              {"google_compute_instance", "google_compute_instance_template"},
              defaultAccountWithFullScope)
          // No automated fix: the dedicated service account and its roles are
          // new resources the user defines.
          .build();
  return C;
}

} // namespace rampart::checks
