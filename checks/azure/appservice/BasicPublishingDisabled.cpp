//===- BasicPublishingDisabled.cpp - AZ-APP-007 ---------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Relations.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

const model::Resource *publishingPolicy(const Subject &S,
                                        llvm::StringRef Which) {
  for (const model::Resource *Child : childrenOf(
           S.Unit, S.Resource,
           {"Microsoft.Web/sites/basicPublishingCredentialsPolicies",
            "Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies"})) {
    if (!Child->Name.is(model::ValueKind::String))
      continue;
    llvm::StringRef Name = Child->Name.asString();
    if (Name.equals_insensitive(Which) ||
        Name.rsplit('/').second.equals_insensitive(Which))
      return Child;
  }
  return nullptr;
}

// Basic authentication stays allowed unless a policy child turns it off.
Evaluation policyDisallows(const Subject &S, llvm::StringRef Which) {
  static const PropertyRule Allow =
      property("properties.allow").mustEqual(Value::boolean(false));
  const model::Resource *Policy = publishingPolicy(S, Which);
  if (!Policy)
    return {Outcome::Unhealthy,
            nullptr,
            {},
            "no basicPublishingCredentialsPolicies '" + Which.str() +
                "' child disables basic authentication"};
  return Allow.evaluate(Subject{*Policy, S.Unit});
}

Evaluation armBasicPublishing(const Subject &S) {
  return azure::allHealthy(
      {policyDisallows(S, "ftp"), policyDisallows(S, "scm")});
}

// The FTP and Web Deploy (SCM) switches.
std::vector<Evaluation> terraformBasicAuth(const Subject &S) {
  static const PropertyRule Ftp =
      property("ftp_publish_basic_authentication_enabled")
          .mustEqual(Value::boolean(false))
          .defaultsTo(Value::boolean(true));
  static const PropertyRule WebDeploy =
      property("webdeploy_publish_basic_authentication_enabled")
          .mustEqual(Value::boolean(false))
          .defaultsTo(Value::boolean(true));
  return {Ftp.evaluate(S), WebDeploy.evaluate(S)};
}

Evaluation terraformBasicPublishing(const Subject &S) {
  return azure::allHealthy(terraformBasicAuth(S));
}

// One fix turns off every switch that is on.
std::vector<FixIntent> terraformDisableBasicAuth(const Subject &S,
                                                 const Evaluation &,
                                                 const Binding &) {
  std::vector<FixIntent> Out;
  for (const Evaluation &E : terraformBasicAuth(S))
    if (E.Result == Outcome::Unhealthy)
      Out.push_back(
          {FixIntent::Action::Set, E.Path.front(), Value::boolean(false)});
  return Out;
}

} // namespace

const Check &appBasicPublishingDisabled() {
  static const Check C =
      CheckBuilder("AZ-APP-007", __FILE__)
          .title("App Service apps should have basic-authentication "
                 "publishing (FTP and SCM) disabled")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .why("Publishing profiles carry a static username and password that "
               "deploys code to production.")
          .remediation("Deploy with Entra-authenticated tools (zip deploy via "
                       "ARM, GitHub OIDC) and disable both basic-auth "
                       "endpoints")
          .reference("Policy: App Service apps should have local "
                     "authentication methods disabled for FTP deployments")
          .reference("Policy: App Service apps should have local "
                     "authentication methods disabled for SCM site "
                     "deployments")
          .onArm({"Microsoft.Web/sites"}, armBasicPublishing)
          .onTerraform("azurerm",
                       {"azurerm_linux_web_app", "azurerm_windows_web_app",
                        "azurerm_linux_function_app",
                        "azurerm_windows_function_app"},
                       terraformBasicPublishing)
          // ARM: the fix is two child resources, which no property edit of
          // the site creates.
          .fix(FixAvailability::Sometimes, Applicability::Safe, FixRecipe())
          .fixFor(Family::Terraform, terraformDisableBasicAuth)
          .build();
  return C;
}

} // namespace rampart::checks
