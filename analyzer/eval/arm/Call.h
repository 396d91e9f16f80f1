//===- Call.h - One function call being evaluated (internal) ---*- C++ -*-===//
//
// The function library's view of a call: arguments evaluated on demand (so
// if() and coalesce() can skip what they do not need), checks that report
// diagnostics on the argument's range, and the three-valued helpers.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EVAL_ARM_CALL_H
#define RAMPART_ANALYZER_EVAL_ARM_CALL_H

#include "analyzer/eval/arm/Evaluator.h"

#include <optional>

namespace rampart::eval::arm {

class Call {
public:
  Call(Evaluator &Ev, const Expr &E) : Ev(Ev), E(E), Args(E.Operands.size()) {}

  Evaluator &Ev;
  const Expr &E;

  size_t size() const { return E.Operands.size(); }
  llvm::StringRef name() const { return E.Text; }
  Origin origin() const { return Ev.originOf(E); }
  Origin argOrigin(size_t I) const { return Ev.originOf(*E.Operands[I]); }
  const Expr &argExpr(size_t I) const { return *E.Operands[I]; }

  /// The I-th argument, evaluated once.
  const Value &arg(size_t I) {
    if (!Args[I])
      Args[I] = Ev.evaluate(*E.Operands[I]);
    return *Args[I];
  }

  /// Checks the argument count; reports and returns false when wrong.
  bool arity(size_t Min, size_t Max);

  /// If argument I is not known (shallow), the Unknown result to return:
  /// the cause's reason and origin, so the root cause stays visible.
  std::optional<Value> unknownArg(size_t I);
  /// The same, for all arguments.
  std::optional<Value> unknownArgs();
  /// Like unknownArg, but looks inside arrays and objects too.
  std::optional<Value> unknownDeep(size_t I);
  std::optional<Value> unknownDeepAll();

  /// Checks the kind of argument I (already known); reports on mismatch.
  bool expect(size_t I, model::ValueKind K);
  bool expectString(size_t I) { return expect(I, model::ValueKind::String); }
  bool expectInt(size_t I) { return expect(I, model::ValueKind::Int); }

  /// Reports an error on argument I / on the call; returns the Unknown.
  Value failArg(size_t I, std::string Message);
  Value fail(std::string Message);
  /// The Unknown returned after a reported error.
  Value invalid() const;

  Value string(std::string S) const {
    return Value::string(std::move(S), origin());
  }
  Value integer(int64_t I) const { return Value::integer(I, origin()); }
  Value boolean(bool B) const { return Value::boolean(B, origin()); }
  Value null() const { return Value::null(origin()); }
  Value array(std::vector<Value> Items) const {
    return Value::array(std::move(Items), origin());
  }
  Value unknown(std::string Reason) const {
    return Value::unknown(std::move(Reason), origin());
  }

private:
  std::vector<std::optional<Value>> Args;
};

using model::firstUnknown;
/// The Unknown that stands for an unknown cause: reason and origin kept.
Value unknownBecause(const Value &Cause);

/// Runs the library function E.Text; nullopt if no such function.
std::optional<Value> callBuiltin(Call &C);

} // namespace rampart::eval::arm

#endif
