//===- HclParser.h - Terraform native syntax -------------------*- C++ -*-===//
#ifndef RAMPART_PARSERS_TERRAFORM_HCLPARSER_H
#define RAMPART_PARSERS_TERRAFORM_HCLPARSER_H

#include "parsers/common/Document.h"
#include "parsers/common/SourceFile.h"

namespace rampart::parsers {

/// Parses HCL native syntax (.tf, .tfvars) with tree-sitter-hcl. Always
/// returns a document; syntax errors become diagnostics with exact ranges.
Document parseHcl(const SourceFile &File, FileRole Role = FileRole::Template);

} // namespace rampart::parsers

#endif
