//===- SecureTransportRequired.cpp - AZ-DB-003 ----------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Relations.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

// The server parameters that weaken transport security: PostgreSQL and
// MySQL share require_secure_transport; the minimum TLS version is
// ssl_min_protocol_version on PostgreSQL and tls_version on MySQL.
constexpr llvm::StringLiteral RequireSecureTransport =
    "require_secure_transport";

bool isTlsVersionParameter(llvm::StringRef Name) {
  return Name.equals_insensitive("ssl_min_protocol_version") ||
         Name.equals_insensitive("tls_version");
}

// One configuration (an ARM child or a Terraform resource) named Name whose
// value is at ValuePath. A parameter the check does not read is not
// applicable; a value the service leaves at its default (on, TLS 1.2) is
// healthy.
Evaluation judgeParameter(const Subject &Config, const Value &Name,
                          const std::string &ValuePath) {
  if (!Name.is(model::ValueKind::String))
    return {Outcome::Unknown,
            &Name,
            {},
            "the name of a server parameter is "
            "unknown, and it may turn off secure "
            "transport"};
  llvm::StringRef Parameter = Name.asString().rsplit('/').second;
  if (Parameter.empty())
    Parameter = Name.asString();
  if (Parameter.equals_insensitive(RequireSecureTransport)) {
    PropertyRule On = property(ValuePath)
                          .mustNotBeOneOf({Value::string("off")})
                          .missingIsHealthy();
    return On.evaluate(Config);
  }
  if (isTlsVersionParameter(Parameter)) {
    PropertyRule Tls =
        property(ValuePath)
            .satisfies({"tlsAtLeast", {{"minimum", Value::string("1.2")}}})
            .missingIsHealthy();
    return Tls.evaluate(Config);
  }
  return Evaluation::notApplicable();
}

// A flexible server is as secure as its configuration children leave it;
// without any, the service default holds.
Evaluation armFlexibleServer(const Subject &S) {
  std::vector<Evaluation> Es;
  for (const Resource *Config :
       childrenOf(S.Unit, S.Resource,
                  {"Microsoft.DBforPostgreSQL/flexibleServers/configurations",
                   "Microsoft.DBforMySQL/flexibleServers/configurations"}))
    Es.push_back(azure::onRelated(
        *Config, judgeParameter(Subject{*Config, S.Unit}, Config->Name,
                                "properties.value")));
  Evaluation E = azure::allHealthy(std::move(Es));
  return E.Result == Outcome::NotApplicable ? Evaluation::healthy() : E;
}

Evaluation terraformConfiguration(const Subject &S) {
  const Value *Name = S.Resource.Properties.get("name");
  static const Value Missing = Value::null();
  return judgeParameter(S, Name ? *Name : Missing, "value");
}

// A Terraform configuration resource gets secure transport back on (MySQL
// spells it ON, PostgreSQL on) or TLS 1.2 as its minimum; the legacy
// servers' flag is set as its rule expects.
std::vector<FixIntent> terraformSecureTransport(const Subject &S,
                                                const Evaluation &E,
                                                const Binding &B) {
  if (B.Rule)
    return setToExpected()(S, E, B);
  const Value *Name = S.Resource.Properties.get("name");
  if (E.Path.empty() || !Name || !Name->is(model::ValueKind::String))
    return {};
  bool MySql = S.Resource.Type == "azurerm_mysql_flexible_server_configuration";
  Value Secure = isTlsVersionParameter(Name->asString())
                     ? Value::string("TLSv1.2")
                     : Value::string(MySql ? "ON" : "on");
  return {{FixIntent::Action::Set, E.Path.front(), Secure}};
}

} // namespace

const Check &databaseSecureTransportRequired() {
  static const Check C =
      CheckBuilder("AZ-DB-003", __FILE__)
          .title("PostgreSQL and MySQL servers should keep TLS enforced")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("CIS-Azure", "4.3.1")
          .compliance("CIS-Azure", "4.4.1")
          .why("Turning off secure transport lets clients send passwords and "
               "data in clear.")
          .remediation("Keep secure transport on with TLS 1.2 or later, and "
                       "configure drivers with sslmode=verify-full "
                       "(PostgreSQL) or ssl-mode=VERIFY_IDENTITY (MySQL)")
          .reference("Policy: Enforce SSL connection should be enabled for "
                     "PostgreSQL flexible servers")
          .reference("Policy: Enforce SSL connection should be enabled for "
                     "MySQL database servers")
          .reference("Checkov CKV_AZURE_28, CKV_AZURE_29")
          .reference("Trivy AVD-AZU-0020")
          .onArm({"Microsoft.DBforPostgreSQL/flexibleServers",
                  "Microsoft.DBforMySQL/flexibleServers"},
                 armFlexibleServer)
          // Retired single servers. The catalog gives no default for a
          // missing sslEnforcement, so it is unknown.
          .onArm({"Microsoft.DBforPostgreSQL/servers",
                  "Microsoft.DBforMySQL/servers"},
                 property("properties.sslEnforcement")
                     .mustEqual(Value::string("Enabled")))
          .onTerraform("azurerm",
                       {"azurerm_postgresql_flexible_server_configuration",
                        "azurerm_mysql_flexible_server_configuration"},
                       terraformConfiguration)
          // Required by the provider: a missing value is unknown.
          .onTerraform("azurerm",
                       {"azurerm_postgresql_server", "azurerm_mysql_server"},
                       property("ssl_enforcement_enabled")
                           .mustEqual(Value::boolean(true)))
          // ARM single servers get sslEnforcement Enabled. Flexible servers
          // get none: the weakening value is in a child configuration
          // resource, and the finding has no path into the server.
          .fix(FixAvailability::Sometimes, Applicability::Safe, setToExpected())
          .fixFor(Family::Terraform, terraformSecureTransport)
          .build();
  return C;
}

} // namespace rampart::checks
