//===- Environment.h - Facts about the account, outside templates -*- C++
//-*-===//
//
// Some provider defaults are account- or tenant-wide settings no template
// declares (EBS encryption by default, the account's S3 public access
// block; checks-catalog.md §1.2). `.rampart.yaml` states them under
// `environment:`; each unit carries its scope's facts as one resource that
// is declared but not deployed (like a Bicep `existing` resource), so
// checks read them from the unit like anything else they know, and the
// engine never checks the resource itself.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_ENVIRONMENT_H
#define RAMPART_ANALYZER_CHECK_ENVIRONMENT_H

#include "analyzer/model/ResourceGraph.h"

#include <string>
#include <utility>
#include <vector>

namespace rampart::check {

inline constexpr llvm::StringLiteral EnvironmentType = "rampart:environment";

/// The resource that carries Facts ("aws.ebs_encryption_by_default" ->
/// true) into a unit.
model::Resource
environmentResource(std::vector<std::pair<std::string, model::Value>> Facts);

/// The fact named Key ("aws.ebs_encryption_by_default") in the unit's
/// environment, or null when the config does not state it.
const model::Value *environmentFact(const model::DeploymentUnit &U,
                                    llvm::StringRef Key);

/// True only when the fact is stated and is the boolean true.
bool environmentSays(const model::DeploymentUnit &U, llvm::StringRef Key);

} // namespace rampart::check

#endif
