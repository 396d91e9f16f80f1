//===- Rotation.cpp - AWS-SM-001 ------------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Some rotation resource joined to the secret passes Rotation.
Predicate rotated(llvm::StringRef ScheduleType, llvm::StringRef SecretProp,
                  std::vector<PropertyRule> Rotation) {
  return [=](const Subject &S) -> Evaluation {
    std::vector<const model::Resource *> Schedules =
        aws::joinedTo(S.Unit, S.Resource, {ScheduleType}, SecretProp);
    if (Schedules.empty())
      return {Outcome::Unhealthy, nullptr, {}, "no rotation is configured"};
    Evaluation Last;
    for (const model::Resource *R : Schedules) {
      Last = aws::allRules({*R, S.Unit}, Rotation);
      if (Last.Result == Outcome::Healthy)
        return Last;
    }
    return Last;
  };
}

Predicate cfnRotated() {
  // Either a rotation function or a hosted one, and rules.
  static const auto HasFunction = [](const Subject &S) -> Evaluation {
    Match Own = isConfigured(S.Resource.Properties.get("RotationLambdaARN"));
    Match Hosted =
        isConfigured(S.Resource.Properties.get("HostedRotationLambda"));
    Truth T = truthOr(Own.T, Hosted.T);
    if (T == Truth::True)
      return Evaluation::healthy();
    if (T == Truth::Unknown)
      return {Outcome::Unknown,
              nullptr,
              {"RotationLambdaARN"},
              "RotationLambdaARN is unknown"};
    return {Outcome::Unhealthy,
            nullptr,
            {"RotationLambdaARN"},
            "the rotation schedule names no rotation function"};
  };
  return [](const Subject &S) -> Evaluation {
    static const PropertyRule Rules =
        property("RotationRules")
            .must(
                [](const Value &V) -> std::optional<bool> {
                  return V.is(model::ValueKind::Object);
                },
                "set")
            .missingIsUnhealthy();
    std::vector<const model::Resource *> Schedules =
        aws::joinedTo(S.Unit, S.Resource,
                      {"AWS::SecretsManager::RotationSchedule"}, "SecretId");
    if (Schedules.empty())
      return {Outcome::Unhealthy, nullptr, {}, "no rotation is configured"};
    Evaluation Last;
    for (const model::Resource *R : Schedules) {
      Subject One{*R, S.Unit};
      Last = aws::allOf({HasFunction(One), Rules.evaluate(One)});
      if (Last.Result == Outcome::Healthy)
        return Last;
    }
    return Last;
  };
}

} // namespace

const Check &secretsmanagerRotation() {

  static const Check C =
      CheckBuilder("AWS-SM-001", __FILE__)
          .title("Secrets Manager secrets should rotate automatically")
          .severity(Level::Medium)
          .control("Implement security best practices")
          .compliance("MCSB", "IM-8")
          .compliance("FSBP", "SecretsManager.1")
          .why("Long-lived secrets outlive the people and systems that knew "
               "them.")
          .remediation("Configure rotation, with a managed rotation function "
                       "for database credentials")
          .reference("Checkov CKV2_AWS_57")
          .onCloudFormation({"AWS::SecretsManager::Secret"}, cfnRotated())
          .onTerraform(
              "aws", {"aws_secretsmanager_secret"},
              rotated("aws_secretsmanager_secret_rotation", "secret_id",
                      {property("rotation_rules")
                           .missingIsUnhealthy()
                           .must([](const Value &)
                                     -> std::optional<bool> { return true; },
                                 "set")}))
          .build();
  return C;
}

} // namespace rampart::checks
