//===- SoftDelete.cpp - AZ-KV-002 -----------------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// The service accepts a retention of 7 to 90 days.
PropertyRule retentionInRange(std::string Path) {
  return property(std::move(Path))
      .satisfies({"numberInRange",
                  {{"min", Value::integer(7)}, {"max", Value::integer(90)}}})
      .defaultsTo(Value::integer(90));
}

} // namespace

const Check &keyVaultSoftDelete() {
  static const Check C =
      CheckBuilder("AZ-KV-002", __FILE__)
          .title("Key vaults should keep soft delete enabled")
          .severity(Level::Medium)
          .control("Implement security best practices")
          .compliance("MCSB", "DP-8")
          .compliance("CIS-Azure", "8.5")
          .why("Without soft delete, a deleted vault or object, and every "
               "piece of data its keys encrypt, cannot be recovered.")
          .remediation("Keep soft delete on, with a retention of 7 to 90 "
                       "days")
          .reference("Policy: Key vaults should have soft delete enabled")
          .reference("Checkov CKV_AZURE_111, CKV_AZURE_42")
          // New vaults always get soft delete; only an explicit false
          // disables it.
          .onArm(
              {"Microsoft.KeyVault/vaults"},
              allOf({property("properties.enableSoftDelete")
                         .mustEqual(Value::boolean(true))
                         .defaultsTo(Value::boolean(true)),
                     retentionInRange("properties.softDeleteRetentionInDays")}))
          // Soft delete cannot be disabled since azurerm 3.0; only the
          // retention is left to judge.
          .onTerraform("azurerm", {"azurerm_key_vault"},
                       retentionInRange("soft_delete_retention_days"))
          .build();
  return C;
}

} // namespace rampart::checks
