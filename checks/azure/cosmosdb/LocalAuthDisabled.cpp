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

// The service refuses to disable key authentication on MongoDB accounts,
// so a fix there (or where the kind is not known) would not deploy.
bool mayBeMongo(const Subject &S, bool Arm) {
  Lookup Kind = lookupPath(S.Resource.Properties, "kind", Arm);
  return Kind.Result == Lookup::State::Unknown ||
         (Kind.Result == Lookup::State::Found &&
          !equalsInsensitive(*Kind.Value, "MongoDB").isFalse());
}

std::vector<FixIntent>
armDisableLocalAuth(const Subject &S, const Evaluation &E, const Binding &B) {
  if (mayBeMongo(S, true))
    return {};
  return setToExpected()(S, E, B);
}

// The spelling the resource uses; a resource with neither gets the one its
// provider versions know, and none when they disagree on it.
std::vector<FixIntent> terraformDisableLocalAuth(const Subject &S,
                                                 const Evaluation &,
                                                 const Binding &) {
  if (mayBeMongo(S, false))
    return {};
  auto Has = [&](const char *Path) {
    return lookupPath(S.Resource.Properties, Path, false).Result !=
           Lookup::State::Missing;
  };
  bool NewSpelling = Has("local_authentication_enabled");
  if (!NewSpelling && !Has("local_authentication_disabled")) {
    Truth Before5 = beforeProviderMajor(5).holdsFor(S.Resource);
    if (Before5 == Truth::Unknown)
      return {};
    NewSpelling = Before5 == Truth::False;
  }
  if (NewSpelling)
    return {{FixIntent::Action::Set, "local_authentication_enabled",
             Value::boolean(false)}};
  return {{FixIntent::Action::Set, "local_authentication_disabled",
           Value::boolean(true)}};
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
          // Suggested: SDK clients that still use keys lose access.
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               armDisableLocalAuth)
          .fixFor(Family::Terraform, terraformDisableLocalAuth)
          .build();
  return C;
}

} // namespace rampart::checks
