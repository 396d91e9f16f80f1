//===- Literal.h - Values that no expression produced ----------*- C++ -*-===//
//
// Shared by the dialect evaluators: parameter-file values (JSON trees that
// are not evaluated) and command-line values (`--param`, `--context`).
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_LITERAL_H
#define RAMPART_ANALYZER_EVAL_LITERAL_H

#include "analyzer/model/Value.h"
#include "parsers/common/Document.h"

#include "llvm/ADT/StringRef.h"

namespace rampart::eval {

/// A document value as data: JSON numbers as Int when integral, expression
/// nodes as Unknown. Every value keeps its range in F.
model::Value literalValue(const Node *N, const SourceFile *F);

/// A command-line value: JSON when the text parses as JSON and a string is
/// not wanted, else the text as a string.
model::Value commandLineValue(llvm::StringRef Text, bool WantString);

} // namespace rampart::eval

#endif
