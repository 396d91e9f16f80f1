//===- HttpsOnly.cpp - AZ-APP-001 -----------------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &appHttpsOnly() {
  static const Check C =
      CheckBuilder("AZ-APP-001", __FILE__)
          .title("App Service and Function apps should be served over HTTPS "
                 "only")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("CIS-Azure", "9.2")
          .why("Without HTTPS-only the app answers plain HTTP, so cookies and "
               "tokens can leak on the first request.")
          .remediation("Turn on HTTPS-only (HTTP requests are then "
                       "redirected)")
          .reference("Policy: App Service apps should only be accessible over "
                     "HTTPS")
          .reference("Policy: Function apps should only be accessible over "
                     "HTTPS")
          .reference("Checkov CKV_AZURE_14, CKV_AZURE_70")
          .reference("Trivy AVD-AZU-0072, AVD-AZU-0004")
          .onArm({"Microsoft.Web/sites", "Microsoft.Web/sites/slots"},
                 property("properties.httpsOnly")
                     .mustEqual(Value::boolean(true))
                     .defaultsTo(Value::boolean(false)))
          .onTerraform(
              "azurerm",
              {"azurerm_linux_web_app", "azurerm_windows_web_app",
               "azurerm_linux_function_app", "azurerm_windows_function_app",
               "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
               "azurerm_linux_function_app_slot",
               "azurerm_windows_function_app_slot", "azurerm_app_service",
               "azurerm_app_service_slot", "azurerm_function_app",
               "azurerm_function_app_slot"},
              property("https_only")
                  .mustEqual(Value::boolean(true))
                  .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
