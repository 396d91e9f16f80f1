//===- SoftDelete.cpp - AZ-KV-002 -----------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// The service accepts a retention of 7 to 90 days.
std::optional<bool> retentionInRange(const Value &Days) {
  if (!Days.is(model::ValueKind::Int) && !Days.is(model::ValueKind::Float))
    return std::nullopt;
  return Days.asNumber() >= 7 && Days.asNumber() <= 90;
}

// New vaults always get soft delete; only an explicit false disables it.
Evaluation armSoftDelete(const Subject &S) {
  static const PropertyRule Enabled = property("properties.enableSoftDelete")
                                          .mustEqual(Value::boolean(true))
                                          .defaultsTo(Value::boolean(true));
  static const PropertyRule Retention =
      property("properties.softDeleteRetentionInDays")
          .must(retentionInRange, "7 to 90 days")
          .defaultsTo(Value::integer(90));
  return azure::allHealthy({Enabled.evaluate(S), Retention.evaluate(S)});
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
          .onArm({"Microsoft.KeyVault/vaults"}, armSoftDelete)
          // Soft delete cannot be disabled since azurerm 3.0; only the
          // retention is left to judge.
          .onTerraform("azurerm", {"azurerm_key_vault"},
                       property("soft_delete_retention_days")
                           .must(retentionInRange, "7 to 90 days")
                           .defaultsTo(Value::integer(90)))
          .build();
  return C;
}

} // namespace rampart::checks
