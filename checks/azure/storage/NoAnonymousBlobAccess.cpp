//===- NoAnonymousBlobAccess.cpp - AZ-STORAGE-003 -------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Relations.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// Whether a container the unit declares is, or may be, public: the
// container level a property sets, where Private is the private one.
bool mayBePublic(const model::Resource &Container, const char *Level,
                 llvm::StringRef Private) {
  Lookup L = lookupPath(Container.Properties, Level,
                        Container.TheDialect != Dialect::Terraform);
  return L.Result == Lookup::State::Unknown ||
         (L.Result == Lookup::State::Found &&
          !equalsInsensitive(*L.Value, Private).isTrue());
}

bool unitMayServePublicBlobs(const model::DeploymentUnit &U) {
  for (const model::Resource *C : deployedOfType(
           U, {"Microsoft.Storage/storageAccounts/blobServices/containers"}))
    if (mayBePublic(*C, "properties.publicAccess", "None"))
      return true;
  for (const model::Resource *C :
       deployedOfType(U, {"azurerm_storage_container"}))
    if (mayBePublic(*C, "container_access_type", "private"))
      return true;
  return false;
}

// Turning the switch off stops a container the unit makes public on
// purpose from serving its blobs: that is the user's call, so there is no
// safe fix then.
std::vector<FixIntent> disallowAnonymousAccess(const Subject &S,
                                               const Evaluation &E,
                                               const Binding &B) {
  if (unitMayServePublicBlobs(S.Unit))
    return {};
  return setToExpected()(S, E, B);
}

} // namespace

const Check &storageNoAnonymousBlobAccess() {
  static const Check C =
      CheckBuilder("AZ-STORAGE-003", __FILE__)
          .title("Storage accounts should disallow anonymous blob access")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "NS-2")
          .compliance("CIS-Azure", "3.7")
          .why("While the account-level switch allows anonymous access, "
               "anyone with write access to a container can make its blobs "
               "world-readable with one setting.")
          .remediation("Turn anonymous blob access off and move content that "
                       "must be public into a dedicated account or behind a "
                       "CDN with signed URLs")
          .reference("Policy: Storage account public access should be "
                     "disallowed")
          .reference("Checkov CKV_AZURE_190, CKV2_AZURE_47")
          // The API documents a false default from 2023-01-01, when new
          // accounts started to disallow anonymous access; older API
          // versions documented true, and what an old apiVersion gets today
          // is not certain, so a missing value there stays unknown.
          .onArm({"Microsoft.Storage/storageAccounts"},
                 property("properties.allowBlobPublicAccess")
                     .mustEqual(Value::boolean(false))
                     .defaultsTo(Value::boolean(false),
                                 sinceApiVersion("2023-01-01")))
          // azurerm 5.x defaults to false, 3.x and 4.x send true: a missing
          // value is unknown when the provider versions allowed disagree.
          // azurerm 2.x spelled it allow_blob_public_access.
          .onTerraform(
              "azurerm", {"azurerm_storage_account"},
              property("allow_nested_items_to_be_public")
                  .alias("allow_blob_public_access")
                  .mustEqual(Value::boolean(false))
                  .defaultsTo(Value::boolean(false), sinceProviderMajor(5))
                  .defaultsTo(Value::boolean(true)))
          .fix(FixAvailability::Sometimes, Applicability::Safe,
               disallowAnonymousAccess)
          .build();
  return C;
}

} // namespace rampart::checks
