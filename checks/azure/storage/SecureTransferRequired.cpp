//===- SecureTransferRequired.cpp - AZ-STORAGE-001 ------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &storageSecureTransfer() {
  static const Check C =
      CheckBuilder("AZ-STORAGE-001", __FILE__)
          .title("Storage accounts should require secure transfer (HTTPS "
                 "only)")
          .severity(Level::High)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("CIS-Azure", "3.1")
          .why("With secure transfer off, REST calls and SMB 2.1 mounts can "
               "travel unencrypted and SAS tokens can be captured on the "
               "wire.")
          .remediation("Require HTTPS; clients that still use plain HTTP "
                       "must be fixed, not accommodated")
          .reference("Policy: Secure transfer to storage accounts should be "
                     "enabled")
          .reference("Checkov CKV_AZURE_3")
          .reference("Trivy AVD-AZU-0008")
          // The API made HTTPS-only the default in 2019-04-01.
          .onArm({"Microsoft.Storage/storageAccounts"},
                 property("properties.supportsHttpsTrafficOnly")
                     .mustEqual(Value::boolean(true))
                     .defaultsTo(Value::boolean(true),
                                 sinceApiVersion("2019-04-01"))
                     .defaultsTo(Value::boolean(false)))
          .onTerraform("azurerm", {"azurerm_storage_account"},
                       property("https_traffic_only_enabled")
                           .alias("enable_https_traffic_only")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(true)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
