//===- HttpRedirectsToHttps.cpp - AWS-ELB-001 -----------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

struct ListenerShape {
  const char *Protocol, *Actions, *Type, *Redirect, *LoadBalancer, *LbType;
  const char *LbTypeName;
};
const ListenerShape CfnListener{"Protocol",
                                "DefaultActions",
                                "Type",
                                "RedirectConfig.Protocol",
                                "LoadBalancerArn",
                                "Type",
                                "AWS::ElasticLoadBalancingV2::LoadBalancer"};
const ListenerShape TfListener{
    "protocol",          "default_action",     "type",  "redirect.protocol",
    "load_balancer_arn", "load_balancer_type", "aws_lb"};

/// Whether the listener's load balancer, when in the unit, is not an
/// application load balancer.
bool onOtherLoadBalancer(const Subject &S, const ListenerShape &L) {
  const Value *Arn = S.Resource.Properties.get(L.LoadBalancer);
  if (!Arn)
    return false;
  for (const model::Resource *Lb :
       aws::referencedOfType(S.Unit, *Arn, {L.LbTypeName, "aws_alb"})) {
    const Value *T = Lb->Properties.get(L.LbType);
    if (T && equalsInsensitive(*T, "application").isFalse())
      return true;
  }
  return false;
}

/// An action that keeps plain HTTP from reaching targets: a redirect to
/// HTTPS or a fixed response.
Match actionIsSafe(const Value &Action, const ListenerShape &L) {
  if (!Action.isKnown())
    return {Truth::Unknown, &Action, {}};
  const Value *Type = Action.get(L.Type);
  if (!Type)
    return {Truth::Unknown, &Action, {}};
  if (equalsInsensitive(*Type, "fixed-response").isTrue())
    return {Truth::True, Type, {}};
  Match Redirect = equalsInsensitive(*Type, "redirect");
  if (!Redirect.isTrue())
    return {Redirect.T, Type, {}};
  Lookup P = lookupPath(Action, L.Redirect, false);
  if (P.Result == Lookup::State::Missing)
    return {Truth::False, Type, {}}; // keeps the request's protocol
  if (P.Result == Lookup::State::Unknown)
    return {Truth::Unknown, P.Value, {}};
  return {equalsInsensitive(*P.Value, "HTTPS").T, P.Value, {}};
}

Predicate redirectsToHttps(const ListenerShape &L) {
  return [&L](const Subject &S) -> Evaluation {
    if (onOtherLoadBalancer(S, L))
      return Evaluation::notApplicable();
    const Value *P = S.Resource.Properties.get(L.Protocol);
    static const Value Http = Value::string("HTTP");
    const Value &Protocol = P && !P->isNull() ? *P : Http;
    if (equalsInsensitive(Protocol, "HTTPS").isTrue())
      return Evaluation::healthy();
    Match IsHttp = equalsInsensitive(Protocol, "HTTP");
    if (IsHttp.isFalse())
      return Evaluation::notApplicable(); // TCP, TLS, UDP: network listeners
    if (IsHttp.isUnknown())
      return {Outcome::Unknown,
              &Protocol,
              {L.Protocol},
              std::string(L.Protocol) + " is unknown"};
    const Value *Actions = S.Resource.Properties.get(L.Actions);
    if (!Actions || !Actions->isKnown() ||
        !Actions->is(model::ValueKind::Array) || Actions->items().empty())
      return {Outcome::Unknown,
              Actions,
              {L.Actions},
              std::string(L.Actions) + " is not known"};
    for (const Value &A : Actions->items()) {
      Match Safe = actionIsSafe(A, L);
      if (Safe.isFalse())
        return {Outcome::Unhealthy,
                Safe.Where,
                {L.Actions},
                "the HTTP listener serves requests instead of redirecting "
                "them to HTTPS"};
      if (Safe.isUnknown())
        return {Outcome::Unknown,
                Safe.Where,
                {L.Actions},
                "whether the HTTP listener redirects to HTTPS is not known"};
    }
    return Evaluation::healthy();
  };
}

/// Classic load balancers: every listener HTTPS or SSL.
Predicate classicListeners(std::string List, std::string Protocol) {
  return [=](const Subject &S) -> Evaluation {
    const Value *Listeners = S.Resource.Properties.get(List);
    if (!Listeners || !Listeners->isKnown() ||
        !Listeners->is(model::ValueKind::Array))
      return {Outcome::Unknown, Listeners, {List}, List + " is not known"};
    std::vector<Evaluation> Parts{Evaluation::healthy()};
    for (const Value &L : Listeners->items()) {
      const Value *P = L.isKnown() ? L.get(Protocol) : &L;
      if (!P) {
        Parts.push_back({Outcome::Unknown, &L, {List}, List + " is unknown"});
        continue;
      }
      Truth Secure = truthOr(equalsInsensitive(*P, "HTTPS").T,
                             equalsInsensitive(*P, "SSL").T);
      if (Secure == Truth::False)
        Parts.push_back({Outcome::Unhealthy,
                         P,
                         {List},
                         "a listener uses " + describeValue(*P)});
      else if (Secure == Truth::Unknown)
        Parts.push_back({Outcome::Unknown, P, {List}, List + " is unknown"});
    }
    return aws::allOf(std::move(Parts));
  };
}

} // namespace

const Check &elbHttpRedirectsToHttps() {

  static const Check C =
      CheckBuilder("AWS-ELB-001", __FILE__)
          .title("Load balancer listeners should redirect HTTP to HTTPS")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("FSBP", "ELB.1")
          .compliance("FSBP", "ELB.3")
          .why("A plain HTTP listener that forwards to targets serves the "
               "application unencrypted.")
          .remediation(
              "Keep the HTTP listener only as a permanent redirect to HTTPS")
          .reference("Checkov CKV_AWS_2")
          .reference("Checkov CKV2_AWS_20")
          .onCloudFormation({"AWS::ElasticLoadBalancingV2::Listener"},
                            redirectsToHttps(CfnListener))
          .onCloudFormation({"AWS::ElasticLoadBalancing::LoadBalancer"},
                            classicListeners("Listeners", "Protocol"))
          .onTerraform("aws", {"aws_lb_listener", "aws_alb_listener"},
                       redirectsToHttps(TfListener))
          .onTerraform("aws", {"aws_elb"},
                       classicListeners("listener", "lb_protocol"))
          // No automated fix: the redirect needs an HTTPS listener with a
          // certificate, and classic listeners are list elements.
          .build();
  return C;
}

} // namespace rampart::checks
