//===- Evaluator.cpp - Evaluating ARM expressions to Values ---------------===//
//
// The tree walk, property and index access, and the Call helpers; the
// function library is in Functions.cpp.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/arm/Evaluator.h"

#include "analyzer/eval/arm/Call.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace rampart::eval::arm {

using model::Member;
using model::ValueKind;

//===- Scope defaults
//------------------------------------------------------===//

Scope::~Scope() = default;

Value Scope::parameter(llvm::StringRef Name, const Origin &Where) {
  return Value::unknown("parameter '" + Name.str() + "' is not known", Where);
}

Value Scope::variable(llvm::StringRef Name, const Origin &Where) {
  return Value::unknown("variable '" + Name.str() + "' is not known", Where);
}

Value Scope::copyIndex(std::optional<llvm::StringRef>, int64_t,
                       const Origin &Where) {
  return Value::unknown("copyIndex() used outside a copy loop", Where);
}

Value Scope::userFunction(llvm::StringRef Namespace, llvm::StringRef Name,
                          llvm::ArrayRef<Value>, const Origin &Where) {
  return Value::unknown("user function '" + Namespace.str() + "." + Name.str() +
                            "' is not known",
                        Where);
}

std::optional<Value> Scope::contextValue(llvm::StringRef) {
  return std::nullopt;
}

Value Scope::reference(const Value &, llvm::ArrayRef<Value>,
                       const Origin &Where) {
  return Value::unknown("reference() is resolved at deployment", Where);
}

Value Scope::listCall(llvm::StringRef Function, const Value &,
                      llvm::ArrayRef<Value>, const Origin &Where) {
  return Value::unknown(Function.str() + "() is resolved at deployment", Where);
}

void Scope::noteResourceReference(const ResourceReference &) {}

//===- Context ------------------------------------------------------------===//

llvm::StringRef contextFunctionName(llvm::StringRef Name) {
  for (llvm::StringRef Fn : {"resourceGroup", "subscription", "deployment",
                             "environment", "tenant", "managementGroup"})
    if (Name.equals_insensitive(Fn))
      return Fn;
  return {};
}

std::optional<Value> contextProperty(Scope &S, llvm::StringRef Fn,
                                     llvm::StringRef Property) {
  if (auto V = S.contextValue((Fn + "()." + Property).str()))
    return V;
  if (auto Whole = S.contextValue((Fn + "()").str()))
    if (Whole->is(ValueKind::Object))
      if (const Value *M = Whole->getInsensitive(Property))
        return *M;
  return std::nullopt;
}

//===- Call helpers -------------------------------------------------------===//

Value unknownBecause(const Value &Cause) {
  if (Cause.is(ValueKind::Unknown))
    return Cause;
  return Value::unknown("depends on '" + Cause.asString().str() +
                            "', known only at deployment",
                        Cause.origin());
}

bool Call::arity(size_t Min, size_t Max) {
  if (size() >= Min && size() <= Max)
    return true;
  std::string Expected =
      Min == Max        ? std::to_string(Min)
      : Max == SIZE_MAX ? "at least " + std::to_string(Min)
                        : std::to_string(Min) + " to " + std::to_string(Max);
  fail(name().str() + "() takes " + Expected + " argument" +
       (Min == 1 && Max == 1 ? "" : "s") + ", found " + std::to_string(size()));
  return false;
}

std::optional<Value> Call::unknownArg(size_t I) {
  const Value &V = arg(I);
  if (V.isKnown())
    return std::nullopt;
  return unknownBecause(V);
}

std::optional<Value> Call::unknownArgs() {
  for (size_t I = 0; I < size(); ++I)
    if (auto U = unknownArg(I))
      return U;
  return std::nullopt;
}

std::optional<Value> Call::unknownDeep(size_t I) {
  if (const Value *U = firstUnknown(arg(I)))
    return unknownBecause(*U);
  return std::nullopt;
}

std::optional<Value> Call::unknownDeepAll() {
  for (size_t I = 0; I < size(); ++I)
    if (auto U = unknownDeep(I))
      return U;
  return std::nullopt;
}

bool Call::expect(size_t I, ValueKind K) {
  const Value &V = arg(I);
  if (V.is(K))
    return true;
  failArg(I, name().str() + "() expects " + valueKindName(K).str() +
                 " for argument " + std::to_string(I + 1) + ", found " +
                 valueKindName(V.kind()).str());
  return false;
}

