//===- IamPolicy.h - What an AWS IAM role may do ---------------*- C++ -*-===//
//
// The AWS half of the grants edge (catalog §4.1): the policies attached to
// a role (inline, customer managed by reference or attachment, AWS managed
// by ARN) evaluated for
//   admin       every action on every resource;
//   escalation  iam:PassRole with ec2:RunInstances or lambda:CreateFunction,
//               iam:Attach*Policy, iam:Put*Policy, iam:CreatePolicyVersion,
//               sts:AssumeRole on every resource;
//   data        s3:GetObject, secretsmanager:GetSecretValue, kms:Decrypt,
//               with the resources they apply to.
// Only Allow statements with Action count (NotAction is not evaluated); a
// policy document that cannot be resolved (a data source, a parameter) is a
// Possible admin grant.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EXPOSURE_IAMPOLICY_H
#define RAMPART_ANALYZER_EXPOSURE_IAMPOLICY_H

#include "analyzer/exposure/Identities.h"

#include "llvm/ADT/StringRef.h"

#include <vector>

namespace rampart::exposure {

/// Whether an IAM action pattern ("s3:Get*", "*") matches Action; both
/// compare ignoring case, as IAM does.
bool actionMatches(llvm::StringRef Pattern, llvm::StringRef Action);

/// The admin, escalation and data grants of an IAM role of the unit.
std::vector<Grant> awsRoleGrants(const model::DeploymentUnit &U,
                                 const model::Resource &Role);

} // namespace rampart::exposure

#endif
