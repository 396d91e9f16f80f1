//===- AccessLogs.cpp - AWS-ELB-003 ---------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// ALBs and NLBs: the access_logs.s3.enabled attribute, off when missing.
/// Gateway load balancers have no access logs.
Evaluation cfnV2(const Subject &S) {
  const Value *Type = S.Resource.Properties.get("Type");
  if (Type && equalsInsensitive(*Type, "gateway").isTrue())
    return Evaluation::notApplicable();
  Lookup L = aws::loadBalancerAttribute(S.Resource.Properties,
                                        "access_logs.s3.enabled");
  if (L.Result == Lookup::State::Missing)
    return {Outcome::Unhealthy,
            nullptr,
            {"LoadBalancerAttributes"},
            "LoadBalancerAttributes does not turn on access_logs.s3.enabled"};
  Match On = L.Result == Lookup::State::Found
                 ? valueEquals(*L.Value, Value::boolean(true), true)
                 : Match{Truth::Unknown, L.Value, {}};
  return aws::violation({truthNot(On.T), L.Value, On.Reason},
                        "LoadBalancerAttributes",
                        "access_logs.s3.enabled is " + describeValue(*L.Value));
}

Evaluation tfLb(const Subject &S) {
  static const PropertyRule Rule = property("access_logs.enabled")
                                       .mustEqual(Value::boolean(true))
                                       .defaultsTo(Value::boolean(false));
  const Value *Type = S.Resource.Properties.get("load_balancer_type");
  if (Type && equalsInsensitive(*Type, "gateway").isTrue())
    return Evaluation::notApplicable();
  return Rule.evaluate(S);
}

/// A classic load balancer's access_logs block is on unless disabled; no
/// block is off.
Evaluation tfElb(const Subject &S) {
  static const PropertyRule Rule = property("access_logs.enabled")
                                       .mustEqual(Value::boolean(true))
                                       .defaultsTo(Value::boolean(true));
  Lookup Block = aws::lookup(S, "access_logs");
  if (Block.Result == Lookup::State::Missing ||
      (Block.Value && Block.Value->is(model::ValueKind::Array) &&
       Block.Value->items().empty()))
    return {
        Outcome::Unhealthy, nullptr, {"access_logs"}, "access_logs is not set"};
  return Rule.evaluate(S);
}

/// Logs turned on where the block that names their bucket exists
/// (AccessLoggingPolicy, access_logs: the bucket is required in it). No
/// fix without one, nor for an ALB's attribute list.
std::vector<FixIntent>
enableWhereBucketSet(const Subject &S, const Evaluation &E, const Binding &) {
  if (E.Path.empty())
    return {};
  auto [Block, Leaf] = llvm::StringRef(E.Path.front()).rsplit('.');
  if (!Leaf.equals_insensitive("enabled"))
    return {};
  Lookup L = aws::lookup(S, Block);
  if (L.Result != Lookup::State::Found ||
      (L.Value->is(model::ValueKind::Array) && L.Value->items().empty()))
    return {};
  return {{FixIntent::Action::Set, E.Path.front(), Value::boolean(true)}};
}

} // namespace

const Check &elbAccessLogs() {

  static const Check C =
      CheckBuilder("AWS-ELB-003", __FILE__)
          .title("Load balancers should have access logs enabled")
          .severity(Level::Medium)
          .control("Enable auditing and logging")
          .compliance("MCSB", "LT-3")
          .compliance("FSBP", "ELB.5")
          .why(
              "Load balancer logs hold client addresses, paths and TLS details "
              "for every request; without them an incident has no trail.")
          .remediation(
              "Turn on access logs and store them in a protected bucket")
          .reference("Checkov CKV_AWS_91")
          .reference("Checkov CKV_AWS_92")
          .onCloudFormation({"AWS::ElasticLoadBalancingV2::LoadBalancer"},
                            cfnV2)
          .onCloudFormation({"AWS::ElasticLoadBalancing::LoadBalancer"},
                            property("AccessLoggingPolicy.Enabled")
                                .mustEqual(Value::boolean(true))
                                .defaultsTo(Value::boolean(false)))
          .onTerraform("aws", {"aws_lb", "aws_alb"}, tfLb)
          .onTerraform("aws", {"aws_elb"}, tfElb)
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               enableWhereBucketSet)
          .build();
  return C;
}

} // namespace rampart::checks
