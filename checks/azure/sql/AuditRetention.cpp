//===- AuditRetention.cpp - AZ-SQL-006 ------------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// 0 keeps logs forever; otherwise at least 90 days.
std::optional<bool> keepsNinetyDays(const Value &Days) {
  if (!Days.is(model::ValueKind::Int) && !Days.is(model::ValueKind::Float))
    return std::nullopt;
  return Days.asNumber() == 0 || Days.asNumber() >= 90;
}

// Retention applies to the storage destination only: settings that audit
// only to Azure Monitor or Event Hubs are not applicable.
Predicate retentionWithStorage(std::vector<std::string> Endpoints,
                               std::string Retention, bool Arm) {
  PropertyRule Rule = property(std::move(Retention))
                          .must(keepsNinetyDays, "0 (forever) or at least 90")
                          .defaultsTo(Value::integer(0));
  return [=](const Subject &S) -> Evaluation {
    for (const std::string &Endpoint : Endpoints) {
      Lookup L = lookupPath(S.Resource.Properties, Endpoint, Arm);
      if (L.Result != Lookup::State::Missing &&
          !(L.Value->is(model::ValueKind::String) &&
            L.Value->asString().empty()))
        return Rule.evaluate(S);
    }
    return Evaluation::notApplicable();
  };
}

} // namespace

const Check &sqlAuditRetention() {
  static const Check C =
      CheckBuilder("AZ-SQL-006", __FILE__)
          .title("SQL audit logs in storage should be kept for at least 90 "
                 "days")
          .severity(Level::Low)
          .control("Implement security best practices")
          .compliance("MCSB", "LT-6")
          .compliance("CIS-Azure", "4.1.6")
          .why("Investigations often start months after the event; shorter "
               "retention deletes the evidence.")
          .remediation("Keep audit logs for at least 90 days (or 0, forever)")
          .reference("Policy: SQL servers with auditing to storage account "
                     "destination should be configured with 90 days "
                     "retention or higher")
          .reference("Checkov CKV_AZURE_24")
          .reference("Trivy AVD-AZU-0025")
          .onArm({"Microsoft.Sql/servers/auditingSettings"},
                 retentionWithStorage({"properties.storageEndpoint"},
                                      "properties.retentionDays", true))
          .onTerraform("azurerm",
                       {"azurerm_mssql_server_extended_auditing_policy"},
                       // The provider calls it storage_endpoint; the catalog
                       // also names blob_storage_endpoint.
                       retentionWithStorage(
                           {"storage_endpoint", "blob_storage_endpoint"},
                           "retention_in_days", false))
          .fix(FixAvailability::Always, Applicability::Safe,
               setTo(Value::integer(90)))
          .build();
  return C;
}

} // namespace rampart::checks
