//===- TemplateEvaluator.cpp - ARM templates to deployment units ----------===//
//
// Resources are first collected (evaluated, with their dependsOn entries and
// the references their expressions make), then added to the graph, and only
// then are dependsOn entries and references resolved: a resource may point at
// one declared after it.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/arm/TemplateEvaluator.h"

#include "analyzer/eval/arm/Evaluator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <optional>

namespace rampart::eval::arm {

using model::DeploymentUnit;
using model::EdgeKind;
using model::FileDiagnostic;
using model::LoopInfo;
using model::Member;
using model::Resource;
using model::ValueKind;

bool splitAssignment(llvm::StringRef Text,
                     std::pair<std::string, std::string> &Out) {
  auto [Name, Rest] = Text.split('=');
  if (Name.size() == Text.size() || Name.trim().empty())
    return false;
  Out = {Name.trim().str(), Rest.str()};
  return true;
}

namespace {

/// Values built from a JSON tree of this size or more are refused: their
/// printing and checking would take too long (a template can double a value
/// per variable).
constexpr size_t MaxValueNodes = 1'000'000;

/// Variables and default values evaluated inside one another, and template
/// nodes converted inside one another across them: each level costs stack
/// (the expression evaluator recurses too), so a chain of thousands of
/// variables must stop early.
constexpr unsigned MaxDefinitionDepth = 64;
constexpr unsigned MaxConvertDepth = 2 * MaxNestingDepth;

const Node *getInsensitive(const Node *N, llvm::StringRef Key) {
  if (!N || !N->is(NodeKind::Map))
    return nullptr;
  for (const MapEntry &E : N->Entries)
    if (llvm::StringRef(E.Key).equals_insensitive(Key))
      return E.Value;
  return nullptr;
}

Value numberValue(const Node &N, Origin O) {
  llvm::StringRef T = N.Text;
  int64_t I;
  if (!T.contains('.') && !T.contains('e') && !T.contains('E') &&
      !T.getAsInteger(10, I))
    return Value::integer(I, O);
  if (auto D = N.number())
    return Value::floating(*D, O);
  return Value::unknown("invalid number '" + T.str() + "'", O);
}

/// A parameter file value: ARM does not evaluate expressions there.
Value literalValue(const Node *N, const SourceFile *F) {
  Origin O{F, N->Range};
  switch (N->Kind) {
  case NodeKind::Null:
    return Value::null(O);
  case NodeKind::Bool:
    return Value::boolean(N->BoolValue, O);
  case NodeKind::Number:
    return numberValue(*N, O);
  case NodeKind::String:
    return Value::string(N->Text, O);
  case NodeKind::List: {
    std::vector<Value> Items;
    for (const Node *I : N->Items)
      Items.push_back(literalValue(I, F));
    return Value::array(std::move(Items), O);
  }
  case NodeKind::Map: {
    std::vector<Member> Members;
    for (const MapEntry &E : N->Entries)
      Members.push_back({E.Key, {F, E.KeyRange}, literalValue(E.Value, F)});
    return Value::object(std::move(Members), O);
  }
  case NodeKind::Expression:
    break;
  }
  return Value::unknown("not a JSON value", O);
}

Value jsonValue(const nlohmann::json &J, unsigned Depth) {
  if (Depth > MaxNestingDepth)
    return Value::unknown("value nests too deeply");
  switch (J.type()) {
  case nlohmann::json::value_t::boolean:
    return Value::boolean(J.get<bool>());
  case nlohmann::json::value_t::number_integer:
  case nlohmann::json::value_t::number_unsigned:
    return Value::integer(J.get<int64_t>());
  case nlohmann::json::value_t::number_float:
    return Value::floating(J.get<double>());
  case nlohmann::json::value_t::string:
    return Value::string(J.get<std::string>());
  case nlohmann::json::value_t::array: {
    std::vector<Value> Items;
    for (const auto &I : J)
      Items.push_back(jsonValue(I, Depth + 1));
    return Value::array(std::move(Items));
  }
  case nlohmann::json::value_t::object: {
    std::vector<Member> Members;
    for (auto It = J.begin(); It != J.end(); ++It)
      Members.push_back({It.key(), {}, jsonValue(It.value(), Depth + 1)});
    return Value::object(std::move(Members));
  }
  default:
    return Value::null();
  }
}

/// A CLI value: JSON when it parses as JSON and a string is not wanted.
Value cliValue(llvm::StringRef Text, bool WantString) {
  if (!WantString) {
    nlohmann::json J =
        nlohmann::json::parse(Text.begin(), Text.end(), nullptr, false);
    if (!J.is_discarded())
      return jsonValue(J, 0);
  }
  return Value::string(Text.str());
}

/// Counts the nodes of V, stopping at Limit (values share structure, so a
/// full count could take exponential time).
bool smallerThan(const Value &V, size_t &Budget, unsigned Depth) {
  if (Budget == 0 || Depth > MaxNestingDepth)
    return false;
  --Budget;
  for (const Value &I : V.items())
    if (!smallerThan(I, Budget, Depth + 1))
      return false;
  for (const Member &M : V.members())
    if (!smallerThan(M.V, Budget, Depth + 1))
      return false;
  return true;
}

/// What a reference-like call or a dependsOn entry points at.
struct PendingRef {
  Value Target;
  Value Type;
  std::vector<Value> Names;
};

struct DependsEntry {
  Value Entry;
  std::vector<PendingRef> Refs;
};

struct Collected {
  Resource R;
  std::optional<size_t> Parent;
  std::string CopyName;
  std::vector<PendingRef> Refs;
  std::vector<DependsEntry> Depends;
};

std::optional<std::string> knownString(const Value &V) {
  if (V.is(ValueKind::String))
    return V.asString().str();
  return std::nullopt;
}

class TemplateScope final : public Scope {
public:
  TemplateScope(const TemplateInputs &In, DeploymentUnit &Unit)
      : In(In), Unit(Unit), File(&In.Template->file()), Ev(*this, Diags, File) {
    Ev.setMaxSteps(MaxTemplateSteps);
  }

