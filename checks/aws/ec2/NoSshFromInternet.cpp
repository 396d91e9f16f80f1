//===- NoSshFromInternet.cpp - AWS-EC2-001 --------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/SecurityGroups.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &ec2NoSshFromInternet() {

  static const Check C =
      CheckBuilder("AWS-EC2-001", __FILE__)
          .title("Security groups should not allow SSH (22) from the internet")
          .severity(Level::High)
          .control("Secure management ports")
          .compliance("MCSB", "NS-3")
          .compliance("CIS-AWS", "5.2")
          .compliance("FSBP", "EC2.19")
          .why("Security groups are the only thing between an instance and "
               "internet scanners; SSH open to the world invites brute force "
               "and exploits.")
          .remediation(
              "Restrict SSH to a bastion or corporate range, or remove inbound "
              "SSH and use Systems Manager Session Manager")
          .reference("FSBP EC2.19 (list)")
          .reference("Checkov CKV_AWS_24")
          .onCloudFormation(
              {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"},
              aws::ingressOpensPorts({22}, false))
          .onTerraform("aws",
                       {"aws_security_group", "aws_security_group_rule",
                        "aws_vpc_security_group_ingress_rule"},
                       aws::ingressOpensPorts({22}, false))
          // No automated fix: the admin range that replaces the world CIDR is
          // the user's to give, and inline rules are list elements.
          .build();
  return C;
}

} // namespace rampart::checks
