//===- EncryptedAtRest.cpp - AWS-SQS-001 ----------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Encrypted with a KMS key, or with SSE-SQS (the default for new queues)
/// unless that is turned off.
Predicate encrypted(std::string KmsKey, std::string ManagedSse) {
  PropertyRule Sse = property(ManagedSse)
                         .mustEqual(Value::boolean(true))
                         .defaultsTo(Value::boolean(true));
  return [=](const Subject &S) -> Evaluation {
    Match Kms = isConfigured(S.Resource.Properties.get(KmsKey));
    if (Kms.isTrue())
      return Evaluation::healthy();
    Evaluation E = Sse.evaluate(S);
    if (E.Result == Outcome::Healthy || !Kms.isUnknown())
      return E;
    return {Outcome::Unknown, Kms.Where, {KmsKey}, KmsKey + " is unknown"};
  };
}

} // namespace

const Check &sqsEncryptedAtRest() {
  // The provider sends nothing for an unset sqs_managed_sse_enabled, so the
  // AWS default (SSE-SQS) applies.
  static const Check C =
      CheckBuilder("AWS-SQS-001", __FILE__)
          .title("SQS queues should stay encrypted at rest")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-4")
          .compliance("FSBP", "SQS.1")
          .why("Messages often carry personal data or tokens, readable at rest "
               "once server-side encryption is off.")
          .remediation(
              "Keep server-side encryption on; use a KMS key when consumers in "
              "other accounts or audit of decryption matter")
          .reference("Checkov CKV_AWS_27")
          .onCloudFormation({"AWS::SQS::Queue"},
                            encrypted("KmsMasterKeyId", "SqsManagedSseEnabled"))
          .onTerraform(
              "aws", {"aws_sqs_queue"},
              encrypted("kms_master_key_id", "sqs_managed_sse_enabled"))
          // Set rather than removed: a removed setting may leave an existing
          // queue unencrypted (Terraform sends nothing for an unset one).
          .fix(FixAvailability::Always, Applicability::Safe,
               setTo(Value::boolean(true)))
          .build();
  return C;
}

} // namespace rampart::checks
