//===- Suppressions.h - rampart:ignore in every dialect --------*- C++ -*-===//
//
// One suppression syntax for the four dialects (docs/suppressions.md):
//
//   rampart:ignore ID[,ID...] [reason="..."] [until=YYYY-MM-DD]
//                  [category=accepted|mitigated]
//
// written as a whole-line comment (`//` and one-line `/* */` in Bicep, ARM
// and HCL, `#` in HCL and CloudFormation YAML), as a `"//"` member of a
// Terraform JSON object, or as CloudFormation `Metadata.rampart.ignore`
// entries ({id, reason, until, category}) in JSON or YAML.
//
// A comment applies to the syntax that starts on the next line that is
// neither blank nor a comment: the largest node or map entry starting there
// (a whole block, resource object or statement, or one property). Comments
// before any content and separated from it by a blank line apply to the
// whole file, as do comments directly above a JSON or YAML document's root.
//
// applySuppressions then decides which unhealthy results each one exempts:
// by check id, and by the result's range or its resource's declaration
// lying in the target (or its file, for file scope). Expired suppressions
// and those the config's policy refuses exempt nothing and say why; one
// whose check ran but found nothing in its scope says so too.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_POSTURE_SUPPRESSIONS_H
#define RAMPART_ANALYZER_POSTURE_SUPPRESSIONS_H

#include "analyzer/check/Engine.h"
#include "analyzer/model/ResourceGraph.h"
#include "analyzer/posture/Finding.h"
#include "parsers/common/Diagnostic.h"
#include "parsers/common/Document.h"
#include "parsers/common/SourceFile.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringSet.h"

#include <vector>

namespace rampart::posture {

/// The suppressions written in one parsed file, in source order, each with
/// File set to the file's path. A malformed one (no ids, unknown key, bad
/// date or category, nothing after it to apply to) is left out and becomes a
/// warning at the range of what is wrong.
std::vector<Suppression> readSuppressions(const SourceFile &File,
                                          const Document &Doc,
                                          std::vector<Diagnostic> &Warnings);

struct SuppressionOutcome {
  /// Parallel to the results: the suppression (an element of the array
  /// given to applySuppressions) that exempts each one, or null.
  std::vector<const Suppression *> SuppressedBy;
  /// Expired, refused and unmatched suppressions, at their own ranges.
  std::vector<model::FileDiagnostic> Warnings;
};

/// Which unhealthy results the suppressions exempt. Results are taken in
/// order and the first suppression that covers one wins. ChecksRan holds
/// the ids of the checks that ran (any case): a suppression of a check that
/// neither ran nor has a result is not reported as unmatched, so running a
/// subset of the checks gives no false warnings.
SuppressionOutcome applySuppressions(llvm::ArrayRef<Suppression> Suppressions,
                                     llvm::ArrayRef<check::Result> Results,
                                     const SuppressionPolicy &Policy,
                                     Date Today,
                                     const llvm::StringSet<> &ChecksRan);

} // namespace rampart::posture

#endif
