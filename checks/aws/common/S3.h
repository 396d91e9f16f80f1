//===- S3.h - S3 buckets and their split configuration ---------*- C++ -*-===//
//
// Terraform configures a bucket through association resources
// (aws_s3_bucket_versioning, ..._public_access_block, ...) whose `bucket`
// names it: the catalog's split_config relation. The evaluator joins them
// to the bucket by attachment edges.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_CHECKS_AWS_COMMON_S3_H
#define RAMPART_CHECKS_AWS_COMMON_S3_H

#include "analyzer/check/Check.h"
#include "analyzer/check/Property.h"

#include <optional>

namespace rampart::checks::aws {

/// A Terraform bucket judged through its split configuration of type
/// Split: every such resource must pass SplitRule; without one, the
/// deprecated inline argument is judged by InlineRule (when given and set),
/// else the bucket gets None.
check::Evaluation
judgeSplit(const check::Subject &S, llvm::StringRef Split,
           const check::PropertyRule &SplitRule,
           const std::optional<check::PropertyRule> &InlineRule,
           check::Evaluation None);

} // namespace rampart::checks::aws

#endif
