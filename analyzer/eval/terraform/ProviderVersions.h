//===- ProviderVersions.h - Which provider versions a root runs with -*- C++
//-*-===//
//
// Provider defaults changed between major versions (azurerm 3 -> 4 -> 5,
// aws 5 -> 6), so a check needs the major version a resource's provider
// will run with. As the checks catalog (§1.2) says: the version pinned in
// .terraform.lock.hcl first; else every major version the root module's
// required_providers constraint allows (a check whose defaults disagree
// between them is unknown); with neither, every major version there is.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_TERRAFORM_PROVIDERVERSIONS_H
#define RAMPART_ANALYZER_EVAL_TERRAFORM_PROVIDERVERSIONS_H

#include "parsers/common/Document.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <vector>

namespace rampart::eval::terraform {

/// The major versions a version constraint ("~> 5.0", ">= 4.0, < 6.0",
/// "5.31.0") allows, among 1..Latest. Nullopt when it cannot be read.
std::optional<std::vector<unsigned>> majorsAllowed(llvm::StringRef Constraint,
                                                   unsigned Latest);

/// The latest major version of the providers whose defaults checks model;
/// 0 for others.
unsigned latestMajor(llvm::StringRef Provider);

/// Local provider name ("aws") to the major versions it may run with;
/// a provider with no entry may run with any.
using ProviderMajors = llvm::StringMap<std::vector<unsigned>>;

/// Reads required_providers from the root module's bodies (HCL shape, see
/// HclParser.h) and the versions the lock file's body pins (may be null).
ProviderMajors resolveProviderMajors(llvm::ArrayRef<const Node *> RootBodies,
                                     const Node *LockFile);

} // namespace rampart::eval::terraform

#endif
