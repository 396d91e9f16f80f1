//===- NetworkAcl.cpp - The network ACL decision for ingress --------------===//
#include "checks/aws/common/NetworkAcl.h"

namespace rampart::checks::aws {

std::vector<NaclEntry> networkAclEntries(const check::Subject &S) {
  return check::networkAclEntries(S.Unit, S.Resource);
}

} // namespace rampart::checks::aws
