//===- IamDatabaseAuthentication.cpp - AWS-RDS-004 ------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// IAM authentication exists for MySQL, MariaDB, PostgreSQL and Aurora.
bool supportsIamAuth(llvm::StringRef Engine) {
  std::string E = Engine.lower();
  llvm::StringRef L(E);
  return L.startswith("mysql") || L.startswith("mariadb") ||
         L.startswith("postgres") || L.startswith("aurora");
}

/// Instances of a cluster are judged on the cluster (ClusterMember set).
Predicate iamAuth(std::string Flag, std::string Engine,
                  std::string ClusterMember = {}) {
  PropertyRule Rule = property(Flag)
                          .mustEqual(Value::boolean(true))
                          .defaultsTo(Value::boolean(false));
  return [=](const Subject &S) -> Evaluation {
    const Value &Props = S.Resource.Properties;
    if (!ClusterMember.empty())
      if (const Value *C = Props.get(ClusterMember); C && !C->isNull())
        return Evaluation::notApplicable();
    Evaluation E = Rule.evaluate(S);
    if (E.Result == Outcome::Healthy)
      return E;
    const Value *Eng = Props.get(Engine);
    if (!Eng || !Eng->is(model::ValueKind::String))
      return {Outcome::Unknown,
              Eng,
              {Engine},
              Engine + " is not known, so whether IAM authentication "
                       "applies is not known"};
    if (!supportsIamAuth(Eng->asString()))
      return Evaluation::notApplicable();
    return E;
  };
}

} // namespace

const Check &rdsIamDatabaseAuthentication() {

  static const Check C =
      CheckBuilder("AWS-RDS-004", __FILE__)
          .title("RDS databases should enable IAM database authentication")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "IM-1")
          .compliance("FSBP", "RDS.10")
          .compliance("FSBP", "RDS.12")
          .why("Static database passwords are shared, seldom rotated and "
               "outlive the people who knew them.")
          .remediation("Enable IAM database authentication and move "
                       "applications to short-lived token-based connections")
          .reference("Checkov CKV_AWS_161")
          .reference("Checkov CKV_AWS_162")
          .onCloudFormation({"AWS::RDS::DBInstance"},
                            iamAuth("EnableIAMDatabaseAuthentication", "Engine",
                                    "DBClusterIdentifier"))
          .onCloudFormation(
              {"AWS::RDS::DBCluster"},
              iamAuth("EnableIAMDatabaseAuthentication", "Engine"))
          .onTerraform("aws", {"aws_db_instance", "aws_rds_cluster"},
                       iamAuth("iam_database_authentication_enabled", "engine"))
          .fix(FixAvailability::Always, Applicability::Safe,
               setTo(Value::boolean(true)))
          .build();
  return C;
}

} // namespace rampart::checks
