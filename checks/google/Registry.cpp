//===- Registry.cpp - The built-in Google Cloud checks --------------------===//
#include "analyzer/check/Check.h"

#include <vector>

namespace rampart::checks {

using check::Check;

// One declaration and one line per check, sorted by id.

void appendGoogleChecks(std::vector<const Check *> &) {}

} // namespace rampart::checks
