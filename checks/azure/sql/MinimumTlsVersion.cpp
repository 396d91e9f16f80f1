//===- MinimumTlsVersion.cpp - AZ-SQL-003 ---------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// "None" (no minimum) reads as below every TLS version.
std::optional<bool> atLeastTls12(const Value &V) {
  Match M = tlsAtLeast(V, "1.2");
  if (M.isUnknown())
    return std::nullopt;
  return M.isTrue();
}

} // namespace

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
                     .must(atLeastTls12, "1.2 or later")
                     .missingIsHealthy())
          .onTerraform("azurerm", {"azurerm_mssql_server"},
                       property("minimum_tls_version")
                           .must(atLeastTls12, "1.2 or later")
                           .defaultsTo(Value::string("1.2")))
          .build();
  return C;
}

} // namespace rampart::checks
