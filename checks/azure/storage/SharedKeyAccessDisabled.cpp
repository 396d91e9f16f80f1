//===- SharedKeyAccessDisabled.cpp - AZ-STORAGE-007 -----------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &storageSharedKeyAccessDisabled() {
  static const Check C =
      CheckBuilder("AZ-STORAGE-007", __FILE__)
          .title("Storage accounts should prevent Shared Key authorization")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "IM-1")
          .why("Account keys are full-power, long-lived secrets, and every "
               "SAS signed with them inherits that risk.")
          .remediation("Authorize data access with Microsoft Entra ID and "
                       "disable Shared Key once clients no longer need it (in "
                       "Terraform also set the provider feature "
                       "storage_use_azuread = true)")
          .reference("Policy: Storage accounts should prevent shared key "
                     "access")
          .reference("Checkov CKV2_AZURE_40")
          // A missing value is null, which the service treats as true.
          .onArm({"Microsoft.Storage/storageAccounts"},
                 property("properties.allowSharedKeyAccess")
                     .mustEqual(Value::boolean(false))
                     .defaultsTo(Value::boolean(true)))
          .onTerraform("azurerm", {"azurerm_storage_account"},
                       property("shared_access_key_enabled")
                           .mustEqual(Value::boolean(false))
                           .defaultsTo(Value::boolean(true)))
          // Suggested: clients that still sign with the account key break.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
