//===- FtpsOnly.cpp - AZ-APP-003 ------------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/appservice/WebConfig.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

PropertyRule ftpsStateAt(std::string Path) {
  return property(std::move(Path))
      .mustBeOneOf({Value::string("FtpsOnly"), Value::string("Disabled")});
}

// Apps created through the API get AllAllowed; only the portal preselects
// FTPS.
Evaluation armFtpsState(const Subject &S) {
  static const PropertyRule Site =
      ftpsStateAt("properties.siteConfig.ftpsState")
          .defaultsTo(Value::string("AllAllowed"));
  static const PropertyRule Config = ftpsStateAt("properties.ftpsState");
  return azure::effectiveSiteSetting(S, "ftpsState", Site, Config);
}

} // namespace

const Check &appFtpsOnly() {
  static const Check C =
      CheckBuilder("AZ-APP-003", __FILE__)
          .title("App Service and Function apps should allow only FTPS, or "
                 "disable FTP")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("CIS-Azure", "9.10")
          .why("Plain FTP sends deployment credentials and content in clear "
               "text.")
          .remediation("Disable FTP entirely, or allow FTPS only if a "
                       "deployment tool still needs it")
          .reference("Policy: App Service apps should require FTPS only")
          .reference("Policy: Function apps should require FTPS only")
          .reference("Checkov CKV_AZURE_78")
          .reference("Trivy AVD-AZU-0071")
          .onArm({"Microsoft.Web/sites", "Microsoft.Web/sites/slots"},
                 armFtpsState)
          // The current resources default to Disabled.
          .onTerraform(
              "azurerm",
              {"azurerm_linux_web_app", "azurerm_windows_web_app",
               "azurerm_linux_function_app", "azurerm_windows_function_app",
               "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
               "azurerm_linux_function_app_slot",
               "azurerm_windows_function_app_slot"},
              ftpsStateAt("site_config.ftps_state")
                  .defaultsTo(Value::string("Disabled")))
          // The legacy resources default to AllAllowed.
          .onTerraform("azurerm",
                       {"azurerm_app_service", "azurerm_function_app"},
                       ftpsStateAt("site_config.ftps_state")
                           .defaultsTo(Value::string("AllAllowed")))
          // FtpsOnly keeps FTPS deployments working (Terraform: the first
          // healthy value).
          .fix(FixAvailability::Sometimes, Applicability::Safe, setToExpected())
          .fixFor(Family::Arm,
                  azure::onSiteConfig(setTo(Value::string("FtpsOnly"))))
          .build();
  return C;
}

} // namespace rampart::checks
