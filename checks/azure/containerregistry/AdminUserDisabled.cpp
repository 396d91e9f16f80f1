//===- AdminUserDisabled.cpp - AZ-ACR-001 ---------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &acrAdminUserDisabled() {
  static const Check C =
      CheckBuilder("AZ-ACR-001", __FILE__)
          .title("Container registries should have the admin user disabled")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .why("The admin user is a shared username and password with push "
               "and pull rights.")
          .remediation("Use managed identities or scoped tokens for pull and "
                       "Entra identities for push")
          .reference("Policy: Container registries should have local admin "
                     "account disabled.")
          .reference("Checkov CKV_AZURE_137")
          .onArm({"Microsoft.ContainerRegistry/registries"},
                 property("properties.adminUserEnabled")
                     .mustEqual(Value::boolean(false))
                     .defaultsTo(Value::boolean(false)))
          .onTerraform("azurerm", {"azurerm_container_registry"},
                       property("admin_enabled")
                           .mustEqual(Value::boolean(false))
                           .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
