//===- EncryptedInTransit.cpp - AWS-ES-002 --------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

std::optional<bool> domainAtLeastTls12(const Value &Policy) {
  Match M = tlsAtLeast(Policy, "1.2");
  if (M.isUnknown())
    return std::nullopt;
  return M.isTrue();
}

/// Node-to-node encryption, HTTPS only, and a TLS 1.2 policy; missing
/// settings are off and Policy-Min-TLS-1-0-2019-07. Each rule comes with
/// the value that meets it.
std::vector<std::pair<PropertyRule, Value>>
inTransitRules(std::string NodeToNode, std::string EnforceHttps,
               std::string TlsPolicy) {
  return {{property(NodeToNode)
               .mustEqual(Value::boolean(true))
               .defaultsTo(Value::boolean(false)),
           Value::boolean(true)},
          {property(EnforceHttps)
               .mustEqual(Value::boolean(true))
               .defaultsTo(Value::boolean(false)),
           Value::boolean(true)},
          {property(TlsPolicy)
               .must(domainAtLeastTls12, "a TLS 1.2 policy")
               .defaultsTo(Value::string("Policy-Min-TLS-1-0-2019-07")),
           Value::string("Policy-Min-TLS-1-2-2019-07")}};
}

Predicate inTransit(std::vector<std::pair<PropertyRule, Value>> Rules) {
  return [Rules](const Subject &S) {
    std::vector<Evaluation> Parts;
    for (const auto &[Rule, Compliant] : Rules)
      Parts.push_back(Rule.evaluate(S));
    return aws::allOf(std::move(Parts));
  };
}

/// Every setting that fails, set to the value that meets it: one fix
/// encrypts all the traffic.
FixRecipe encryptAllTraffic(std::vector<std::pair<PropertyRule, Value>> Rules) {
  return [Rules](const Subject &S, const Evaluation &,
                 const Binding &) -> std::vector<FixIntent> {
    std::vector<FixIntent> Out;
    for (const auto &[Rule, Compliant] : Rules)
      if (Rule.evaluate(S).Result == Outcome::Unhealthy)
        Out.push_back(
            {FixIntent::Action::Set, Rule.paths().front(), Compliant});
    return Out;
  };
}

const auto CfnRules = inTransitRules("NodeToNodeEncryptionOptions.Enabled",
                                     "DomainEndpointOptions.EnforceHTTPS",
                                     "DomainEndpointOptions.TLSSecurityPolicy");
const auto TfRules = inTransitRules(
    "node_to_node_encryption.enabled", "domain_endpoint_options.enforce_https",
    "domain_endpoint_options.tls_security_policy");

} // namespace

const Check &opensearchEncryptedInTransit() {
  // Any TLS 1.2 policy passes (Policy-Min-TLS-1-2-2019-07,
  // Policy-Min-TLS-1-2-PFS-2023-10 and later ones tlsAtLeast reads).
  static const Check C =
      CheckBuilder("AWS-ES-002", __FILE__)
          .title("OpenSearch domains should encrypt traffic with HTTPS, TLS "
                 "1.2 and node-to-node encryption")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("FSBP", "Opensearch.3")
          .compliance("FSBP", "Opensearch.8")
          .compliance("FSBP", "ES.3")
          .compliance("FSBP", "ES.8")
          .why("Without HTTPS and node-to-node encryption, queries, documents "
               "and credentials cross the network in clear.")
          .remediation("Enforce HTTPS with a TLS 1.2 policy for clients and "
                       "turn on node-to-node encryption inside the cluster")
          .reference("Checkov CKV_AWS_6")
          .reference("Checkov CKV_AWS_83")
          .reference("Checkov CKV_AWS_228")
          .onCloudFormation(
              {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"},
              inTransit(CfnRules))
          .onTerraform("aws",
                       {"aws_opensearch_domain", "aws_elasticsearch_domain"},
                       inTransit(TfRules))
          // Suggested: clients must speak TLS 1.2 over HTTPS, and turning on
          // node-to-node encryption needs a recent engine.
          .fix(FixAvailability::Always, Applicability::Suggested,
               encryptAllTraffic(CfnRules))
          .fixFor(Family::Terraform, encryptAllTraffic(TfRules))
          .fixTitle("Encrypt client and node-to-node traffic")
          .build();
  return C;
}

} // namespace rampart::checks
