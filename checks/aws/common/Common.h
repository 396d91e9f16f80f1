//===- Common.h - Helpers shared by the AWS checks -------------*- C++ -*-===//
//
// What several AWS checks ask of a resource and its unit: combine the
// outcomes of several property rules, turn a three-valued Match into an
// outcome, find the association resources that join an owner (S3 split
// configuration, security group rules, rotation schedules), and judge a
// policy document.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_CHECKS_AWS_COMMON_COMMON_H
#define RAMPART_CHECKS_AWS_COMMON_COMMON_H

#include "analyzer/check/Check.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Property.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>
#include <vector>

namespace rampart::checks::aws {

/// The outcome of a resource that must pass every one of Parts: the first
/// unhealthy one, else the first unknown one, else healthy (not-applicable
/// parts are ignored; all not-applicable gives not-applicable).
check::Evaluation allOf(std::vector<check::Evaluation> Parts);

/// Evaluates every rule on S and combines them with allOf.
check::Evaluation allRules(const check::Subject &S,
                           llvm::ArrayRef<check::PropertyRule> Rules);

/// A violation test's answer as an outcome: True is unhealthy (at
/// M.Where, with Detail), Unknown is unknown (with M's reason), False is
/// healthy.
check::Evaluation violation(const check::Match &M, std::string Path,
                            std::string Detail);

/// Where a lookup in the resource's properties (exact member names) leads.
check::Lookup lookup(const check::Subject &S, llvm::StringRef Path);

/// Whether V (anywhere inside it) refers to the resource Id.
bool refersTo(const model::Value &V, llvm::StringRef Id);

/// Whether Child joins Owner: an attachment edge from Child to Owner (the
/// evaluators add them for association resources, by reference or by
/// name), or Child's property Prop refers to Owner.
bool joins(const model::DeploymentUnit &U, const model::Resource &Child,
           llvm::StringRef Prop, const model::Resource &Owner);

/// The deployed resources of the given types that join Owner through
/// Prop, in unit order.
std::vector<const model::Resource *>
joinedTo(const model::DeploymentUnit &U, const model::Resource &Owner,
         llvm::ArrayRef<llvm::StringRef> Types, llvm::StringRef Prop);

/// The resources of one of Types that V refers to.
std::vector<const model::Resource *>
referencedOfType(const model::DeploymentUnit &U, const model::Value &V,
                 llvm::ArrayRef<llvm::StringRef> Types);

/// A policy document (object or JSON string, or the `json` of a
/// `data.aws_iam_policy_document` of the unit) that must have no statement
/// satisfying Bad: unhealthy at the offending statement part (at the whole
/// string for a JSON string, at the reference for a data source), unknown
/// when a statement cannot be judged, healthy otherwise (a null document
/// is healthy).
check::Evaluation
policyWithout(const model::DeploymentUnit &U, const model::Value &Doc,
              std::string Path,
              llvm::function_ref<check::Match(const model::Value &)> Bad,
              std::string Detail);

/// Whether some statement of a policy document (read as policyWithout
/// reads it) satisfies Good. Where, for an Unknown answer, is inside the
/// document, or the document itself when its statements were parsed from a
/// JSON string or rendered from a data source.
check::Match
policyHas(const model::DeploymentUnit &U, const model::Value &Doc,
          llvm::function_ref<check::Match(const model::Value &)> Good);

/// joins, or Child's Prop is (or is a list holding) a string equal to
/// Owner's known name property NameProp (`name`, `UserName`): a join by
/// literal name within the unit, as Terraform and CloudFormation resolve
/// them.
bool joinsOrNames(const model::DeploymentUnit &U, const model::Resource &Child,
                  llvm::StringRef Prop, const model::Resource &Owner,
                  llvm::StringRef NameProp);

/// The value of attribute Key in a CloudFormation LoadBalancerAttributes
/// list: Found (the entry's Value), Missing (no such key; Value is the
/// list, or null without one) or Unknown (the list, an entry or its key is
/// not known).
check::Lookup loadBalancerAttribute(const model::Value &Props,
                                    llvm::StringRef Key);

/// The text of a known string value, else empty.
llvm::StringRef stringOf(const model::Value *V);

} // namespace rampart::checks::aws

#endif
