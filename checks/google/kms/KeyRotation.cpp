//===- KeyRotation.cpp - GCP-KMS-001 --------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/google/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

constexpr double NinetyDaysInSeconds = 90 * 24 * 60 * 60; // 7776000

/// A Cloud KMS duration ("7776000s", "86400.5s") in seconds.
std::optional<double> durationSeconds(const Value &V) {
  if (!V.is(ValueKind::String))
    return std::nullopt;
  llvm::StringRef S = V.asString().trim();
  double Seconds;
  if (!S.consume_back("s") || S.empty() || S.getAsDouble(Seconds) ||
      Seconds < 0)
    return std::nullopt;
  return Seconds;
}

std::optional<bool> atMostNinetyDays(const Value &V) {
  std::optional<double> Seconds = durationSeconds(V);
  if (!Seconds)
    return std::nullopt;
  return *Seconds <= NinetyDaysInSeconds;
}

/// Only symmetric encryption keys rotate automatically; `purpose` defaults
/// to ENCRYPT_DECRYPT.
Evaluation rotatedWithinNinetyDays(const Subject &S) {
  static const PropertyRule Rotation =
      property("rotation_period")
          .must(atMostNinetyDays, "at most 7776000s (90 days)")
          .missingIsUnhealthy();
  Match Symmetric =
      google::lookupEquals(google::lookup(S, "purpose"),
                           Value::string("ENCRYPT_DECRYPT"), Truth::True);
  if (Symmetric.isFalse())
    return Evaluation::notApplicable();
  Evaluation E = Rotation.evaluate(S);
  if (E.Result == Outcome::Healthy)
    return E;
  if (Symmetric.isUnknown())
    return google::unknownOutcome(Symmetric, "purpose");
  if (E.Result == Outcome::Unhealthy)
    E.Detail += E.Where ? ", longer than 90 days" : ": the key never rotates";
  return E;
}

} // namespace

const Check &gcpKmsKeyRotation() {
  static const Check C =
      CheckBuilder("GCP-KMS-001", __FILE__)
          .title("Cloud KMS keys should rotate at least every 90 days")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-6")
          .compliance("CIS-GCP", "1.10")
          .why("A key that never rotates protects ever more data with the "
               "same key material, so one compromised version exposes all "
               "of it.")
          .remediation("Set a rotation period of at most 90 days "
                       "(rotation_period = \"7776000s\"); old versions remain "
                       "for decryption")
          .reference("Checkov CKV_GCP_43")
          .reference("Trivy AVD-GCP-0065")
          .onTerraform("google", {"google_kms_crypto_key"},
                       rotatedWithinNinetyDays)
          .fix(FixAvailability::Always, Applicability::Safe,
               setTo(Value::string("7776000s")))
          .build();
  return C;
}

} // namespace rampart::checks
