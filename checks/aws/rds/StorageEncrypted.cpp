//===- StorageEncrypted.cpp - AWS-RDS-001 ---------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Storage encryption; cluster members are judged on the cluster, copies
/// (replicas, restores) inherit their source's setting (unknown), and
/// Serverless v1 clusters are always encrypted.
Predicate storageEncrypted(std::string Flag, std::vector<std::string> Copies,
                           std::string ClusterMember = {},
                           std::string EngineMode = {}) {
  PropertyRule Rule = property(Flag)
                          .mustEqual(Value::boolean(true))
                          .defaultsTo(Value::boolean(false));
  return [=](const Subject &S) -> Evaluation {
    const Value &Props = S.Resource.Properties;
    auto IsSet = [&](const std::string &P) {
      const Value *V = P.empty() ? nullptr : Props.get(P);
      return V && !V->isNull();
    };
    if (IsSet(ClusterMember))
      return Evaluation::notApplicable();
    if (IsSet(Flag))
      return Rule.evaluate(S);
    for (const std::string &C : Copies)
      if (IsSet(C))
        return {Outcome::Unknown,
                Props.get(C),
                {C},
                Flag + " is not set, so the encryption of " + C + " decides"};
    if (IsSet(EngineMode)) {
      Match Serverless =
          equalsInsensitive(*Props.get(EngineMode), "serverless");
      if (Serverless.isTrue())
        return Evaluation::healthy();
      if (Serverless.isUnknown())
        return {Outcome::Unknown,
                Props.get(EngineMode),
                {EngineMode},
                EngineMode + " is unknown"};
    }
    return Rule.evaluate(S);
  };
}

} // namespace

const Check &rdsStorageEncrypted() {

  static const Check C =
      CheckBuilder("AWS-RDS-001", __FILE__)
          .title(
              "RDS instances and Aurora clusters should be encrypted at rest")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-4")
          .compliance("CIS-AWS", "2.3.1")
          .compliance("FSBP", "RDS.3")
          .why("Unencrypted database storage, its snapshots and replicas are "
               "readable to anyone who gets a copy, and encryption cannot be "
               "switched on later.")
          .remediation("Enable storage encryption with a customer-managed key "
                       "at creation; migrate existing databases by restoring "
                       "an encrypted snapshot copy")
          .reference("Checkov CKV_AWS_16")
          .reference("Checkov CKV_AWS_96")
          .onCloudFormation({"AWS::RDS::DBInstance"},
                            storageEncrypted("StorageEncrypted",
                                             {"SourceDBInstanceIdentifier",
                                              "DBSnapshotIdentifier",
                                              "SourceDBClusterIdentifier"},
                                             "DBClusterIdentifier"))
          .onCloudFormation({"AWS::RDS::DBCluster"},
                            storageEncrypted("StorageEncrypted",
                                             {"SnapshotIdentifier",
                                              "SourceDBClusterIdentifier"},
                                             "", "EngineMode"))
          .onTerraform(
              "aws", {"aws_db_instance"},
              storageEncrypted("storage_encrypted",
                               {"replicate_source_db", "snapshot_identifier",
                                "restore_to_point_in_time"}))
          .onTerraform("aws", {"aws_rds_cluster"},
                       storageEncrypted(
                           "storage_encrypted",
                           {"snapshot_identifier", "restore_to_point_in_time",
                            "replication_source_identifier", "s3_import"},
                           "", "engine_mode"))
          .fix(FixAvailability::Always, Applicability::Suggested,
               setTo(Value::boolean(true)))
          .build();
  return C;
}

} // namespace rampart::checks
