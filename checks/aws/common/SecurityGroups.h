//===- SecurityGroups.h - Ingress rules of AWS security groups -*- C++ -*-===//
//
// Security groups are allow-only: a port is open when any ingress rule of
// the group opens it (catalog §1.3). The rules of a group are the union of
// its inline rules and the standalone rule resources joined to it
// (AWS::EC2::SecurityGroupIngress, aws_security_group_rule with type
// ingress, aws_vpc_security_group_ingress_rule). A standalone rule whose
// group is not in the unit is judged on its own; one whose group is, is
// judged with the group.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_CHECKS_AWS_COMMON_SECURITYGROUPS_H
#define RAMPART_CHECKS_AWS_COMMON_SECURITYGROUPS_H

#include "analyzer/check/Check.h"

#include "llvm/ADT/ArrayRef.h"

#include <vector>

namespace rampart::checks::aws {

/// A predicate for the security group and standalone rule types of every
/// AWS dialect: unhealthy when an ingress rule from an internet CIDR covers
/// one of Ports over TCP (or UDP too, when AlsoUdp). Protocol -1 (all
/// traffic) covers every port.
check::Predicate ingressOpensPorts(std::vector<int> Ports, bool AlsoUdp);

/// The types ingressOpensPorts applies to.
std::vector<std::string> cfnSecurityGroupTypes();
std::vector<std::string> tfSecurityGroupTypes();

} // namespace rampart::checks::aws

#endif
