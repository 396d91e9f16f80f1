//===- MultiRegionLogging.cpp - AWS-CT-001 --------------------------------===//
#include "analyzer/check/CheckBuilder.h"

#include "llvm/ADT/STLExtras.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

RuleSet multiRegionLogging(std::string MultiRegion, PropertyRule Logging) {
  return allOf({property(std::move(MultiRegion))
                    .mustEqual(Value::boolean(true))
                    .defaultsTo(Value::boolean(false)),
                std::move(Logging)});
}

/// Both settings that fail, set to true: one fix makes the trail healthy
/// (setToExpected would fix the first one only).
std::vector<FixIntent> setEveryFailingRule(const Subject &S, const Evaluation &,
                                           const Binding &B) {
  if (!B.Declared)
    return {};
  std::vector<FixIntent> Out;
  for (const PropertyRule &R : B.Declared->Rules) {
    Evaluation E = R.evaluate(S);
    if (E.Result != Outcome::Unhealthy)
      continue;
    std::vector<FixIntent> One = setToExpected()(S, E, B);
    if (One.empty())
      return {};
    llvm::append_range(Out, std::move(One));
  }
  return Out;
}

} // namespace

const Check &cloudtrailMultiRegionLogging() {
  // IsLogging is required in CloudFormation: a missing one has no default.
  // A unit without a trail is not judged (an account-level concern).
  static const Check C =
      CheckBuilder("AWS-CT-001", __FILE__)
          .title("CloudTrail trails should be multi-Region and logging")
          .severity(Level::High)
          .control("Enable auditing and logging")
          .compliance("MCSB", "LT-3")
          .compliance("CIS-AWS", "3.1")
          .compliance("FSBP", "CloudTrail.1")
          .why("A single-Region trail misses activity in the other Regions, "
               "which is exactly where attackers launch resources.")
          .remediation("Use one multi-Region (ideally organization) trail that "
                       "is logging and includes management events")
          .reference("Checkov CKV_AWS_67")
          .onCloudFormation(
              {"AWS::CloudTrail::Trail"},
              multiRegionLogging(
                  "IsMultiRegionTrail",
                  property("IsLogging").mustEqual(Value::boolean(true))))
          .onTerraform(
              "aws", {"aws_cloudtrail"},
              multiRegionLogging("is_multi_region_trail",
                                 property("enable_logging")
                                     .mustEqual(Value::boolean(true))
                                     .defaultsTo(Value::boolean(true))))
          .fix(FixAvailability::Always, Applicability::Safe,
               setEveryFailingRule)
          .build();
  return C;
}

} // namespace rampart::checks
