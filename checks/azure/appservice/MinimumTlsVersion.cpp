//===- MinimumTlsVersion.cpp - AZ-APP-002 ---------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/azure/Combine.h"
#include "checks/azure/appservice/WebConfig.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// Missing is the service default, 1.2.
PropertyRule tlsAt(std::string Path, bool WithDefault) {
  PropertyRule R =
      property(std::move(Path))
          .satisfies({"tlsAtLeast", {{"minimum", Value::string("1.2")}}});
  if (WithDefault)
    R.defaultsTo(Value::string("1.2"));
  return R;
}

// The effective site and SCM minimums.
std::vector<Evaluation> armTlsSettings(const Subject &S) {
  static const PropertyRule Site =
      tlsAt("properties.siteConfig.minTlsVersion", true);
  static const PropertyRule Config = tlsAt("properties.minTlsVersion", false);
  static const PropertyRule ScmSite =
      tlsAt("properties.siteConfig.scmMinTlsVersion", true);
  static const PropertyRule ScmConfig =
      tlsAt("properties.scmMinTlsVersion", false);
  return {
      azure::effectiveSiteSetting(S, "minTlsVersion", Site, Config),
      azure::effectiveSiteSetting(S, "scmMinTlsVersion", ScmSite, ScmConfig)};
}

Evaluation armTls(const Subject &S) {
  return azure::allHealthy(armTlsSettings(S));
}

// One fix sets every minimum that is too low to 1.2, the site's and the
// SCM site's. A minimum the config/web child sets is that resource's text,
// which an edit of the site cannot change: then there is no fix.
std::vector<FixIntent> armRaiseTls(const Subject &S, const Evaluation &,
                                   const Binding &) {
  std::vector<FixIntent> Out;
  for (const Evaluation &E : armTlsSettings(S)) {
    if (E.Result != Outcome::Unhealthy)
      continue;
    if (!llvm::StringRef(E.Path.front()).startswith("properties.siteConfig."))
      return {};
    Out.push_back(
        {FixIntent::Action::Set, E.Path.front(), Value::string("1.2")});
  }
  return Out;
}

// The legacy resources spell the attributes min_tls_version and
// scm_min_tls_version.
RuleSet terraformTls() {
  return allOf({tlsAt("site_config.minimum_tls_version", true)
                    .alias("site_config.min_tls_version"),
                tlsAt("site_config.scm_minimum_tls_version", true)
                    .alias("site_config.scm_min_tls_version")});
}

// Every minimum that is too low, in the spelling the resource uses.
std::vector<FixIntent> terraformRaiseTls(const Subject &S, const Evaluation &,
                                         const Binding &B) {
  std::vector<FixIntent> Out;
  if (!B.Declared)
    return Out;
  for (const PropertyRule &R : B.Declared->Rules) {
    Evaluation E = R.evaluate(S);
    if (E.Result == Outcome::Unhealthy)
      Out.push_back(
          {FixIntent::Action::Set, E.Path.front(), Value::string("1.2")});
  }
  return Out;
}

} // namespace

const Check &appMinimumTlsVersion() {
  static const Check C =
      CheckBuilder("AZ-APP-002", __FILE__)
          .title("App Service and Function apps should require TLS 1.2 or "
                 "later")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("MCSB", "NS-8")
          .compliance("CIS-Azure", "9.3")
          .why("TLS 1.0 and 1.1 have known weaknesses and are rejected by "
               "modern clients and compliance scans.")
          .remediation("Keep the minimum TLS version (site and SCM) at 1.2, "
                       "or 1.3 where clients allow it")
          .reference("Policy: App Service apps should use the latest TLS "
                     "version")
          .reference("Policy: Function apps should use the latest TLS version")
          .reference("Checkov CKV_AZURE_15, CKV_AZURE_145")
          .reference("Trivy AVD-AZU-0006")
          .onArm({"Microsoft.Web/sites", "Microsoft.Web/sites/slots"}, armTls)
          .onTerraform(
              "azurerm",
              {"azurerm_linux_web_app", "azurerm_windows_web_app",
               "azurerm_linux_function_app", "azurerm_windows_function_app",
               "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
               "azurerm_linux_function_app_slot",
               "azurerm_windows_function_app_slot", "azurerm_app_service",
               "azurerm_app_service_slot", "azurerm_function_app",
               "azurerm_function_app_slot"},
              terraformTls())
          .fix(FixAvailability::Sometimes, Applicability::Safe, armRaiseTls)
          .fixFor(Family::Terraform, terraformRaiseTls)
          .build();
  return C;
}

} // namespace rampart::checks
