//===- Registry.cpp - The built-in AWS checks -----------------------------===//
#include "analyzer/check/Check.h"

#include <vector>

namespace rampart::checks {

using check::Check;

// One declaration and one line per check, sorted by id.
const Check &rdsNotPubliclyAccessible();
const Check &rdsAutoMinorVersionUpgrade();

void appendAwsChecks(std::vector<const Check *> &Out) {
  Out.push_back(&rdsNotPubliclyAccessible());   // AWS-RDS-002
  Out.push_back(&rdsAutoMinorVersionUpgrade()); // AWS-RDS-003
}

} // namespace rampart::checks
