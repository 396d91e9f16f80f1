//===- SecretsEncrypted.cpp - AWS-EKS-002 ---------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Some encryption config covers "secrets" and names a KMS key.
Predicate secretsEncrypted(std::string Configs, std::string Resources,
                           std::string KeyArn) {
  return [=](const Subject &S) -> Evaluation {
    const Value *List = S.Resource.Properties.get(Configs);
    if (!List || List->isNull())
      return {Outcome::Unhealthy,
              nullptr,
              {Configs},
              Configs +
                  " is not set: secrets are not encrypted with a KMS key"};
    if (!List->isKnown() || !List->is(model::ValueKind::Array))
      return {Outcome::Unknown, List, {Configs}, Configs + " is unknown"};
    const Value *Unknown = nullptr;
    for (const Value &C : List->items()) {
      const Value *R = C.isKnown() ? C.get(Resources) : &C;
      Match Secrets = R ? equalsInsensitive(*R, "secrets") : Match{};
      if (R && R->is(model::ValueKind::Array)) {
        Secrets = {};
        for (const Value &I : R->items())
          Secrets.T = truthOr(Secrets.T, equalsInsensitive(I, "secrets").T);
      }
      Match Key = C.isKnown() ? isConfigured(lookupPath(C, KeyArn, false).Value)
                              : Match{Truth::Unknown, &C, {}};
      if (C.isKnown() &&
          lookupPath(C, KeyArn, false).Result == Lookup::State::Missing)
        Key = {};
      Truth T = truthAnd(Secrets.T, Key.T);
      if (T == Truth::True)
        return Evaluation::healthy();
      if (T == Truth::Unknown && !Unknown)
        Unknown = &C;
    }
    if (Unknown)
      return {
          Outcome::Unknown, Unknown, {Configs}, Configs + " cannot be judged"};
    return {Outcome::Unhealthy,
            List,
            {Configs},
            "no " + Configs + " encrypts secrets with a KMS key"};
  };
}

} // namespace

const Check &eksSecretsEncrypted() {

  static const Check C =
      CheckBuilder("AWS-EKS-002", __FILE__)
          .title(
              "EKS clusters should encrypt Kubernetes secrets with a KMS key")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-5")
          .why("Without envelope encryption a copy of etcd data exposes every "
               "Kubernetes secret, and key use is not logged.")
          .remediation("Configure envelope encryption of secrets with your own "
                       "KMS key (it cannot be removed once enabled)")
          .reference("Checkov CKV_AWS_58")
          .onCloudFormation({"AWS::EKS::Cluster"},
                            secretsEncrypted("EncryptionConfig", "Resources",
                                             "Provider.KeyArn"))
          .onTerraform("aws", {"aws_eks_cluster"},
                       secretsEncrypted("encryption_config", "resources",
                                        "provider.key_arn"))
          // No automated fix: envelope encryption needs a KMS key ARN, which
          // the user creates or names.
          .build();
  return C;
}

} // namespace rampart::checks
