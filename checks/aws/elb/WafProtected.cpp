//===- WafProtected.cpp - AWS-ELB-005 -------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Internet-facing application load balancers need a web ACL association
/// whose resource ARN refers to them.
Predicate wafProtected(std::string TypeProp, std::string InternalTest,
                       std::vector<llvm::StringRef> Associations,
                       llvm::StringRef ResourceProp) {
  return [=](const Subject &S) -> Evaluation {
    const Value &Props = S.Resource.Properties;
    if (const Value *T = Props.get(TypeProp); T && !T->isNull()) {
      Match App = equalsInsensitive(*T, "application");
      if (App.isFalse())
        return Evaluation::notApplicable();
      if (App.isUnknown())
        return {Outcome::Unknown, T, {TypeProp}, TypeProp + " is unknown"};
    }
    // CloudFormation: Scheme "internal"; Terraform: internal = true.
    llvm::StringRef Test(InternalTest);
    auto [Prop, Internal] = Test.split('=');
    if (const Value *I = Props.get(Prop); I && !I->isNull()) {
      Match Yes = Internal == "true"
                      ? valueEquals(*I, Value::boolean(true), true)
                      : equalsInsensitive(*I, Internal);
      if (Yes.isTrue())
        return Evaluation::notApplicable();
      if (Yes.isUnknown())
        return {Outcome::Unknown, I, {Prop.str()}, Prop.str() + " is unknown"};
    }
    if (!aws::joinedTo(S.Unit, S.Resource, Associations, ResourceProp).empty())
      return Evaluation::healthy();
    return {Outcome::Unhealthy,
            nullptr,
            {},
            "no AWS WAF web ACL is associated with the internet-facing load "
            "balancer"};
  };
}

} // namespace

const Check &elbWafProtected() {

  static const Check C =
      CheckBuilder("AWS-ELB-005", __FILE__)
          .title("Internet-facing Application Load Balancers should be "
                 "protected with AWS WAF")
          .severity(Level::Medium)
          .control("Protect applications against DDoS attacks")
          .compliance("MCSB", "NS-6")
          .why("Without a web ACL, application-layer floods and common "
               "exploits reach the targets unfiltered.")
          .remediation("Attach a web ACL with AWS managed rule groups and a "
                       "rate-based rule to every public ALB")
          .reference("Checkov CKV2_AWS_28")
          .onCloudFormation(
              {"AWS::ElasticLoadBalancingV2::LoadBalancer"},
              wafProtected("Type", "Scheme=internal",
                           {"AWS::WAFv2::WebACLAssociation",
                            "AWS::WAFRegional::WebACLAssociation"},
                           "ResourceArn"))
          .onTerraform("aws", {"aws_lb", "aws_alb"},
                       wafProtected("load_balancer_type", "internal=true",
                                    {"aws_wafv2_web_acl_association"},
                                    "resource_arn"))
          .build();
  return C;
}

} // namespace rampart::checks
