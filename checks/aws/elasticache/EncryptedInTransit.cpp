//===- EncryptedInTransit.cpp - AWS-ELASTICACHE-001 -----------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// In transit: on (and, with a mode, "required"); Redis OSS defaults to
/// off, Valkey's default is not known statically.
Predicate inTransit(std::string Flag, std::string Mode, std::string Engine) {
  PropertyRule On = property(Flag).mustEqual(Value::boolean(true));
  PropertyRule Redis = property(Flag)
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false));
  PropertyRule Required =
      property(Mode).mustEqual(Value::string("required")).missingIsHealthy();
  return [=](const Subject &S) -> Evaluation {
    Evaluation E = On.evaluate(S);
    if (E.Result == Outcome::Unknown && !E.Where) {
      const Value *Eng = S.Resource.Properties.get(Engine);
      Match Valkey =
          Eng && !Eng->isNull() ? equalsInsensitive(*Eng, "valkey") : Match{};
      if (Valkey.isFalse())
        E = Redis.evaluate(S);
    }
    return aws::allOf({E, Required.evaluate(S)});
  };
}

/// In-transit encryption on and, when a mode is set that is not required,
/// the mode required: both at once when both fail.
FixRecipe encryptInTransit(std::string Flag, std::string Mode) {
  PropertyRule Required =
      property(Mode).mustEqual(Value::string("required")).missingIsHealthy();
  return [=](const Subject &S, const Evaluation &E,
             const Binding &) -> std::vector<FixIntent> {
    std::vector<FixIntent> Out;
    if (!E.Path.empty() && E.Path.front() == Flag)
      Out.push_back({FixIntent::Action::Set, Flag, Value::boolean(true)});
    if (Required.evaluate(S).Result == Outcome::Unhealthy)
      Out.push_back({FixIntent::Action::Set, Mode, Value::string("required")});
    return Out;
  };
}

} // namespace

const Check &elasticacheEncryptedInTransit() {

  static const Check C =
      CheckBuilder("AWS-ELASTICACHE-001", __FILE__)
          .title("ElastiCache replication groups should encrypt traffic in "
                 "transit")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("FSBP", "ElastiCache.5")
          .why("Without TLS, AUTH tokens and cached data cross the VPC in "
               "clear.")
          .remediation("Enable in-transit encryption (engine 7.0.5+ can "
                       "migrate with preferred then required)")
          .reference("Checkov CKV_AWS_30")
          .reference("Checkov CKV_AWS_31")
          .onCloudFormation({"AWS::ElastiCache::ReplicationGroup"},
                            inTransit("TransitEncryptionEnabled",
                                      "TransitEncryptionMode", "Engine"))
          .onTerraform("aws", {"aws_elasticache_replication_group"},
                       inTransit("transit_encryption_enabled",
                                 "transit_encryption_mode", "engine"))
          // Suggested: clients must connect with TLS, and older engines replace
          // the replication group to turn it on.
          .fix(FixAvailability::Always, Applicability::Suggested,
               encryptInTransit("TransitEncryptionEnabled",
                                "TransitEncryptionMode"))
          .fixFor(Family::Terraform,
                  encryptInTransit("transit_encryption_enabled",
                                   "transit_encryption_mode"))
          .build();
  return C;
}

} // namespace rampart::checks
