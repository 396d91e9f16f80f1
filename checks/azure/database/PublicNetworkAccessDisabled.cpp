//===- PublicNetworkAccessDisabled.cpp - AZ-DB-002 ------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// VNet-integrated flexible servers have no public endpoint.
RuleSet armFlexibleServerPrivate() {
  return anyOf({property("properties.network.publicNetworkAccess")
                    .mustEqual(Value::string("Disabled"))
                    .defaultsTo(Value::string("Enabled")),
                azure::isSet("properties.network.delegatedSubnetResourceId")});
}

RuleSet terraformPostgresPrivate() {
  return anyOf({property("public_network_access_enabled")
                    .mustEqual(Value::boolean(false))
                    .defaultsTo(Value::boolean(true)),
                azure::isSet("delegated_subnet_id")});
}

// azurerm 5.x has public_network_access = "Disabled"; 4.x and earlier
// public_network_access_enabled = false.
Evaluation terraformMySqlPrivate(const Subject &S) {
  static const PropertyRule Public =
      property("public_network_access").mustEqual(Value::string("Disabled"));
  static const PropertyRule OldPublic =
      property("public_network_access_enabled")
          .mustEqual(Value::boolean(false))
          .defaultsTo(Value::boolean(true));
  bool HasNew =
      lookupPath(S.Resource.Properties, "public_network_access", false)
          .Result != Lookup::State::Missing;
  return azure::anyHealthy({HasNew ? Public.evaluate(S) : OldPublic.evaluate(S),
                            azure::propertyIsSet(S, "delegated_subnet_id")});
}

// Public access off, in the spelling the resource uses. A MySQL server
// that sets neither gets the spelling its provider versions know (5.x:
// public_network_access), and none when they disagree on it.
std::vector<FixIntent> terraformDisablePublicAccess(const Subject &S,
                                                    const Evaluation &E,
                                                    const Binding &) {
  if (E.Path.empty())
    return {};
  bool NewSpelling = E.Path.front() == "public_network_access";
  if (S.Resource.Type == "azurerm_mysql_flexible_server" && !NewSpelling &&
      lookupPath(S.Resource.Properties, E.Path.front(), false).Result ==
          Lookup::State::Missing) {
    Truth Before5 = beforeProviderMajor(5).holdsFor(S.Resource);
    if (Before5 == Truth::Unknown)
      return {};
    NewSpelling = Before5 == Truth::False;
  }
  if (NewSpelling)
    return {{FixIntent::Action::Set, "public_network_access",
             Value::string("Disabled")}};
  return {{FixIntent::Action::Set, "public_network_access_enabled",
           Value::boolean(false)}};
}

} // namespace

const Check &databasePublicNetworkAccessDisabled() {
  static const Check C =
      CheckBuilder("AZ-DB-002", __FILE__)
          .title("Database servers should have public network access "
                 "disabled")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("CIS-Azure", "4.1.2")
          .compliance("CIS-Azure", "4.3.7")
          .why("A public database endpoint is one firewall rule away from the "
               "internet and is brute-forced continuously.")
          .remediation("Keep database endpoints private: private endpoints "
                       "for SQL, VNet integration or private endpoints for "
                       "flexible servers")
          .reference("Policy: Public network access on Azure SQL Database "
                     "should be disabled")
          .reference("Policy: Public network access should be disabled for "
                     "PostgreSQL flexible servers")
          .reference("Policy: Public network access should be disabled for "
                     "MySQL flexible servers")
          .reference("Checkov CKV_AZURE_113, CKV_AZURE_53")
          .reference("Trivy AVD-AZU-0022")
          .onArm({"Microsoft.Sql/servers"},
                 property("properties.publicNetworkAccess")
                     .mustEqual(Value::string("Disabled"))
                     .defaultsTo(Value::string("Enabled")))
          .onArm({"Microsoft.DBforPostgreSQL/flexibleServers",
                  "Microsoft.DBforMySQL/flexibleServers"},
                 armFlexibleServerPrivate())
          .onTerraform("azurerm", {"azurerm_mssql_server"},
                       property("public_network_access_enabled")
                           .mustEqual(Value::boolean(false))
                           .defaultsTo(Value::boolean(true)))
          .onTerraform("azurerm", {"azurerm_postgresql_flexible_server"},
                       terraformPostgresPrivate())
          .onTerraform("azurerm", {"azurerm_mysql_flexible_server"},
                       terraformMySqlPrivate)
          // The first alternative names the fix: public access off, rather
          // than VNet integration, which needs a subnet. Suggested: clients
          // outside private endpoints lose access.
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               setToExpected())
          .fixFor(Family::Terraform, terraformDisablePublicAccess)
          .build();
  return C;
}

} // namespace rampart::checks
