//===- StrongPasswordPolicy.cpp - AWS-IAM-004 -----------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

ValueTest atLeast(int64_t Minimum) {
  return [Minimum](const Value &V) -> std::optional<bool> {
    if (V.is(ValueKind::Int) || V.is(ValueKind::Float))
      return V.asNumber() >= static_cast<double>(Minimum);
    if (V.is(ValueKind::String)) {
      int64_t N;
      if (!V.asString().getAsInteger(10, N))
        return N >= Minimum;
    }
    return std::nullopt;
  };
}

/// A requirement of the policy and the value that meets it.
struct Requirement {
  PropertyRule Rule;
  Value Compliant;
};

const std::vector<Requirement> &requirements() {
  // AWS's own minimum length is 6; without reuse prevention passwords may
  // be reused; missing requirements are off.
  static const std::vector<Requirement> All = [] {
    std::vector<Requirement> R;
    R.push_back({property("minimum_password_length")
                     .must(atLeast(14), "at least 14")
                     .defaultsTo(Value::integer(6)),
                 Value::integer(14)});
    R.push_back({property("password_reuse_prevention")
                     .must(atLeast(24), "at least 24")
                     .missingIsUnhealthy(),
                 Value::integer(24)});
    for (const char *Flag :
         {"require_uppercase_characters", "require_lowercase_characters",
          "require_numbers", "require_symbols"})
      R.push_back({property(Flag)
                       .mustEqual(Value::boolean(true))
                       .defaultsTo(Value::boolean(false)),
                   Value::boolean(true)});
    return R;
  }();
  return All;
}

Evaluation strongPasswords(const Subject &S) {
  std::vector<Evaluation> Parts;
  for (const Requirement &R : requirements())
    Parts.push_back(R.Rule.evaluate(S));
  return aws::allOf(std::move(Parts));
}

/// Every requirement that fails, set to the value that meets it: one fix
/// makes the policy strong.
std::vector<FixIntent>
meetEveryRequirement(const Subject &S, const Evaluation &, const Binding &) {
  std::vector<FixIntent> Out;
  for (const Requirement &R : requirements())
    if (R.Rule.evaluate(S).Result == Outcome::Unhealthy)
      Out.push_back(
          {FixIntent::Action::Set, R.Rule.paths().front(), R.Compliant});
  return Out;
}

} // namespace

const Check &iamStrongPasswordPolicy() {
  static const Check C =
      CheckBuilder("AWS-IAM-004", __FILE__)
          .title("The account password policy should be strong")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "IM-6")
          .compliance("CIS-AWS", "1.8")
          .compliance("CIS-AWS", "1.9")
          .compliance("FSBP", "IAM.7")
          .why("The password policy still governs every IAM user with a "
               "console password.")
          .remediation("Require at least 14 characters with upper and lower "
                       "case, numbers and symbols, and prevent reuse of the "
                       "last 24 passwords")
          .reference("Checkov CKV_AWS_9 to CKV_AWS_15")
          .onTerraform("aws", {"aws_iam_account_password_policy"},
                       strongPasswords)
          .fix(FixAvailability::Always, Applicability::Safe,
               meetEveryRequirement)
          .fixTitle("Require strong passwords")
          .build();
  return C;
}

} // namespace rampart::checks
