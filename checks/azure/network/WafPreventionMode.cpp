//===- WafPreventionMode.cpp - AZ-NET-009 ---------------------------------===//
#include "analyzer/check/AzureNetwork.h"
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Engine.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

/// How a kind of WAF policy says it is enabled and in prevention mode.
struct PolicyKind {
  llvm::StringRef Type;
  PropertyRule Enabled;
  PropertyRule Mode;
};

Value str(const char *S) { return Value::string(S); }

// ARM documents no default for a policy's state or mode: missing is
// unknown. The azurerm providers default `enabled` to true and (except the
// Front Door Standard/Premium policy, where `mode` is required) `mode` to
// Prevention.
const std::vector<PolicyKind> &policyKinds() {
  static const std::vector<PolicyKind> Kinds = {
      {"Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies",
       property("properties.policySettings.state").mustEqual(str("Enabled")),
       property("properties.policySettings.mode").mustEqual(str("Prevention"))},
      {"Microsoft.Network/FrontDoorWebApplicationFirewallPolicies",
       property("properties.policySettings.enabledState")
           .mustEqual(str("Enabled")),
       property("properties.policySettings.mode").mustEqual(str("Prevention"))},
      {"azurerm_web_application_firewall_policy",
       property("policy_settings.enabled")
           .mustEqual(Value::boolean(true))
           .defaultsTo(Value::boolean(true)),
       property("policy_settings.mode")
           .mustEqual(str("Prevention"))
           .defaultsTo(str("Prevention"))},
      {"azurerm_frontdoor_firewall_policy",
       property("enabled")
           .mustEqual(Value::boolean(true))
           .defaultsTo(Value::boolean(true)),
       property("mode")
           .mustEqual(str("Prevention"))
           .defaultsTo(str("Prevention"))},
      {"azurerm_cdn_frontdoor_firewall_policy",
       property("enabled")
           .mustEqual(Value::boolean(true))
           .defaultsTo(Value::boolean(true)),
       property("mode").mustEqual(str("Prevention"))},
  };
  return Kinds;
}

/// Whether the WAF policy Ref points at is enabled and in prevention mode.
/// Missing Ref: MissingDetail makes it unhealthy.
Evaluation policyPrevents(const Subject &S, const Value *Ref,
                          const std::string &Path,
                          const std::string &MissingDetail) {
  Target T = resolveReference(S.Unit, Ref);
  if (T.Result == Target::State::Missing)
    return {Outcome::Unhealthy, Ref, {Path}, MissingDetail};
  if (T.Result != Target::State::Resolved)
    return {Outcome::Unknown,
            T.Via,
            {Path},
            "the WAF policy is not declared in this deployment or cannot be "
            "resolved, so its mode is unknown"};
  for (const PolicyKind &K : policyKinds()) {
    if (!hasType(*T.Resource, {K.Type}))
      continue;
    Subject Policy{*T.Resource, S.Unit};
    Evaluation E = azure::allHealthy(
        {K.Enabled.evaluate(Policy), K.Mode.evaluate(Policy)});
    if (E.Result != Outcome::Healthy) {
      E.Detail = "WAF policy '" + resourceLabel(*T.Resource) + "': " + E.Detail;
      // A missing setting is pointed at through this resource's reference.
      E.Path = {Path};
    }
    return E;
  }
  return {Outcome::Unknown,
          T.Via,
          {Path},
          "the WAF policy reference does not name a WAF policy"};
}

/// An Application Gateway's inline WAF configuration, in one dialect.
struct InlineWaf {
  std::string Configuration;
  PropertyRule Enabled, Mode;
};

