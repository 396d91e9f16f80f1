//===- NoRdpFromInternet.cpp - AWS-EC2-002 --------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/SecurityGroups.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &ec2NoRdpFromInternet() {
  // UDP 3389 (RDP over UDP) counts as well.
  static const Check C =
      CheckBuilder("AWS-EC2-002", __FILE__)
          .title(
              "Security groups should not allow RDP (3389) from the internet")
          .severity(Level::High)
          .control("Secure management ports")
          .compliance("MCSB", "NS-3")
          .compliance("CIS-AWS", "5.2")
          .compliance("FSBP", "EC2.19")
          .why("Remote Desktop open to the world is a favourite target of "
               "brute force and ransomware operators.")
          .remediation(
              "Restrict Remote Desktop to a management range or a bastion; "
              "prefer Session Manager port forwarding or Fleet Manager")
          .reference("Checkov CKV_AWS_25")
          .onCloudFormation(
              {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"},
              aws::ingressOpensPorts({3389}, true))
          .onTerraform("aws",
                       {"aws_security_group", "aws_security_group_rule",
                        "aws_vpc_security_group_ingress_rule"},
                       aws::ingressOpensPorts({3389}, true))
          // No automated fix: the admin range that replaces the world CIDR is
          // the user's to give, and inline rules are list elements.
          .build();
  return C;
}

} // namespace rampart::checks
