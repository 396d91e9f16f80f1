//===- Expression.h - ARM template expressions, parsed with positions -*- C++
//-*-===//
//
// An ARM JSON string is an expression when it starts with '[' and ends with
// ']' and does not start with "[[" ("[[x]" is the literal "[x]"). Inside:
//
//   expr    := primary postfix*
//   primary := 'string' ('' escapes a quote) | integer (optional '-')
//            | name '(' args? ')' | ns '.' name '(' args? ')'
//   postfix := '.' name | '[' expr ']'
//
// true/false/null are not literals: true(), false() and null() are functions.
// Every node's Range is exact in the original file: offsets into the decoded
// JSON string are mapped back through its escapes (\n, \u00e9, ...), and
// line/column come from SourceFile::position, so multi-line strings work.
//
// Bounds: at most MaxExpressionDepth nested nodes and MaxExpressionBytes of
// expression text; beyond either, a diagnostic and no tree.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_ARM_EXPRESSION_H
#define RAMPART_ANALYZER_EVAL_ARM_EXPRESSION_H

#include "analyzer/model/Value.h"
#include "parsers/common/Diagnostic.h"
#include "parsers/common/SourceFile.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rampart::eval::arm {

constexpr unsigned MaxExpressionDepth = 128;
constexpr size_t MaxExpressionBytes = 256 * 1024;

enum class ExprKind {
  String,  ///< Text: the decoded literal ('' already turned into ').
  Integer, ///< Int: the value.
  Call,    ///< Text: function name; Namespace: user-function namespace or
           ///< empty; Operands: the arguments.
  Member,  ///< Text: property name; Operands[0]: the object.
  Index,   ///< Operands[0]: the object; Operands[1]: the index.

  // Never parsed from ARM text: the Bicep lowering builds these, so that one
  // evaluator and one function library serve both dialects.
  Constant, ///< Constant: a value known before evaluation (true, null).
  Object,   ///< Operands: Property and Spread nodes, in order.
  Property, ///< Text: the key, NameRange its range; Operands [value], or
            ///< [key, value] when the key is computed.
  Array,    ///< Operands: items and Spread nodes, in order.
  Spread,   ///< Operands[0]: the object or array merged into the parent.
  For,      ///< Names: the item (and index) variable; Operands [source,
            ///< body] or [source, body, filter]. The variables are bound
            ///< like lambda variables (lambdaVariables('x')).
};

struct Expr {
  ExprKind Kind = ExprKind::String;
  SourceRange Range;     ///< The whole node, e.g. `concat('a', 'b')`.
  SourceRange NameRange; ///< Call: the (namespaced) name; Member: the name.
  std::string Text;
  std::string Namespace;
  int64_t Int = 0;
  /// Member and Index: `a.?b` / `a[?i]` give null instead of failing when
  /// the base is null or has no such member.
  bool Safe = false;
  std::vector<std::string> Names;
  model::Value Constant;
  std::vector<std::unique_ptr<Expr>> Operands;
};

/// Maps byte offsets inside a decoded JSON string back to the file. Without a
/// file (strings made by the evaluator) positions are offsets into the
/// decoded text on line 1.
class StringSourceMap {
public:
  StringSourceMap() = default;
  /// StringRange covers the JSON string token including its quotes.
  StringSourceMap(const SourceFile *File, SourceRange StringRange,
                  llvm::StringRef Decoded);

  const SourceFile *file() const { return File; }
  /// The range in the file of decoded bytes [Begin, End).
  SourceRange range(size_t Begin, size_t End) const;

private:
  uint32_t startOf(size_t I) const;
  uint32_t endOf(size_t I) const;

  const SourceFile *File = nullptr;
  uint32_t Base = 0; ///< File offset of decoded byte 0 when no escapes.
  size_t Size = 0;
  /// Per decoded byte, the raw [start, end) offsets; empty when the raw text
  /// has no escapes and the mapping is Base + index.
  std::vector<std::pair<uint32_t, uint32_t>> Raw;
};

enum class StringForm {
  Literal,    ///< Not an expression: Literal holds the text.
  Escaped,    ///< "[[...]": Literal holds the text without the first '['.
  Expression, ///< Root holds the tree (null if there were syntax errors).
};

struct ParsedString {
  StringForm Form = StringForm::Literal;
  std::string Literal;
  std::unique_ptr<Expr> Root;
  std::vector<Diagnostic> Diagnostics;
};

/// Parses a decoded ARM string. Never throws; errors become Diagnostics.
ParsedString parseArmString(llvm::StringRef Decoded,
                            const StringSourceMap &Map);

/// Whether a decoded string is an expression ("[...]" but not "[[...").
bool isArmExpression(llvm::StringRef Decoded);

} // namespace rampart::eval::arm

#endif
