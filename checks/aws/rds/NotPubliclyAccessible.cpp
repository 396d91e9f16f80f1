//===- NotPubliclyAccessible.cpp - AWS-RDS-002 ----------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// CloudFormation leaves a missing PubliclyAccessible to RDS, which decides by
// network: no DBSubnetGroupName puts the instance in the default VPC, where
// the default is true; a subnet group of a non-default VPC gives false. A
// subnet group declared in this unit is in a VPC the template creates; a
// group named by a literal or parameter is not known.
Evaluation missingDecidedByNetwork(const Subject &S) {
  static const PropertyRule Explicit =
      property("PubliclyAccessible").mustEqual(Value::boolean(false));
  const Value &Props = S.Resource.Properties;
  if (const Value *P = Props.get("PubliclyAccessible"); P && !P->isNull())
    return Explicit.evaluate(S);
  const Value *Group = Props.get("DBSubnetGroupName");
  if (!Group || Group->isNull())
    return {Outcome::Unhealthy,
            nullptr,
            {"PubliclyAccessible"},
            "PubliclyAccessible is not set and without DBSubnetGroupName the "
            "instance goes into the default VPC, where it is public"};
  if (Group->is(model::ValueKind::Expression) && !Group->refersTo().empty() &&
      S.Unit.Graph.find(Group->refersTo()))
    return Evaluation::healthy();
  return {Outcome::Unknown,
          Group,
          {"DBSubnetGroupName"},
          "PubliclyAccessible is not set, and whether the subnet group's VPC "
          "is the default VPC is not known"};
}

} // namespace

const Check &rdsNotPubliclyAccessible() {
  static const Check C =
      CheckBuilder("AWS-RDS-002", __FILE__)
          .title("RDS instances should not be publicly accessible")
          .severity(Level::Critical)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("FSBP", "RDS.2")
          .why("A publicly accessible instance gets a public DNS name and "
               "address, one permissive security group away from exposure.")
          .remediation("Keep databases private and reach them through the "
                       "VPC")
          .reference("Checkov CKV_AWS_17")
          .onCloudFormation({"AWS::RDS::DBInstance"}, missingDecidedByNetwork)
          .onTerraform("aws", {"aws_db_instance"},
                       property("publicly_accessible")
                           .mustEqual(Value::boolean(false))
                           .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Safe,
               setTo(Value::boolean(false)))
          .build();
  return C;
}

} // namespace rampart::checks