Value Call::failArg(size_t I, std::string Message) {
  Ev.error(argExpr(I), std::move(Message));
  return invalid();
}

Value Call::fail(std::string Message) {
  Ev.error(E, std::move(Message));
  return invalid();
}

Value Call::invalid() const {
  return unknown("invalid call to " + name().str() + "()");
}

//===- Evaluator ----------------------------------------------------------===//

void Evaluator::error(const Expr &At, std::string Message) {
  error(originOf(At), std::move(Message));
}

void Evaluator::error(const Origin &At, std::string Message) {
  // Lambdas repeat their body per element: one copy of each error is enough.
  for (const Diagnostic &D : Diags)
    if (D.Range == At.Range && D.Message == Message)
      return;
  Diags.push_back({Severity::Error, std::move(Message), At.Range});
}

namespace {

Value checkSize(Evaluator &Ev, const Expr &E, Value V) {
  if (V.is(ValueKind::String) && V.asString().size() > MaxStringBytes) {
    Ev.error(E, "string longer than " + std::to_string(MaxStringBytes) +
                    " bytes; not evaluated");
    return Value::unknown("string too long to evaluate", Ev.originOf(E));
  }
  if (V.is(ValueKind::Array) && V.items().size() > MaxArrayElements) {
    Ev.error(E, "array longer than " + std::to_string(MaxArrayElements) +
                    " elements; not evaluated");
    return Value::unknown("array too long to evaluate", Ev.originOf(E));
  }
  return V;
}

bool safeIndexExists(const Value &Base, const Value &Index) {
  if (Base.is(ValueKind::Array) && Index.is(ValueKind::Int))
    return Index.asInt() >= 0 &&
           static_cast<uint64_t>(Index.asInt()) < Base.items().size();
  if (Base.is(ValueKind::Object) && Index.is(ValueKind::String))
    return Base.getInsensitive(Index.asString()) != nullptr;
  return true; // let the normal path report the type error
}

} // namespace

Value Evaluator::evaluate(const Expr &E) {
  if (++Steps > MaxSteps) {
    if (!OutOfSteps)
      error(E, "expression needs more than " + std::to_string(MaxSteps) +
                   " evaluation steps; not evaluated");
    OutOfSteps = true;
    return Value::unknown("evaluation step limit reached", originOf(E));
  }
  switch (E.Kind) {
  case ExprKind::String:
    return Value::string(E.Text, originOf(E));
  case ExprKind::Integer:
    return Value::integer(E.Int, originOf(E));
  case ExprKind::Member:
    return evaluateMember(E);
  case ExprKind::Index:
    return evaluateIndex(E);
  case ExprKind::Constant:
    return E.Constant;
  case ExprKind::Object:
    return evaluateObject(E);
  case ExprKind::Array:
    return checkSize(*this, E, evaluateArray(E));
  case ExprKind::For:
    return checkSize(*this, E, evaluateFor(E));
  case ExprKind::Property:
  case ExprKind::Spread:
    error(E, "internal: a property or spread outside an object or array");
    return Value::unknown("invalid expression", originOf(E));
  case ExprKind::Call:
    break;
  }
  Call C(*this, E);
  if (!E.Namespace.empty()) {
    std::vector<Value> Args;
    for (size_t I = 0; I < C.size(); ++I)
      Args.push_back(C.arg(I));
    return checkSize(*this, E,
                     S.userFunction(E.Namespace, E.Text, Args, originOf(E)));
  }
  if (auto V = callBuiltin(C))
    return checkSize(*this, E, std::move(*V));
  error(E.NameRange.Start == E.NameRange.End ? originOf(E)
                                             : Origin{File, E.NameRange},
        "unknown function '" + E.Text + "'");
  return Value::unknown("unknown function '" + E.Text + "'", originOf(E));
}

// `resourceGroup().location` asks the scope for the property by name, so a
// --context override of one property is enough.
std::optional<Value> Evaluator::contextMember(const Expr &E) {
  const Expr &Base = *E.Operands[0];
  if (Base.Kind != ExprKind::Call || !Base.Namespace.empty() ||
      !Base.Operands.empty())
    return std::nullopt;
  llvm::StringRef Fn = contextFunctionName(Base.Text);
  if (Fn.empty())
    return std::nullopt;
  if (auto V = contextProperty(S, Fn, E.Text))
    return *V;
  return Value::unknown(Fn.str() + "()." + E.Text +
                            " is known only at deployment (supply it as "
                            "context)",
                        originOf(E));
}

