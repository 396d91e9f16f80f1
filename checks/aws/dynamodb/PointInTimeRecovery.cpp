//===- PointInTimeRecovery.cpp - AWS-DDB-001 ------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

const PropertyRule &pitrRule() {
  static const PropertyRule R =
      property("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled")
          .mustEqual(Value::boolean(true))
          .defaultsTo(Value::boolean(false));
  return R;
}

/// Every replica of a global table needs its own setting.
Evaluation everyReplica(const Subject &S) {
  const Value *Replicas = S.Resource.Properties.get("Replicas");
  if (!Replicas || !Replicas->isKnown() ||
      !Replicas->is(model::ValueKind::Array))
    return {Outcome::Unknown,
            Replicas,
            {"Replicas"},
            "Replicas is not a known list"};
  std::vector<Evaluation> Parts;
  for (const Value &R : Replicas->items()) {
    model::Resource Replica = S.Resource;
    Replica.Properties = R;
    Evaluation E = pitrRule().evaluate({Replica, S.Unit});
    if (E.Result != Outcome::Healthy && E.Where == nullptr) {
      // Point at the replica itself rather than at the table.
      E.Where = &R;
      E.Path = {"Replicas"};
    }
    Parts.push_back(E);
  }
  return aws::allOf(std::move(Parts));
}

} // namespace

const Check &dynamodbPointInTimeRecovery() {

  static const Check C =
      CheckBuilder("AWS-DDB-001", __FILE__)
          .title("DynamoDB tables should have point-in-time recovery enabled")
          .severity(Level::Medium)
          .control("Implement security best practices")
          .compliance("MCSB", "BR-1")
          .compliance("FSBP", "DynamoDB.2")
          .why("Without point-in-time recovery, accidental or malicious writes "
               "to a table cannot be undone.")
          .remediation("Enable point-in-time recovery so the table can be "
                       "restored to any second in the retention window")
          .reference("Checkov CKV_AWS_28")
          .onCloudFormation({"AWS::DynamoDB::Table"}, pitrRule())
          .onCloudFormation({"AWS::DynamoDB::GlobalTable"}, everyReplica)
          .onTerraform("aws", {"aws_dynamodb_table"},
                       property("point_in_time_recovery.enabled")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false)))
          // A global table's replicas are list elements: no fix there.
          .fix(FixAvailability::Sometimes, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
