//===- NetworkAcl.h - The network ACL decision for ingress -----*- C++ -*-===//
//
// Network ACLs are ordered, unlike security groups (catalog §1.3): the
// ingress entries are evaluated by ascending rule number, the first entry
// that matches the traffic decides, and traffic no entry matches is denied.
// Egress entries say nothing about inbound traffic. The entries of an ACL
// are its inline `ingress` blocks (Terraform) and the standalone entry
// resources joined to it (AWS::EC2::NetworkAclEntry, aws_network_acl_rule).
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_CHECKS_AWS_COMMON_NETWORKACL_H
#define RAMPART_CHECKS_AWS_COMMON_NETWORKACL_H

#include "analyzer/check/Check.h"
#include "analyzer/check/Predicates.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace rampart::checks::aws {

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
};

/// The entries of a network ACL resource (AWS::EC2::NetworkAcl,
/// aws_network_acl, aws_default_network_acl): its inline ingress blocks and
/// the entry resources of the unit joined to it, in no particular order.
std::vector<NaclEntry> networkAclEntries(const check::Subject &S);

/// What the ACL does with some traffic.
struct NaclDecision {
  /// True: allowed; False: denied (by an entry or the implicit deny);
  /// Unknown: it depends on a value that is not known.
  check::Truth Allows = check::Truth::False;
  /// Allowed: the internet CIDR of the entry that allows. Unknown: the
  /// value that could not be judged (a rule number, a field, an entry).
  const model::Value *Where = nullptr;
  /// The deciding entry (allowed or unknown), when one decided.
  const NaclEntry *Entry = nullptr;
};

/// The NACL decision for traffic from the internet (any IPv4 or any IPv6
/// address: an entry matches it through a CIDR with prefix length 0) to
/// TCP Port. Protocol -1 (all traffic) matches every port. An unknown rule
/// number makes the order unknown, so the decision is unknown unless that
/// entry cannot match or acts as the known order decides anyway.
NaclDecision naclIngressFromInternet(llvm::ArrayRef<NaclEntry> Entries,
                                     int Port);

} // namespace rampart::checks::aws

#endif
