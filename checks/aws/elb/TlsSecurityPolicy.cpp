//===- TlsSecurityPolicy.cpp - AWS-ELB-002 --------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

std::optional<bool> atLeastTls12(const Value &Policy) {
  Match M = tlsAtLeast(Policy, "1.2");
  if (M.isUnknown())
    return std::nullopt;
  return M.isTrue();
}

/// Only HTTPS and TLS listeners negotiate TLS; a missing policy is the
/// service's choice (unknown).
Predicate tlsPolicy(std::string Protocol, std::string Policy) {
  PropertyRule Rule = property(Policy).must(atLeastTls12, "TLS 1.2 or later");
  return [=](const Subject &S) -> Evaluation {
    const Value *P = S.Resource.Properties.get(Protocol);
    if (!P || P->isNull())
      return Evaluation::notApplicable();
    Match Tls = equalsInsensitive(*P, "HTTPS");
    if (!Tls.isTrue())
      Tls.T = truthOr(Tls.T, equalsInsensitive(*P, "TLS").T);
    if (Tls.isFalse())
      return Evaluation::notApplicable();
    Evaluation E = Rule.evaluate(S);
    if (Tls.isUnknown() && E.Result == Outcome::Unhealthy)
      return {Outcome::Unknown, P, {Protocol}, Protocol + " is unknown"};
    return E;
  };
}

} // namespace

const Check &elbTlsSecurityPolicy() {
  // aws_alb_listener is the same resource as aws_lb_listener under its old
  // name.
  static const Check C =
      CheckBuilder("AWS-ELB-002", __FILE__)
          .title("HTTPS and TLS listeners should use a TLS 1.2 or later "
                 "security policy")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .why("Listener policies decide which protocol versions clients may "
               "negotiate; older policies accept TLS 1.0 and 1.1.")
          .remediation("Pick a TLS 1.2 or 1.3 policy such as "
                       "ELBSecurityPolicy-TLS13-1-2-2021-06 after checking "
                       "that no legacy client needs TLS 1.0")
          .reference("Checkov CKV_AWS_103")
          .onCloudFormation({"AWS::ElasticLoadBalancingV2::Listener"},
                            tlsPolicy("Protocol", "SslPolicy"))
          .onTerraform("aws", {"aws_lb_listener", "aws_alb_listener"},
                       tlsPolicy("protocol", "ssl_policy"))
          .fix(FixAvailability::Always, Applicability::Suggested,
               setTo(Value::string("ELBSecurityPolicy-TLS13-1-2-2021-06")))
          .build();
  return C;
}

} // namespace rampart::checks
