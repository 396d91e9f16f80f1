//===- DefenderForSql.cpp - AZ-SQL-005 ------------------------------------===//
//
// Defender for SQL is normally switched on per subscription, outside any
// template, so a server nothing in the unit speaks about is unknown, not
// unhealthy, unless the `environment:` section of .rampart.yaml says how
// the subscription's plan is set (`azure: {defender_for_sql: true}`).
//
//===----------------------------------------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Environment.h"
#include "analyzer/check/Relations.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

Evaluation nothingDeclared(const model::DeploymentUnit &U) {
  const Value *Plan = environmentFact(U, "azure.defender_for_sql");
  if (Plan && Plan->is(model::ValueKind::Bool))
    return Plan->asBool()
               ? Evaluation::healthy()
               : Evaluation{Outcome::Unhealthy,
                            nullptr,
                            {},
                            "the configured environment has Microsoft "
                            "Defender for SQL off for the subscription"};
  return {Outcome::Unknown,
          nullptr,
          {},
          "nothing in this deployment enables or disables Microsoft Defender "
          "for SQL; the plan is normally set per subscription (declare it "
          "in .rampart.yaml: environment: {azure: {defender_for_sql: true}})"};
}

bool lastSegmentIs(const Value &Name, llvm::StringRef Wanted) {
  if (!Name.is(model::ValueKind::String))
    return false;
  return Name.asString().rsplit('/').second.equals_insensitive(Wanted) ||
         Name.asString().equals_insensitive(Wanted);
}

// The SqlServers plan of the subscription, where the unit sets it.
std::vector<Evaluation> armPlans(const model::DeploymentUnit &U) {
  static const PropertyRule Standard =
      property("properties.pricingTier").mustEqual(Value::string("Standard"));
  std::vector<Evaluation> Es;
  for (const Resource *P : deployedOfType(U, {"Microsoft.Security/pricings"})) {
    if (lastSegmentIs(P->Name, "SqlServers"))
      Es.push_back(azure::onRelated(*P, Standard.evaluate(Subject{*P, U})));
    else if (!P->Name.is(model::ValueKind::String))
      Es.push_back({Outcome::Unknown,
                    &P->Name,
                    {},
                    "a Defender plan whose name is unknown may be the "
                    "SqlServers plan"});
  }
  return Es;
}

Evaluation armDefender(const Subject &S) {
  static const PropertyRule State =
      property("properties.state").mustEqual(Value::string("Enabled"));
  std::vector<Evaluation> Es = armPlans(S.Unit);
  for (const Resource *Policy :
       childrenOf(S.Unit, S.Resource,
                  {"Microsoft.Sql/servers/securityAlertPolicies",
                   "Microsoft.Sql/servers/advancedThreatProtectionSettings"}))
    Es.push_back(
        azure::onRelated(*Policy, State.evaluate(Subject{*Policy, S.Unit})));
  if (Es.empty())
    return nothingDeclared(S.Unit);
  return azure::anyHealthy(std::move(Es));
}

bool attachedTo(const model::DeploymentUnit &U, const Resource &From,
                const Resource &To) {
  return llvm::any_of(U.Graph.edges(), [&](const model::Edge &E) {
    return E.Kind == model::EdgeKind::Attachment && E.From == From.Id &&
           E.To == To.Id;
  });
}

// A security alert policy names its server by server_name and
// resource_group_name: joined by an attachment edge (an expression), or
// by matching both names within the unit.
std::optional<bool> policyOf(const Subject &Server, const Resource &Policy) {
  if (attachedTo(Server.Unit, Policy, Server.Resource))
    return true;
  for (const char *Key : {"server_name", "resource_group_name"}) {
    const Value *Mine = Policy.Properties.get(Key);
    const Value *Its = Server.Resource.Properties.get(
        Key == llvm::StringRef("server_name") ? "name" : Key);
    if (!Mine || !Its || Mine->isNull() || Its->isNull())
      return false;
    if (!Mine->is(model::ValueKind::String) ||
        !Its->is(model::ValueKind::String))
      return std::nullopt;
    if (Mine->asString() != Its->asString())
      return false;
  }
  return true;
}

Evaluation terraformDefender(const Subject &S) {
  static const PropertyRule State =
      property("state").mustEqual(Value::string("Enabled"));
  static const PropertyRule Standard =
      property("tier").mustEqual(Value::string("Standard"));
  static const PropertyRule ForSql =
      property("resource_type")
          .mustEqual(Value::string("SqlServers"))
          .defaultsTo(Value::string("VirtualMachines"));
  std::vector<Evaluation> Es;
  for (const Resource *Plan : deployedOfType(
           S.Unit, {"azurerm_security_center_subscription_pricing"})) {
    Subject P{*Plan, S.Unit};
    Evaluation Sql = ForSql.evaluate(P);
    if (Sql.Result == Outcome::Healthy)
      Es.push_back(azure::onRelated(*Plan, Standard.evaluate(P)));
    else if (Sql.Result == Outcome::Unknown)
      Es.push_back(azure::onRelated(*Plan, std::move(Sql)));
  }
  for (const Resource *Policy :
       deployedOfType(S.Unit, {"azurerm_mssql_server_security_alert_policy"})) {
    std::optional<bool> Mine = policyOf(S, *Policy);
    if (!Mine)
      Es.push_back({Outcome::Unknown,
                    Policy->Properties.get("server_name"),
                    {},
                    "a security alert policy may be this server's, but the "
                    "server it names is unknown"});
    else if (*Mine)
      Es.push_back(
          azure::onRelated(*Policy, State.evaluate(Subject{*Policy, S.Unit})));
  }
  if (Es.empty())
    return nothingDeclared(S.Unit);
  return azure::anyHealthy(std::move(Es));
}

} // namespace

const Check &sqlDefenderEnabled() {
  static const Check C =
      CheckBuilder("AZ-SQL-005", __FILE__)
          .title("SQL servers should have Microsoft Defender for SQL enabled")
          .severity(Level::High)
          .control("Remediate vulnerabilities")
          .compliance("MCSB", "LT-1")
          .compliance("CIS-Azure", "4.2.1")
          .why("Defender for SQL adds vulnerability assessment and alerts for "
               "injection and anomalous access.")
          .remediation("Enable the SqlServers plan at subscription level "
                       "(preferred) or on the server, and do not ship "
                       "templates that disable it")
          .reference("Policy: Azure Defender for SQL should be enabled for "
                     "unprotected Azure SQL servers")
          .reference("Trivy AVD-AZU-0028")
          .onArm({"Microsoft.Sql/servers"}, armDefender)
          .onTerraform("azurerm", {"azurerm_mssql_server"}, terraformDefender)
          // No automated fix: what decides is another resource (the plan or a
          // server policy) or the subscription itself.
          .build();
  return C;
}

} // namespace rampart::checks