const InlineWaf &inlineWaf(bool Arm) {
  static const InlineWaf OnArm{
      "properties.webApplicationFirewallConfiguration",
      property("properties.webApplicationFirewallConfiguration.enabled")
          .mustEqual(Value::boolean(true))
          .missingIsUnhealthy(),
      property("properties.webApplicationFirewallConfiguration.firewallMode")
          .mustEqual(str("Prevention"))
          .missingIsUnhealthy()};
  static const InlineWaf OnTerraform{"waf_configuration",
                                     property("waf_configuration.enabled")
                                         .mustEqual(Value::boolean(true))
                                         .missingIsUnhealthy(),
                                     property("waf_configuration.firewall_mode")
                                         .mustEqual(str("Prevention"))
                                         .missingIsUnhealthy()};
  return Arm ? OnArm : OnTerraform;
}

/// Application Gateway: a WAF tier, and either its WAF policy or its
/// inline WAF configuration enabled in prevention mode.
Evaluation appGatewayWaf(const Subject &S) {
  bool Arm = isArmResource(S.Resource);
  static const PropertyRule ArmTier =
      property("properties.sku.tier").mustBeOneOf({str("WAF"), str("WAF_v2")});
  static const PropertyRule TfTier =
      property("sku.tier").mustBeOneOf({str("WAF"), str("WAF_v2")});
  Evaluation Tier = (Arm ? ArmTier : TfTier).evaluate(S);
  if (Tier.Result != Outcome::Healthy)
    return Tier;
  std::string PolicyPath =
      Arm ? "properties.firewallPolicy.id" : "firewall_policy_id";
  Lookup Policy = lookupPath(S.Resource.Properties, PolicyPath, Arm);
  if (Policy.Result != Lookup::State::Missing)
    return policyPrevents(S, Policy.Value, PolicyPath, "");
  const InlineWaf &W = inlineWaf(Arm);
  return azure::allHealthy({W.Enabled.evaluate(S), W.Mode.evaluate(S)});
}

/// Switches an Application Gateway's inline WAF configuration on and to
/// prevention. Nothing else is this resource's to edit: a linked policy
/// and Front Door's policies are resources of their own, a tier change is
/// a redeployment, and a configuration that is missing needs rule set
/// choices (type, version) from the user.
std::vector<FixIntent> preventInline(const Subject &S, const Evaluation &E,
                                     const Binding &) {
  bool Arm = isArmResource(S.Resource);
  const InlineWaf &W = inlineWaf(Arm);
  if (E.Path.empty() || (E.Path.front() != W.Enabled.paths().front() &&
                         E.Path.front() != W.Mode.paths().front()))
    return {};
  if (lookupPath(S.Resource.Properties, W.Configuration, Arm).Result !=
      Lookup::State::Found)
    return {};
  std::vector<FixIntent> Out;
  for (const PropertyRule *R : {&W.Enabled, &W.Mode})
    if (R->evaluate(S).Result == Outcome::Unhealthy)
      Out.push_back({FixIntent::Action::Set, R->paths().front(),
                     R->test().Values.front()});
  return Out;
}

/// Front Door (classic): every frontend endpoint links an enabled,
/// prevention-mode WAF policy.
Evaluation frontDoorClassicWaf(const Subject &S) {
  bool Arm = isArmResource(S.Resource);
  std::string Endpoints =
      Arm ? "properties.frontendEndpoints" : "frontend_endpoint";
  std::string Link = Arm ? "properties.webApplicationFirewallPolicyLink.id"
                         : "web_application_firewall_policy_link_id";
  ListAt I = listAt(S.Resource.Properties, Endpoints, Arm);
  if (I.Unknown)
    return {Outcome::Unknown,
            I.Unknown,
            {Endpoints},
            "the frontend endpoints are not known"};
  std::vector<Evaluation> Each;
  for (const Value &E : I.Items) {
    Lookup L = lookupPath(E, Link, Arm);
    if (L.Result == Lookup::State::Missing) {
      Each.push_back({Outcome::Unhealthy,
                      &E,
                      {Endpoints},
                      "a frontend endpoint has no WAF policy"});
      continue;
    }
    Each.push_back(policyPrevents(S, L.Value, Endpoints, ""));
  }
  return azure::allHealthy(std::move(Each));
}