Value Evaluator::evaluateMember(const Expr &E) {
  if (auto V = contextMember(E))
    return *V;
  Value Base = evaluate(*E.Operands[0]);
  if (Base.is(ValueKind::Expression)) {
    std::vector<std::string> Path(Base.attribute().begin(),
                                  Base.attribute().end());
    Path.push_back(E.Text);
    return Value::expression(Base.asString().str() + "." + E.Text, originOf(E),
                             Base.refersTo().str(), std::move(Path));
  }
  if (!Base.isKnown())
    return Base;
  if (E.Safe && Base.is(ValueKind::Null))
    return Value::null(originOf(E));
  if (!Base.is(ValueKind::Object)) {
    error(E, "cannot read property '" + E.Text + "' of " +
                 valueKindName(Base.kind()).str());
    return Value::unknown("invalid property access", originOf(E));
  }
  if (const Value *M = Base.getInsensitive(E.Text))
    return *M;
  if (E.Safe)
    return Value::null(originOf(E));
  error(Origin{File, E.NameRange},
        "the object has no property '" + E.Text + "'");
  return Value::unknown("missing property '" + E.Text + "'", originOf(E));
}

Value Evaluator::evaluateIndex(const Expr &E) {
  Value Base = evaluate(*E.Operands[0]);
  Value Index = evaluate(*E.Operands[1]);
  // A runtime value stays symbolic: reference(x).subnets[0] still points
  // at x, at path [..., "subnets", "0"].
  if (Base.is(ValueKind::Expression) &&
      (Index.is(ValueKind::String) || Index.is(ValueKind::Int))) {
    std::vector<std::string> Path(Base.attribute().begin(),
                                  Base.attribute().end());
    bool IsName = Index.is(ValueKind::String);
    std::string Key =
        IsName ? Index.asString().str() : std::to_string(Index.asInt());
    Path.push_back(Key);
    return Value::expression(
        Base.asString().str() + (IsName ? "['" + Key + "']" : "[" + Key + "]"),
        originOf(E), Base.refersTo().str(), std::move(Path));
  }
  if (!Base.isKnown())
    return unknownBecause(Base);
  if (!Index.isKnown())
    return unknownBecause(Index);
  if (E.Safe && (Base.is(ValueKind::Null) || !safeIndexExists(Base, Index)))
    return Value::null(originOf(E));
  if (Base.is(ValueKind::Array)) {
    if (!Index.is(ValueKind::Int)) {
      error(*E.Operands[1], "an array index must be an integer, found " +
                                valueKindName(Index.kind()).str());
      return Value::unknown("invalid index", originOf(E));
    }
    int64_t I = Index.asInt();
    if (I < 0 || static_cast<uint64_t>(I) >= Base.items().size()) {
      error(*E.Operands[1],
            "index " + std::to_string(I) + " is out of range for an array of " +
                std::to_string(Base.items().size()) + " elements");
      return Value::unknown("index out of range", originOf(E));
    }
    return Base.items()[I];
  }
  if (Base.is(ValueKind::Object)) {
    if (!Index.is(ValueKind::String)) {
      error(*E.Operands[1], "an object index must be a string, found " +
                                valueKindName(Index.kind()).str());
      return Value::unknown("invalid index", originOf(E));
    }
    if (const Value *M = Base.getInsensitive(Index.asString()))
      return *M;
    error(*E.Operands[1],
          "the object has no property '" + Index.asString().str() + "'");
    return Value::unknown("missing property '" + Index.asString().str() + "'",
                          originOf(E));
  }
  error(E, "cannot index " + valueKindName(Base.kind()).str());
  return Value::unknown("invalid index", originOf(E));
}

