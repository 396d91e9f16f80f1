//===- RemoteDebuggingDisabled.cpp - AZ-APP-004 ---------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/appservice/WebConfig.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

Evaluation armRemoteDebugging(const Subject &S) {
  static const PropertyRule Site =
      property("properties.siteConfig.remoteDebuggingEnabled")
          .mustEqual(Value::boolean(false))
          .defaultsTo(Value::boolean(false));
  static const PropertyRule Config =
      property("properties.remoteDebuggingEnabled")
          .mustEqual(Value::boolean(false));
  return azure::effectiveSiteSetting(S, "remoteDebuggingEnabled", Site, Config);
}

} // namespace

const Check &appRemoteDebuggingDisabled() {
  static const Check C =
      CheckBuilder("AZ-APP-004", __FILE__)
          .title("App Service and Function apps should have remote debugging "
                 "turned off")
          .severity(Level::Low)
          .control("Implement security best practices")
          .compliance("MCSB", "PV-2")
          .why("Remote debugging opens extra inbound ports on the workers and "
               "is meant for short sessions only.")
          .remediation("Leave remote debugging off in templates")
          .reference("Policy: App Service apps should have remote debugging "
                     "turned off")
          .reference("Policy: Function apps should have remote debugging "
                     "turned off")
          .reference("Checkov CKV_AZURE_72")
          .onArm({"Microsoft.Web/sites", "Microsoft.Web/sites/slots"},
                 armRemoteDebugging)
          .onTerraform(
              "azurerm",
              {"azurerm_linux_web_app", "azurerm_windows_web_app",
               "azurerm_linux_function_app", "azurerm_windows_function_app",
               "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
               "azurerm_linux_function_app_slot",
               "azurerm_windows_function_app_slot", "azurerm_app_service",
               "azurerm_app_service_slot", "azurerm_function_app",
               "azurerm_function_app_slot"},
              property("site_config.remote_debugging_enabled")
                  .mustEqual(Value::boolean(false))
                  .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Sometimes, Applicability::Safe, setToExpected())
          .fixFor(Family::Arm,
                  azure::onSiteConfig(setTo(Value::boolean(false))))
          .build();
  return C;
}

} // namespace rampart::checks
