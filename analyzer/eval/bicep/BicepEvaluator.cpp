//===- BicepEvaluator.cpp - Bicep files to deployment units ---------------===//
//
// One FileScope per evaluated file: the entry file, its .bicepparam, and each
// module instance. A resource declaration is first expanded (loop, condition,
// name: what `s.id` and `s.name` need) on demand, since a resource may use one
// declared after it; then every instance's body is evaluated into a Resource.
// Edges are resolved once all declarations are expanded.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/bicep/BicepEvaluator.h"

#include "analyzer/eval/Literal.h"
#include "analyzer/eval/arm/Evaluator.h"
#include "analyzer/eval/arm/TemplateEvaluator.h"
#include "analyzer/eval/bicep/Lowering.h"
#include "parsers/common/JsonParser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/Path.h"

#include <map>
#include <memory>
#include <optional>

namespace rampart::eval::bicep {

using model::DeploymentUnit;
using model::EdgeKind;
using model::LoopInfo;
using model::Member;
using model::Origin;
using model::Resource;
using model::Value;
using model::ValueKind;

std::string resolveRelative(llvm::StringRef From, llvm::StringRef Relative) {
  llvm::SmallString<256> P;
  if (llvm::sys::path::is_absolute(Relative)) {
    P = Relative;
  } else {
    P = llvm::sys::path::parent_path(From);
    llvm::sys::path::append(P, Relative);
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

std::string usingPath(const Document &ParamFile) {
  const Node *Root = ParamFile.root();
  if (!Root)
    return "";
  for (const Node *S : Root->Items)
    if (S->isExpression("using"))
      if (const Node *P = S->get("path"); P && P->is(NodeKind::String))
        return resolveRelative(ParamFile.file().path(), P->Text);
  return "";
}

namespace {

/// A module path Rampart can read: not `br:`, `br/alias:` or `ts:`.
bool isLocalModulePath(llvm::StringRef P) {
  return !P.startswith("br:") && !P.startswith("br/") && !P.startswith("ts:") &&
         !P.startswith("ts/");
}

const Node *stringEntry(const Node *S, llvm::StringRef Key) {
  const Node *N = S ? S->get(Key) : nullptr;
  return N && N->is(NodeKind::String) ? N : nullptr;
}

} // namespace

std::vector<std::string> localModulePaths(const Document &Bicep) {
  std::vector<std::string> Out;
  if (!Bicep.root())
    return Out;
  for (const Node *S : Bicep.root()->Items)
    if (S->isExpression("module"))
      if (const Node *P = stringEntry(S, "type");
          P && isLocalModulePath(P->Text))
        Out.push_back(resolveRelative(Bicep.file().path(), P->Text));
  return Out;
}

namespace {

constexpr llvm::StringLiteral DeploymentsType =
    "Microsoft.Resources/deployments";
/// The apiVersion the Bicep compiler gives module deployments.
constexpr llvm::StringLiteral DeploymentsApiVersion = "2022-09-01";
constexpr unsigned MaxDefinitionDepth = 64;
/// Values larger than this are refused: a template can double a value per
/// variable, and printing or checking it would never end.
constexpr size_t MaxValueNodes = 1'000'000;

class FileScope;

/// A file read by load*Content(), parsed once per unit.
struct ReadFile {
  std::shared_ptr<SourceFile> File;
  std::shared_ptr<Document> Json; ///< Parsed on first loadJsonContent().
  std::string Error;
};

/// What every file of the unit shares.
struct UnitBuilder {
  const BicepInputs &In;
  DeploymentUnit &Unit;
  llvm::StringSet<> UsedIds;
  unsigned ModuleInstances = 0;
  std::map<std::string, ReadFile> Reads;

  ReadFile &read(const std::string &Path) {
    auto [It, New] = Reads.try_emplace(Path);
    if (New) {
      if (!In.ReadFile) {
        It->second.Error = "files are not read here";
      } else {
        ReadResult R = In.ReadFile(Path);
        It->second.File = std::move(R.File);
        It->second.Error = std::move(R.Error);
      }
    }
    return It->second;
  }

  std::string uniqueId(std::string Base) {
    std::string Id = Base;
    for (unsigned N = 2; !UsedIds.insert(Id).second; ++N)
      Id = Base + "#" + std::to_string(N);
    return Id;
  }
};

/// A use of a resource or module symbol, to become an edge.
struct SymbolUse {
  size_t Decl;
  EdgeKind Kind;
  /// s[i] with a known i: only that instance.
  std::optional<size_t> Instance = std::nullopt;
};

struct Instance {
  std::vector<Value> LoopValues;
  std::optional<int64_t> Index;
  std::optional<Value> Condition;
  Value Name;
  /// The evaluated `scope:` (a resource's symbol object, resourceGroup()).
  std::optional<Value> Scope;
  std::string Id;
  /// What `s` (or `s[i]`) evaluates to.
  Value Symbol;
  std::vector<SymbolUse> Uses;
  // Modules: the evaluated `params` object and the module's own scope.
  Value ModuleParams;
  std::unique_ptr<FileScope> Module;
  bool ModuleBusy = false;
};

struct ResourceDecl {
  std::string Symbol; ///< "stg", or "stg::blob" for a nested resource
  const Node *Stmt = nullptr;
  bool IsModule = false;
  bool Existing = false;
  std::optional<size_t> LexicalParent;
  std::string Type, ApiVersion;
  const Node *TypeNode = nullptr;
  const Node *Body = nullptr; ///< The object
  const Node *Condition = nullptr;
  const Node *LoopSource = nullptr;
  std::vector<std::string> LoopNames;
  LoopInfo Loop;
  enum class State { New, Busy, Done } St = State::New;
  std::vector<Instance> Instances;
  Value SymbolValue;
};

struct Definition {
  const Node *Stmt = nullptr;
  std::optional<Value> Resolved;
  bool Busy = false;
  std::vector<SymbolUse> Uses;
};

std::optional<std::string> knownString(const Value &V) {
  if (V.is(ValueKind::String))
    return V.asString().str();
  return std::nullopt;
}

/// The type of a parameter, for reading `--param` values: "string" when it
/// is a string (or nullable string).
bool isStringType(const Node *T) {
  if (T && T->isExpression("nullable-type") && T->Items.size() == 1)
    T = T->Items[0];
  return T && T->isExpression("type-ref") && T->Text == "string";
}

/// A value as an expression operand, to call a library function on values.
std::unique_ptr<arm::Expr> constantExpr(Value V, const Origin &Where) {
  auto C = std::make_unique<arm::Expr>();
  C->Kind = arm::ExprKind::Constant;
  C->Range = C->NameRange = Where.Range;
  C->Constant = std::move(V);
  return C;
}

bool isNullableType(const Node *T) {
  return T && T->isExpression("nullable-type");
}

class FileScope final : public arm::Scope, public SymbolTable {
public:
  /// Given: values for parameters (a .bicepparam, a module's params).
  FileScope(UnitBuilder &U, const Document &Doc, llvm::StringMap<Value> Given,
            std::string IdPrefix, std::string DeploymentId, unsigned Depth,
            std::optional<Value> Condition)
      : U(U), Doc(Doc), File(&Doc.file()), Given(std::move(Given)),
        IdPrefix(std::move(IdPrefix)), DeploymentId(std::move(DeploymentId)),
        Depth(Depth), InheritedCondition(std::move(Condition)),
        Ev(*this, Diags, File) {
    Ev.setMaxSteps(arm::MaxTemplateSteps);
    readDeclarations();
  }

  void setGiven(llvm::StringMap<Value> Values) { Given = std::move(Values); }
  /// Expands and evaluates every resource and links the edges.
  void run();
  /// The value of parameter Name (for .bicepparam files).
  Value parameterValue(llvm::StringRef Name) {
    return parameter(Name, {File, {}});
  }
  std::vector<std::string> parameterNames() const;
  bool declaresParameter(llvm::StringRef Name) const {
    return Params.count(Name) != 0;
  }
  const Node *parameterStatement(llvm::StringRef Name) const {
    auto It = Params.find(Name);
    return It == Params.end() ? nullptr : It->second.Stmt;
  }
  Value outputs();
  void flushDiagnostics();

  // SymbolTable
  SymbolKind kindOf(llvm::StringRef Name) const override;

  // arm::Scope
  Value parameter(llvm::StringRef Name, const Origin &Where) override;
  Value variable(llvm::StringRef Name, const Origin &Where) override;
  Value userFunction(llvm::StringRef Namespace, llvm::StringRef Name,
                     llvm::ArrayRef<Value> Args, const Origin &Where) override;
  std::optional<Value> contextValue(llvm::StringRef Key) override;

private:
  void readDeclarations();
  void declareResource(const Node *Stmt, std::string Symbol,
                       std::optional<size_t> LexicalParent);

  Value evaluate(const Node *N);
  Value evaluateDefinition(Definition &D, const Node *N);
  Value resolveParameter(Definition &P);
  Value resolveOnce(Definition &D, const std::string &What, const Origin &Where,
                    llvm::function_ref<Value()> Compute);
  void checkDecorators(const Definition &P, const Value &V);
  Value callFunction(llvm::StringRef Name, llvm::ArrayRef<Value> Args,
                     const Origin &Where);
  Value callMethod(llvm::ArrayRef<Value> Args, const Origin &Where);
  Value loadContent(llvm::StringRef Fn, llvm::ArrayRef<Value> Args,
                    const Origin &Where);
  Value symbol(llvm::StringRef Name, const Origin &Where);
  Value symbolInstance(llvm::StringRef Name, const Value &Index,
                       const Origin &Where);
  Value indexInto(const Value &Base, const Value &Index, const Origin &Where);

  void expand(size_t Index);
  void expandDeclaration(size_t Index);
  void expandInstance(ResourceDecl &D, Instance &I);
  Value instanceName(ResourceDecl &D, Instance &I);
  Value resourceIdOf(const ResourceDecl &D, const Instance &I);
  Value symbolObject(const ResourceDecl &D, const Instance &I);
  FileScope *module(ResourceDecl &D, Instance &I);
  const Value &moduleParams(ResourceDecl &D, Instance &I);

  void build(ResourceDecl &D, Instance &I);
  Value resourceObject(ResourceDecl &D, Instance &I);
  Value moduleObject(ResourceDecl &D, Instance &I);
  Value dependsOn(const Node *List, Instance &I);
  Value scopeValue(const Value &Scope);
  void link();

  /// Runs F with instance I's loop variables bound.
  template <typename F>
  auto inInstance(const ResourceDecl &D, Instance &I, F &&Fn);
  /// Runs F as if at file level: no loop variables, no symbol-use sink (a
  /// declaration expanded on demand must not see its user's).
  template <typename F> auto isolated(F &&Fn);
  /// Collects the symbol uses made while running F into Out, as Kind.
  template <typename F>
  auto collecting(std::vector<SymbolUse> &Out, EdgeKind Kind, F &&Fn);

  void note(Severity S, SourceRange R, std::string Message) {
    Diags.push_back({S, std::move(Message), R});
  }
  Value bounded(Value V, const std::string &What) {
    if (V.hasAtMostNodes(MaxValueNodes))
      return V;
    note(Severity::Warning, V.origin().Range,
         What + " is too large to evaluate");
    return Value::unknown(What + " is too large to evaluate", V.origin());
  }

  UnitBuilder &U;
  const Document &Doc;
  const SourceFile *File;
  llvm::StringMap<Value> Given;
  std::string IdPrefix;
  std::string DeploymentId;
  unsigned Depth;
  std::optional<Value> InheritedCondition;
  std::vector<Diagnostic> Diags;
  arm::Evaluator Ev;

  llvm::StringMap<Definition> Params, Vars;
  llvm::StringMap<const Node *> Functions, Outputs;
  llvm::StringSet<> Imported;
  std::vector<ResourceDecl> Resources;
  llvm::StringMap<size_t> ResourceBySymbol;

  std::vector<std::vector<std::string>> Locals;
  struct Sink {
    std::vector<SymbolUse> *Out;
    EdgeKind Kind;
  };
  std::vector<Sink> Sinks;
  unsigned DefinitionDepth = 0;
  bool Ran = false;
};

//===- Declarations -------------------------------------------------------===//

void FileScope::readDeclarations() {
  const Node *Root = Doc.root();
  if (!Root)
    return;
  for (const Node *S : Root->Items) {
    if (S->Kind != NodeKind::Expression)
      continue;
    llvm::StringRef Op = S->Op;
    if (Op == "param")
      Params[S->Text].Stmt = S;
    else if (Op == "var")
      Vars[S->Text].Stmt = S;
    else if (Op == "func")
      Functions[S->Text] = S;
    else if (Op == "output")
      Outputs[S->Text] = S;
    else if (Op == "resource" || Op == "module")
      declareResource(S, S->Text, std::nullopt);
    else if (Op == "import") {
      if (const Node *Symbols = S->get("symbols"))
        for (const Node *I : Symbols->Items) {
          const Node *Alias = stringEntry(I, "alias");
          Imported.insert(Alias ? Alias->Text : I->Text);
        }
      if (const Node *NS = stringEntry(S, "namespace"))
        Imported.insert(NS->Text);
      if (!S->Text.empty())
        Imported.insert(S->Text);
    } else if ((Op == "provider" || Op == "extension") && !S->Text.empty()) {
      Imported.insert(S->Text);
    }
  }
}

void FileScope::declareResource(const Node *Stmt, std::string Symbol,
                                std::optional<size_t> LexicalParent) {
  if (Symbol.empty() || ResourceBySymbol.count(Symbol))
    return;
  ResourceDecl D;
  D.Symbol = Symbol;
  D.Stmt = Stmt;
  D.IsModule = Stmt->Op == "module";
  D.LexicalParent = LexicalParent;
  const Node *Existing = Stmt->get("existing");
  D.Existing = Existing && Existing->is(NodeKind::Bool) && Existing->BoolValue;
  D.TypeNode = Stmt->get("type");
  if (D.TypeNode && D.TypeNode->is(NodeKind::String) && !D.IsModule) {
    auto [Type, Api] = llvm::StringRef(D.TypeNode->Text).split('@');
    D.Type = Type.str();
    D.ApiVersion = Api.str();
  }
  const Node *Body = Stmt->get("value");
  if (Body && Body->isExpression("for")) {
    D.Loop.Kind = LoopInfo::LoopKind::For;
    D.LoopSource = Body->get("source");
    if (const Node *Item = Body->get("item"))
      D.LoopNames.push_back(Item->Text);
    if (const Node *Index = Body->get("index"))
      D.LoopNames.push_back(Index->Text);
    Body = Body->get("body");
  }
  if (Body && Body->isExpression("if")) {
    D.Condition = Body->get("condition");
    Body = Body->get("body");
  }
  D.Body = Body && Body->is(NodeKind::Map) ? Body : nullptr;
  if (LexicalParent) {
    // A nested resource: `resource blob 'blobServices' = {...}` inside its
    // parent's body; a type without '/' is relative to the parent's.
    const ResourceDecl &P = Resources[*LexicalParent];
    if (!llvm::StringRef(D.Type).contains('/') && !P.Type.empty())
      D.Type = P.Type + "/" + D.Type;
    if (D.ApiVersion.empty())
      D.ApiVersion = P.ApiVersion;
  }
  size_t Index = Resources.size();
  ResourceBySymbol[Symbol] = Index;
  Resources.push_back(std::move(D));
  if (const Node *B = Resources[Index].Body)
    for (const MapEntry &E : B->Entries)
      if (E.Value->isExpression("resource"))
        declareResource(E.Value, Symbol + "::" + E.Value->Text, Index);
}

std::vector<std::string> FileScope::parameterNames() const {
  std::vector<std::string> Out;
  if (const Node *Root = Doc.root())
    for (const Node *S : Root->Items)
      if (S->isExpression("param"))
        Out.push_back(S->Text);
  return Out;
}

SymbolKind FileScope::kindOf(llvm::StringRef Name) const {
  if (Params.count(Name))
    return SymbolKind::Parameter;
  if (Vars.count(Name))
    return SymbolKind::Variable;
  if (ResourceBySymbol.count(Name))
    return SymbolKind::Resource;
  if (Functions.count(Name))
    return SymbolKind::Function;
  if (Imported.count(Name))
    return SymbolKind::Imported;
  if (Name == "az" || Name == "sys")
    return SymbolKind::Namespace;
  return SymbolKind::None;
}

//===- Evaluation ---------------------------------------------------------===//

template <typename F>
auto FileScope::collecting(std::vector<SymbolUse> &Out, EdgeKind Kind, F &&Fn) {
  Sinks.push_back({&Out, Kind});
  auto Pop = llvm::make_scope_exit([&] { Sinks.pop_back(); });
  return Fn();
}

template <typename F> auto FileScope::isolated(F &&Fn) {
  std::vector<std::vector<std::string>> OuterLocals;
  std::vector<arm::Evaluator::LambdaFrame> OuterFrames;
  std::vector<Sink> OuterSinks;
  std::swap(OuterLocals, Locals);
  std::swap(OuterFrames, Ev.Lambdas);
  std::swap(OuterSinks, Sinks);
  auto Restore = llvm::make_scope_exit([&] {
    std::swap(OuterLocals, Locals);
    std::swap(OuterFrames, Ev.Lambdas);
    std::swap(OuterSinks, Sinks);
  });
  return Fn();
}

template <typename F>
auto FileScope::inInstance(const ResourceDecl &D, Instance &I, F &&Fn) {
  arm::Evaluator::LambdaFrame Frame;
  Frame.Names = D.LoopNames;
  Frame.Values = I.LoopValues;
  Frame.Values.resize(Frame.Names.size());
  Ev.Lambdas.push_back(std::move(Frame));
  Locals.push_back(D.LoopNames);
  auto Pop = llvm::make_scope_exit([&] {
    Locals.pop_back();
    Ev.Lambdas.pop_back();
  });
  return Fn();
}

Value FileScope::evaluate(const Node *N) {
  Lowering L(*this, File, Diags);
  for (const auto &Names : Locals)
    L.pushLocals(Names);
  std::unique_ptr<arm::Expr> E = L.lower(N);
  return Ev.evaluate(*E);
}

// Variables and defaults are evaluated where they are declared: no loop
// variables, and the symbols they use are kept to be passed to every user.
Value FileScope::evaluateDefinition(Definition &D, const Node *N) {
  if (DefinitionDepth >= MaxDefinitionDepth) {
    note(Severity::Error, N->Range,
         "variables and parameters refer to one another more than " +
             std::to_string(MaxDefinitionDepth) + " levels deep");
    return Value::unknown("nested too deeply", {File, N->Range});
  }
  ++DefinitionDepth;
  Value V = isolated([&] {
    return collecting(D.Uses, EdgeKind::Reference, [&] { return evaluate(N); });
  });
  --DefinitionDepth;
  return V;
}

Value FileScope::resolveParameter(Definition &P) {
  const Node *S = P.Stmt;
  llvm::StringRef Name = S->Text;
  if (Depth == 0)
    for (auto It = U.In.ParamOverrides.rbegin();
         It != U.In.ParamOverrides.rend(); ++It)
      if (It->first == Name)
        return commandLineValue(It->second, isStringType(S->get("type")));
  const Node *Default = S->get("value");
  // Azure deploys a null input as "use the default".
  if (auto It = Given.find(Name);
      It != Given.end() && !(Default && It->second.is(ValueKind::Null)))
    return It->second;
  if (Default)
    return evaluateDefinition(P, Default);
  if (isNullableType(S->get("type")))
    return Value::null({File, S->Range});
  const Node *NameNode = S->get("name");
  return Value::unknown("parameter '" + Name.str() + "' has no value",
                        {File, NameNode ? NameNode->Range : S->Range});
}

// @allowed, @minLength/@maxLength (strings and arrays) and
// @minValue/@maxValue on a known value: Azure would refuse the deployment.
void FileScope::checkDecorators(const Definition &P, const Value &V) {
  const Node *Decorators = P.Stmt->get("decorators");
  if (!Decorators || !V.isFullyKnown())
    return;
  auto Warn = [&](const std::string &Why) {
    std::string Message =
        "the value of parameter '" + P.Stmt->Text + "' " + Why;
    const SourceFile *F = V.origin().File;
    if (F && F != File) // a parameter file or the caller of a module
      U.Unit.Diagnostics.push_back(
          {F->path().str(), {Severity::Warning, Message, V.origin().Range}});
    else if (F)
      note(Severity::Warning, V.origin().Range, Message);
    else // --param: report at the declaration
      note(Severity::Warning, P.Stmt->get("name")->Range, Message);
  };
  for (const Node *D : Decorators->Items) {
    if (D->Items.size() != 1 || D->get("target"))
      continue;
    Value Arg = evaluate(D->Items[0]);
    if (!Arg.isFullyKnown())
      continue;
    llvm::StringRef Name = D->Text;
    if (Name == "allowed" && Arg.is(ValueKind::Array)) {
      // An array parameter must have every element allowed.
      auto IsAllowed = [&](const Value &X) {
        return llvm::any_of(Arg.items(),
                            [&](const Value &A) { return A.sameAs(X); });
      };
      bool Ok = V.is(ValueKind::Array) && !IsAllowed(V)
                    ? llvm::all_of(V.items(), IsAllowed)
                    : IsAllowed(V);
      if (!Ok)
        Warn("is not one of its @allowed values");
      continue;
    }
    if (!Arg.is(ValueKind::Int))
      continue;
    int64_t Limit = Arg.asInt();
    std::optional<int64_t> Length;
    if (V.is(ValueKind::String))
      Length = V.asString().size();
    else if (V.is(ValueKind::Array))
      Length = V.items().size();
    if (Name == "minLength" && Length && *Length < Limit)
      Warn("is shorter than its @minLength(" + std::to_string(Limit) + ")");
    else if (Name == "maxLength" && Length && *Length > Limit)
      Warn("is longer than its @maxLength(" + std::to_string(Limit) + ")");
    else if (Name == "minValue" && V.is(ValueKind::Int) && V.asInt() < Limit)
      Warn("is less than its @minValue(" + std::to_string(Limit) + ")");
    else if (Name == "maxValue" && V.is(ValueKind::Int) && V.asInt() > Limit)
      Warn("is more than its @maxValue(" + std::to_string(Limit) + ")");
  }
}

// Parameters and variables are evaluated once, on first use; the symbols
// their values use are passed on to every user (for edges).
Value FileScope::resolveOnce(Definition &D, const std::string &What,
                             const Origin &Where,
                             llvm::function_ref<Value()> Compute) {
  if (!D.Resolved) {
    if (D.Busy) {
      note(Severity::Error, Where.Range, What + " needs itself");
      return Value::unknown(What + " needs itself", Where);
    }
    D.Busy = true;
    Value V = Compute();
    D.Busy = false;
    D.Resolved = bounded(std::move(V), What);
  }
  if (!Sinks.empty() && Sinks.back().Out != &D.Uses)
    llvm::append_range(*Sinks.back().Out, D.Uses);
  return *D.Resolved;
}

Value FileScope::parameter(llvm::StringRef Name, const Origin &Where) {
  auto It = Params.find(Name);
  if (It == Params.end())
    return Value::unknown("parameter '" + Name.str() + "' is not declared",
                          Where);
  Definition &P = It->second;
  return resolveOnce(P, "parameter '" + Name.str() + "'", Where, [&] {
    Value V = bounded(resolveParameter(P), "parameter '" + Name.str() + "'");
    checkDecorators(P, V);
    return V;
  });
}

Value FileScope::variable(llvm::StringRef Name, const Origin &Where) {
  auto It = Vars.find(Name);
  if (It == Vars.end())
    return Value::unknown("variable '" + Name.str() + "' is not declared",
                          Where);
  Definition &V = It->second;
  return resolveOnce(V, "variable '" + Name.str() + "'", Where, [&] {
    if (const Node *Body = V.Stmt->get("value"))
      return evaluateDefinition(V, Body);
    return Value::unknown("variable '" + Name.str() + "' has no value",
                          {File, V.Stmt->Range});
  });
}

std::optional<Value> FileScope::contextValue(llvm::StringRef Key) {
  for (auto It = U.In.Context.rbegin(); It != U.In.Context.rend(); ++It)
    if (llvm::StringRef(It->first).equals_insensitive(Key))
      return commandLineValue(It->second, false);
  return std::nullopt;
}

Value FileScope::userFunction(llvm::StringRef Namespace, llvm::StringRef Name,
                              llvm::ArrayRef<Value> Args, const Origin &Where) {
  if (Namespace == "$func")
    return callFunction(Name, Args, Where);
  if (Namespace == "$bicep" && Name == "symbol" && !Args.empty() &&
      Args[0].is(ValueKind::String))
    return Args.size() == 2 ? symbolInstance(Args[0].asString(), Args[1], Where)
                            : symbol(Args[0].asString(), Where);
  if (Namespace == "$bicep" && Name == "method")
    return callMethod(Args, Where);
  if (Namespace == "$bicep" && Name.startswith("load"))
    return loadContent(Name, Args, Where);
  return arm::Scope::userFunction(Namespace, Name, Args, Where);
}

// func name(a type, ...) type => body: the body sees only its parameters.
Value FileScope::callFunction(llvm::StringRef Name, llvm::ArrayRef<Value> Args,
                              const Origin &Where) {
  const Node *Fn = Functions.lookup(Name);
  const Node *Body = Fn ? Fn->get("value") : nullptr;
  if (!Body)
    return Value::unknown("function '" + Name.str() + "' has no body", Where);
  std::vector<std::string> Names;
  if (const Node *Ps = Fn->get("parameters"))
    for (const Node *P : Ps->Items)
      Names.push_back(P->Text);
  if (Names.size() != Args.size()) {
    note(Severity::Error, Where.Range,
         "function '" + Name.str() + "' takes " + std::to_string(Names.size()) +
             " argument(s), found " + std::to_string(Args.size()));
    return Value::unknown("invalid call to '" + Name.str() + "'", Where);
  }
  if (DefinitionDepth >= MaxDefinitionDepth) {
    note(Severity::Error, Where.Range,
         "functions call one another more than " +
             std::to_string(MaxDefinitionDepth) + " levels deep");
    return Value::unknown("'" + Name.str() + "' is nested too deeply", Where);
  }
  ++DefinitionDepth;
  std::vector<std::vector<std::string>> OuterLocals{Names};
  std::swap(OuterLocals, Locals);
  std::vector<arm::Evaluator::LambdaFrame> Frames(1);
  Frames[0].Names = Names;
  Frames[0].Values.assign(Args.begin(), Args.end());
  std::swap(Frames, Ev.Lambdas);
  Value V = evaluate(Body);
  std::swap(Frames, Ev.Lambdas);
  std::swap(OuterLocals, Locals);
  --DefinitionDepth;
  return V;
}

// stg.listKeys(), vault.getSecret('name'): runtime values. The symbol use
// makes the edge.
Value FileScope::callMethod(llvm::ArrayRef<Value> Args, const Origin &Where) {
  if (Args.size() < 2 || !Args[0].is(ValueKind::String) ||
      !Args[1].is(ValueKind::String))
    return Value::unknown("invalid resource method call", Where);
  Value Target = symbol(Args[0].asString(), Where);
  llvm::StringRef Method = Args[1].asString();
  if (Method.startswith("list")) {
    const Value *Id = Target.is(ValueKind::Object) ? Target.get("id") : nullptr;
    return listCall(Method, Id ? *Id : Target, Args.drop_front(2), Where);
  }
  return Value::unknown(Method.str() + "() is resolved at deployment", Where);
}

Value FileScope::symbol(llvm::StringRef Name, const Origin &Where) {
  auto It = ResourceBySymbol.find(Name);
  if (It == ResourceBySymbol.end())
    return Value::unknown("'" + Name.str() + "' is not declared", Where);
  size_t Index = It->second;
  if (!Sinks.empty())
    Sinks.back().Out->push_back({Index, Sinks.back().Kind});
  expand(Index);
  ResourceDecl &D = Resources[Index];
  if (D.IsModule && D.St == ResourceDecl::State::Done) {
    // m.outputs.x needs the module evaluated.
    std::vector<Value> Symbols;
    for (Instance &I : D.Instances) {
      if (FileScope *M = module(D, I))
        I.Symbol =
            Value::object({{"name", {}, I.Name}, {"outputs", {}, M->outputs()}},
                          I.Symbol.origin());
      Symbols.push_back(I.Symbol);
    }
    if (D.Loop.Expanded)
      D.SymbolValue = Value::array(std::move(Symbols), D.SymbolValue.origin());
    else if (!Symbols.empty() && D.Loop.Kind == LoopInfo::LoopKind::None)
      D.SymbolValue = Symbols[0];
  }
  return D.SymbolValue.withOrigin(Where);
}

// s[i]: the instance's symbol, and an edge to that instance alone. An index
// that is not a known integer is an index into whatever s is.
Value FileScope::symbolInstance(llvm::StringRef Name, const Value &Index,
                                const Origin &Where) {
  auto It = ResourceBySymbol.find(Name);
  if (It == ResourceBySymbol.end() || !Index.is(ValueKind::Int))
    return indexInto(symbol(Name, Where), Index, Where);
  std::vector<SymbolUse> Uses;
  Value All = collecting(Uses, EdgeKind::Reference,
                         [&] { return symbol(Name, Where); });
  int64_t I = Index.asInt();
  const ResourceDecl &D = Resources[It->second];
  bool Exact = D.Loop.Expanded && I >= 0 &&
               static_cast<uint64_t>(I) < D.Instances.size();
  for (SymbolUse &U : Uses) {
    if (Exact && U.Decl == It->second)
      U.Instance = I;
    if (!Sinks.empty())
      Sinks.back().Out->push_back(U);
  }
  return indexInto(All, Index, Where);
}

Value FileScope::indexInto(const Value &Base, const Value &Index,
                           const Origin &Where) {
  auto Constant = [&](Value V) { return constantExpr(std::move(V), Where); };
  arm::Expr E;
  E.Kind = arm::ExprKind::Index;
  E.Range = E.NameRange = Where.Range;
  E.Operands.push_back(Constant(Base));
  E.Operands.push_back(Constant(Index));
  return Ev.evaluate(E);
}

namespace {

/// $.a.b[0]['c']: the JSONPath forms loadJsonContent is used with. Nullopt
/// when the path has another form or does not lead anywhere.
std::optional<Value> followJsonPath(Value V, llvm::StringRef Path) {
  if (!Path.consume_front("$"))
    return std::nullopt;
  while (!Path.empty()) {
    std::string Key;
    if (Path.consume_front(".")) {
      size_t End = Path.find_first_of(".[");
      Key = Path.take_front(End).str();
      Path = Path.drop_front(Key.size());
    } else if (Path.consume_front("['")) {
      size_t End = Path.find("']");
      if (End == llvm::StringRef::npos)
        return std::nullopt;
      Key = Path.take_front(End).str();
      Path = Path.drop_front(End + 2);
    } else if (Path.consume_front("[")) {
      size_t End = Path.find(']');
      unsigned Index;
      if (End == llvm::StringRef::npos ||
          Path.take_front(End).getAsInteger(10, Index) ||
          !V.is(ValueKind::Array) || Index >= V.items().size())
        return std::nullopt;
      V = V.items()[Index];
      Path = Path.drop_front(End + 1);
      continue;
    } else {
      return std::nullopt;
    }
    const Value *M = V.is(ValueKind::Object) ? V.get(Key) : nullptr;
    if (Key.empty() || !M)
      return std::nullopt;
    V = *M;
  }
  return V;
}

} // namespace

// loadTextContent(path, [encoding]), loadJsonContent(path, [jsonPath],
// [encoding]), loadFileAsBase64(path): the compiler inlines the file, so the
// values are known, with positions in that file.
Value FileScope::loadContent(llvm::StringRef Fn, llvm::ArrayRef<Value> Args,
                             const Origin &Where) {
  if (Args.empty() || !Args[0].is(ValueKind::String))
    return Value::unknown(Fn.str() + "() needs a known path", Where);
  for (size_t I = 1; I < Args.size(); ++I)
    if (!Args[I].is(ValueKind::String))
      return Value::unknown(Fn.str() + "() has an unknown argument", Where);
  llvm::StringRef Encoding = Args.size() > (Fn == "loadJsonContent" ? 2u : 1u)
                                 ? Args.back().asString()
                                 : "utf-8";
  if (Fn != "loadFileAsBase64" && !Encoding.equals_insensitive("utf-8"))
    return Value::unknown("only utf-8 files are read", Where);
  std::string Path = resolveRelative(File->path(), Args[0].asString());
  ReadFile &R = U.read(Path);
  if (!R.File) {
    note(Severity::Warning, Where.Range, Fn.str() + "(): " + R.Error);
    return Value::unknown(Fn.str() + "(): " + R.Error, Where);
  }
  const SourceFile &F = *R.File;
  Origin Whole{&F, F.range(0, F.text().size())};
  if (Fn == "loadTextContent")
    return Value::string(F.text().str(), Whole);
  if (Fn == "loadFileAsBase64")
    return Value::string(llvm::encodeBase64(F.text()), Whole);
  if (!R.Json)
    R.Json = std::make_shared<Document>(parsers::parseJson(
        F, Dialect::Arm, FileRole::Template, parsers::JsonSyntax::Azure));
  if (R.Json->hasErrors() || !R.Json->root()) {
    note(Severity::Warning, Where.Range,
         "loadJsonContent(): '" + Path + "' is not valid JSON");
    return Value::unknown("'" + Path + "' is not valid JSON", Where);
  }
  Value V = literalValue(R.Json->root(), &F);
  if (Args.size() < 2)
    return V;
  if (auto At = followJsonPath(V, Args[1].asString()))
    return *At;
  note(Severity::Warning, Where.Range,
       "loadJsonContent(): the path '" + Args[1].asString().str() +
           "' is not supported or leads nowhere");
  return Value::unknown(
      "JSONPath '" + Args[1].asString().str() + "' is not evaluated", Where);
}

//===- Expanding declarations ---------------------------------------------===//

void FileScope::expand(size_t Index) {
  if (Resources[Index].St != ResourceDecl::State::Done)
    isolated([&] { expandDeclaration(Index); });
}

void FileScope::expandDeclaration(size_t Index) {
  ResourceDecl &D = Resources[Index];
  Origin Decl{File, D.Stmt->Range};
  if (D.St == ResourceDecl::State::Busy) {
    note(Severity::Error, D.Stmt->Range,
         "'" + D.Symbol + "' needs itself to be evaluated");
    return;
  }
  D.St = ResourceDecl::State::Busy;
  D.SymbolValue =
      Value::unknown("'" + D.Symbol + "' needs itself to be evaluated", Decl);
  if (D.LexicalParent)
    expand(*D.LexicalParent);

  std::vector<Instance> Instances;
  std::vector<SymbolUse> SourceUses;
  if (!D.LoopSource) {
    Instances.emplace_back();
  } else {
    Value Source = collecting(SourceUses, EdgeKind::Reference,
                              [&] { return evaluate(D.LoopSource); });
    if (Source.is(ValueKind::Array) &&
        Source.items().size() <= static_cast<size_t>(arm::MaxCopyCount)) {
      D.Loop.Expanded = true;
      for (size_t I = 0; I < Source.items().size(); ++I) {
        Instance &X = Instances.emplace_back();
        X.Index = I;
        X.LoopValues = {Source.items()[I],
                        Value::integer(I, {File, D.LoopSource->Range})};
      }
    } else {
      if (Source.is(ValueKind::Array))
        note(Severity::Warning, D.LoopSource->Range,
             "the loop has " + std::to_string(Source.items().size()) +
                 " elements, more than Azure's 800; one representative "
                 "resource is kept");
      Value Why = Source.isKnown() && !Source.is(ValueKind::Array)
                      ? Value::unknown("the loop source is not an array",
                                       {File, D.LoopSource->Range})
                      : Value::unknown("the elements of the loop over '" +
                                           D.Symbol + "' are not known",
                                       Source.origin());
      Instances.emplace_back().LoopValues = {Why, Why};
    }
  }
  for (Instance &I : Instances) {
    I.Uses = SourceUses;
    expandInstance(D, I);
  }
  std::vector<Value> Symbols;
  for (const Instance &I : Instances)
    Symbols.push_back(I.Symbol);
  D.Instances = std::move(Instances);
  if (D.Loop.Expanded)
    D.SymbolValue = Value::array(std::move(Symbols), Decl);
  else if (D.LoopSource)
    D.SymbolValue = Value::unknown(
        "the instances of '" + D.Symbol + "' are not known", Decl);
  else
    D.SymbolValue = D.Instances[0].Symbol;
  D.St = ResourceDecl::State::Done;
}

/// A resource whose condition is known false is not deployed, and Azure does
/// not evaluate its body: `name: last(split(id!, '/'))` under
/// `if (id != null)` is fine. Its diagnostics would be false alarms.
bool knownFalse(const std::optional<Value> &Condition) {
  return Condition && Condition->is(ValueKind::Bool) && !Condition->asBool();
}

void FileScope::expandInstance(ResourceDecl &D, Instance &I) {
  size_t Mark = Diags.size();
  auto Quiet = llvm::make_scope_exit([&] {
    if (knownFalse(I.Condition))
      Diags.resize(Mark);
  });
  inInstance(D, I, [&] {
    if (D.Condition)
      I.Condition = collecting(I.Uses, EdgeKind::Reference,
                               [&] { return evaluate(D.Condition); });
    // Nothing in a module deploys when the module does not.
    if (InheritedCondition &&
        (!I.Condition || (InheritedCondition->is(ValueKind::Bool) &&
                          !InheritedCondition->asBool())))
      I.Condition = InheritedCondition;
    I.Name = instanceName(D, I);
    if (const Node *Scope = D.Body ? D.Body->get("scope") : nullptr)
      I.Scope = collecting(I.Uses, EdgeKind::Reference,
                           [&] { return evaluate(Scope); });
  });
  std::string Base;
  if (auto N = knownString(I.Name); N && !D.Type.empty() && !D.IsModule)
    Base = D.Type + "/" + *N;
  else if (auto N = knownString(I.Name); N && D.IsModule)
    Base = std::string(DeploymentsType) + "/" + *N;
  else
    Base = IdPrefix + D.Symbol +
           (D.Loop.Expanded ? "[" + std::to_string(*I.Index) + "]" : "");
  I.Id = U.uniqueId(Base);
  I.Symbol = symbolObject(D, I);
}

// The full ARM name: a child's is "<parent name>/<name>", whether the parent
// is the enclosing resource or the `parent:` property.
Value FileScope::instanceName(ResourceDecl &D, Instance &I) {
  const Node *NameNode = D.Body ? D.Body->get("name") : nullptr;
  Origin Decl{File, D.Stmt->Range};
  if (!NameNode)
    return D.IsModule ? Value::unknown("the module has no name; the Bicep "
                                       "compiler makes one from the "
                                       "deployment's name",
                                       Decl)
                      : Value::unknown("the resource has no name", Decl);
  Value Own = collecting(I.Uses, EdgeKind::Reference,
                         [&] { return evaluate(NameNode); });
  std::optional<Value> ParentName;
  if (D.LexicalParent) {
    const ResourceDecl &P = Resources[*D.LexicalParent];
    ParentName =
        P.Instances.size() == 1 && !P.Loop.Expanded
            ? P.Instances[0].Name
            : Value::unknown("the parent of '" + D.Symbol + "' is in a loop",
                             Decl);
  } else if (const Node *ParentNode =
                 D.Body ? D.Body->get("parent") : nullptr) {
    Value Parent = collecting(I.Uses, EdgeKind::Parent,
                              [&] { return evaluate(ParentNode); });
    const Value *N =
        Parent.is(ValueKind::Object) ? Parent.get("name") : nullptr;
    ParentName =
        N ? *N
          : Value::unknown("the parent resource is not known", Parent.origin());
  }
  if (!ParentName)
    return Own;
  auto P = knownString(*ParentName);
  auto C = knownString(Own);
  if (P && C)
    return Value::string(*P + "/" + *C, Own.origin());
  if (!C)
    return Own;
  return Value::unknown("the name of the parent resource is unknown",
                        Own.origin());
}

// What the Bicep compiler emits for `s.id`: resourceId(type, name
// segments...), or extensionResourceId(scope id, type, names...) for a
// resource with `scope: other`, evaluated by the ARM library so both dialects
// agree. Another scope (resourceGroup('x'), subscription()) changes the id in
// ways not modelled yet: Unknown.
Value FileScope::resourceIdOf(const ResourceDecl &D, const Instance &I) {
  const Value &Name = I.Name;
  Origin O = Name.origin();
  const Value *ScopeId = nullptr;
  if (I.Scope) {
    ScopeId = I.Scope->is(ValueKind::Object) ? I.Scope->get("id") : nullptr;
    if (!ScopeId || D.IsModule)
      return Value::unknown("the id of '" + D.Symbol + "' depends on its scope",
                            I.Scope->origin());
  }
  auto E = std::make_unique<arm::Expr>();
  E->Kind = arm::ExprKind::Call;
  E->Text = ScopeId ? "extensionResourceId" : "resourceId";
  E->Range = E->NameRange = O.Range;
  auto Constant = [&](Value V) { return constantExpr(std::move(V), O); };
  if (ScopeId)
    E->Operands.push_back(Constant(*ScopeId));
  E->Operands.push_back(Constant(
      Value::string(D.IsModule ? std::string(DeploymentsType) : D.Type, O)));
  if (auto N = knownString(Name)) {
    llvm::SmallVector<llvm::StringRef, 4> Segments;
    llvm::StringRef(*N).split(Segments, '/');
    for (llvm::StringRef S : Segments)
      E->Operands.push_back(Constant(Value::string(S.str(), O)));
  } else {
    E->Operands.push_back(Constant(Name));
  }
  std::vector<Diagnostic> Ignored;
  // resourceId() reports nothing for a well-formed call; an odd name
  // (empty segment) must not turn into a diagnostic at the name here.
  arm::Evaluator IdEv(*this, Ignored, File);
  return IdEv.evaluate(*E);
}

Value FileScope::symbolObject(const ResourceDecl &D, const Instance &I) {
  Origin O{File, D.Stmt->Range};
  std::vector<Member> Members;
  Members.push_back({"id", {}, resourceIdOf(D, I)});
  Members.push_back({"name", {}, I.Name});
  if (D.IsModule) {
    // Replaced by the module's own outputs once it is evaluated.
    Members.push_back({"outputs",
                       {},
                       Value::expression(D.Symbol + ".outputs", O, I.Id,
                                         {"properties", "outputs"})});
    return Value::object(std::move(Members), O);
  }
  Members.push_back({"type", {}, Value::string(D.Type, O)});
  Members.push_back({"apiVersion", {}, Value::string(D.ApiVersion, O)});
  // Everything else is what the resource looks like after deployment.
  for (llvm::StringRef Runtime :
       {"properties", "location", "tags", "sku", "kind", "identity", "zones",
        "plan", "managedBy", "extendedLocation", "etag", "scope"})
    Members.push_back({Runtime.str(),
                       {},
                       Value::expression(D.Symbol + "." + Runtime.str(), O,
                                         I.Id, {Runtime.str()})});
  return Value::object(std::move(Members), O);
}

FileScope *FileScope::module(ResourceDecl &D, Instance &I) {
  if (I.Module)
    return I.Module.get();
  if (I.ModuleBusy || !U.In.LoadModule)
    return nullptr;
  const Node *Path = stringEntry(D.Stmt, "type");
  if (!Path || !isLocalModulePath(Path->Text))
    return nullptr;
  if (Depth + 1 >= MaxModuleDepth) {
    note(Severity::Warning, Path->Range,
         "modules nest more than " + std::to_string(MaxModuleDepth) +
             " levels deep; this one is not evaluated");
    return nullptr;
  }
  if (++U.ModuleInstances > MaxModuleInstances) {
    if (U.ModuleInstances == MaxModuleInstances + 1)
      note(Severity::Warning, Path->Range,
           "more than " + std::to_string(MaxModuleInstances) +
               " module instances in this deployment; the rest are not "
               "evaluated");
    return nullptr;
  }
  ModuleFile M = U.In.LoadModule(resolveRelative(File->path(), Path->Text));
  if (!M.Doc) {
    note(Severity::Warning, Path->Range, "module not evaluated: " + M.Error);
    return nullptr;
  }
  if (M.Doc->dialect() != Dialect::Bicep) {
    note(Severity::Note, Path->Range,
         "modules written as ARM templates are not evaluated yet");
    return nullptr;
  }
  I.ModuleBusy = true;
  llvm::StringMap<Value> Inputs;
  for (const Member &P : moduleParams(D, I).members())
    Inputs[P.Key] = P.V;
  I.Module = std::make_unique<FileScope>(
      U, *M.Doc, std::move(Inputs), I.Id + "/", I.Id, Depth + 1, I.Condition);
  for (const Member &P : I.ModuleParams.members())
    if (!I.Module->declaresParameter(P.Key))
      note(Severity::Error, P.KeyOrigin.Range,
           "module '" + Path->Text + "' has no parameter '" + P.Key + "'");
  I.ModuleBusy = false;
  return I.Module.get();
}

const Value &FileScope::moduleParams(ResourceDecl &D, Instance &I) {
  if (I.ModuleParams.is(ValueKind::Object))
    return I.ModuleParams;
  const Node *ParamsNode = D.Body ? D.Body->get("params") : nullptr;
  if (!ParamsNode) {
    I.ModuleParams = Value::object({}, {File, D.Stmt->Range});
    return I.ModuleParams;
  }
  I.ModuleParams = isolated([&] {
    return inInstance(D, I, [&] {
      return collecting(I.Uses, EdgeKind::Reference,
                        [&] { return evaluate(ParamsNode); });
    });
  });
  I.ModuleParams = bounded(I.ModuleParams, "the params of '" + D.Symbol + "'");
  if (!I.ModuleParams.is(ValueKind::Object))
    I.ModuleParams = Value::object({}, I.ModuleParams.origin());
  return I.ModuleParams;
}

Value FileScope::outputs() {
  std::vector<Member> Members;
  if (const Node *Root = Doc.root())
    for (const Node *S : Root->Items)
      if (S->isExpression("output"))
        if (const Node *V = S->get("value")) {
          const Node *Name = S->get("name");
          Members.push_back(
              {S->Text, {File, Name ? Name->Range : S->Range}, evaluate(V)});
        }
  return Value::object(std::move(Members), {File, {}});
}

//===- Building resources -------------------------------------------------===//

Value FileScope::dependsOn(const Node *List, Instance &I) {
  std::vector<Value> Items;
  for (const Node *Item : List->Items) {
    Value V =
        collecting(I.Uses, EdgeKind::DependsOn, [&] { return evaluate(Item); });
    // dependsOn: [stg] is the id of stg, as the compiler writes it.
    if (V.is(ValueKind::Object))
      if (const Value *Id = V.get("id"))
        V = Id->withOrigin(V.origin());
    Items.push_back(V);
  }
  return Value::array(std::move(Items), {File, List->Range});
}

// `scope: stg` on an extension resource is the compiler's
// "<type>/<name>" of stg.
Value FileScope::scopeValue(const Value &V) {
  if (!V.is(ValueKind::Object))
    return V;
  const Value *Type = V.get("type");
  const Value *Name = V.get("name");
  if (!Type || !Name)
    return V;
  if (Type->is(ValueKind::String) && Name->is(ValueKind::String))
    return Value::string(Type->asString().str() + "/" + Name->asString().str(),
                         V.origin());
  return Value::unknown("the name of the scope resource is unknown",
                        V.origin());
}

Value FileScope::resourceObject(ResourceDecl &D, Instance &I) {
  Origin TypeOrigin{File, D.TypeNode ? D.TypeNode->Range : D.Stmt->Range};
  std::vector<Member> Members;
  Members.push_back({"type", TypeOrigin, Value::string(D.Type, TypeOrigin)});
  if (!D.ApiVersion.empty())
    Members.push_back(
        {"apiVersion", TypeOrigin, Value::string(D.ApiVersion, TypeOrigin)});
  if (D.Body)
    if (const MapEntry *E = D.Body->entry("name"))
      Members.push_back({"name", {File, E->KeyRange}, I.Name});
  if (I.Condition)
    Members.push_back({"condition",
                       {File, D.Condition ? D.Condition->Range : SourceRange{}},
                       *I.Condition});
  if (D.Existing)
    Members.push_back({"existing",
                       {File, D.Stmt->get("existing")->Range},
                       Value::boolean(true, {File, D.Stmt->Range})});
  if (!D.Body)
    return Value::object(std::move(Members), {File, D.Stmt->Range});
  for (const MapEntry &E : D.Body->Entries) {
    llvm::StringRef Key = E.Key;
    if (Key == "name" || Key == "parent" || Key == "..." ||
        E.Value->isExpression("resource"))
      continue;
    Origin KeyOrigin{File, E.KeyRange};
    if (Key == "dependsOn" && E.Value->is(NodeKind::List)) {
      Members.push_back({E.Key, KeyOrigin, dependsOn(E.Value, I)});
      continue;
    }
    if (Key == "scope" && I.Scope) {
      Members.push_back({E.Key, KeyOrigin, scopeValue(*I.Scope)});
      continue;
    }
    Members.push_back({E.Key, KeyOrigin,
                       collecting(I.Uses, EdgeKind::Reference,
                                  [&] { return evaluate(E.Value); })});
  }
  return Value::object(std::move(Members), {File, D.Body->Range});
}

// The deployment the compiler makes of a module: inner scope, the inputs as
// {"p": {"value": v}}; the module's template is the module's resources.
Value FileScope::moduleObject(ResourceDecl &D, Instance &I) {
  Origin PathOrigin{File, D.TypeNode ? D.TypeNode->Range : D.Stmt->Range};
  Origin BodyOrigin{File, D.Body ? D.Body->Range : D.Stmt->Range};
  std::vector<Member> Parameters;
  for (const Member &P : moduleParams(D, I).members())
    Parameters.push_back({P.Key, P.KeyOrigin,
                          Value::object({{"value", {}, P.V}}, P.V.origin())});
  std::vector<Member> Properties;
  Properties.push_back(
      {"expressionEvaluationOptions",
       {},
       Value::object({{"scope", {}, Value::string("inner", PathOrigin)}},
                     PathOrigin)});
  Properties.push_back({"mode", {}, Value::string("Incremental", PathOrigin)});
  const Node *ParamsNode = D.Body ? D.Body->get("params") : nullptr;
  Properties.push_back(
      {"parameters",
       {},
       Value::object(std::move(Parameters),
                     ParamsNode ? Origin{File, ParamsNode->Range}
                                : BodyOrigin)});
  std::vector<Member> Members;
  Members.push_back({"type", PathOrigin,
                     Value::string(std::string(DeploymentsType), PathOrigin)});
  Members.push_back(
      {"apiVersion", PathOrigin,
       Value::string(std::string(DeploymentsApiVersion), PathOrigin)});
  Members.push_back({"name", {}, I.Name});
  if (I.Condition)
    Members.push_back({"condition", {}, *I.Condition});
  if (D.Body)
    if (const Node *Deps = D.Body->get("dependsOn");
        Deps && Deps->is(NodeKind::List))
      Members.push_back({"dependsOn", {}, inInstance(D, I, [&] {
                           return dependsOn(Deps, I);
                         })});
  Members.push_back(
      {"properties", {}, Value::object(std::move(Properties), BodyOrigin)});
  return Value::object(std::move(Members), BodyOrigin);
}

void FileScope::build(ResourceDecl &D, Instance &I) {
  size_t Mark = Diags.size();
  auto Quiet = llvm::make_scope_exit([&] {
    if (knownFalse(I.Condition))
      Diags.resize(Mark);
  });
  Resource R;
  R.Id = I.Id;
  R.TheDialect = Dialect::Bicep;
  R.SymbolicName = D.Symbol;
  R.Loop = D.Loop;
  R.Loop.Index = I.Index;
  if (I.Index)
    R.Loop.Key = Value::integer(*I.Index);
  R.Condition = I.Condition;
  R.Existing = D.Existing;
  R.Name = I.Name;
  R.Declaration = {File, D.TypeNode ? D.TypeNode->Range : D.Stmt->Range};
  if (D.IsModule) {
    R.Type = std::string(DeploymentsType);
    R.ApiVersion = std::string(DeploymentsApiVersion);
    R.Properties = moduleObject(D, I);
  } else {
    R.Type = D.Type;
    R.ApiVersion = D.ApiVersion;
    R.Properties =
        bounded(inInstance(D, I, [&] { return resourceObject(D, I); }),
                "resource '" + D.Symbol + "'");
  }
  U.Unit.Graph.add(std::move(R));
  // The module's resources follow the deployment that declares them.
  if (D.IsModule)
    if (FileScope *M = module(D, I))
      M->run();
}

void FileScope::link() {
  for (size_t Index = 0; Index < Resources.size(); ++Index) {
    ResourceDecl &D = Resources[Index];
    for (Instance &I : D.Instances) {
      if (D.LexicalParent)
        for (const Instance &P : Resources[*D.LexicalParent].Instances)
          U.Unit.Graph.connect(I.Id, P.Id, EdgeKind::Parent);
      else if (!DeploymentId.empty())
        U.Unit.Graph.connect(I.Id, DeploymentId, EdgeKind::Parent);
      for (const SymbolUse &Use : I.Uses) {
        const std::vector<Instance> &All = Resources[Use.Decl].Instances;
        for (size_t J = 0; J < All.size(); ++J)
          if (All[J].Id != I.Id && (!Use.Instance || *Use.Instance == J))
            U.Unit.Graph.connect(I.Id, All[J].Id, Use.Kind);
      }
    }
  }
}

void FileScope::run() {
  if (Ran)
    return;
  Ran = true;
  for (size_t I = 0; I < Resources.size(); ++I)
    expand(I);
  for (ResourceDecl &D : Resources)
    for (Instance &I : D.Instances)
      build(D, I);
  link();
}

void FileScope::flushDiagnostics() {
  if (knownFalse(InheritedCondition))
    Diags.clear(); // the module is not deployed
  std::string Path = File->path().str();
  for (Diagnostic &D : Diags)
    U.Unit.Diagnostics.push_back({Path, std::move(D)});
  Diags.clear();
  for (ResourceDecl &D : Resources)
    for (Instance &I : D.Instances)
      if (I.Module)
        I.Module->flushDiagnostics();
}

/// Parameter values from a .bicepparam (evaluated in its own scope) or an
/// ARM JSON parameter file.
llvm::StringMap<Value> parameterFileValues(UnitBuilder &U,
                                           const FileScope &Template,
                                           std::unique_ptr<FileScope> &Owner) {
  llvm::StringMap<Value> Out;
  const Document *P = U.In.Parameters;
  if (!P || !P->root())
    return Out;
  auto Warn = [&](const std::string &Name, SourceRange R) {
    U.Unit.Diagnostics.push_back(
        {P->file().path().str(),
         {Severity::Warning,
          "parameter '" + Name + "' is not declared in the template", R}});
  };
  if (P->dialect() == Dialect::Bicep) {
    Owner = std::make_unique<FileScope>(U, *P, llvm::StringMap<Value>{}, "", "",
                                        0, std::nullopt);
    for (const std::string &Name : Owner->parameterNames()) {
      if (!Template.declaresParameter(Name)) {
        const Node *S = Owner->parameterStatement(Name);
        const Node *N = S ? S->get("name") : nullptr;
        Warn(Name, N ? N->Range : SourceRange{});
        continue;
      }
      Out[Name] = Owner->parameterValue(Name);
    }
    return Out;
  }
  const Node *Ps = P->root()->get("parameters");
  if (!Ps)
    return Out;
  for (const MapEntry &E : Ps->Entries) {
    if (!Template.declaresParameter(E.Key)) {
      Warn(E.Key, E.KeyRange);
      continue;
    }
    if (const Node *V = E.Value->get("value"))
      Out[E.Key] = literalValue(V, &P->file());
    else if (E.Value->get("reference"))
      Out[E.Key] = Value::unknown("parameter '" + E.Key +
                                      "' comes from a Key Vault reference",
                                  {&P->file(), E.Value->Range});
  }
  return Out;
}

} // namespace

model::DeploymentUnit evaluateBicep(const BicepInputs &In) {
  DeploymentUnit Unit;
  Unit.TheDialect = Dialect::Bicep;
  if (!In.Template)
    return Unit;
  Unit.Root = In.Template->file().path().str();
  UnitBuilder U{In, Unit, {}, 0, {}};
  FileScope Root(U, *In.Template, {}, "", "", 0, std::nullopt);
  std::unique_ptr<FileScope> ParamScope;
  Root.setGiven(parameterFileValues(U, Root, ParamScope));
  Root.run();
  Unit.Graph.connectChildrenByName();
  for (auto &[Path, R] : U.Reads) {
    if (R.File)
      Unit.OwnedSources.push_back(R.File);
    if (R.Json)
      Unit.OwnedSources.push_back(R.Json);
  }
  Root.flushDiagnostics();
  if (ParamScope)
    ParamScope->flushDiagnostics();
  return Unit;
}

} // namespace rampart::eval::bicep
