//===- EntraAdministrator.cpp - AZ-SQL-002 --------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Relations.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

bool hasAdministratorChild(const Subject &S) {
  for (const model::Resource *Child : childrenOf(
           S.Unit, S.Resource, {"Microsoft.Sql/servers/administrators"})) {
    if (!Child->Name.is(model::ValueKind::String))
      continue;
    llvm::StringRef Name = Child->Name.asString();
    if (Name.equals_insensitive("ActiveDirectory") ||
        Name.rsplit('/').second.equals_insensitive("ActiveDirectory"))
      return true;
  }
  return false;
}

// Inline administrators need the type, a login and a sid; a child
// administrators resource named ActiveDirectory does as well.
Evaluation armEntraAdministrator(const Subject &S) {
  static const PropertyRule Type =
      property("properties.administrators.administratorType")
          .mustEqual(Value::string("ActiveDirectory"))
          .missingIsUnhealthy();
  if (hasAdministratorChild(S))
    return Evaluation::healthy();
  Evaluation E = azure::allHealthy(
      {Type.evaluate(S),
       azure::propertyIsSet(S, "properties.administrators.login"),
       azure::propertyIsSet(S, "properties.administrators.sid")});
  if (E.Result == Outcome::Unhealthy && !E.Where)
    E.Detail = "no Microsoft Entra administrator is provisioned (SQL "
               "authentication only)";
  return E;
}

// The block is what provisions the administrator.
Evaluation terraformEntraAdministrator(const Subject &S) {
  return azure::propertyIsSet(S, "azuread_administrator");
}

} // namespace

const Check &sqlEntraAdministrator() {
  static const Check C =
      CheckBuilder("AZ-SQL-002", __FILE__)
          .title("SQL servers should have a Microsoft Entra administrator "
                 "provisioned")
          .severity(Level::Medium)
          .control("Implement security best practices")
          .compliance("MCSB", "IM-1")
          .compliance("CIS-Azure", "4.1.4")
          .why("SQL logins are shared passwords; Entra authentication gives "
               "per-user identities, MFA and central disablement.")
          .remediation("Set an Entra group as administrator and move to "
                       "Entra-only authentication")
          .reference("Policy: An Azure Active Directory administrator should "
                     "be provisioned for SQL servers")
          .reference("Checkov CKV2_AZURE_7, CKV2_AZURE_27")
          .onArm({"Microsoft.Sql/servers"}, armEntraAdministrator)
          .onTerraform("azurerm", {"azurerm_mssql_server"},
                       terraformEntraAdministrator)
          // No automated fix: the Entra principal (login and object id) is the
          // user's to give.
          .build();
  return C;
}

} // namespace rampart::checks
