//===- SuppressionEdits.h - Writing a suppression into a file ---*- C++ -*-===//
//
// The editor's "Suppress ID for this resource / in this file" in strict
// JSON, which has no comments (docs/suppressions.md): a `"//"` member in
// Terraform JSON, `Metadata.rampart.ignore` in CloudFormation JSON, each
// in the resource's object or at the top of the file. The comment forms of
// the other dialects are a line of text, which the language server writes
// itself.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_POSTURE_SUPPRESSIONEDITS_H
#define RAMPART_ANALYZER_POSTURE_SUPPRESSIONEDITS_H

#include "analyzer/model/ResourceGraph.h"
#include "parsers/common/Document.h"
#include "parsers/common/TextEdit.h"

#include <optional>
#include <vector>

namespace rampart::posture {

enum class SuppressionScope : uint8_t { Resource, File };

/// Edits adding a suppression of CheckId (with a reason to fill in) to the
/// resource R or to the whole file, in Doc's strict JSON form; nullopt for
/// a dialect with comments, or when the place already holds a suppression
/// (a `"//"` member, an `ignore` list), which the user extends by hand.
std::optional<std::vector<TextEdit>>
jsonSuppressionEdits(const Document &Doc, const model::Resource &R,
                     llvm::StringRef CheckId, SuppressionScope Scope);

} // namespace rampart::posture

#endif
