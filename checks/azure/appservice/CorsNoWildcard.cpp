//===- CorsNoWildcard.cpp - AZ-APP-005 ------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/azure/appservice/WebConfig.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// No CORS settings means no cross-origin access. The finding points at the
// "*" itself.
Evaluation originsAt(const Value &Properties, const std::string &Path,
                     bool Arm) {
  Lookup L = lookupPath(Properties, Path, Arm);
  if (L.Result == Lookup::State::Missing)
    return Evaluation::healthy();
  Match M = containsWildcard(*L.Value);
  if (M.isFalse())
    return Evaluation::healthy();
  if (M.isTrue())
    return {Outcome::Unhealthy, M.Where, {Path}, Path + " allows every origin"};
  return {Outcome::Unknown,
          M.Where ? M.Where : L.Value,
          {Path},
          Path + " is unknown"};
}

Evaluation armCors(const Subject &S) {
  if (const model::Resource *Web = azure::webConfigOf(S))
    if (lookupPath(Web->Properties, "properties.cors", true).Result !=
        Lookup::State::Missing)
      return originsAt(Web->Properties, "properties.cors.allowedOrigins", true);
  return originsAt(S.Resource.Properties,
                   "properties.siteConfig.cors.allowedOrigins", true);
}

Evaluation terraformCors(const Subject &S) {
  return originsAt(S.Resource.Properties, "site_config.cors.allowed_origins",
                   false);
}

} // namespace

const Check &appCorsNoWildcard() {
  static const Check C =
      CheckBuilder("AZ-APP-005", __FILE__)
          .title("App Service CORS settings should not allow every origin")
          .severity(Level::Low)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "PV-2")
          .why("A wildcard origin lets any website call the app's API from a "
               "victim's browser.")
          .remediation("List the exact front-end origins instead of *")
          .reference("Policy: App Service apps should not have CORS "
                     "configured to allow every resource to access your apps")
          .reference("Checkov CKV_AZURE_57")
          .onArm({"Microsoft.Web/sites", "Microsoft.Web/sites/slots"}, armCors)
          .onTerraform(
              "azurerm",
              {"azurerm_linux_web_app", "azurerm_windows_web_app",
               "azurerm_linux_function_app", "azurerm_windows_function_app",
               "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
               "azurerm_linux_function_app_slot",
               "azurerm_windows_function_app_slot", "azurerm_app_service",
               "azurerm_app_service_slot", "azurerm_function_app",
               "azurerm_function_app_slot"},
              terraformCors)
          .build();
  return C;
}

} // namespace rampart::checks
