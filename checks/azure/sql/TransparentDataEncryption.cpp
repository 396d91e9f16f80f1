//===- TransparentDataEncryption.cpp - AZ-SQL-004 -------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

bool isMaster(const model::Resource &Db) {
  if (!Db.Name.is(model::ValueKind::String))
    return false;
  llvm::StringRef Name = Db.Name.asString();
  return Name.equals_insensitive("master") ||
         Name.rsplit('/').second.equals_insensitive("master");
}

// TDE is on by default for new databases; only a child
// transparentDataEncryption resource can turn it off.
Evaluation armTde(const Subject &S) {
  static const PropertyRule State =
      property("properties.state").mustEqual(Value::string("Enabled"));
  if (isMaster(S.Resource))
    return Evaluation::notApplicable();
  for (const model::Resource *Child : childrenOf(
           S.Unit, S.Resource,
           {"Microsoft.Sql/servers/databases/transparentDataEncryption"})) {
    Lookup L = lookupPath(Child->Properties, "properties.state", true);
    if (L.Result != Lookup::State::Missing)
      return State.evaluate(Subject{*Child, S.Unit});
  }
  return Evaluation::healthy();
}

} // namespace

const Check &sqlTransparentDataEncryption() {
  static const Check C =
      CheckBuilder("AZ-SQL-004", __FILE__)
          .title("SQL databases should keep transparent data encryption on")
          .severity(Level::Low)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-4")
          .compliance("CIS-Azure", "4.1.5")
          .why("Without TDE, database files, backups and logs are readable by "
               "anyone who obtains the media.")
          .remediation("Leave TDE on; use a customer-managed TDE protector if "
                       "your compliance regime requires key ownership")
          .reference("Policy: Transparent Data Encryption on SQL databases "
                     "should be enabled")
          .reference("Checkov CKV2_AZURE_25")
          .onArm({"Microsoft.Sql/servers/databases"}, armTde)
          .onTerraform("azurerm", {"azurerm_mssql_database"},
                       property("transparent_data_encryption_enabled")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(true)))
          // Terraform: a missing value is on, so the false is removed. ARM has
          // no fix: what turns TDE off is a child resource.
          .fix(FixAvailability::Sometimes, Applicability::Safe, FixRecipe())
          .fixFor(Family::Terraform, removeProperty())
          .build();
  return C;
}

} // namespace rampart::checks
