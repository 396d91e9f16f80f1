//===- ManagedIdentity.cpp - AZ-APP-006 -----------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// "SystemAssigned", "UserAssigned" or both ("SystemAssigned,
// UserAssigned"); "None" is no identity.
std::optional<bool> namesManagedIdentity(const Value &Type) {
  if (!Type.is(model::ValueKind::String))
    return std::nullopt;
  std::string T = Type.asString().lower();
  return T.find("systemassigned") != std::string::npos ||
         T.find("userassigned") != std::string::npos;
}

PropertyRule identityType() {
  return property("identity.type")
      .must(namesManagedIdentity, "SystemAssigned or UserAssigned");
}

} // namespace

const Check &appManagedIdentity() {
  static const Check C =
      CheckBuilder("AZ-APP-006", __FILE__)
          .title("App Service and Function apps should use a managed "
                 "identity")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "IM-3")
          .compliance("CIS-Azure", "9.5")
          .why("Without a managed identity, apps reach databases, storage and "
               "Key Vault with connection strings kept in app settings.")
          .remediation("Give the app a managed identity and grant it "
                       "data-plane roles instead of secrets")
          .reference("Policy: App Service apps should use managed identity")
          .reference("Checkov CKV_AZURE_16, CKV_AZURE_71")
          .reference("Trivy AVD-AZU-0002")
          .onArm({"Microsoft.Web/sites", "Microsoft.Web/sites/slots"},
                 identityType().defaultsTo(Value::string("None")))
          .onTerraform(
              "azurerm",
              {"azurerm_linux_web_app", "azurerm_windows_web_app",
               "azurerm_linux_function_app", "azurerm_windows_function_app",
               "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
               "azurerm_linux_function_app_slot",
               "azurerm_windows_function_app_slot", "azurerm_app_service",
               "azurerm_app_service_slot", "azurerm_function_app",
               "azurerm_function_app_slot"},
              identityType().missingIsUnhealthy())
          // Suggested: harmless to add, but useful only once role
          // assignments follow.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setTo(Value::string("SystemAssigned")))
          .fixTitle("Add a system-assigned managed identity")
          .build();
  return C;
}

} // namespace rampart::checks
