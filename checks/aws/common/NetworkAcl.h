//===- NetworkAcl.h - The network ACL decision for ingress -----*- C++ -*-===//
//
// Network ACLs are ordered, unlike security groups (catalog §1.3): the
// ingress entries are evaluated by ascending rule number, the first entry
// that matches the traffic decides, and traffic no entry matches is denied.
// The decision itself lives in analyzer/check/AwsNetwork.h, shared with the
// exposure model so the network map never contradicts AWS-VPC-003; this
// header gives the checks its names and the Subject form.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_CHECKS_AWS_COMMON_NETWORKACL_H
#define RAMPART_CHECKS_AWS_COMMON_NETWORKACL_H

#include "analyzer/check/AwsNetwork.h"
#include "analyzer/check/Check.h"
#include "analyzer/check/Predicates.h"

#include "llvm/ADT/ArrayRef.h"

#include <vector>

namespace rampart::checks::aws {

using check::NaclDecision;
using check::NaclEntry;
using check::naclIngressFromInternet;

/// The entries of the network ACL S is about (see
/// check::networkAclEntries).
std::vector<NaclEntry> networkAclEntries(const check::Subject &S);

} // namespace rampart::checks::aws

#endif
