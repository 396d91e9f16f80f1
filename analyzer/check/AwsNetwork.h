//===- AwsNetwork.h - Security groups and network ACLs, AWS ----*- C++ -*-===//
//
// The AWS network filters of catalog §1.3, defined once for the checks
// (AWS-EC2-001..003, AWS-VPC-003) and the exposure model, for
// CloudFormation and Terraform alike:
//
//  - Security groups are allow-only: a port is open when any ingress rule
//    opens it. A group's rules are its inline rules and the standalone
//    rule resources joined to it (AWS::EC2::SecurityGroupIngress,
//    aws_security_group_rule with type ingress,
//    aws_vpc_security_group_ingress_rule).
//  - Network ACLs are ordered: ingress entries by ascending rule number,
//    the first that matches decides, and traffic no entry matches is
//    denied. An ACL's entries are its inline `ingress` blocks (Terraform)
//    and the entry resources joined to it (AWS::EC2::NetworkAclEntry,
//    aws_network_acl_rule).
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_AWSNETWORK_H
#define RAMPART_ANALYZER_CHECK_AWSNETWORK_H

#include "analyzer/check/AzureNetwork.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/model/ResourceGraph.h"

#include "llvm/ADT/ArrayRef.h"

#include <vector>

namespace rampart::check {

//===----------------------------------------------------------------------===//
// Security groups
//===----------------------------------------------------------------------===//

/// Where each field of an ingress rule lives in one dialect's shape.
struct IngressRuleShape {
  const char *Protocol, *From, *To;
  std::vector<const char *> Cidrs;
  const char *Type = nullptr; ///< aws_security_group_rule's "ingress"
};

/// One ingress rule of a security group.
struct IngressRule {
  /// The group, or the standalone rule resource that declares the rule.
  const model::Resource *Declaring = nullptr;
  const model::Value *Rule = nullptr;
  const IngressRuleShape *Shape = nullptr;
};

/// The shape of a standalone rule resource type, or null for other types.
const IngressRuleShape *standaloneIngressShape(llvm::StringRef Type);

/// Whether R is a security group (AWS::EC2::SecurityGroup,
/// aws_security_group, aws_default_security_group).
bool isSecurityGroup(const model::Resource &R);

/// The property of a standalone rule that names its group.
llvm::StringRef ingressGroupProperty(llvm::StringRef RuleType);

/// The ingress rules of a group: inline ones, then the standalone rule
/// resources joined to it. Unknown is the inline list when it is not
/// known (its rules are then unknown).
struct IngressRules {
  std::vector<IngressRule> Rules;
  const model::Value *Unknown = nullptr;
};
IngressRules ingressRulesOf(const model::DeploymentUnit &U,
                            const model::Resource &Group);

/// Whether one rule lets the internet (a CIDR with prefix length 0) reach
/// Port over TCP (Tcp) or UDP (Udp): True with Where at the internet
/// CIDR; Unknown with Where at the value that could not be judged.
/// Protocol -1 (all traffic) covers every port.
Match ingressRuleOpens(const model::Value &Rule, const IngressRuleShape &Shape,
                       int Port, bool Tcp, bool Udp);

//===----------------------------------------------------------------------===//
// Network ACLs
//===----------------------------------------------------------------------===//

/// One entry of a network ACL in a shape common to every dialect. Fields
/// the entry does not set are null. An entry that is itself not known (an
/// unknown inline list, a dynamic block) has only Entry set.
struct NaclEntry {
  const model::Value *Entry = nullptr;
  const model::Value *RuleNumber = nullptr;
  const model::Value *Action = nullptr;
  const model::Value *Protocol = nullptr;
  const model::Value *Egress = nullptr; ///< Null: an ingress entry.
  const model::Value *Cidr = nullptr;
  const model::Value *Ipv6Cidr = nullptr;
  const model::Value *From = nullptr;
  const model::Value *To = nullptr;
  /// The entry resource's condition when it is not known: the entry may
  /// not be deployed.
  const model::Value *Condition = nullptr;
  /// The ACL (inline entries) or the entry resource.
  const model::Resource *Declaring = nullptr;
};

/// The entries of a network ACL resource (AWS::EC2::NetworkAcl,
/// aws_network_acl, aws_default_network_acl): its inline ingress blocks and
/// the entry resources of the unit joined to it, in no particular order.
std::vector<NaclEntry> networkAclEntries(const model::DeploymentUnit &U,
                                         const model::Resource &Acl);

/// What the ACL does with some traffic.
struct NaclDecision {
  /// True: allowed; False: denied (by an entry or the implicit deny);
  /// Unknown: it depends on a value that is not known.
  Truth Allows = Truth::False;
  /// Allowed: the internet CIDR of the entry that allows. Unknown: the
  /// value that could not be judged (a rule number, a field, an entry).
  const model::Value *Where = nullptr;
  /// The deciding entry (allowed or unknown), when one decided.
  const NaclEntry *Entry = nullptr;
};

/// The NACL decision for traffic from the internet (any IPv4 or any IPv6
/// address: an entry matches it through a CIDR with prefix length 0) to
/// Port over Protocol. Protocol -1 (all traffic) matches every port. An
/// unknown rule number makes the order unknown, so the decision is unknown
/// unless that entry cannot match or acts as the known order decides
/// anyway.
NaclDecision naclIngressFromInternet(llvm::ArrayRef<NaclEntry> Entries,
                                     int Port,
                                     IpProtocol Protocol = IpProtocol::Tcp);

} // namespace rampart::check

#endif
