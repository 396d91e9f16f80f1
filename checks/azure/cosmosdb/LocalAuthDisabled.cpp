//===- LocalAuthDisabled.cpp - AZ-COSMOS-002 ------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// azurerm 5.x says local_authentication_enabled = false, 4.x
// local_authentication_disabled = true; with neither, key authentication is
// on in both.
Evaluation terraformLocalAuthDisabled(const Subject &S) {
  static const PropertyRule Enabled =
      property("local_authentication_enabled").mustEqual(Value::boolean(false));
  static const PropertyRule Disabled = property("local_authentication_disabled")
                                           .mustEqual(Value::boolean(true))
                                           .defaultsTo(Value::boolean(false));
  if (lookupPath(S.Resource.Properties, "local_authentication_enabled", false)
          .Result != Lookup::State::Missing)
    return Enabled.evaluate(S);
  return Disabled.evaluate(S);
}

} // namespace

const Check &cosmosLocalAuthDisabled() {
  static const Check C =
      CheckBuilder("AZ-COSMOS-002", __FILE__)
          .title("Cosmos DB accounts should have key-based authentication "
                 "disabled")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "IM-1")
          .compliance("CIS-Azure", "4.5.3")
          .why("Primary keys give full data access and are rarely rotated.")
          .remediation("Use Entra ID data-plane roles and disable key "
                       "authentication once SDK clients use token credentials")
          .reference("Policy: Cosmos DB database accounts should have local "
                     "authentication methods disabled")
          .reference("Checkov CKV_AZURE_140")
          .onArm({"Microsoft.DocumentDB/databaseAccounts"},
                 property("properties.disableLocalAuth")
                     .mustEqual(Value::boolean(true))
                     .defaultsTo(Value::boolean(false)))
          .onTerraform("azurerm", {"azurerm_cosmosdb_account"},
                       terraformLocalAuthDisabled)
          .build();
  return C;
}

} // namespace rampart::checks
