//===- KeyRotation.cpp - AWS-KMS-001 --------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Rotation applies to symmetric encryption keys whose material KMS made.
/// Each (path, expected) pair must hold, a missing one holding.
Predicate rotationOn(std::string Flag,
                     std::vector<std::pair<std::string, std::string>> Scope) {
  PropertyRule Rule = property(Flag)
                          .mustEqual(Value::boolean(true))
                          .defaultsTo(Value::boolean(false));
  return [Rule, Scope](const Subject &S) -> Evaluation {
    Evaluation E = Rule.evaluate(S);
    if (E.Result == Outcome::Healthy)
      return E;
    for (const auto &[Path, Expected] : Scope) {
      const Value *V = S.Resource.Properties.get(Path);
      if (!V || V->isNull())
        continue;
      Match M = equalsInsensitive(*V, Expected);
      if (M.isFalse())
        return Evaluation::notApplicable();
      if (M.isUnknown())
        return {Outcome::Unknown,
                V,
                {Path},
                Path + " is unknown, so whether keys rotate is not known"};
    }
    return E;
  };
}

} // namespace

const Check &kmsKeyRotation() {

  static const Check C =
      CheckBuilder("AWS-KMS-001", __FILE__)
          .title("Customer-managed KMS keys should rotate automatically")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-6")
          .compliance("CIS-AWS", "3.8")
          .why("Rotation limits how much data a single key version protects "
               "and is required by most frameworks.")
          .remediation("Turn on automatic rotation; old key versions are kept, "
                       "so old data still decrypts")
          .reference("Checkov CKV_AWS_7")
          .onCloudFormation(
              {"AWS::KMS::Key"},
              rotationOn("EnableKeyRotation", {{"KeySpec", "SYMMETRIC_DEFAULT"},
                                               {"KeyUsage", "ENCRYPT_DECRYPT"},
                                               {"Origin", "AWS_KMS"}}))
          .onTerraform(
              "aws", {"aws_kms_key"},
              rotationOn("enable_key_rotation",
                         {{"customer_master_key_spec", "SYMMETRIC_DEFAULT"},
                          {"key_usage", "ENCRYPT_DECRYPT"}}))
          .fix(FixAvailability::Always, Applicability::Safe,
               setTo(Value::boolean(true)))
          .build();
  return C;
}

} // namespace rampart::checks
