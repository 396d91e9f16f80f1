//===- EncryptedConnections.cpp - GCP-SQL-002 -----------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/google/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// ssl_mode decides when set. google provider 5.x and earlier also had
/// require_ssl (removed in 6.0): without ssl_mode, require_ssl = true
/// rejects unencrypted connections. With neither, Cloud SQL allows
/// unencrypted connections.
Evaluation requiresEncryption(const Subject &S) {
  static const PropertyRule Mode =
      property("settings.ip_configuration.ssl_mode")
          .mustBeOneOf({Value::string("ENCRYPTED_ONLY"),
                        Value::string("TRUSTED_CLIENT_CERTIFICATE_REQUIRED")})
          .defaultsTo(Value::string("ALLOW_UNENCRYPTED_AND_ENCRYPTED"));
  static const PropertyRule RequireSsl =
      property("settings.ip_configuration.require_ssl")
          .mustEqual(Value::boolean(true));
  if (google::lookup(S, "settings.ip_configuration.ssl_mode").Result ==
          Lookup::State::Missing &&
      google::lookup(S, "settings.ip_configuration.require_ssl").Result !=
          Lookup::State::Missing)
    return RequireSsl.evaluate(S);
  return Mode.evaluate(S);
}

/// ssl_mode = ENCRYPTED_ONLY. Cloud SQL rejects it beside require_ssl =
/// true (that pair means client certificates), so a require_ssl that is
/// not false is set to false with it.
std::vector<FixIntent> encryptedOnly(const Subject &S, const Evaluation &,
                                     const Binding &) {
  std::vector<FixIntent> Out{{FixIntent::Action::Set,
                              "settings.ip_configuration.ssl_mode",
                              Value::string("ENCRYPTED_ONLY")}};
  Lookup RequireSsl =
      google::lookup(S, "settings.ip_configuration.require_ssl");
  if (RequireSsl.Result != Lookup::State::Missing &&
      !google::lookupEquals(RequireSsl, Value::boolean(false), Truth::False)
           .isTrue())
    Out.push_back({FixIntent::Action::Set,
                   "settings.ip_configuration.require_ssl",
                   Value::boolean(false)});
  return Out;
}

} // namespace

const Check &sqlEncryptedConnections() {
  static const Check C =
      CheckBuilder("GCP-SQL-002", __FILE__)
          .title("Cloud SQL instances should require encrypted connections")
          .severity(Level::High)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("CIS-GCP", "6.4")
          .why("Instances that accept unencrypted connections expose "
               "credentials and query results on the network path.")
          .remediation("Require TLS (ssl_mode = \"ENCRYPTED_ONLY\"), and "
                       "client certificates where the clients support them")
          .reference("Checkov CKV_GCP_6")
          .reference("Trivy AVD-GCP-0015")
          .onTerraform("google", {"google_sql_database_instance"},
                       requiresEncryption)
          .fix(FixAvailability::Always, Applicability::Safe, encryptedOnly)
          .build();
  return C;
}

} // namespace rampart::checks
