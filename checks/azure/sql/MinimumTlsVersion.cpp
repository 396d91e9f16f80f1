//===- MinimumTlsVersion.cpp - AZ-SQL-003 ---------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &sqlMinimumTlsVersion() {
  static const Check C =
      CheckBuilder("AZ-SQL-003", __FILE__)
          .title("Azure SQL logical servers should require TLS 1.2 or later")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("MCSB", "IM-4")
          .why("A server that accepts TLS 1.0 or 1.1 lets legacy drivers "
               "downgrade connections to protocols with known weaknesses.")
          .remediation("Pin the minimum TLS version to 1.2")
          .reference("Policy: Azure SQL Database should be running TLS "
                     "version 1.2 or newer")
          .reference("Checkov CKV_AZURE_52")
          .reference("Trivy AVD-AZU-0026")
          // Azure SQL has refused to create 1.0/1.1 servers since 31 August
          // 2025 and treats a blank value as 1.2.
          .onArm({"Microsoft.Sql/servers"},
                 property("properties.minimalTlsVersion")
                     .satisfies(
                         {"tlsAtLeast", {{"minimum", Value::string("1.2")}}})
                     .missingIsHealthy())
          .onTerraform("azurerm", {"azurerm_mssql_server"},
                       property("minimum_tls_version")
                           .satisfies({"tlsAtLeast",
                                       {{"minimum", Value::string("1.2")}}})
                           .defaultsTo(Value::string("1.2")))
          .fix(FixAvailability::Always, Applicability::Safe,
               setTo(Value::string("1.2")))
          .build();
  return C;
}

} // namespace rampart::checks
