//===- AnonymousPullDisabled.cpp - AZ-ACR-003 -----------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &acrAnonymousPullDisabled() {
  static const Check C =
      CheckBuilder("AZ-ACR-003", __FILE__)
          .title("Container registries should have anonymous pull disabled")
          .severity(Level::High)
          .control("Manage access and permissions")
          .why("Anonymous pull lets anyone download every image, including "
               "configuration and secrets baked into layers.")
          .remediation("Keep anonymous pull off unless the registry is meant "
                       "to be a public distribution point")
          .reference("Policy: Container registries should have anonymous "
                     "authentication disabled.")
          .reference("Checkov CKV_AZURE_138")
          .onArm({"Microsoft.ContainerRegistry/registries"},
                 property("properties.anonymousPullEnabled")
                     .mustEqual(Value::boolean(false))
                     .defaultsTo(Value::boolean(false)))
          .onTerraform("azurerm", {"azurerm_container_registry"},
                       property("anonymous_pull_enabled")
                           .mustEqual(Value::boolean(false))
                           .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
