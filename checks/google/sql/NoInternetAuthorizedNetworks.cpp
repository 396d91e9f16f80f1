//===- NoInternetAuthorizedNetworks.cpp - GCP-SQL-001 ---------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/google/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

/// Some `authorized_networks` block has an internet CIDR as its value.
/// Where is that value.
Match sqlAuthorizesInternet(const Subject &S) {
  return google::authorizesInternet(
      S, "settings.ip_configuration.authorized_networks", "value");
}

/// Authorized networks only matter for the public IPv4 address, which
/// `ipv4_enabled` turns on (the default).
Evaluation internetNotAuthorized(const Subject &S) {
  Match Public = google::lookupEquals(
      google::lookup(S, "settings.ip_configuration.ipv4_enabled"),
      Value::boolean(true), Truth::True);
  Match Internet = sqlAuthorizesInternet(S);
  if (Public.isFalse() || Internet.isFalse())
    return Evaluation::healthy();
  if (Internet.isUnknown())
    return google::unknownOutcome(
        Internet, "settings.ip_configuration.authorized_networks");
  if (Public.isUnknown())
    return google::unknownOutcome(Public,
                                  "settings.ip_configuration.ipv4_enabled");
  std::string Cidr = Internet.Where && Internet.Where->is(ValueKind::String)
                         ? google::quoted(Internet.Where->asString())
                         : "an internet CIDR";
  return {Outcome::Unhealthy,
          Internet.Where,
          {"settings.ip_configuration.authorized_networks"},
          "authorizes " + Cidr +
              " to connect to the instance's public IP address"};
}

} // namespace

const Check &sqlNoInternetAuthorizedNetworks() {
  static const Check C =
      CheckBuilder("GCP-SQL-001", __FILE__)
          .title("Cloud SQL instances should not authorize the whole "
                 "internet")
          .severity(Level::Critical)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("CIS-GCP", "6.5")
          .why("An authorized network of 0.0.0.0/0 lets anyone on the "
               "internet reach the database port, leaving only the database "
               "password between an attacker and the data.")
          .remediation("Use private IP with Private Service Connect or the "
                       "Cloud SQL Auth Proxy, and list only specific client "
                       "ranges as authorized networks")
          .reference("Trivy AVD-GCP-0017")
          .onTerraform("google", {"google_sql_database_instance"},
                       internetNotAuthorized)
          // No automated fix: the client ranges to authorize, or a private IP
          // setup, are the user's to give; authorized networks are list
          // elements.
          .build();
  return C;
}

} // namespace rampart::checks
