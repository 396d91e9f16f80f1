//===- TlsOnly.cpp - AZ-REDIS-001 -----------------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// Missing values mean the non-TLS port closed and TLS 1.2.
RuleSet tlsOnly(std::string NonSslPort, std::string OldNonSslPort,
                std::string MinimumTls) {
  PropertyRule Port = property(std::move(NonSslPort))
                          .mustEqual(Value::boolean(false))
                          .defaultsTo(Value::boolean(false));
  if (!OldNonSslPort.empty())
    Port.alias(std::move(OldNonSslPort));
  PropertyRule Tls =
      property(std::move(MinimumTls))
          .satisfies({"tlsAtLeast", {{"minimum", Value::string("1.2")}}})
          .defaultsTo(Value::string("1.2"));
  return allOf({Port, Tls});
}

// One fix covers both rules: the non-TLS port closed, TLS 1.2 at least.
std::vector<FixIntent> requireTls(const Subject &S, const Evaluation &,
                                  const Binding &B) {
  std::vector<FixIntent> Out;
  if (!B.Declared)
    return Out;
  for (const PropertyRule &R : B.Declared->Rules) {
    Evaluation E = R.evaluate(S);
    if (E.Result != Outcome::Unhealthy)
      continue;
    const TestSpec &T = R.test();
    Out.push_back({FixIntent::Action::Set, E.Path.front(),
                   T.TheKind == TestSpec::Kind::Equals ? T.Values.front()
                                                       : Value::string("1.2")});
  }
  return Out;
}

} // namespace

const Check &redisTlsOnly() {
  static const Check C =
      CheckBuilder("AZ-REDIS-001", __FILE__)
          .title("Azure Cache for Redis should allow only TLS connections")
          .severity(Level::High)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .why("Port 6379 carries the access key and all cached data in "
               "clear, and TLS below 1.2 has known weaknesses.")
          .remediation("Keep the non-TLS port closed, connect on 6380 with "
                       "TLS, and require TLS 1.2")
          .reference("Policy: Only secure connections to your Azure Cache for "
                     "Redis should be enabled")
          .reference("Checkov CKV_AZURE_91, CKV_AZURE_148")
          .onArm({"Microsoft.Cache/redis"},
                 tlsOnly("properties.enableNonSslPort", "",
                         "properties.minimumTlsVersion"))
          // azurerm 3.x spelled it enable_non_ssl_port.
          .onTerraform("azurerm", {"azurerm_redis_cache"},
                       tlsOnly("non_ssl_port_enabled", "enable_non_ssl_port",
                               "minimum_tls_version"))
          .fix(FixAvailability::Always, Applicability::Safe, requireTls)
          .build();
  return C;
}

} // namespace rampart::checks
