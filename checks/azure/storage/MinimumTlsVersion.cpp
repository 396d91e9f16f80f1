//===- MinimumTlsVersion.cpp - AZ-STORAGE-002 -----------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &storageMinimumTlsVersion() {
  static const Check C =
      CheckBuilder("AZ-STORAGE-002", __FILE__)
          .title("Storage accounts should require TLS 1.2 or later")
          .severity(Level::Low)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("CIS-Azure", "3.15")
          .why("TLS 1.0 and 1.1 have known weaknesses; an account that "
               "accepts them lets older tooling negotiate down.")
          .remediation("Declare TLS1_2 explicitly so audits read the intent "
                       "and older tooling does not negotiate down")
          .reference("Policy: Storage accounts should have the specified "
                     "minimum TLS version")
          .reference("Checkov CKV_AZURE_44")
          .reference("Trivy AVD-AZU-0011")
          // New accounts default to TLS 1.2, and Azure Storage has refused
          // TLS 1.0/1.1 on public endpoints of every account since 3
          // February 2026, whatever the API text says of a missing value.
          .onArm({"Microsoft.Storage/storageAccounts"},
                 property("properties.minimumTlsVersion")
                     .satisfies(
                         {"tlsAtLeast", {{"minimum", Value::string("1.2")}}})
                     .missingIsHealthy())
          .onTerraform("azurerm", {"azurerm_storage_account"},
                       property("min_tls_version")
                           .satisfies({"tlsAtLeast",
                                       {{"minimum", Value::string("1.2")}}})
                           .defaultsTo(Value::string("TLS1_2")))
          .fix(FixAvailability::Always, Applicability::Safe,
               setTo(Value::string("TLS1_2")))
          .build();
  return C;
}

} // namespace rampart::checks
