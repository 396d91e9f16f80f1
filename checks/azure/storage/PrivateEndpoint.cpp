//===- PrivateEndpoint.cpp - AZ-STORAGE-006 -------------------------------===//
#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;

namespace {

// The endpoint may also be declared outside the unit; the catalog lets the
// `environment:` section of .rampart.yaml say so, which comes with the
// configuration work. Until then only endpoints in the unit count.
Evaluation reachedPrivately(const Subject &S) {
  Related Endpoints = privateEndpointsOf(S.Unit, S.Resource);
  if (!Endpoints.Resources.empty())
    return Evaluation::healthy();
  if (Endpoints.Undecided)
    return {Outcome::Unknown,
            Endpoints.Undecided,
            {},
            "a private endpoint may connect to this account, but the "
            "resource it connects to is unknown"};
  return {Outcome::Unhealthy,
          nullptr,
          {},
          "no private endpoint in this deployment connects to the account"};
}

} // namespace

const Check &storagePrivateEndpoint() {
  static const Check C =
      CheckBuilder("AZ-STORAGE-006", __FILE__)
          .title("Storage accounts should be reached through a private "
                 "endpoint")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("CIS-Azure", "3.10")
          .why("Private endpoints keep data traffic on the virtual network "
               "and allow public access to be switched off entirely.")
          .remediation("Add private endpoints for the sub-services in use "
                       "(blob, file, queue, table, dfs) with private DNS "
                       "zones")
          .reference("Policy: Storage accounts should use private link")
          .reference("Checkov CKV2_AZURE_33")
          .onArm({"Microsoft.Storage/storageAccounts"}, reachedPrivately)
          .onTerraform("azurerm", {"azurerm_storage_account"}, reachedPrivately)
          .build();
  return C;
}

} // namespace rampart::checks
