//===- BlobContainersPrivate.cpp - AZ-STORAGE-004 -------------------------===//
#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Engine.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

const Resource *findIgnoringCase(const model::DeploymentUnit &U,
                                 llvm::StringRef Id) {
  if (const Resource *R = U.Graph.find(Id))
    return R;
  for (const Resource &R : U.Graph.resources())
    if (llvm::StringRef(R.Id).equals_insensitive(Id))
      return &R;
  return nullptr;
}

// The container's account: up the parent edges (container, blobServices,
// account), or by the first segment of its name "account/default/name"
// when the template does not declare the blobServices resource.
const Resource *armAccountOf(const Subject &S) {
  if (const Resource *Blob = armParentOf(S.Unit, S.Resource))
    if (const Resource *Account = armParentOf(S.Unit, *Blob))
      return Account;
  if (!S.Resource.Name.is(model::ValueKind::String))
    return nullptr;
  llvm::StringRef Account = S.Resource.Name.asString().split('/').first;
  return findIgnoringCase(
      S.Unit, ("Microsoft.Storage/storageAccounts/" + Account).str());
}

// azurerm 4.x refers by storage_account_id; earlier versions by
// storage_account_name, which matches the account by name in the unit.
const Resource *terraformAccountOf(const Subject &S) {
  const Value &Props = S.Resource.Properties;
  for (const char *Key : {"storage_account_id", "storage_account_name"}) {
    Target T = resolveReference(S.Unit, Props.get(Key));
    if (T.Result == Target::State::Resolved)
      return T.Resource;
  }
  const Value *Name = Props.get("storage_account_name");
  if (!Name || !Name->is(model::ValueKind::String))
    return nullptr;
  for (const Resource *R :
       deployedOfType(S.Unit, {"azurerm_storage_account"})) {
    const Value *N = R->Properties.get("name");
    if (N && N->is(model::ValueKind::String) &&
        N->asString() == Name->asString())
      return R;
  }
  return nullptr;
}

// A public container is harmless on an account that disallows anonymous
// access: the account setting wins.
Evaluation privateUnlessAccountDisallows(const Subject &S,
                                         const PropertyRule &Container,
                                         const Resource *Account,
                                         const PropertyRule &Disallows) {
  Evaluation Own = Container.evaluate(S);
  if (Own.Result == Outcome::Healthy)
    return Own;
  // An `existing` account or a data source: its settings are not here.
  if (Account && !isDeployed(*Account))
    Account = nullptr;
  if (!Account) {
    if (Own.Result == Outcome::Unhealthy) {
      Own.Result = Outcome::Unknown;
      Own.Detail += ", and whether its storage account (not declared in "
                    "this unit) allows anonymous access is unknown";
    }
    return Own;
  }
  Evaluation OfAccount = Disallows.evaluate(Subject{*Account, S.Unit});
  if (OfAccount.Result == Outcome::Healthy)
    return OfAccount;
  if (OfAccount.Result == Outcome::Unknown && Own.Result == Outcome::Unhealthy)
    return {Outcome::Unknown,
            OfAccount.Where,
            {},
            Own.Detail + ", and whether storage account '" +
                resourceLabel(*Account) +
                "' allows anonymous access is unknown: " + OfAccount.Detail};
  if (Own.Result == Outcome::Unhealthy)
    Own.Detail += " on storage account '" + resourceLabel(*Account) +
                  "', which allows anonymous access";
  return Own;
}

Evaluation armContainerPrivate(const Subject &S) {
  static const PropertyRule Container = property("properties.publicAccess")
                                            .mustEqual(Value::string("None"))
                                            .defaultsTo(Value::string("None"));
  // As AZ-STORAGE-003 reads the account: false from apiVersion 2023-01-01,
  // unknown before.
  static const PropertyRule Disallows =
      property("properties.allowBlobPublicAccess")
          .mustEqual(Value::boolean(false))
          .defaultsTo(Value::boolean(false), sinceApiVersion("2023-01-01"));
  return privateUnlessAccountDisallows(S, Container, armAccountOf(S),
                                       Disallows);
}

Evaluation terraformContainerPrivate(const Subject &S) {
  static const PropertyRule Container =
      property("container_access_type")
          .mustEqual(Value::string("private"))
          .defaultsTo(Value::string("private"));
  // The account default differs between azurerm majors (true in 3.x and
  // 4.x, false in 5.x), so a missing value is unknown, as in AZ-STORAGE-003.
  static const PropertyRule Disallows =
      property("allow_nested_items_to_be_public")
          .alias("allow_blob_public_access")
          .mustEqual(Value::boolean(false));
  return privateUnlessAccountDisallows(S, Container, terraformAccountOf(S),
                                       Disallows);
}

} // namespace

const Check &storageBlobContainersPrivate() {
  static const Check C =
      CheckBuilder("AZ-STORAGE-004", __FILE__)
          .title("Blob containers should be private")
          .severity(Level::High)
          .control("Manage access and permissions")
          .compliance("MCSB", "NS-2")
          .why("A Blob or Container access level serves data to anyone who "
               "knows or guesses the URL, and Container also lets them list "
               "it.")
          .remediation("Set the container to private and hand out short-lived "
                       "SAS tokens, or put a CDN in front of a private origin")
          .reference("Checkov CKV_AZURE_34")
          .reference("Trivy AVD-AZU-0007")
          .onArm({"Microsoft.Storage/storageAccounts/blobServices/containers"},
                 armContainerPrivate)
          .onTerraform("azurerm", {"azurerm_storage_container"},
                       terraformContainerPrivate)
          // Suggested: whoever reads the container anonymously loses access.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setTo(Value::string("None")))
          .fixFor(Family::Terraform, setTo(Value::string("private")))
          .build();
  return C;
}

} // namespace rampart::checks
