//===- BicepParser.h - Bicep and .bicepparam files -------------*- C++ -*-===//
#ifndef RAMPART_PARSERS_BICEP_BICEPPARSER_H
#define RAMPART_PARSERS_BICEP_BICEPPARSER_H

#include "parsers/common/Document.h"
#include "parsers/common/SourceFile.h"

namespace rampart::parsers {

/// Parses a .bicep file (Role Template) or a .bicepparam file (Role
/// Parameters) with tree-sitter-bicep. Always returns a document; syntax
/// errors become diagnostics with exact ranges.
Document parseBicep(const SourceFile &File, FileRole Role = FileRole::Template);

} // namespace rampart::parsers

#endif
