//===- HclJson.h - Terraform JSON configuration as HCL ---------*- C++ -*-===//
//
// A .tf.json file is read by the generic JSON parser; this lowers its tree to
// the HCL shape of HclParser.h (Op "body", "block", "attribute" and the
// expression vocabulary), so that the evaluator reads both syntaxes the same
// way. The mapping follows Terraform's JSON syntax:
//
//   Top-level keys are block types, one object level per label: resource,
//   data and ephemeral take two labels; variable, output, module, provider
//   and check one; locals, terraform, moved, import and removed none. At a
//   label level an array of objects stands for several objects, in order; at
//   the body level an array gives one block per element (provider aliases)
//   and null gives none. Properties named "//" in a body are comments.
//
//   Every JSON string where Terraform takes an expression is a template:
//   one with `${` or `%{` is parsed by the HCL parser (as Terraform does,
//   without backslash escapes; `$${` and `%%{` are escapes), others stay
//   String nodes. JSON numbers, bools and null are literals, arrays List
//   nodes, objects Map nodes (Op "object" when a key holds a template).
//
//   Where Terraform takes something else, the string is that: a reference
//   or list of references (provider, depends_on, lifecycle.ignore_changes
//   and replace_triggered_by, moved/import/removed addresses, module
//   providers), a keyword (provisioner when/on_failure, dynamic iterator), a
//   type expression (variable type), or a literal (variable default,
//   description, sensitive, nullable and ephemeral; output description and
//   sensitive; module source and version; provider alias and version;
//   connection type; everything in a terraform block).
//
//   Known nested blocks: lifecycle, provisioner (one label), connection,
//   dynamic (one label, with content), precondition, postcondition,
//   validation, check's data and assert. Resource, data source and provider
//   bodies also hold the provider's nested blocks, which only the provider
//   schema tells from arguments; see isNestedBlock in HclJson.cpp for the
//   rule used instead.
//
// Ranges: blocks, attributes and values point into the .tf.json file. A
// block's labels are its label keys (quotes included) and the labels List
// spans only the innermost one (the key that names the block); its Range
// runs from that key to the end of its body object (just the body object
// when it came from an array). A template's nodes map back into the JSON
// string exactly when the string has no escape sequences; otherwise each
// takes the whole string's range.
//
// Errors: shapes Terraform rejects (a block that is not an object, a label
// level that is not an object, an unknown top-level block type, a broken
// template or reference) become error diagnostics on the lowered Document at
// the offending JSON node; what they would have produced is left out.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_TERRAFORM_HCLJSON_H
#define RAMPART_PARSERS_TERRAFORM_HCLJSON_H

#include "parsers/common/Document.h"

namespace rampart::parsers {

/// Lowers a Terraform JSON configuration (the tree parseJson read from a
/// .tf.json file) to the HCL native shape. The result uses Json's SourceFile,
/// which must outlive it; Json itself may go. Its diagnostics are only those
/// of the lowering, not Json's own.
Document lowerTerraformJson(const Document &Json);

} // namespace rampart::parsers

#endif
