//===- NoAutoAssignPublicIp.cpp - AWS-VPC-002 -----------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &vpcNoAutoAssignPublicIp() {

  static const Check C =
      CheckBuilder("AWS-VPC-002", __FILE__)
          .title("Subnets should not auto-assign public IP addresses")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("FSBP", "EC2.15")
          .why("Auto-assignment gives every instance launched into the subnet "
               "a public address, whether it needs one or not.")
          .remediation("Turn off public IP auto-assignment; load balancers and "
                       "NAT gateways do not need it")
          .reference("Checkov CKV_AWS_130")
          .onCloudFormation({"AWS::EC2::Subnet"},
                            property("MapPublicIpOnLaunch")
                                .mustEqual(Value::boolean(false))
                                .defaultsTo(Value::boolean(false)))
          .onTerraform("aws", {"aws_subnet"},
                       property("map_public_ip_on_launch")
                           .mustEqual(Value::boolean(false))
                           .defaultsTo(Value::boolean(false)))
          .onTerraform("aws", {"aws_default_subnet"},
                       property("map_public_ip_on_launch")
                           .mustEqual(Value::boolean(false))
                           .defaultsTo(Value::boolean(true)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
