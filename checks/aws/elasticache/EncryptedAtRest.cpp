//===- EncryptedAtRest.cpp - AWS-ELASTICACHE-002 --------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Valkey replication groups are encrypted at rest by default, Redis OSS
/// ones are not; a missing engine is Redis.
Predicate atRest(std::string Flag, std::string Engine) {
  PropertyRule Rule = property(Flag).mustEqual(Value::boolean(true));
  PropertyRule Redis = property(Flag)
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false));
  return [=](const Subject &S) -> Evaluation {
    Evaluation E = Rule.evaluate(S);
    if (E.Result != Outcome::Unknown || E.Where)
      return E;
    const Value *Eng = S.Resource.Properties.get(Engine);
    if (!Eng || Eng->isNull())
      return Redis.evaluate(S);
    Match Valkey = equalsInsensitive(*Eng, "valkey");
    if (Valkey.isTrue())
      return Evaluation::healthy();
    if (Valkey.isFalse())
      return Redis.evaluate(S);
    return {Outcome::Unknown,
            Eng,
            {Engine},
            Engine + " is not known, and the default depends on it"};
  };
}

} // namespace

const Check &elasticacheEncryptedAtRest() {

  static const Check C =
      CheckBuilder("AWS-ELASTICACHE-002", __FILE__)
          .title("ElastiCache replication groups should be encrypted at rest")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-4")
          .compliance("FSBP", "ElastiCache.4")
          .why("Snapshots and swap of unencrypted caches hold session data in "
               "clear.")
          .remediation("Enable at-rest encryption at creation (it forces a new "
                       "replication group)")
          .reference("Checkov CKV_AWS_29")
          .onCloudFormation({"AWS::ElastiCache::ReplicationGroup"},
                            atRest("AtRestEncryptionEnabled", "Engine"))
          .onTerraform("aws", {"aws_elasticache_replication_group"},
                       atRest("at_rest_encryption_enabled", "engine"))
          // Suggested: turning it on replaces the replication group.
          .fix(FixAvailability::Always, Applicability::Suggested,
               setTo(Value::boolean(true)))
          .build();
  return C;
}

} // namespace rampart::checks
