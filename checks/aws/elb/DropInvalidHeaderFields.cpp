//===- DropInvalidHeaderFields.cpp - AWS-ELB-004 --------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

/// Application load balancers only; a missing type is application.
std::optional<Evaluation> notApplication(const Subject &S,
                                         llvm::StringRef TypePath) {
  Lookup Type = aws::lookup(S, TypePath);
  if (Type.Result == Lookup::State::Missing)
    return std::nullopt;
  Match IsApp = Type.Result == Lookup::State::Found
                    ? equalsInsensitive(*Type.Value, "application")
                    : Match{Truth::Unknown, Type.Value, {}};
  if (IsApp.isTrue())
    return std::nullopt;
  if (IsApp.isFalse())
    return Evaluation::notApplicable();
  return aws::violation(IsApp, TypePath.str(), "");
}

} // namespace

namespace {

constexpr llvm::StringLiteral DropKey =
    "routing.http.drop_invalid_header_fields.enabled";

Evaluation cfnDropsInvalidHeaders(const Subject &S) {
  if (std::optional<Evaluation> NA = notApplication(S, "Type"))
    return *NA;
  Lookup L = aws::loadBalancerAttribute(S.Resource.Properties, DropKey);
  std::string Path = "LoadBalancerAttributes";
  if (L.Result == Lookup::State::Missing)
    return {Outcome::Unhealthy,
            nullptr,
            {Path},
            "LoadBalancerAttributes does not set " + DropKey.str() +
                " (the default is false)"};
  Match Enabled = L.Result == Lookup::State::Found
                      ? valueEquals(*L.Value, Value::boolean(true), true)
                      : Match{Truth::Unknown, L.Value, {}};
  return aws::violation({truthNot(Enabled.T), L.Value, Enabled.Reason}, Path,
                        DropKey.str() + " is " + describeValue(*L.Value));
}

Evaluation tfDropsInvalidHeaders(const Subject &S) {
  if (std::optional<Evaluation> NA = notApplication(S, "load_balancer_type"))
    return *NA;
  static const PropertyRule Rule = property("drop_invalid_header_fields")
                                       .mustEqual(Value::boolean(true))
                                       .defaultsTo(Value::boolean(false));
  return Rule.evaluate(S);
}

/// CloudFormation: the attribute appended to LoadBalancerAttributes. The
/// whole list is set (elements cannot be edited one by one), so only a
/// missing or fully known list without the key gets a fix; one that holds
/// it with another value does not.
std::vector<FixIntent>
cfnDropInvalidHeaders(const Subject &S, const Evaluation &, const Binding &) {
  Lookup L = aws::loadBalancerAttribute(S.Resource.Properties, DropKey);
  if (L.Result != Lookup::State::Missing)
    return {};
  const Value *List = S.Resource.Properties.get("LoadBalancerAttributes");
  std::vector<Value> Attributes;
  if (List && !List->isNull()) {
    if (!List->is(ValueKind::Array) || !List->isFullyKnown() || L.Value != List)
      return {};
    Attributes.assign(List->items().begin(), List->items().end());
  }
  Attributes.push_back(Value::object({{"Key", {}, Value::string(DropKey.str())},
                                      {"Value", {}, Value::string("true")}}));
  return {{FixIntent::Action::Set, "LoadBalancerAttributes",
           Value::array(std::move(Attributes))}};
}

} // namespace

const Check &elbDropInvalidHeaderFields() {
  static const Check C =
      CheckBuilder("AWS-ELB-004", __FILE__)
          .title("Application Load Balancers should drop invalid HTTP header "
                 "fields")
          .severity(Level::Medium)
          .control("Remediate security configurations")
          .compliance("MCSB", "NS-6")
          .compliance("FSBP", "ELB.4")
          .why("Headers with invalid characters are a known vector for "
               "request smuggling against back ends.")
          .remediation("Let the load balancer drop invalid header fields")
          .reference("Checkov CKV_AWS_131")
          .onCloudFormation({"AWS::ElasticLoadBalancingV2::LoadBalancer"},
                            cfnDropsInvalidHeaders)
          .onTerraform("aws", {"aws_lb", "aws_alb"}, tfDropsInvalidHeaders)
          .fix(FixAvailability::Sometimes, Applicability::Safe,
               cfnDropInvalidHeaders)
          .fixFor(Family::Terraform, setTo(Value::boolean(true)))
          .fixTitle("Drop invalid HTTP header fields")
          .build();
  return C;
}

} // namespace rampart::checks