  void run();

  Value parameter(llvm::StringRef Name, const Origin &Where) override;
  Value variable(llvm::StringRef Name, const Origin &Where) override;
  Value copyIndex(std::optional<llvm::StringRef> Loop, int64_t Offset,
                  const Origin &Where) override;
  Value userFunction(llvm::StringRef Namespace, llvm::StringRef Name,
                     llvm::ArrayRef<Value> Args, const Origin &Where) override;
  std::optional<Value> contextValue(llvm::StringRef Key) override;
  void noteResourceReference(const ResourceReference &Ref) override;

private:
  struct Lazy {
    std::string Name; ///< As declared.
    const Node *Decl = nullptr;
    SourceRange KeyRange;
    std::optional<Value> Resolved;
    bool Busy = false;
    /// A variable made by the variables' `copy` array: Decl is the copy
    /// object ({name, count, input}).
    bool IsCopy = false;
    std::vector<PendingRef> Refs;
  };
  struct CopyFrame {
    std::string Name;
    std::optional<int64_t> Index;
  };

  void readDeclarations(const Node *Root);
  void readParameterFile();
  Value resolveParameter(Lazy &P);
  /// Evaluates a template-level definition (a variable, a default value):
  /// outside any copy loop, with its references kept for its users.
  Value evaluateDefinition(Lazy &L, const Node *N);
  Value bounded(Value V, llvm::StringRef What);
  void passReferences(const Lazy &L);

  Value convert(const Node *N);
  Value convertNode(const Node *N, const Origin &O);
  Value convertMap(const Node *N);
  Value convertPropertyCopy(const Node *Copy);
  Value convertResourceObject(const Node *R, Collected &C);

  void collectResource(const Node *R, const std::string &Path,
                       const std::string &Symbolic,
                       std::optional<size_t> Parent);
  void collectInstance(const Node *R, const std::string &Path,
                       const std::string &Symbolic,
                       std::optional<size_t> Parent, LoopInfo Loop,
                       const std::string &CopyName);
  void collectChildren(const Node *R, const std::string &Path, size_t Self);
  std::string uniqueId(std::string Base);

  void link();
  std::vector<std::string> resolve(const PendingRef &R) const;
  std::vector<std::string> matchTypeName(llvm::StringRef Type,
                                         llvm::StringRef Name) const;
  std::vector<std::string> matchId(llvm::StringRef Text) const;

  void note(Severity S, SourceRange R, std::string Message) {
    Diags.push_back({S, std::move(Message), R});
  }

  const TemplateInputs &In;
  DeploymentUnit &Unit;
  const SourceFile *File;
  std::vector<Diagnostic> Diags;
  std::vector<Diagnostic> ParamFileDiags;
  Evaluator Ev;

  llvm::StringMap<Lazy> Params, Vars; ///< By lower-case name.
  llvm::StringMap<const Node *> ParamFileValues;
  std::vector<CopyFrame> Copies;
  std::vector<std::vector<PendingRef> *> Sinks;
  bool InProperties = false;
  /// The template of a nested deployment with an "inner" expression scope:
  /// its expressions mean the nested template's parameters and variables,
  /// which this evaluator does not build yet, so they stay Unknown.
  const Node *InertTemplate = nullptr;
  bool Inert = false;
  unsigned DefinitionDepth = 0;
  /// User functions being evaluated: their parameters and arguments. In a
  /// function body parameters() means the function's own parameters.
  struct FunctionFrame {
    const Node *Params;
    llvm::ArrayRef<Value> Args;
  };
  std::vector<FunctionFrame> Functions;
  const Node *Root = nullptr;
  unsigned ConvertDepth = 0;

