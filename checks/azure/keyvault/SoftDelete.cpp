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

// Soft delete turned off is removed (a missing value is on); a retention
// the service would refuse goes to the nearest bound it accepts.
void addFixOf(const PropertyRule &Rule, const Subject &S,
              std::vector<FixIntent> &Out) {
  Evaluation E = Rule.evaluate(S);
  if (E.Result != Outcome::Unhealthy)
    return;
  if (Rule.test().TheKind == TestSpec::Kind::Equals) {
    Out.push_back({FixIntent::Action::Remove, E.Path.front(), {}});
    return;
  }
  bool TooShort = E.Where &&
                  (E.Where->is(model::ValueKind::Int) ||
                   E.Where->is(model::ValueKind::Float)) &&
                  E.Where->asNumber() < 7;
  Out.push_back({FixIntent::Action::Set, E.Path.front(),
                 Value::integer(TooShort ? 7 : 90)});
}

// One fix covers every rule the vault breaks.
std::vector<FixIntent> keepSoftDelete(const Subject &S, const Evaluation &,
                                      const Binding &B) {
  std::vector<FixIntent> Out;
  if (B.Rule)
    addFixOf(*B.Rule, S, Out);
  if (B.Declared)
    for (const PropertyRule &R : B.Declared->Rules)
      addFixOf(R, S, Out);
  return Out;
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
          .fix(FixAvailability::Always, Applicability::Safe, keepSoftDelete)
          .build();
  return C;
}

} // namespace rampart::checks
