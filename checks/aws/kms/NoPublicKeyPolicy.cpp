//===- NoPublicKeyPolicy.cpp - AWS-KMS-002 --------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// A public principal (catalog §1.3) allowed some kms: action.
Match allowsEveryoneKms(const Value &Statement) {
  Match Public = statementAllowsPublicPrincipal(Statement);
  Match Kms = statementCoversService(Statement, "kms");
  Truth T = truthAnd(Public.T, Kms.T);
  if (T == Truth::True)
    return {T, Public.Where, {}};
  if (T == Truth::Unknown)
    return Public.isUnknown() ? Public : Kms;
  return {T, nullptr, {}};
}

/// A missing key policy is the default one (the account root only).
Predicate keyPolicyAt(std::string Path) {
  return [Path](const Subject &S) {
    const Value *Doc = S.Resource.Properties.get(Path);
    if (!Doc)
      return Evaluation::healthy();
    return aws::policyWithout(S.Unit, *Doc, Path, allowsEveryoneKms,
                              "the key policy lets any principal use the key");
  };
}

} // namespace

const Check &kmsNoPublicKeyPolicy() {
  static const Check C =
      CheckBuilder("AWS-KMS-002", __FILE__)
          .title("KMS key policies should not allow every principal")
          .severity(Level::Critical)
          .control("Manage access and permissions")
          .compliance("MCSB", "DP-8")
          .why("Anyone who can call KMS with the key ARN could use it to "
               "decrypt data encrypted under it.")
          .remediation("Limit key use to named roles in your account and "
                       "restrict cross-account use with kms:CallerAccount or "
                       "aws:PrincipalOrgID")
          .reference("Checkov CKV_AWS_33")
          .onCloudFormation({"AWS::KMS::Key"}, keyPolicyAt("KeyPolicy"))
          .onTerraform("aws", {"aws_kms_key", "aws_kms_key_policy"},
                       keyPolicyAt("policy"))
          .build();
  return C;
}

} // namespace rampart::checks
