//===- BicepParser.h - Bicep and .bicepparam files -------------*- C++ -*-===//
//
// Reads Bicep into the positioned document tree: a recursive-descent parser
// over BicepLexer's tokens, bounded by MaxNestingDepth. tree-sitter-bicep
// 1.1.0 (the only version on npm, from 2023) rejects a quarter of real
// modules (resourceInput<> types, spread, typed variables, `extension`,
// non-null `x!` in arguments, `T?` before a keyword line), so Bicep does not
// use it.
//
// Every node's Range is exact. Statements start at their keyword; their
// decorators have their own ranges. Map entries keep KeyRange (quotes
// included for quoted keys); the named parts of expressions and statements
// below are Entries whose KeyRange is the part's own range.
//
// Literals
//   'text', '''text'''   String (escapes \\ \' \n \r \t \$ \u{hex} decoded;
//                         a multi-line string drops the line break right
//                         after its opening quotes). Invalid UTF-8 in a
//                         string is read as U+FFFD.
//   42, -1               Number; Text as written. A minus sign directly
//                         before an integer is folded into the Number.
//   true/false, null     Bool, Null
//   [a, b]               List (items separated by commas or new lines)
//   {k: v, 'q': w}       Map. Two kinds of entries are not properties:
//                         - `...e`: Key "...", Value Op "spread" Items [e];
//                         - a nested resource: Key its symbolic name
//                           (KeyRange the name), Value the "resource"
//                           statement node.
//                         An object with an interpolated key is instead an
//                         Expression Op "object" whose Items are, in order,
//                         Op "property" Items [key, value] (key: String or
//                         "interpolation"), "spread" and "resource" nodes.
//
// Expressions (NodeKind::Expression; Op, Text, Items, Entries)
//   interpolation   'a${x}b': Items alternate String segments and
//                   expressions, always starting and ending with a String
//                   (empty segments included; 2n+1 items for n holes).
//   identifier      Text = name.
//   member          a.b: Text "b", Items [a].   safe-member: a.?b
//   index           a[i]: Items [a, i].          safe-index: a[?i]
//   nested-resource a::b: Text "b", Items [a].
//   non-null        a!: Items [a].
//   call            f(x, y): Text "f", Items args. A namespace or method
//                   call (az.resourceGroup(), st.listKeys()) also has Entries
//                   {"target": the expression before the dot}.
//   unary           Text "!" or "-", Items [operand].
//   binary          Text the operator (+ - * / % == != =~ !~ < <= > >= && ||
//                   ??), Items [left, right].
//   ternary         Items [condition, then, else].
//   lambda          Entries {"parameters": List of String, "body"}.
//   for             [for x in s: body], [for (x, i) in s: body]: Entries
//                   {"item": String, "index": String (optional), "source",
//                   "body"}; a filtered loop's body is an "if" node.
//   if              if (c) body: Entries {"condition", "body"}.
//   decorator       @name(args) or @ns.name(args): Text "name", Items args,
//                   Entries {"target"} for the namespaced form.
//   Parentheses leave no node: (e) is e, with e's own range.
//
// Types (param, output, typed var, type, func)
//   type-ref        a named type (string, int, myType): Text = name.
//   type-member     T.name: Text "name", Items [T] (sys.string, ns.myType,
//                   resourceInput<'...'>.properties.tags).
//   resource-type   resource<'T@v'>, resourceInput<...>, resourceOutput<...>
//                   and an output's `resource 'T@v'`: Text the keyword,
//                   Items the String arguments.
//   array-type      T[]: Items [T].    tuple-type: [A, B], Items "property"s.
//   nullable-type   T?: Items [T].     non-null-type: T!: Items [T].
//   type-items      T[*]: Items [T].   type-index: T[0]: Items [T, Number].
//   union-type      A | B: Items members.
//   object-type     {a: T, *: U}: Entries key -> Op "property" (or
//                   "additional-properties" for `*`) with Entries
//                   {"type", "decorators" (List, optional)}.
//   Literal types ('a', 1, true, null) are String/Number/Bool/Null nodes.
//
// Statements: the root is Op "program", Items the statements in order.
// Each statement is Op = its keyword, Text = the declared symbol name (empty
// when none), with Entries among:
//   "name"        String whose range is the identifier
//   "type"        param/output/var/func type; for resource, module and test
//                 the quoted type or path (String, or interpolation)
//   "value"       default value, assigned expression, or the body (Map,
//                 "if", "for") of resource and module
//   "existing"    Bool (the `existing` keyword) on existing resources
//   "decorators"  List of "decorator" nodes, when there are any
// Ops and their parts:
//   param      name, type (absent in .bicepparam), value (optional)
//   var        name, type (optional), value
//   output     name, type, value
//   resource   name, type, existing (optional), value
//   module     name, type (the path), value
//   metadata   name, value
//   type       name, value (a type)
//   func       name, parameters (List of Op "parameter" Text name, Entries
//              {name, type}), type (the return type), value (the body)
//   targetScope value
//   import     `import {a, b as c} from 'p'`: "symbols" (List of Op
//              "import-symbol" Text = imported name, Entries {name, alias
//              (optional)}) and "from" (String); `import * as ns from 'p'`:
//              "namespace" (String) and "from"; the older provider form
//              `import 'az@1.0.0' with {...} as a`: "specification", "config"
//              (optional) and "alias" (optional). Text = the alias if any.
//   provider, extension  "specification" (String, or identifier for a bare
//              name), "config" (optional), "alias" (optional)
//   using      "path" (String); `using none` has no path and Text "none"
//   extends    "path"
//   test       name, type (the path), value
//   assert     name, value
//
// Errors: every syntax error is a diagnostic with the exact range of the
// offending token. Parsing resumes at the next line of the enclosing object,
// array or statement, so the rest of the file still yields its statements;
// a statement that broke half-way is kept with the parts read before the
// error.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_BICEP_BICEPPARSER_H
#define RAMPART_PARSERS_BICEP_BICEPPARSER_H

#include "parsers/common/Document.h"
#include "parsers/common/SourceFile.h"

namespace rampart::parsers {

/// Parses a .bicep file (Role Template) or a .bicepparam file (Role
/// Parameters). Always returns a document; syntax errors become diagnostics
/// with exact ranges.
Document parseBicep(const SourceFile &File, FileRole Role = FileRole::Template);

} // namespace rampart::parsers

#endif
