//===- HclParser.h - Terraform native syntax -------------------*- C++ -*-===//
//
// Reads HCL native syntax (.tf, .tfvars) into the positioned Document model.
// Nothing is evaluated: references, calls and templates stay Expression nodes
// whose vocabulary is below. Comments are dropped; every range is exact.
//
// Structure
//   Root, and the inside of every block:
//     Expression Op "body". Items: Op "attribute" and Op "block" nodes in
//     source order (duplicates kept; a duplicate attribute name is also an
//     error, as Terraform reports). The root's Range is the whole file; a
//     block body's Range spans its braces, `{` and `}` included.
//   `name = value`:
//     Op "attribute", Text the name. Entries "name" (String over the
//     identifier) and "value" (the expression). Range: name to value end.
//   `type "l1" l2 { ... }`:
//     Op "block", Text the type. Entries "type" (String over the identifier),
//     "labels" (List of String; a quoted label is decoded and its Range
//     includes the quotes, a bare identifier label is taken as written;
//     an empty List at the end of the type when there are none), "body"
//     (Op "body").
//
// Literals
//   null, true, false -> Null, Bool. Numbers -> Number, Text as written; a
//   minus sign written directly before a number literal is folded into it
//   (`-1` is Number "-1", its Range includes the sign).
//   A quoted string or heredoc without `${` or `%{` -> String with decoded
//   Text: quoted strings resolve \n \r \t \" \\ \uNNNN \UNNNNNNNN; both forms
//   resolve `$${` to `${` and `%%{` to `%{`; heredocs resolve no backslash
//   escapes. Heredoc text runs from the line after `<<EOF` up to the line
//   holding the closing marker, so it ends with that newline (CRLF line ends
//   are kept, as Terraform keeps them). `<<-EOF` strips
//   the smallest indentation of the non-blank lines, as Terraform does.
//   A heredoc (String or template) has Entries "heredoc": a String whose Text
//   is the opener as written (`<<EOF` or `<<-EOF`) and whose Range covers it.
//
// Templates (strings with `${...}` or `%{...}`)
//   Op "template": Items are the segments in order: String nodes for literal
//   runs (decoded as above, Range over their source text, empty runs left
//   out) and expressions for interpolations. A template whose only segment is
//   one interpolation ("${x}") yields x's value unconverted, as in Terraform.
//   Strip markers (`${~ x ~}`) are already applied to the adjacent literals.
//   Op "template-if": Entries "condition", "then" (Op "template") and, when
//     written, "else" (Op "template").
//   Op "template-for": Entries "key" (String, optional), "value" (String),
//     "collection", "body" (Op "template").
//   The "then", "else" and "body" templates always are Op "template", even
//   when they hold only literal text; their Range runs between the tags.
//
// Collections
//   [a, b] -> List. { k = v, "k2" : v } -> Map when every key is a bare
//   identifier, a keyword or a quoted string without interpolation: the key
//   is its name or decoded text and KeyRange is the key token (quotes
//   included). Otherwise Op "object" whose Items are Op "object-item" nodes
//   with Entries "key" and "value"; a bare identifier key there is a String.
//
// Expressions
//   Named parts (Entries) of Expression nodes have KeyRange equal to the
//   part's own Range: there is no key token to point at.
//   Op "identifier", Text name: a variable or the root of a traversal (var,
//     local, aws_instance, each, count, ...).
//   Op "member", Text attribute, Items [object]: `a.b`.
//   Op "index", Items [collection, key]: `a[k]`; legacy `a.0` has a Number key.
//   Op "splat", Text "[*]" or ".*", Items [source, each]: `each` is the
//     traversal applied to every element, built over an Op "splat-each" leaf
//     (Range: the splat token) that stands for the element. `a[*].b[0]` is
//     splat(a, index(member(splat-each, "b"), 0)). As in Terraform, `.*`
//     takes only attribute and legacy-index steps: in `a.*.b[0]` the index
//     applies to the result, index(splat(a, member(splat-each, "b")), 0).
//     A source that is not a list is taken as a one-element list (none if
//     null), as Terraform does.
//   Op "call", Text the function name (`provider::aws::arn_parse` too), Items
//     the arguments; Entries "expand" (Bool true, Range over `...`) only when
//     the last argument is expanded.
//   Op "conditional", Items [condition, then, else].
//   Op "binary", Text the operator (* / % + - > >= < <= == != && ||),
//     Items [lhs, rhs].
//   Op "unary", Text "-" or "!", Items [operand].
//   Op "for", Text "tuple" or "object": Entries "key" (String, the first
//     variable when two are written), "value" (String), "collection",
//     "result-key" (object form only), "result", "grouping" (Bool true over
//     `...`, only when written) and "condition" (only when written).
//   Parentheses vanish: `(x)` is x's node with x's own Range.
//
// Errors
//   Syntax errors (tree-sitter ERROR and MISSING nodes) become error
//   diagnostics with their exact ranges; the parts that parsed stay in the
//   tree and broken operands are left out. Blocks in a variables file
//   (.tfvars) are errors but are kept. Invalid UTF-8 is an error at the
//   first bad byte. Where input nests too deep for a tree of MaxNestingDepth
//   levels, the construct that would cross the limit is left out (a long
//   traversal such as a.b.c... counts one level per step) and one error
//   diagnostic marks where. Parsing that runs far beyond any real file's
//   time (tree-sitter's error recovery on hostile input) is stopped with an
//   error and an empty body.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_TERRAFORM_HCLPARSER_H
#define RAMPART_PARSERS_TERRAFORM_HCLPARSER_H

#include "parsers/common/Document.h"
#include "parsers/common/SourceFile.h"

namespace rampart::parsers {

/// How a parse may use and keep tree-sitter's tree.
struct HclParseOptions {
  /// An earlier version of the same file, parsed with KeepTree: only the
  /// text that changed since is parsed again (tree-sitter's edit API).
  const Document *Previous = nullptr;
  /// Keeps the tree (and a copy of the text) in the document for the next
  /// version's Previous; the language server does, a scan does not (a tree
  /// takes many times the file's size).
  bool KeepTree = false;
};

/// Parses HCL native syntax (.tf, .tfvars) with tree-sitter-hcl. Always
/// returns a document; syntax errors become diagnostics with exact ranges.
/// An incremental parse gives the same document as a whole one.
Document parseHcl(const SourceFile &File, FileRole Role = FileRole::Template,
                  const HclParseOptions &Options = {});

} // namespace rampart::parsers

#endif
