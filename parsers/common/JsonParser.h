//===- JsonParser.h - JSON with positions ----------------------*- C++ -*-===//
//
// Reads JSON into the positioned document tree. nlohmann 3.11 (Debian 12)
// keeps no positions, rejects trailing commas, and its SAX events carry only
// the end of each token; tree-sitter-json is about 19 times slower with four
// times the memory on large ARM templates. So this reader is our own: exact
// key and value ranges, the comments and trailing commas Azure accepts, an
// explicit depth bound, and a diagnostic with a position for every error.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_COMMON_JSONPARSER_H
#define RAMPART_PARSERS_COMMON_JSONPARSER_H

#include "parsers/common/Document.h"
#include "parsers/common/SourceFile.h"

namespace rampart::parsers {

enum class JsonSyntax {
  Strict, ///< RFC 8259: comments and trailing commas are errors.
  Azure,  ///< `//` and `/* */` comments and trailing commas, as ARM accepts.
};

/// Parses JSON into a tree of Null/Bool/Number/String/List/Map nodes. Always
/// returns a document; on a syntax error the tree holds what was read before
/// it, and the diagnostics say where reading stopped.
Document parseJson(const SourceFile &File, Dialect D, FileRole Role,
                   JsonSyntax Syntax);

} // namespace rampart::parsers

#endif