// Bicep objects: a property whose value is Unknown stays a known member (the
// object is known, one value is not); a spread of an Unknown makes the whole
// object Unknown, since which keys it adds is not known.
Value Evaluator::evaluateObject(const Expr &E) {
  std::vector<Member> Members;
  auto Put = [&](Member M) {
    for (Member &Old : Members)
      if (llvm::StringRef(Old.Key).equals_insensitive(M.Key)) {
        Old = std::move(M);
        return;
      }
    Members.push_back(std::move(M));
  };
  for (const auto &P : E.Operands) {
    if (P->Kind == ExprKind::Spread) {
      Value Spread = evaluate(*P->Operands[0]);
      if (!Spread.isKnown())
        return unknownBecause(Spread);
      if (!Spread.is(ValueKind::Object)) {
        error(*P, "only an object can be spread into an object, found " +
                      valueKindName(Spread.kind()).str());
        return Value::unknown("invalid spread", originOf(E));
      }
      for (const Member &M : Spread.members())
        Put(M);
      continue;
    }
    Origin KeyOrigin{File, P->NameRange};
    std::string Key = P->Text;
    const Expr *ValueExpr = P->Operands.back().get();
    if (P->Operands.size() == 2) {
      Value K = evaluate(*P->Operands[0]);
      if (!K.is(ValueKind::String))
        return K.isKnown() ? Value::unknown("an object key must be a string",
                                            originOf(*P->Operands[0]))
                           : unknownBecause(K);
      Key = K.asString().str();
    }
    Put({std::move(Key), KeyOrigin, evaluate(*ValueExpr)});
  }
  return Value::object(std::move(Members), originOf(E));
}

Value Evaluator::evaluateArray(const Expr &E) {
  std::vector<Value> Items;
  for (const auto &I : E.Operands) {
    if (I->Kind != ExprKind::Spread) {
      Items.push_back(evaluate(*I));
      continue;
    }
    Value Spread = evaluate(*I->Operands[0]);
    if (!Spread.isKnown())
      return unknownBecause(Spread);
    if (!Spread.is(ValueKind::Array)) {
      error(*I, "only an array can be spread into an array, found " +
                    valueKindName(Spread.kind()).str());
      return Value::unknown("invalid spread", originOf(E));
    }
    llvm::append_range(Items, Spread.items());
  }
  return Value::array(std::move(Items), originOf(E));
}

// [for (x, i) in source: if (filter) body]: the body once per element, with
// x and i bound as lambda variables. An unknown filter leaves the length
// unknown, so the whole array is.
Value Evaluator::evaluateFor(const Expr &E) {
  Value Source = evaluate(*E.Operands[0]);
  if (!Source.isKnown())
    return unknownBecause(Source);
  if (!Source.is(ValueKind::Array)) {
    error(*E.Operands[0], "a for-expression needs an array, found " +
                              valueKindName(Source.kind()).str());
    return Value::unknown("invalid loop", originOf(E));
  }
  std::vector<Value> Items;
  const Expr *Filter = E.Operands.size() > 2 ? E.Operands[2].get() : nullptr;
  for (size_t I = 0; I < Source.items().size(); ++I) {
    LambdaFrame F;
    F.Names = E.Names;
    F.Values = {Source.items()[I], Value::integer(I, originOf(*E.Operands[0]))};
    F.Values.resize(F.Names.size());
    Lambdas.push_back(std::move(F));
    std::optional<Value> Keep;
    if (Filter) {
      Value C = evaluate(*Filter);
      if (!C.is(ValueKind::Bool)) {
        Lambdas.pop_back();
        return C.isKnown() ? Value::unknown("the loop filter is not a boolean",
                                            originOf(*Filter))
                           : unknownBecause(C);
      }
      if (!C.asBool()) {
        Lambdas.pop_back();
        continue;
      }
    }
    Items.push_back(evaluate(*E.Operands[1]));
    Lambdas.pop_back();
  }
  return Value::array(std::move(Items), originOf(E));
}

Value Evaluator::evaluateString(llvm::StringRef Decoded,
                                const Origin &StringOrigin) {
  StringSourceMap Map(StringOrigin.File, StringOrigin.Range, Decoded);
  ParsedString P = parseArmString(Decoded, Map);
  for (Diagnostic &D : P.Diagnostics)
    Diags.push_back(std::move(D));
  switch (P.Form) {
  case StringForm::Literal:
  case StringForm::Escaped:
    return Value::string(std::move(P.Literal), StringOrigin);
  case StringForm::Expression:
    break;
  }
  if (!P.Root)
    return Value::unknown("expression has errors", StringOrigin);
  return evaluate(*P.Root);
}

} // namespace rampart::eval::arm