/// The resources of one of Types whose property at Path refers to Owner,
/// and whether one may (its reference cannot be resolved).
std::vector<const Resource *> partsOf(const Subject &S,
                                      llvm::ArrayRef<llvm::StringRef> Types,
                                      llvm::StringRef Path, bool &Maybe) {
  std::vector<const Resource *> Out;
  for (const Resource *R : deployedOfType(S.Unit, Types)) {
    if (isArmResource(*R)) {
      // ARM children join their profile by the parent edge.
      for (const model::Edge &E : S.Unit.Graph.edges())
        if (E.Kind == model::EdgeKind::Parent && E.From == R->Id &&
            E.To == S.Resource.Id)
          Out.push_back(R);
      continue;
    }
    Target T = referenceAt(S.Unit, R->Properties, Path, false);
    if (T.Result == Target::State::Resolved && T.Resource == &S.Resource)
      Out.push_back(R);
    else if (T.Result == Target::State::Unknown)
      Maybe = true;
  }
  return Out;
}

/// Every WAF-type security policy's domains that its firewall policy
/// protects (enabled, prevention): the domains covered, and the first
/// policy that does not protect.
struct Coverage {
  std::vector<const Resource *> Domains;
  bool Unknown = false;
  Evaluation Problem;
};

void addCovered(const Subject &S, const Resource &Policy, Coverage &C) {
  bool Arm = isArmResource(Policy);
  if (Arm) {
    Lookup Type =
        lookupPath(Policy.Properties, "properties.parameters.type", true);
    if (Type.Result == Lookup::State::Missing)
      return;
    Match Waf = equalsInsensitive(*Type.Value, "WebApplicationFirewall");
    if (Waf.isFalse())
      return;
    if (Waf.isUnknown()) {
      C.Unknown = true;
      return;
    }
  }
  Lookup Ref = lookupPath(Policy.Properties,
                          Arm ? "properties.parameters.wafPolicy.id"
                              : "security_policies.firewall."
                                "cdn_frontdoor_firewall_policy_id",
                          Arm);
  Evaluation Protects = policyPrevents(
      S, Ref.Result == Lookup::State::Missing ? nullptr : Ref.Value, "",
      "a WAF security policy names no WAF policy");
  if (Protects.Result != Outcome::Healthy) {
    if (C.Problem.Result == Outcome::NotApplicable)
      C.Problem = Protects;
    if (Protects.Result == Outcome::Unknown)
      C.Unknown = true;
    return;
  }
  ListAt Assoc = listAt(Policy.Properties,
                        Arm ? "properties.parameters.associations"
                            : "security_policies.firewall.association",
                        Arm);
  if (Assoc.Unknown)
    C.Unknown = true;
  for (const Value &A : Assoc.Items) {
    ListAt Domains = listAt(A, Arm ? "domains" : "domain", Arm);
    if (Domains.Unknown)
      C.Unknown = true;
    for (const Value &D : Domains.Items) {
      Target T =
          referenceAt(S.Unit, D, Arm ? "id" : "cdn_frontdoor_domain_id", Arm);
      if (T.Result == Target::State::Resolved)
        C.Domains.push_back(T.Resource);
      else if (T.Result == Target::State::Unknown)
        C.Unknown = true;
    }
  }
}

