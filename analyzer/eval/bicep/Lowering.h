//===- Lowering.h - Bicep expressions as ARM expression trees --*- C++ -*-===//
//
// The Bicep compiler turns every Bicep expression into an ARM template
// expression; we do the same, but into the parsed tree (arm::Expr) rather
// than text, so that one evaluator and one function library serve both
// dialects and every node keeps the range of the Bicep text it came from.
//
//   param p / var v          parameters('p') / variables('v')
//   resource or module s     $bicep.symbol('s')  (the scope answers it)
//   s[i] (s a loop)          $bicep.symbol('s', i)
//   a::b                     $bicep.symbol('a::b')
//   loop and lambda vars     lambdaVariables('x')
//   func f(...)              $func.f(...)
//   s.listKeys(...)          $bicep.method('s', 'listKeys', ...)
//   'a${x}b'                 concat('a', string(x), 'b')
//   c ? a : b, a ?? b        if(c, a, b), coalesce(a, b)
//   == != =~ !~              equals / not(equals) (=~ on toLower of both)
//   < <= > >= && || !        less ... and or not
//   + - * / % , -x           add sub mul div mod, sub(0, x)
//   a!                       a
//   a.?b, a[?i]              Member / Index with Safe set
//   {...}, [...], [for ...]  Object, Array, For (see Expression.h)
//   x => e                   lambda('x', e)
//
//   loadTextContent(...)     $bicep.loadTextContent(...) (and the other file
//                            reads the scope does: see BicepEvaluator.h)
//
// Functions that read the environment or a vault (readEnvironmentVariable,
// getSecret), loadYamlContent, loadDirectoryFileInfo and imported symbols
// become Unknown constants.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_BICEP_LOWERING_H
#define RAMPART_ANALYZER_EVAL_BICEP_LOWERING_H

#include "analyzer/eval/arm/Expression.h"
#include "parsers/common/Document.h"

#include <memory>
#include <string>
#include <vector>

namespace rampart::eval::bicep {

enum class SymbolKind {
  None,
  Parameter,
  Variable,
  Resource, ///< Resources and modules.
  Function,
  Imported, ///< import {x} from / import * as ns from
  Namespace ///< az, sys
};

/// What a name means at file level; implemented by the evaluator.
class SymbolTable {
public:
  virtual ~SymbolTable();
  virtual SymbolKind kindOf(llvm::StringRef Name) const = 0;
};

class Lowering {
public:
  Lowering(const SymbolTable &Symbols, const SourceFile *File,
           std::vector<Diagnostic> &Diags)
      : Symbols(Symbols), File(File), Diags(Diags) {}

  /// Names bound by an enclosing resource or module loop, or a function's
  /// parameters: they lower to lambdaVariables().
  void pushLocals(std::vector<std::string> Names);
  void popLocals();

  std::unique_ptr<arm::Expr> lower(const Node *N);

private:
  using ExprPtr = std::unique_ptr<arm::Expr>;

  ExprPtr make(arm::ExprKind K, const Node *N) const;
  ExprPtr string(std::string S, SourceRange R) const;
  ExprPtr call(std::string Fn, const Node *N, std::vector<ExprPtr> Args) const;
  ExprPtr unknown(std::string Reason, const Node *N) const;
  ExprPtr constant(model::Value V, const Node *N) const;

  ExprPtr lowerIdentifier(const Node *N);
  ExprPtr lowerCall(const Node *N);
  ExprPtr lowerBinary(const Node *N);
  ExprPtr lowerInterpolation(const Node *N);
  ExprPtr lowerMap(const Node *N);
  ExprPtr lowerSpread(const Node *N);
  ExprPtr lowerObjectExpression(const Node *N);
  ExprPtr lowerList(const Node *N);
  ExprPtr lowerFor(const Node *N);
  ExprPtr lowerLambda(const Node *N);
  ExprPtr lowerMember(const Node *N, bool Safe);
  ExprPtr lowerNumber(const Node *N);
  bool isLocal(llvm::StringRef Name) const;

  const SymbolTable &Symbols;
  const SourceFile *File;
  std::vector<Diagnostic> &Diags;
  std::vector<std::vector<std::string>> Locals;
  unsigned Depth = 0;
};

} // namespace rampart::eval::bicep

#endif
