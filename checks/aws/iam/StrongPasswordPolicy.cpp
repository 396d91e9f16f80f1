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

Evaluation strongPasswords(const Subject &S) {
  // AWS's own minimum length is 6; without reuse prevention passwords may
  // be reused; missing requirements are off.
  static const std::vector<PropertyRule> Rules = [] {
    std::vector<PropertyRule> R;
    R.push_back(property("minimum_password_length")
                    .must(atLeast(14), "at least 14")
                    .defaultsTo(Value::integer(6)));
    R.push_back(property("password_reuse_prevention")
                    .must(atLeast(24), "at least 24")
                    .missingIsUnhealthy());
    for (const char *Flag :
         {"require_uppercase_characters", "require_lowercase_characters",
          "require_numbers", "require_symbols"})
      R.push_back(property(Flag)
                      .mustEqual(Value::boolean(true))
                      .defaultsTo(Value::boolean(false)));
    return R;
  }();
  return aws::allRules(S, Rules);
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
          .build();
  return C;
}

} // namespace rampart::checks
