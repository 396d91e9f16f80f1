//===- Lowering.cpp - Bicep expressions as ARM expression trees -----------===//
#include "analyzer/eval/bicep/Lowering.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSwitch.h"

namespace rampart::eval::bicep {

using arm::Expr;
using arm::ExprKind;
using model::Origin;
using model::Value;

SymbolTable::~SymbolTable() = default;

namespace {

/// Bicep functions the compiler evaluates by reading the environment or a
/// vault: never evaluated here.
bool readsOutsideTheTemplate(llvm::StringRef Fn) {
  return Fn == "readEnvironmentVariable" || Fn == "getSecret" ||
         Fn == "externalInput" || Fn == "loadYamlContent" ||
         Fn == "loadDirectoryFileInfo";
}

/// Compile-time reads of files beside the template: the scope does them.
bool readsAFile(llvm::StringRef Fn) {
  return Fn == "loadTextContent" || Fn == "loadJsonContent" ||
         Fn == "loadFileAsBase64";
}

/// Symbols for `a::b::c`, or empty when the base is not a plain name.
std::string nestedSymbol(const Node *N) {
  if (N->isExpression("identifier"))
    return N->Text;
  if (N->isExpression("nested-resource") && N->Items.size() == 1) {
    std::string Base = nestedSymbol(N->Items[0]);
    return Base.empty() ? "" : Base + "::" + N->Text;
  }
  return "";
}

/// `a.?b.c`: a safe access short-circuits the rest of its chain, so `.c` on
/// a null `a.?b` is null too.
bool inSafeChain(const Node *N) {
  while (N->isExpression("member") || N->isExpression("index") ||
         N->isExpression("non-null")) {
    if (N->Items.empty())
      return false;
    N = N->Items[0];
  }
  return N->isExpression("safe-member") || N->isExpression("safe-index");
}

} // namespace

void Lowering::pushLocals(std::vector<std::string> Names) {
  Locals.push_back(std::move(Names));
}

void Lowering::popLocals() { Locals.pop_back(); }

bool Lowering::isLocal(llvm::StringRef Name) const {
  for (const auto &Frame : Locals)
    if (llvm::is_contained(Frame, Name))
      return true;
  return false;
}

Lowering::ExprPtr Lowering::make(ExprKind K, const Node *N) const {
  auto E = std::make_unique<Expr>();
  E->Kind = K;
  E->Range = N->Range;
  E->NameRange = N->Range;
  return E;
}

Lowering::ExprPtr Lowering::string(std::string S, SourceRange R) const {
  auto E = std::make_unique<Expr>();
  E->Kind = ExprKind::String;
  E->Range = E->NameRange = R;
  E->Text = std::move(S);
  return E;
}

Lowering::ExprPtr Lowering::call(std::string Fn, const Node *N,
                                 std::vector<ExprPtr> Args) const {
  ExprPtr E = make(ExprKind::Call, N);
  E->Text = std::move(Fn);
  E->Operands = std::move(Args);
  return E;
}

Lowering::ExprPtr Lowering::constant(Value V, const Node *N) const {
  ExprPtr E = make(ExprKind::Constant, N);
  E->Constant = std::move(V);
  return E;
}

Lowering::ExprPtr Lowering::unknown(std::string Reason, const Node *N) const {
  return constant(Value::unknown(std::move(Reason), {File, N->Range}), N);
}

Lowering::ExprPtr Lowering::lower(const Node *N) {
  // The parser bounds nesting; this guards trees built some other way.
  if (Depth > 2 * MaxNestingDepth)
    return unknown("expression nests too deeply", N);
  ++Depth;
  auto Done = llvm::make_scope_exit([&] { --Depth; });
  Origin O{File, N->Range};
  switch (N->Kind) {
  case NodeKind::Null:
    return constant(Value::null(O), N);
  case NodeKind::Bool:
    return constant(Value::boolean(N->BoolValue, O), N);
  case NodeKind::Number:
    return lowerNumber(N);
  case NodeKind::String:
    return string(N->Text, N->Range);
  case NodeKind::List:
    return lowerList(N);
  case NodeKind::Map:
    return lowerMap(N);
  case NodeKind::Expression:
    break;
  }
  llvm::StringRef Op = N->Op;
  if (Op == "identifier")
    return lowerIdentifier(N);
  if (Op == "interpolation")
    return lowerInterpolation(N);
  if (Op == "call")
    return lowerCall(N);
  if (Op == "member" || Op == "safe-member")
    return lowerMember(N, Op == "safe-member");
  if (Op == "index" && N->Items.size() == 2 &&
      N->Items[0]->isExpression("identifier") && !isLocal(N->Items[0]->Text) &&
      Symbols.kindOf(N->Items[0]->Text) == SymbolKind::Resource) {
    // stgs[i]: one instance of a resource loop, so the edge can be exact.
    ExprPtr E = call("symbol", N, {});
    E->Namespace = "$bicep";
    E->Operands.push_back(string(N->Items[0]->Text, N->Items[0]->Range));
    E->Operands.push_back(lower(N->Items[1]));
    return E;
  }
  if ((Op == "index" || Op == "safe-index") && N->Items.size() == 2) {
    ExprPtr E = make(ExprKind::Index, N);
    E->Safe = Op == "safe-index" || inSafeChain(N->Items[0]);
    E->Operands.push_back(lower(N->Items[0]));
    E->Operands.push_back(lower(N->Items[1]));
    return E;
  }
  if (Op == "nested-resource") {
    std::string Symbol = nestedSymbol(N);
    if (Symbol.empty() || Symbols.kindOf(Symbol) != SymbolKind::Resource)
      return unknown("nested resource accessor is not evaluated", N);
    ExprPtr E = call("symbol", N, {});
    E->Namespace = "$bicep";
    E->Operands.push_back(string(Symbol, N->Range));
    return E;
  }
  if (Op == "non-null" && N->Items.size() == 1)
    return lower(N->Items[0]);
  if (Op == "unary" && N->Items.size() == 1) {
    if (N->Text == "!") {
      std::vector<ExprPtr> Args;
      Args.push_back(lower(N->Items[0]));
      return call("not", N, std::move(Args));
    }
    std::vector<ExprPtr> Args;
    Args.push_back(constant(Value::integer(0, O), N));
    Args.push_back(lower(N->Items[0]));
    return call("sub", N, std::move(Args));
  }
  if (Op == "binary" && N->Items.size() == 2)
    return lowerBinary(N);
  if (Op == "ternary" && N->Items.size() == 3) {
    std::vector<ExprPtr> Args;
    for (const Node *I : N->Items)
      Args.push_back(lower(I));
    return call("if", N, std::move(Args));
  }
  if (Op == "object")
    return lowerObjectExpression(N);
  if (Op == "for")
    return lowerFor(N);
  if (Op == "lambda")
    return lowerLambda(N);
  return unknown("'" + N->Op + "' is not evaluated here", N);
}

Lowering::ExprPtr Lowering::lowerNumber(const Node *N) {
  int64_t I;
  if (!llvm::StringRef(N->Text).getAsInteger(10, I)) {
    ExprPtr E = make(ExprKind::Integer, N);
    E->Int = I;
    return E;
  }
  return unknown("integer '" + N->Text + "' is out of range", N);
}

Lowering::ExprPtr Lowering::lowerIdentifier(const Node *N) {
  llvm::StringRef Name = N->Text;
  auto Named = [&](llvm::StringRef Fn, llvm::StringRef Namespace = {}) {
    ExprPtr E = call(Fn.str(), N, {});
    E->Namespace = Namespace.str();
    E->Operands.push_back(string(Name.str(), N->Range));
    return E;
  };
  if (isLocal(Name))
    return Named("lambdaVariables");
  switch (Symbols.kindOf(Name)) {
  case SymbolKind::Parameter:
    return Named("parameters");
  case SymbolKind::Variable:
    return Named("variables");
  case SymbolKind::Resource:
    return Named("symbol", "$bicep");
  case SymbolKind::Imported:
    return unknown("'" + Name.str() + "' is imported; not evaluated", N);
  case SymbolKind::Function:
  case SymbolKind::Namespace:
  case SymbolKind::None:
    break;
  }
  Diags.push_back(
      {Severity::Error, "'" + Name.str() + "' is not declared", N->Range});
  return unknown("'" + Name.str() + "' is not declared", N);
}

Lowering::ExprPtr Lowering::lowerCall(const Node *N) {
  llvm::StringRef Fn = N->Text;
  std::vector<ExprPtr> Args;
  auto LowerArgs = [&] {
    for (const Node *A : N->Items)
      Args.push_back(lower(A));
  };
  if (const Node *Target = N->get("target")) {
    if (Target->isExpression("identifier")) {
      SymbolKind K = Symbols.kindOf(Target->Text);
      if (K == SymbolKind::Resource && !isLocal(Target->Text)) {
        // A resource method: stg.listKeys(), vault.getSecret('x').
        Args.push_back(string(Target->Text, Target->Range));
        Args.push_back(string(Fn.str(), N->Range));
        LowerArgs();
        ExprPtr E = call("method", N, std::move(Args));
        E->Namespace = "$bicep";
        return E;
      }
      if (K == SymbolKind::Imported)
        return unknown("'" + Target->Text + "." + Fn.str() +
                           "' is imported; not evaluated",
                       N);
      if (Target->Text != "az" && Target->Text != "sys")
        return unknown(
            "'" + Target->Text + "." + Fn.str() + "()' is not evaluated", N);
    } else {
      return unknown("method call '" + Fn.str() + "()' is not evaluated", N);
    }
  } else if (Symbols.kindOf(Fn) == SymbolKind::Function) {
    LowerArgs();
    ExprPtr E = call(Fn.str(), N, std::move(Args));
    E->Namespace = "$func";
    return E;
  } else if (Symbols.kindOf(Fn) == SymbolKind::Imported) {
    return unknown("'" + Fn.str() + "' is imported; not evaluated", N);
  }
  if (readsOutsideTheTemplate(Fn))
    return unknown(Fn.str() + "() reads outside the template; not evaluated",
                   N);
  if (Fn == "any" && N->Items.size() == 1)
    return lower(N->Items[0]);
  if (readsAFile(Fn)) {
    LowerArgs();
    ExprPtr E = call(Fn.str(), N, std::move(Args));
    E->Namespace = "$bicep";
    return E;
  }
  LowerArgs();
  return call(Fn.str(), N, std::move(Args));
}

Lowering::ExprPtr Lowering::lowerBinary(const Node *N) {
  llvm::StringRef Op = N->Text;
  auto Pair = [&](bool Lowercase) {
    std::vector<ExprPtr> Args;
    for (const Node *I : N->Items) {
      ExprPtr A = lower(I);
      if (Lowercase) {
        std::vector<ExprPtr> One;
        One.push_back(std::move(A));
        A = call("toLower", I, std::move(One));
      }
      Args.push_back(std::move(A));
    }
    return Args;
  };
  auto Negated = [&](ExprPtr E) {
    std::vector<ExprPtr> One;
    One.push_back(std::move(E));
    return call("not", N, std::move(One));
  };
  if (Op == "==")
    return call("equals", N, Pair(false));
  if (Op == "!=")
    return Negated(call("equals", N, Pair(false)));
  if (Op == "=~")
    return call("equals", N, Pair(true));
  if (Op == "!~")
    return Negated(call("equals", N, Pair(true)));
  llvm::StringRef Fn = llvm::StringSwitch<llvm::StringRef>(Op)
                           .Case("<", "less")
                           .Case("<=", "lessOrEquals")
                           .Case(">", "greater")
                           .Case(">=", "greaterOrEquals")
                           .Case("&&", "and")
                           .Case("||", "or")
                           .Case("??", "coalesce")
                           .Case("+", "add")
                           .Case("-", "sub")
                           .Case("*", "mul")
                           .Case("/", "div")
                           .Case("%", "mod")
                           .Default("");
  if (Fn.empty())
    return unknown("operator '" + Op.str() + "' is not evaluated", N);
  return call(Fn.str(), N, Pair(false));
}

// 'a${x}b' is concat('a', string(x), 'b'); string() gives the text ARM's
// format() would (True for true, JSON for objects).
Lowering::ExprPtr Lowering::lowerInterpolation(const Node *N) {
  std::vector<ExprPtr> Parts;
  for (size_t I = 0; I < N->Items.size(); ++I) {
    const Node *Part = N->Items[I];
    if (I % 2 == 0) {
      if (!Part->Text.empty())
        Parts.push_back(string(Part->Text, Part->Range));
      continue;
    }
    std::vector<ExprPtr> One;
    One.push_back(lower(Part));
    Parts.push_back(call("string", Part, std::move(One)));
  }
  if (Parts.empty())
    return string("", N->Range);
  return call("concat", N, std::move(Parts));
}

Lowering::ExprPtr Lowering::lowerSpread(const Node *N) {
  ExprPtr S = make(ExprKind::Spread, N);
  S->Operands.push_back(lower(N->Items[0]));
  return S;
}

Lowering::ExprPtr Lowering::lowerMap(const Node *N) {
  ExprPtr E = make(ExprKind::Object, N);
  for (const MapEntry &Entry : N->Entries) {
    if (Entry.Value->isExpression("resource"))
      continue; // a nested resource is a resource of its own
    if (Entry.Value->isExpression("spread") && Entry.Value->Items.size() == 1) {
      E->Operands.push_back(lowerSpread(Entry.Value));
      continue;
    }
    ExprPtr P = make(ExprKind::Property, Entry.Value);
    P->Text = Entry.Key;
    P->NameRange = Entry.KeyRange;
    P->Operands.push_back(lower(Entry.Value));
    E->Operands.push_back(std::move(P));
  }
  return E;
}

// An object with an interpolated key: Items are "property" [key, value],
// "spread" and "resource" nodes.
Lowering::ExprPtr Lowering::lowerObjectExpression(const Node *N) {
  ExprPtr E = make(ExprKind::Object, N);
  for (const Node *Item : N->Items) {
    if (Item->isExpression("spread") && Item->Items.size() == 1) {
      E->Operands.push_back(lowerSpread(Item));
      continue;
    }
    if (!Item->isExpression("property") || Item->Items.size() != 2)
      continue;
    const Node *Key = Item->Items[0];
    ExprPtr P = make(ExprKind::Property, Item);
    P->NameRange = Key->Range;
    if (Key->is(NodeKind::String)) {
      P->Text = Key->Text;
    } else {
      P->Operands.push_back(lower(Key));
    }
    P->Operands.push_back(lower(Item->Items[1]));
    E->Operands.push_back(std::move(P));
  }
  return E;
}

Lowering::ExprPtr Lowering::lowerList(const Node *N) {
  ExprPtr E = make(ExprKind::Array, N);
  for (const Node *Item : N->Items) {
    if (Item->isExpression("spread") && Item->Items.size() == 1) {
      E->Operands.push_back(lowerSpread(Item));
      continue;
    }
    E->Operands.push_back(lower(Item));
  }
  return E;
}

Lowering::ExprPtr Lowering::lowerFor(const Node *N) {
  const Node *Item = N->get("item");
  const Node *Index = N->get("index");
  const Node *Source = N->get("source");
  const Node *Body = N->get("body");
  if (!Source || !Body)
    return unknown("incomplete for-expression", N);
  ExprPtr E = make(ExprKind::For, N);
  E->Names.push_back(Item ? Item->Text : "");
  if (Index)
    E->Names.push_back(Index->Text);
  E->Operands.push_back(lower(Source));
  pushLocals(E->Names);
  const Node *Filter = nullptr;
  if (Body->isExpression("if")) {
    Filter = Body->get("condition");
    Body = Body->get("body");
  }
  E->Operands.push_back(Body ? lower(Body)
                             : unknown("incomplete for-expression", N));
  if (Filter)
    E->Operands.push_back(lower(Filter));
  popLocals();
  return E;
}

Lowering::ExprPtr Lowering::lowerLambda(const Node *N) {
  const Node *Params = N->get("parameters");
  const Node *Body = N->get("body");
  if (!Params || !Body)
    return unknown("incomplete lambda", N);
  std::vector<ExprPtr> Args;
  std::vector<std::string> Names;
  for (const Node *P : Params->Items) {
    Names.push_back(P->Text);
    Args.push_back(string(P->Text, P->Range));
  }
  pushLocals(Names);
  Args.push_back(lower(Body));
  popLocals();
  return call("lambda", N, std::move(Args));
}

Lowering::ExprPtr Lowering::lowerMember(const Node *N, bool Safe) {
  if (N->Items.size() != 1)
    return unknown("incomplete property access", N);
  ExprPtr E = make(ExprKind::Member, N);
  E->Text = N->Text;
  E->Safe = Safe || inSafeChain(N->Items[0]);
  // The property name ends the node: `a.b` or `a.?b`.
  SourceRange Name = N->Range;
  if (Name.End.Offset >= N->Text.size() && Name.End.Column > N->Text.size()) {
    Name.Start = Name.End;
    Name.Start.Offset -= N->Text.size();
    Name.Start.Column -= N->Text.size();
  }
  E->NameRange = Name;
  E->Operands.push_back(lower(N->Items[0]));
  return E;
}

} // namespace rampart::eval::bicep