  std::vector<Collected> Resources;
  llvm::StringSet<> UsedIds;
};

//===- Parameters and variables -------------------------------------------===//

void TemplateScope::readDeclarations(const Node *Root) {
  if (const Node *Ps = getInsensitive(Root, "parameters"))
    for (const MapEntry &E : Ps->Entries) {
      Lazy &P = Params[llvm::StringRef(E.Key).lower()];
      if (P.Decl)
        continue; // JSON duplicates: the first wins, as for lookups
      P.Name = E.Key;
      P.Decl = E.Value;
      P.KeyRange = E.KeyRange;
    }
  if (const Node *Vs = getInsensitive(Root, "variables"))
    for (const MapEntry &E : Vs->Entries) {
      if (llvm::StringRef(E.Key).equals_insensitive("copy") &&
          E.Value->is(NodeKind::List)) {
        for (const Node *Item : E.Value->Items) {
          const Node *Name = getInsensitive(Item, "name");
          if (!Name || !Name->is(NodeKind::String)) {
            note(Severity::Error, Item->Range,
                 "a variable copy needs a 'name' string");
            continue;
          }
          Lazy &V = Vars[llvm::StringRef(Name->Text).lower()];
          if (V.Decl)
            continue;
          V.Name = Name->Text;
          V.Decl = Item;
          V.KeyRange = Name->Range;
          V.IsCopy = true;
        }
        continue;
      }
      Lazy &V = Vars[llvm::StringRef(E.Key).lower()];
      if (V.Decl)
        continue;
      V.Name = E.Key;
      V.Decl = E.Value;
      V.KeyRange = E.KeyRange;
    }
}

void TemplateScope::readParameterFile() {
  if (!In.Parameters || !In.Parameters->root())
    return;
  const Node *Ps = getInsensitive(In.Parameters->root(), "parameters");
  if (!Ps)
    return;
  for (const MapEntry &E : Ps->Entries) {
    std::string Key = llvm::StringRef(E.Key).lower();
    if (!Params.count(Key)) {
      ParamFileDiags.push_back(
          {Severity::Warning,
           "parameter '" + E.Key + "' is not declared in the template",
           E.KeyRange});
      continue;
    }
    ParamFileValues.try_emplace(Key, E.Value);
  }
}

Value TemplateScope::bounded(Value V, llvm::StringRef What) {
  size_t Budget = MaxValueNodes;
  if (smallerThan(V, Budget, 0))
    return V;
  note(Severity::Warning, V.origin().Range,
       What.str() + " is too large to evaluate");
  return Value::unknown(What.str() + " is too large to evaluate", V.origin());
}

Value TemplateScope::evaluateDefinition(Lazy &L, const Node *N) {
  if (DefinitionDepth >= MaxDefinitionDepth) {
    note(Severity::Error, N->Range,
         "variables and parameters refer to one another more than " +
             std::to_string(MaxDefinitionDepth) + " levels deep");
    return Value::unknown("'" + L.Name + "' is nested too deeply",
                          {File, N->Range});
  }
  ++DefinitionDepth;
  std::vector<CopyFrame> Outer;
  std::swap(Outer, Copies);
  std::vector<FunctionFrame> OuterFunctions;
  std::swap(OuterFunctions, Functions);
  bool OuterInProperties = InProperties;
  InProperties = false;
  Sinks.push_back(&L.Refs);
  Value V = L.IsCopy ? convertPropertyCopy(N) : convert(N);
  Sinks.pop_back();
  InProperties = OuterInProperties;
  std::swap(Outer, Copies);
  std::swap(OuterFunctions, Functions);
  --DefinitionDepth;
  return V;
}

void TemplateScope::passReferences(const Lazy &L) {
  if (!Sinks.empty() && Sinks.back() != &L.Refs)
    llvm::append_range(*Sinks.back(), L.Refs);
}

Value TemplateScope::resolveParameter(Lazy &P) {
  llvm::StringRef Type;
  if (const Node *T = getInsensitive(P.Decl, "type"))
    if (T->is(NodeKind::String))
      Type = T->Text;
  bool WantString = Type.equals_insensitive("string") ||
                    Type.equals_insensitive("securestring");
  for (auto It = In.ParamOverrides.rbegin(); It != In.ParamOverrides.rend();
       ++It)
    if (llvm::StringRef(It->first).equals_insensitive(P.Name))
      return cliValue(It->second, WantString);
  auto FileValue = ParamFileValues.find(llvm::StringRef(P.Name).lower());
  if (FileValue != ParamFileValues.end()) {
    const SourceFile *PF = &In.Parameters->file();
    const Node *Entry = FileValue->second;
    if (const Node *V = getInsensitive(Entry, "value"))
      return literalValue(V, PF);
    if (getInsensitive(Entry, "reference"))
      return Value::unknown("parameter '" + P.Name +
                                "' comes from a Key Vault reference",
                            {PF, Entry->Range});
  }
  if (const Node *Default = getInsensitive(P.Decl, "defaultValue"))
    return evaluateDefinition(P, Default);
  return Value::unknown("parameter '" + P.Name + "' has no value",
                        {File, P.KeyRange});
}

Value TemplateScope::parameter(llvm::StringRef Name, const Origin &Where) {
  if (!Functions.empty()) {
    const FunctionFrame &F = Functions.back();
    for (size_t I = 0; F.Params && I < F.Params->Items.size(); ++I) {
      const Node *P = getInsensitive(F.Params->Items[I], "name");
      if (P && P->is(NodeKind::String) &&
          llvm::StringRef(P->Text).equals_insensitive(Name) &&
          I < F.Args.size())
        return F.Args[I];
    }
    note(Severity::Error, Where.Range,
         "user function has no parameter '" + Name.str() + "'");
    return Value::unknown("user function has no parameter '" + Name.str() + "'",
                          Where);
  }
  auto It = Params.find(Name.lower());
  if (It == Params.end()) {
    note(Severity::Error, Where.Range,
         "parameter '" + Name.str() + "' is not declared");
    return Value::unknown("parameter '" + Name.str() + "' is not declared",
                          Where);
  }
  Lazy &P = It->second;
  if (!P.Resolved) {
    if (P.Busy) {
      note(Severity::Error, Where.Range,
           "the default value of parameter '" + P.Name + "' needs itself");
      return Value::unknown("parameter '" + P.Name + "' needs itself", Where);
    }
    P.Busy = true;
    Value V = resolveParameter(P);
    P.Busy = false;
    P.Resolved = bounded(std::move(V), "parameter '" + P.Name + "'");
  }
  passReferences(P);
  return *P.Resolved;
}

Value TemplateScope::variable(llvm::StringRef Name, const Origin &Where) {
  auto It = Vars.find(Name.lower());
  if (It == Vars.end()) {
    note(Severity::Error, Where.Range,
         "variable '" + Name.str() + "' is not declared");
    return Value::unknown("variable '" + Name.str() + "' is not declared",
                          Where);
  }
  Lazy &V = It->second;
  if (!V.Resolved) {
    if (V.Busy) {
      note(Severity::Error, Where.Range,
           "variable '" + V.Name + "' needs itself");
      return Value::unknown("variable '" + V.Name + "' needs itself", Where);
    }
    V.Busy = true;
    Value Result = evaluateDefinition(V, V.Decl);
    V.Busy = false;
    V.Resolved = bounded(std::move(Result), "variable '" + V.Name + "'");
  }
  passReferences(V);
  return *V.Resolved;
}

Value TemplateScope::copyIndex(std::optional<llvm::StringRef> Loop,
                               int64_t Offset, const Origin &Where) {
  for (auto It = Copies.rbegin(); It != Copies.rend(); ++It) {
    if (Loop && !llvm::StringRef(It->Name).equals_insensitive(*Loop))
      continue;
    if (!It->Index)
      return Value::unknown(
          "the count of copy loop '" + It->Name + "' is unknown", Where);
    return Value::integer(*It->Index + Offset, Where);
  }
  if (Loop)
    return Value::unknown(
        "copyIndex(): no copy loop named '" + Loop->str() + "' here", Where);
  return Scope::copyIndex(Loop, Offset, Where);
}

// "functions": [{"namespace": ns, "members": {name: {"parameters":
// [{"name", "type"}], "output": {"type", "value"}}}}]
Value TemplateScope::userFunction(llvm::StringRef Namespace,
                                  llvm::StringRef Name,
                                  llvm::ArrayRef<Value> Args,
                                  const Origin &Where) {
  std::string Full = Namespace.str() + "." + Name.str();
  const Node *Fn = nullptr;
  if (const Node *Fns = getInsensitive(Root, "functions");
      Fns && Fns->is(NodeKind::List))
    for (const Node *NS : Fns->Items) {
      const Node *N = getInsensitive(NS, "namespace");
      if (N && N->is(NodeKind::String) &&
          llvm::StringRef(N->Text).equals_insensitive(Namespace))
        if (const Node *F = getInsensitive(getInsensitive(NS, "members"), Name))
          Fn = F;
    }
  const Node *Output = getInsensitive(getInsensitive(Fn, "output"), "value");
  if (!Output) {
    note(Severity::Error, Where.Range,
         "user function '" + Full + "' is not declared");
    return Value::unknown("user function '" + Full + "' is not declared",
                          Where);
  }
  const Node *Params = getInsensitive(Fn, "parameters");
  if (Params && !Params->is(NodeKind::List))
    Params = nullptr;
  size_t Expected = Params ? Params->Items.size() : 0;
  if (Args.size() != Expected) {
    note(Severity::Error, Where.Range,
         "user function '" + Full + "' takes " + std::to_string(Expected) +
             " argument(s), found " + std::to_string(Args.size()));
    return Value::unknown("invalid call to '" + Full + "'", Where);
  }
  if (DefinitionDepth >= MaxDefinitionDepth) {
    note(Severity::Error, Where.Range,
         "user functions call one another more than " +
             std::to_string(MaxDefinitionDepth) + " levels deep");
    return Value::unknown("'" + Full + "' is nested too deeply", Where);
  }
  ++DefinitionDepth;
  std::vector<CopyFrame> Outer;
  std::swap(Outer, Copies);
  Functions.push_back({Params, Args});
  Value V = convert(Output);
  Functions.pop_back();
  std::swap(Outer, Copies);
  --DefinitionDepth;
  return V;
}

std::optional<Value> TemplateScope::contextValue(llvm::StringRef Key) {
  for (auto It = In.Context.rbegin(); It != In.Context.rend(); ++It)
    if (llvm::StringRef(It->first).equals_insensitive(Key))
      return cliValue(It->second, false);
  return std::nullopt;
}

void TemplateScope::noteResourceReference(const ResourceReference &Ref) {
  if (!Sinks.empty())
    Sinks.back()->push_back({Ref.Target, Ref.Type, Ref.Names});
}

//===- Converting nodes ---------------------------------------------------===//

Value TemplateScope::convert(const Node *N) {
  Origin O{File, N->Range};
  if (ConvertDepth >= MaxConvertDepth) {
    note(Severity::Error, N->Range, "values nest too deeply to evaluate");
    return Value::unknown("values nest too deeply to evaluate", O);
  }
  ++ConvertDepth;
  bool OuterInert = Inert;
  Inert = Inert || N == InertTemplate;
  Value V = convertNode(N, O);
  Inert = OuterInert;
  --ConvertDepth;
  return V;
}

Value TemplateScope::convertNode(const Node *N, const Origin &O) {
  switch (N->Kind) {
  case NodeKind::String:
    if (Inert && isArmExpression(N->Text))
      return Value::unknown("evaluated in the scope of the nested deployment",
                            O);
    return Ev.evaluateString(N->Text, O);
  case NodeKind::List: {
    std::vector<Value> Items;
    Items.reserve(N->Items.size());
    for (const Node *I : N->Items)
      Items.push_back(convert(I));
    return Value::array(std::move(Items), O);
  }
  case NodeKind::Map:
    return convertMap(N);
  default:
    return literalValue(N, File);
  }
}

Value TemplateScope::convertMap(const Node *N) {
  std::vector<Member> Members;
  Members.reserve(N->Entries.size());
  for (const MapEntry &E : N->Entries) {
    if (InProperties && E.Value->is(NodeKind::List) &&
        llvm::StringRef(E.Key).equals_insensitive("copy")) {
      for (const Node *Copy : E.Value->Items) {
        const Node *Name = getInsensitive(Copy, "name");
        if (!Name || !Name->is(NodeKind::String)) {
          note(Severity::Error, Copy->Range,
               "a property copy needs a 'name' string");
          continue;
        }
        Members.push_back(
            {Name->Text, {File, Name->Range}, convertPropertyCopy(Copy)});
      }
      continue;
    }
    Members.push_back({E.Key, {File, E.KeyRange}, convert(E.Value)});
  }
  return Value::object(std::move(Members), {File, N->Range});
}

// {"name": "disks", "count": 3, "input": {...}}: an array of count inputs,
// each evaluated with copyIndex('disks') = i.
Value TemplateScope::convertPropertyCopy(const Node *Copy) {
  Origin O{File, Copy->Range};
  std::string Name = getInsensitive(Copy, "name")->Text;
  const Node *CountNode = getInsensitive(Copy, "count");
  const Node *Input = getInsensitive(Copy, "input");
  if (!CountNode || !Input) {
    note(Severity::Error, Copy->Range,
         "a property copy needs 'count' and 'input'");
    return Value::unknown("property copy '" + Name + "' is incomplete", O);
  }
  Value Count = convert(CountNode);
  if (!Count.is(ValueKind::Int))
    return Value::unknown("the count of copy loop '" + Name + "' is unknown",
                          Count.origin());
  if (Count.asInt() < 0 || Count.asInt() > MaxCopyCount) {
    note(Severity::Warning, CountNode->Range,
         "copy count " + std::to_string(Count.asInt()) +
             " is outside Azure's limits (0 to 800)");
    return Value::unknown("the count of copy loop '" + Name +
                              "' is outside Azure's limits",
                          Count.origin());
  }
  std::vector<Value> Items;
  for (int64_t I = 0; I < Count.asInt(); ++I) {
    Copies.push_back({Name, I});
    Items.push_back(convert(Input));
    Copies.pop_back();
  }
  return Value::array(std::move(Items), O);
}

// The whole resource object, except nested child resources (they are
// resources of their own). dependsOn entries are kept apart so that their
// resourceId() calls make DependsOn edges, not Reference edges.
Value TemplateScope::convertResourceObject(const Node *R, Collected &C) {
  const Node *Type = getInsensitive(R, "type");
  const Node *Props = getInsensitive(R, "properties");
  const Node *Scope = getInsensitive(
      getInsensitive(Props, "expressionEvaluationOptions"), "scope");
  if (Type && Type->is(NodeKind::String) &&
      llvm::StringRef(Type->Text)
          .equals_insensitive("Microsoft.Resources/deployments") &&
      Scope && Scope->is(NodeKind::String) &&
      llvm::StringRef(Scope->Text).equals_insensitive("inner"))
    InertTemplate = getInsensitive(Props, "template");
  std::vector<Member> Members;
  for (const MapEntry &E : R->Entries) {
    llvm::StringRef Key = E.Key;
    if (Key.equals_insensitive("resources"))
      continue;
    if (Key.equals_insensitive("dependsOn") && E.Value->is(NodeKind::List)) {
      std::vector<Value> Items;
      for (const Node *Item : E.Value->Items) {
        DependsEntry D;
        Sinks.push_back(&D.Refs);
        D.Entry = convert(Item);
        Sinks.pop_back();
        Items.push_back(D.Entry);
        C.Depends.push_back(std::move(D));
      }
      Members.push_back(
          {E.Key,
           {File, E.KeyRange},
           Value::array(std::move(Items), {File, E.Value->Range})});
      continue;
    }
    bool OuterInProperties = InProperties;
    InProperties = Key.equals_insensitive("properties");
    Members.push_back({E.Key, {File, E.KeyRange}, convert(E.Value)});
    InProperties = OuterInProperties;
  }
  return Value::object(std::move(Members), {File, R->Range});
}

//===- Resources ----------------------------------------------------------===//

std::string TemplateScope::uniqueId(std::string Base) {
  std::string Id = Base;
  for (unsigned N = 2; !UsedIds.insert(Id).second; ++N)
    Id = Base + "#" + std::to_string(N);
  return Id;
}

void TemplateScope::collectResource(const Node *R, const std::string &Path,
                                    const std::string &Symbolic,
                                    std::optional<size_t> Parent) {
  if (!R->is(NodeKind::Map)) {
    note(Severity::Error, R->Range, "a resource must be an object");
    return;
  }
  const Node *Copy = getInsensitive(R, "copy");
  if (!Copy || !Copy->is(NodeKind::Map)) {
    collectInstance(R, Path, Symbolic, Parent, {}, "");
    return;
  }
  std::string Name;
  if (const Node *N = getInsensitive(Copy, "name")) {
    Value V = convert(N);
    if (auto S = knownString(V))
      Name = *S;
  }
  const Node *CountNode = getInsensitive(Copy, "count");
  Value Count =
      CountNode ? convert(CountNode)
                : Value::unknown("copy without a count", {File, Copy->Range});
  LoopInfo Loop;
  Loop.Kind = LoopInfo::LoopKind::Copy;
  if (Count.is(ValueKind::Int) && Count.asInt() >= 0 &&
      Count.asInt() <= MaxCopyCount) {
    Loop.Expanded = true;
    for (int64_t I = 0; I < Count.asInt(); ++I) {
      Loop.Index = I;
      Loop.Key = Value::integer(I);
      Copies.push_back({Name, I});
      collectInstance(R, Path + "[" + std::to_string(I) + "]", Symbolic, Parent,
                      Loop, Name);
      Copies.pop_back();
    }
    return;
  }
  if (Count.is(ValueKind::Int))
    note(Severity::Warning, CountNode->Range,
         "copy count " + std::to_string(Count.asInt()) +
             " is outside Azure's limits (0 to 800); one representative "
             "resource is kept");
  Copies.push_back({Name, std::nullopt});
  collectInstance(R, Path, Symbolic, Parent, Loop, Name);
  Copies.pop_back();
}

void TemplateScope::collectInstance(const Node *R, const std::string &Path,
                                    const std::string &Symbolic,
                                    std::optional<size_t> Parent, LoopInfo Loop,
                                    const std::string &CopyName) {
  Collected C;
  C.Parent = Parent;
  C.CopyName = CopyName;
  Sinks.push_back(&C.Refs);
  Value Props = bounded(convertResourceObject(R, C), "resource '" + Path + "'");
  Sinks.pop_back();

  Resource &Res = C.R;
  Res.TheDialect = Dialect::Arm;
  Res.SymbolicName = Symbolic;
  Res.Loop = std::move(Loop);
  const Node *TypeNode = getInsensitive(R, "type");
  Res.Declaration = {File, TypeNode ? TypeNode->Range : R->Range};
  if (!TypeNode)
    note(Severity::Error, R->Range, "a resource needs a 'type'");

  auto Field = [&](llvm::StringRef Key) -> Value {
    if (const Value *V = Props.getInsensitive(Key))
      return *V;
    return Value::unknown("resource has no '" + Key.str() + "'",
                          {File, R->Range});
  };
  Value Type = Field("type");
  Value Name = Field("name");
  Res.Type = knownString(Type).value_or("");
  if (Parent) {
    const Resource &P = Resources[*Parent].R;
    llvm::StringRef T = Res.Type;
    // A child's type is its last segment ("databases"); a type with '/'
    // is already full (or an extension resource's own type).
    if (!T.empty() && !T.contains('/'))
      Res.Type = P.Type + "/" + Res.Type;
    auto ChildName = knownString(Name);
    if (ChildName && !llvm::StringRef(*ChildName).contains('/')) {
      if (auto ParentName = knownString(P.Name))
        Name = Value::string(*ParentName + "/" + *ChildName, Name.origin());
      else
        Name = Value::unknown("the name of the parent resource is unknown",
                              Name.origin());
    }
  }
  Res.Name = Name;
  if (const Value *Api = Props.getInsensitive("apiVersion"))
    Res.ApiVersion = knownString(*Api).value_or("");
  if (const Value *Cond = Props.getInsensitive("condition"))
    Res.Condition = *Cond;
  if (const Value *Existing = Props.getInsensitive("existing"))
    Res.Existing = Existing->is(ValueKind::Bool) && Existing->asBool();
  Res.Properties = std::move(Props);

  std::string Base;
  if (auto N = knownString(Res.Name); N && !Res.Type.empty())
    Base = Res.Type + "/" + *N;
  else if (!Symbolic.empty())
    Base = Symbolic +
           (Res.Loop.Index ? "[" + std::to_string(*Res.Loop.Index) + "]" : "");
  else
    Base = Path;
  Res.Id = uniqueId(Base);

  Resources.push_back(std::move(C));
  collectChildren(R, Path, Resources.size() - 1);
}

void TemplateScope::collectChildren(const Node *R, const std::string &Path,
                                    size_t Self) {
  const Node *Children = getInsensitive(R, "resources");
  if (!Children)
    return;
  if (!Children->is(NodeKind::List)) {
    note(Severity::Error, Children->Range, "nested resources must be an array");
    return;
  }
  for (size_t I = 0; I < Children->Items.size(); ++I)
    collectResource(Children->Items[I],
                    Path + ".resources[" + std::to_string(I) + "]", "", Self);
}

//===- Edges --------------------------------------------------------------===//

std::vector<std::string>
TemplateScope::matchTypeName(llvm::StringRef Type, llvm::StringRef Name) const {
  std::vector<std::string> Out;
  for (const Collected &C : Resources) {
    auto N = knownString(C.R.Name);
    if (N && llvm::StringRef(C.R.Type).equals_insensitive(Type) &&
        llvm::StringRef(*N).equals_insensitive(Name))
      Out.push_back(C.R.Id);
  }
  return Out;
}

// A resource id ("/subscriptions/../providers/Ns/t1/n1/t2/n2"), its provider
// part alone ("Ns/t1/n1"), a symbolic name, a copy loop name or a resource
// name.
std::vector<std::string> TemplateScope::matchId(llvm::StringRef Text) const {
  llvm::StringRef Provider = Text;
  size_t At = Text.lower().rfind("/providers/");
  if (At != std::string::npos)
    Provider = Text.drop_front(At + strlen("/providers/"));
  llvm::SmallVector<llvm::StringRef, 8> Segments;
  Provider.trim('/').split(Segments, '/');
  if (Segments.size() >= 3 && Segments.size() % 2 == 1) {
    std::string Type = Segments[0].str(), Name;
    for (size_t I = 1; I + 1 < Segments.size(); I += 2) {
      Type += "/" + Segments[I].str();
      Name += (Name.empty() ? "" : "/") + Segments[I + 1].str();
    }
    return matchTypeName(Type, Name);
  }
  std::vector<std::string> Out;
  for (const Collected &C : Resources)
    if (!C.R.SymbolicName.empty() &&
        llvm::StringRef(C.R.SymbolicName).equals_insensitive(Text))
      Out.push_back(C.R.Id);
  if (!Out.empty())
    return Out;
  for (const Collected &C : Resources)
    if (!C.CopyName.empty() &&
        llvm::StringRef(C.CopyName).equals_insensitive(Text))
      Out.push_back(C.R.Id);
  if (!Out.empty())
    return Out;
  for (const Collected &C : Resources) {
    auto N = knownString(C.R.Name);
    if (N && llvm::StringRef(*N).equals_insensitive(Text))
      Out.push_back(C.R.Id);
  }
  // A bare name that several resources share does not say which one.
  if (Out.size() > 1)
    Out.clear();
  return Out;
}

std::vector<std::string> TemplateScope::resolve(const PendingRef &R) const {
  if (auto Type = knownString(R.Type)) {
    std::string Name;
    bool Known = !R.Names.empty();
    for (const Value &N : R.Names) {
      auto S = knownString(N);
      if (!S) {
        Known = false;
        break;
      }
      Name += (Name.empty() ? "" : "/") + llvm::StringRef(*S).trim('/').str();
    }
    if (Known)
      if (auto Out = matchTypeName(*Type, Name); !Out.empty())
        return Out;
    // Names that are unknown here (a parameter without value) still point
    // into this template when exactly one resource could be meant: the only
    // resource of that type whose name is unknown too (or, with unknown
    // names, the only resource of that type).
    std::vector<std::string> Candidates;
    for (const Collected &C : Resources)
      if (llvm::StringRef(C.R.Type).equals_insensitive(*Type) &&
          (!Known || !knownString(C.R.Name)))
        Candidates.push_back(C.R.Id);
    if (Candidates.size() == 1)
      return Candidates;
  }
  if (auto Target = knownString(R.Target))
    return matchId(*Target);
  return {};
}

void TemplateScope::link() {
  for (const Collected &C : Resources)
    Unit.Graph.add(C.R);
  for (const Collected &C : Resources) {
    const std::string &From = C.R.Id;
    if (C.Parent)
      Unit.Graph.connect(From, Resources[*C.Parent].R.Id, EdgeKind::Parent);
    for (const DependsEntry &D : C.Depends) {
      std::vector<std::string> To;
      for (const PendingRef &R : D.Refs)
        if (To = resolve(R); !To.empty())
          break;
      if (To.empty())
        To = resolve({D.Entry, {}, {}});
      if (To.empty()) {
        std::string What = D.Entry.is(ValueKind::String)
                               ? "'" + D.Entry.asString().str() + "'"
                               : "(" + D.Entry.asString().str() + ")";
        note(Severity::Note, D.Entry.origin().Range,
             "dependsOn entry " + What +
                 " does not match a resource of this template");
      }
      for (const std::string &T : To)
        if (T != From)
          Unit.Graph.connect(From, T, EdgeKind::DependsOn);
    }
    for (const PendingRef &R : C.Refs)
      for (const std::string &T : resolve(R))
        if (T != From)
          Unit.Graph.connect(From, T, EdgeKind::Reference);
  }
}

void TemplateScope::run() {
  Root = In.Template->root();
  if (!Root || !Root->is(NodeKind::Map))
    return;
  readDeclarations(Root);
  readParameterFile();
  if (const Node *Rs = getInsensitive(Root, "resources")) {
    if (Rs->is(NodeKind::List)) {
      for (size_t I = 0; I < Rs->Items.size(); ++I)
        collectResource(Rs->Items[I], "resources[" + std::to_string(I) + "]",
                        "", std::nullopt);
    } else if (Rs->is(NodeKind::Map)) {
      // languageVersion 2.0: the key is the symbolic name.
      for (const MapEntry &E : Rs->Entries)
        collectResource(E.Value, E.Key, E.Key, std::nullopt);
    } else {
      note(Severity::Error, Rs->Range,
           "'resources' must be an array or an "
           "object");
    }
  }
  link();
  std::string Path = File->path().str();
  for (Diagnostic &D : Diags)
    Unit.Diagnostics.push_back({Path, std::move(D)});
  if (In.Parameters)
    for (Diagnostic &D : ParamFileDiags)
      Unit.Diagnostics.push_back(
          {In.Parameters->file().path().str(), std::move(D)});
}

} // namespace

model::DeploymentUnit evaluateTemplate(const TemplateInputs &In) {
  DeploymentUnit Unit;
  Unit.TheDialect = Dialect::Arm;
  if (!In.Template)
    return Unit;
  Unit.Root = In.Template->file().path().str();
  TemplateScope S(In, Unit);
  S.run();
  return Unit;
}

} // namespace rampart::eval::arm