/// Front Door Standard/Premium: every endpoint and custom domain of the
/// profile is associated with a WAF security policy whose firewall policy
/// is enabled and in prevention mode.
Evaluation frontDoorProfileWaf(const Subject &S) {
  bool Arm = isArmResource(S.Resource);
  if (Arm) {
    Lookup Sku = lookupPath(S.Resource.Properties, "sku.name", true);
    if (Sku.Result == Lookup::State::Missing)
      return Evaluation::notApplicable();
    Truth FrontDoor =
        truthOr(equalsInsensitive(*Sku.Value, "Standard_AzureFrontDoor").T,
                equalsInsensitive(*Sku.Value, "Premium_AzureFrontDoor").T);
    if (FrontDoor == Truth::False)
      return Evaluation::notApplicable(); // a classic CDN profile
    if (FrontDoor == Truth::Unknown)
      return {Outcome::Unknown,
              Sku.Value,
              {"sku.name"},
              "whether the profile is a Front Door is unknown"};
  }
  bool Maybe = false;
  std::vector<const Resource *> Domains = partsOf(
      S,
      {"Microsoft.Cdn/profiles/afdEndpoints",
       "Microsoft.Cdn/profiles/customDomains", "azurerm_cdn_frontdoor_endpoint",
       "azurerm_cdn_frontdoor_custom_domain"},
      "cdn_frontdoor_profile_id", Maybe);
  std::vector<const Resource *> Policies =
      partsOf(S,
              {"Microsoft.Cdn/profiles/securityPolicies",
               "azurerm_cdn_frontdoor_security_policy"},
              "cdn_frontdoor_profile_id", Maybe);
  Coverage C;
  for (const Resource *P : Policies)
    addCovered(S, *P, C);
  C.Unknown |= Maybe;
  for (const Resource *D : Domains) {
    if (llvm::is_contained(C.Domains, D))
      continue;
    if (C.Unknown)
      return {Outcome::Unknown,
              nullptr,
              {},
              "whether a WAF security policy covers '" + resourceLabel(*D) +
                  "' is unknown"};
    if (C.Problem.Result != Outcome::NotApplicable)
      return C.Problem;
    return {Outcome::Unhealthy,
            nullptr,
            {},
            "endpoint or domain '" + resourceLabel(*D) +
                "' is not covered by a WAF security policy"};
  }
  if (Domains.empty())
    return C.Unknown ? Evaluation{Outcome::Unknown,
                                  nullptr,
                                  {},
                                  "the profile's endpoints are not known"}
                     : Evaluation::notApplicable();
  return Evaluation::healthy();
}

} // namespace

const Check &networkWafPreventionMode() {
  static const Check C =
      CheckBuilder("AZ-NET-009", __FILE__)
          .title("Web entry points should be protected by a Web Application "
                 "Firewall in prevention mode")
          .severity(Level::Medium)
          .control("Protect applications against DDoS attacks")
          .compliance("MCSB", "NS-6")
          .why("A WAF in prevention mode blocks common injection attacks and "
               "application-layer floods before they reach the app; "
               "detection mode only logs.")
          .remediation("Use a WAF tier or policy in prevention mode, after "
                       "tuning exclusions in detection mode")
          .reference("Policy: Web Application Firewall (WAF) should be "
                     "enabled for Application Gateway")
          .reference("Policy: Azure Web Application Firewall should be "
                     "enabled for Azure Front Door entry-points")
          .reference("Checkov CKV_AZURE_120")
          .reference("Checkov CKV_AZURE_121")
          .reference("Checkov CKV_AZURE_122")
          .reference("Checkov CKV_AZURE_123")
          .onArm({"Microsoft.Network/applicationGateways"}, appGatewayWaf)
          .onArm({"Microsoft.Network/frontDoors"}, frontDoorClassicWaf)
          .onArm({"Microsoft.Cdn/profiles"}, frontDoorProfileWaf)
          .onTerraform("azurerm", {"azurerm_application_gateway"},
                       appGatewayWaf)
          .onTerraform("azurerm", {"azurerm_frontdoor"}, frontDoorClassicWaf)
          .onTerraform("azurerm", {"azurerm_cdn_frontdoor_profile"},
                       frontDoorProfileWaf)
          // Suggested: requests the WAF only logged until now get blocked.
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               preventInline)
          .build();
  return C;
}

} // namespace rampart::checks
