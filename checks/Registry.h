//===- Registry.h - The built-in checks ------------------------*- C++ -*-===//
#ifndef RAMPART_CHECKS_REGISTRY_H
#define RAMPART_CHECKS_REGISTRY_H

#include "analyzer/check/Check.h"

#include <vector>

namespace rampart::checks {

/// Every built-in check, sorted by id. Built on first use; the checks live
/// for the whole program.
const std::vector<const check::Check *> &builtinChecks();

/// The built-in check with this id, or null.
const check::Check *findBuiltinCheck(llvm::StringRef Id);

} // namespace rampart::checks

#endif
