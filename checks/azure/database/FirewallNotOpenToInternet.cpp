//===- FirewallNotOpenToInternet.cpp - AZ-DB-001 --------------------------===//
//
// Judged on each firewall rule, so every offending rule is its own finding;
// the message names the server it opens.
//
//===----------------------------------------------------------------------===//
#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Engine.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

/// The address a rule bound holds: nullopt when it is not known.
std::optional<std::string> addressOf(const Value *V) {
  if (!V || V->isNull())
    return std::string();
  if (V->is(model::ValueKind::String))
    return V->asString().trim().str();
  return std::nullopt;
}

/// The server the rule belongs to, for the message: the parent resource
/// (ARM), the resource server_id refers to (Terraform), else the name the
/// rule gives.
std::string serverOf(const Subject &S) {
  const Resource &Rule = S.Resource;
  bool Arm =
      Rule.TheDialect == Dialect::Arm || Rule.TheDialect == Dialect::Bicep;
  if (Arm) {
    if (const Resource *Server = armParentOf(S.Unit, Rule))
      return resourceLabel(*Server);
    if (Rule.Name.is(model::ValueKind::String) &&
        Rule.Name.asString().contains('/'))
      return Rule.Name.asString().split('/').first.str();
    return "";
  }
  Target T = resolveReference(S.Unit, Rule.Properties.get("server_id"));
  if (T.Result == Target::State::Resolved)
    if (const Value *N = T.Resource->Properties.get("name");
        N && N->is(model::ValueKind::String))
      return N->asString().str();
  if (const Value *N = Rule.Properties.get("server_name");
      N && N->is(model::ValueKind::String))
    return N->asString().str();
  return "";
}

Predicate openToInternet(std::string Start, std::string End) {
  return [=](const Subject &S) -> Evaluation {
    bool Arm = S.Resource.TheDialect == Dialect::Arm ||
               S.Resource.TheDialect == Dialect::Bicep;
    Lookup From = lookupPath(S.Resource.Properties, Start, Arm);
    Lookup To = lookupPath(S.Resource.Properties, End, Arm);
    const Value *FromV =
        From.Result == Lookup::State::Missing ? nullptr : From.Value;
    const Value *ToV = To.Result == Lookup::State::Missing ? nullptr : To.Value;
    std::optional<std::string> A = addressOf(FromV), B = addressOf(ToV);
    // Only a rule starting at 0.0.0.0 can be one of the two.
    if (A && *A != "0.0.0.0")
      return Evaluation::healthy();
    if (B && *B != "255.255.255.255" && *B != "0.0.0.0")
      return Evaluation::healthy();
    std::string Server = serverOf(S);
    std::string OfServer =
        Server.empty() ? "the server" : "server '" + Server + "'";
    if (!A || !B)
      return {Outcome::Unknown,
              A ? ToV : FromV,
              {A ? End : Start},
              "whether the rule opens " + OfServer +
                  " to the internet is unknown"};
    if (*B == "0.0.0.0")
      return {Outcome::Unhealthy,
              FromV,
              {Start},
              "the rule 0.0.0.0-0.0.0.0 (\"allow Azure services\") opens " +
                  OfServer +
                  " to every Azure resource, including other tenants' "
                  "ones, not only yours"};
    return {Outcome::Unhealthy,
            FromV,
            {Start},
            "the rule 0.0.0.0-255.255.255.255 opens " + OfServer +
                " to the whole internet"};
  };
}

} // namespace

const Check &databaseFirewallNotOpenToInternet() {
  static const Check C =
      CheckBuilder("AZ-DB-001", __FILE__)
          .title("Database server firewalls should not be open to the whole "
                 "internet")
          .severity(Level::High)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("CIS-Azure", "4.1.2")
          .why("Database endpoints exposed to every address are brute-forced "
               "continuously.")
          .remediation("Allow only the client ranges that need access, or use "
                       "private endpoints or VNet integration and disable "
                       "public access")
          .reference("Checkov CKV_AZURE_11, CKV2_AZURE_34, CKV2_AZURE_26")
          .reference("Trivy AVD-AZU-0029")
          .onArm({"Microsoft.Sql/servers/firewallRules",
                  "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules",
                  "Microsoft.DBforMySQL/flexibleServers/firewallRules",
                  "Microsoft.DBforPostgreSQL/servers/firewallRules",
                  "Microsoft.DBforMySQL/servers/firewallRules"},
                 openToInternet("properties.startIpAddress",
                                "properties.endIpAddress"))
          // The single-server rules as on ARM.
          .onTerraform("azurerm",
                       {"azurerm_mssql_firewall_rule",
                        "azurerm_postgresql_flexible_server_firewall_rule",
                        "azurerm_mysql_flexible_server_firewall_rule",
                        "azurerm_postgresql_firewall_rule",
                        "azurerm_mysql_firewall_rule"},
                       openToInternet("start_ip_address", "end_ip_address"))
          // No automated fix: the client ranges to allow are the user's to
          // give, and deleting the rule is no property edit.
          .build();
  return C;
}

} // namespace rampart::checks
