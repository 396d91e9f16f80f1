//===- AuditingEnabled.cpp - AZ-SQL-001 -----------------------------------===//
#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

// An endpoint is a destination when it is set and not empty (templates
// pass '' to mean "no storage").
std::optional<bool> nonEmptyText(const Value &V) {
  if (V.is(model::ValueKind::String))
    return !V.asString().empty();
  return std::nullopt;
}

Evaluation destinationUnknown(const Related &R, std::string What) {
  return {Outcome::Unknown, R.Undecided, {}, std::move(What)};
}

// Audit records sent to Azure Monitor go wherever the master database's
// diagnostic settings send them: without one they go nowhere.
Evaluation masterDiagnostics(const Subject &Server) {
  if (!Server.Resource.Name.is(model::ValueKind::String))
    return {Outcome::Unknown,
            &Server.Resource.Name,
            {},
            "auditing goes to Azure Monitor, and whether the master "
            "database has a diagnostic setting is unknown: the server name "
            "is unknown"};
  std::string Master = "Microsoft.Sql/servers/databases/" +
                       Server.Resource.Name.asString().str() + "/master";
  Related Diag = diagSettingsOf(Server.Unit, Master);
  if (!Diag.Resources.empty())
    return Evaluation::healthy();
  if (Diag.Undecided)
    return destinationUnknown(Diag, "auditing goes to Azure Monitor, and "
                                    "whether a diagnostic setting covers the "
                                    "master database is unknown");
  return {Outcome::Unhealthy,
          nullptr,
          {},
          "auditing goes to Azure Monitor, but no diagnostic setting on the "
          "master database sends it anywhere"};
}

Evaluation armSetting(const Subject &Server, const Resource &Setting) {
  static const PropertyRule State = property("properties.state")
                                        .mustEqual(Value::string("Enabled"))
                                        .defaultsTo(Value::string("Disabled"));
  static const PropertyRule Storage =
      property("properties.storageEndpoint")
          .must(nonEmptyText, "a storage endpoint")
          .missingIsUnhealthy();
  static const PropertyRule Monitor =
      property("properties.isAzureMonitorTargetEnabled")
          .mustEqual(Value::boolean(true))
          .defaultsTo(Value::boolean(false));
  Subject S{Setting, Server.Unit};
  Evaluation Monitored = Monitor.evaluate(S);
  bool ToMonitor = Monitored.Result == Outcome::Healthy;
  if (ToMonitor)
    Monitored = masterDiagnostics(Server);
  Evaluation Destination =
      azure::anyHealthy({std::move(Monitored), Storage.evaluate(S)});
  if (Destination.Result == Outcome::Unhealthy && !ToMonitor)
    Destination = {Outcome::Unhealthy,
                   nullptr,
                   {},
                   "auditing has no destination: set storageEndpoint, or "
                   "isAzureMonitorTargetEnabled with a diagnostic setting on "
                   "the master database"};
  return azure::allHealthy({State.evaluate(S), std::move(Destination)});
}

Evaluation armAuditing(const Subject &S) {
  Related Settings = auditSettingsOf(S.Unit, S.Resource);
  if (Settings.Resources.empty())
    return {Outcome::Unhealthy,
            nullptr,
            {},
            "no auditingSettings child turns server auditing on"};
  std::vector<Evaluation> Es;
  for (const Resource *Setting : Settings.Resources)
    Es.push_back(azure::onRelated(*Setting, armSetting(S, *Setting)));
  return azure::anyHealthy(std::move(Es));
}

// Auditing is on with a destination: storage, or Azure Monitor (on by
// default in the provider). Prefix is "" for the policy resource and
// "extended_auditing_policy." for the inline block of azurerm <= 3.x.
Evaluation terraformPolicy(const Subject &S, const std::string &Prefix) {
  PropertyRule Enabled = property(Prefix + "enabled")
                             .mustEqual(Value::boolean(true))
                             .defaultsTo(Value::boolean(true));
  PropertyRule Storage = property(Prefix + "storage_endpoint")
                             .alias(Prefix + "blob_storage_endpoint")
                             .must(nonEmptyText, "a storage endpoint")
                             .missingIsUnhealthy();
  PropertyRule Monitor = property(Prefix + "log_monitoring_enabled")
                             .mustEqual(Value::boolean(true))
                             .defaultsTo(Value::boolean(true));
  return azure::allHealthy(
      {Enabled.evaluate(S),
       azure::anyHealthy({Storage.evaluate(S), Monitor.evaluate(S)})});
}

Evaluation terraformAuditing(const Subject &S) {
  std::vector<Evaluation> Es;
  if (const Value *Inline =
          S.Resource.Properties.get("extended_auditing_policy");
      Inline && !Inline->isNull() &&
      !(Inline->is(model::ValueKind::Array) && Inline->items().empty()))
    Es.push_back(terraformPolicy(S, "extended_auditing_policy."));
  Related Policies = auditSettingsOf(S.Unit, S.Resource);
  for (const Resource *P : Policies.Resources)
    Es.push_back(
        azure::onRelated(*P, terraformPolicy(Subject{*P, S.Unit}, "")));
  if (Policies.Undecided)
    Es.push_back(destinationUnknown(
        Policies, "an azurerm_mssql_server_extended_auditing_policy may "
                  "audit this server, but the server it applies to is "
                  "unknown"));
  if (Es.empty())
    return {Outcome::Unhealthy,
            nullptr,
            {},
            "no azurerm_mssql_server_extended_auditing_policy turns server "
            "auditing on"};
  return azure::anyHealthy(std::move(Es));
}

} // namespace

const Check &sqlAuditingEnabled() {
  static const Check C =
      CheckBuilder("AZ-SQL-001", __FILE__)
          .title("SQL servers should have auditing enabled")
          .severity(Level::Low)
          .control("Enable auditing and logging")
          .compliance("MCSB", "LT-3")
          .compliance("CIS-Azure", "4.1.1")
          .why("Server auditing records logins, permission changes and "
               "queries, which investigations depend on.")
          .remediation("Enable auditing at server level so every database "
                       "inherits it, and send it to Log Analytics or a "
                       "storage account with retention")
          .reference("Policy: Auditing on SQL server should be enabled")
          .reference("Checkov CKV_AZURE_23")
          .reference("Trivy AVD-AZU-0027")
          .onArm({"Microsoft.Sql/servers"}, armAuditing)
          .onTerraform("azurerm", {"azurerm_mssql_server"}, terraformAuditing)
          // No automated fix: auditing is a resource of its own, with a
          // destination only the user knows.
          .build();
  return C;
}

} // namespace rampart::checks
