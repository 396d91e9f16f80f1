//===- NoHighRiskPortsFromInternet.cpp - AWS-EC2-003 ----------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/SecurityGroups.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {
const std::vector<int> HighRiskPorts = {
    20,   21,   22,   23,   25,   110,  135,  143,  445,  1433, 1434, 3000,
    3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300};
} // namespace

const Check &ec2NoHighRiskPortsFromInternet() {
  // The FSBP EC2.19 list; protocol -1 from the internet covers them all.
  static const Check C =
      CheckBuilder("AWS-EC2-003", __FILE__)
          .title("Security groups should not allow unrestricted access to "
                 "high-risk ports")
          .severity(Level::Critical)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-1")
          .compliance("FSBP", "EC2.19")
          .why("Administration, database, mail and development ports are "
               "routinely scanned and exploited when open to the world.")
          .remediation(
              "Remove world access to these ports; expose only the application "
              "listener, usually 80/443 on a load balancer")
          .reference("FSBP EC2.18 (other ports)")
          .reference("Checkov CKV_AWS_24")
          .reference("Checkov CKV_AWS_25")
          .reference("Checkov CKV_AWS_260")
          .reference("Checkov CKV_AWS_277")
          .onCloudFormation(
              {"AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"},
              aws::ingressOpensPorts(HighRiskPorts, false))
          .onTerraform("aws",
                       {"aws_security_group", "aws_security_group_rule",
                        "aws_vpc_security_group_ingress_rule"},
                       aws::ingressOpensPorts(HighRiskPorts, false))
          // No automated fix: the admin range that replaces the world CIDR is
          // the user's to give, and inline rules are list elements.
          .build();
  return C;
}

} // namespace rampart::checks
