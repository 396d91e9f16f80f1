//===- Common.h - Helpers shared by the Google Cloud checks -----*- C++ -*-===//
//
// What several Google checks ask: turn a three-valued Match into an
// outcome with a readable reason, read a property of a Terraform resource,
// and test a value for the internet CIDRs of catalog §1.3.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_CHECKS_GOOGLE_COMMON_COMMON_H
#define RAMPART_CHECKS_GOOGLE_COMMON_COMMON_H

#include "analyzer/check/Check.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Property.h"

#include <string>

namespace rampart::checks::google {

/// 'S', for messages. (Appended: GCC 12 warns with -Wrestrict on
/// `"'" + S + "'"` at -O3.)
std::string quoted(llvm::StringRef S);

/// Why M is Unknown, as the rest of a message about Path:
/// "source_ranges is unknown: variable 'x' has no value".
std::string unknownDetail(const check::Match &M, const std::string &Path);

/// An Unknown Match as an unknown outcome at its Where.
check::Evaluation unknownOutcome(const check::Match &M, std::string Path);

/// A violation test's answer as an outcome: True is unhealthy (at
/// M.Where, with Detail), Unknown is unknown, False is healthy.
check::Evaluation violation(const check::Match &M, std::string Path,
                            std::string Detail);

/// Where Path leads in a Terraform resource's arguments.
check::Lookup lookup(const check::Subject &S, llvm::StringRef Path);

/// A Lookup as a value for the predicates: the value found, the unknown on
/// the way, or null when missing.
const model::Value *valueOf(const check::Lookup &L);

/// Whether a lookup found a value equal to Expected (a bool, or a string
/// ignoring case); a missing one is Missing.
check::Match lookupEquals(const check::Lookup &L, const model::Value &Expected,
                          check::Truth Missing);

/// Whether a list of authorized-network blocks at ListPath (GKE
/// cidr_blocks, Cloud SQL authorized_networks) admits the internet through
/// the CIDR in each block's CidrKey. True points at that CIDR; a missing
/// list is False.
check::Match authorizesInternet(const check::Subject &S,
                                llvm::StringRef ListPath,
                                llvm::StringRef CidrKey);

} // namespace rampart::checks::google

#endif
