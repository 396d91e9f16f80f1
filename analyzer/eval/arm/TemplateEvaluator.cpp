//===- TemplateEvaluator.cpp - ARM templates to deployment units ----------===//
//
// Resources are first collected (evaluated, with their dependsOn entries and
// the references their expressions make), then added to the graph, and only
// then are dependsOn entries and references resolved: a resource may point at
// one declared after it.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/arm/TemplateEvaluator.h"

#include "analyzer/eval/Literal.h"
#include "analyzer/eval/arm/Evaluator.h"
#include "analyzer/model/ValueJson.h"

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
  /// The nested deployment whose template declares this resource at its
  /// top level.
  std::optional<size_t> DeclaredBy;
  /// Which template declares it (0 is the unit's own): symbolic and copy
  /// loop names mean resources of the same template.
  unsigned Template = 0;
  std::string CopyName;
  std::vector<PendingRef> Refs;
  std::vector<DependsEntry> Depends;
  /// An expanded nested deployment: its template's outputs
  /// ({name: {type, value}}).
  std::optional<Value> Outputs;
};

std::optional<std::string> knownString(const Value &V) {
  if (V.is(ValueKind::String))
    return V.asString().str();
  return std::nullopt;
}

constexpr llvm::StringLiteral DeploymentsType =
    "Microsoft.Resources/deployments";

bool isDeployment(const Node *R) {
  const Node *Type = getInsensitive(R, "type");
  return Type && Type->is(NodeKind::String) &&
         llvm::StringRef(Type->Text).equals_insensitive(DeploymentsType);
}

/// The inline template of a nested deployment, or null: another type, a
/// templateLink (never expanded), no template object.
const Node *inlineTemplate(const Node *R) {
  if (!isDeployment(R))
    return nullptr;
  const Node *Props = getInsensitive(R, "properties");
  if (getInsensitive(Props, "templateLink"))
    return nullptr;
  const Node *T = getInsensitive(Props, "template");
  return T && T->is(NodeKind::Map) ? T : nullptr;
}

/// expressionEvaluationOptions.scope is "inner" (the default is "outer").
bool hasInnerScope(const Node *R) {
  const Node *Scope =
      getInsensitive(getInsensitive(getInsensitive(R, "properties"),
                                    "expressionEvaluationOptions"),
                     "scope");
  return Scope && Scope->is(NodeKind::String) &&
         llvm::StringRef(Scope->Text).equals_insensitive("inner");
}

/// .NET string length (UTF-16 code units) of UTF-8 text.
size_t utf16Length(llvm::StringRef S) {
  size_t N = 0;
  for (unsigned char C : S) {
    if ((C & 0xC0) != 0x80)
      ++N; // a lead byte or ASCII
    if ((C & 0xF8) == 0xF0)
      ++N; // a 4-byte sequence is a surrogate pair
  }
  return N;
}

/// allowedValues comparison: ARM accepts a string value that differs from
/// an allowed one in case only; numbers compare by value.
bool allowedMatch(const Value &A, const Value &B) {
  if (A.is(ValueKind::String) && B.is(ValueKind::String))
    return A.asString().equals_insensitive(B.asString());
  bool NumA = A.is(ValueKind::Int) || A.is(ValueKind::Float);
  bool NumB = B.is(ValueKind::Int) || B.is(ValueKind::Float);
  if (NumA && NumB)
    return A.asNumber() == B.asNumber();
  return A.sameAs(B);
}

/// Types and names compare ignoring case.
std::string typeNameKey(llvm::StringRef Type, llvm::StringRef Name) {
  return Type.lower() + "|" + Name.lower();
}

/// Symbolic and copy loop names mean resources of one template.
std::string templateKey(unsigned Template, llvm::StringRef Name) {
  return std::to_string(Template) + "|" + Name.lower();
}

std::string valueText(const Value &V) {
  return model::valueToJson(V).dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

/// A parameter or variable, evaluated on first use.
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

/// The declarations expressions see: the unit's template, or the template
/// of a nested deployment with an "inner" expression scope.
struct TemplateFrame {
  const Node *Root = nullptr;
  llvm::StringMap<Lazy> Params, Vars; ///< By lower-case name.
  /// A nested template: parameters come from the deployment, not from
  /// --param or the parameter file.
  bool Nested = false;
  std::string DeploymentName;
  /// The deployment's evaluated `properties.parameters` (null if absent).
  Value Supplied;
  bool HasParametersLink = false;
  /// Deployment context the nested deployment changes: exact keys (lower
  /// case), and context functions that are Unknown here with a reason.
  llvm::StringMap<Value> ContextValues;
  std::vector<std::pair<std::string, std::string>> UnknownContext;
};

/// Who declares a resource.
struct Owner {
  std::optional<size_t> Parent;     ///< The enclosing resource (children).
  std::optional<size_t> DeclaredBy; ///< The nested deployment.
};

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
  Value reference(const Value &Target, llvm::ArrayRef<Value> Rest,
                  const Origin &Where) override;
  void noteResourceReference(const ResourceReference &Ref) override;

private:
  struct CopyFrame {
    std::string Name;
    std::optional<int64_t> Index;
  };

  void readDeclarations(TemplateFrame &F);
  void readParameterFile();
  Value resolveParameter(Lazy &P);
  std::optional<Value> suppliedParameter(const Lazy &P);
  /// Resolves every parameter of the current frame and checks the known
  /// values against their declared constraints.
  void validateParameters();
  void checkConstraints(const Lazy &P, const Value &V);
  void noteAtValue(const Lazy &P, const Value &V, std::string Message);
  /// Evaluates a template-level definition (a variable, a default value):
  /// outside any copy loop, with its references kept for its users.
  Value evaluateDefinition(Lazy &L, const Node *N);
  Value bounded(Value V, llvm::StringRef What);
  Value boundedMembers(Value V, llvm::StringRef What, unsigned Depth = 0);
  void passReferences(const Lazy &L);

  Value convert(const Node *N);
  Value convertNode(const Node *N, const Origin &O);
  Value convertMap(const Node *N);
  Value convertPropertyCopy(const Node *Copy);
  Value convertCopyItems(const std::string &Name, const Node *CountNode,
                         const Node *Input, const Origin &O);
  Value convertResourceObject(const Node *R, Collected &C);

  void collectTemplateResources(const Node *Root, const std::string &Prefix,
                                std::optional<size_t> DeclaredBy);
  void collectResource(const Node *R, const std::string &Path,
                       const std::string &Symbolic, Owner O);
  void collectInstance(const Node *R, const std::string &Path,
                       const std::string &Symbolic, Owner O, LoopInfo Loop,
                       const std::string &CopyName);
  void collectChildren(const Node *R, const std::string &Path, size_t Self);
  std::string uniqueId(std::string Base);

  bool mayExpand(const Node *R);
  void expandDeployment(const Node *R, const Node *Template, size_t Self);
  void enterInnerScope(TemplateFrame &F, size_t Deployment);
  Value evaluateOutputs(const Node *Template);
  void applyDeploymentCondition(size_t Deployment, size_t First);

  void link();
  std::vector<std::string> resolve(const PendingRef &R, unsigned From) const;
  std::vector<std::string> matchTypeName(llvm::StringRef Type,
                                         llvm::StringRef Name) const;
  std::vector<std::string> matchId(llvm::StringRef Text, unsigned From) const;

  void note(Severity S, SourceRange R, std::string Message) {
    // Copy loops repeat declarations: one copy of each diagnostic is enough.
    std::string Key = std::to_string(R.Start.Line) + ":" +
                      std::to_string(R.Start.Column) + ":" +
                      std::to_string(R.End.Line) + ":" +
                      std::to_string(R.End.Column) + ":" + Message;
    if (NotedKeys.insert(Key).second)
      Diags.push_back({S, std::move(Message), R});
  }

  const TemplateInputs &In;
  DeploymentUnit &Unit;
  const SourceFile *File;
  std::vector<Diagnostic> Diags;
  std::vector<Diagnostic> ParamFileDiags;
  llvm::StringSet<> NotedKeys;
  Evaluator Ev;

  /// The frame expressions see now, and every frame made (nested inner
  /// scopes); frames stay alive because Sinks may point into their Lazy.
  TemplateFrame *Frame = nullptr;
  std::vector<std::unique_ptr<TemplateFrame>> Frames;
  llvm::StringMap<const Node *> ParamFileValues;
  std::vector<CopyFrame> Copies;
  std::vector<std::vector<PendingRef> *> Sinks;
  bool InProperties = false;
  /// The template of a nested deployment that is not expanded and has an
  /// "inner" expression scope: its expressions mean the nested template's
  /// parameters and variables, so they stay Unknown.
  const Node *InertTemplate = nullptr;
  bool Inert = false;
  /// The template of the deployment being converted when it is expanded:
  /// left out of the deployment's Properties.
  const Node *SkipNode = nullptr;
  unsigned DefinitionDepth = 0;
  /// User functions being evaluated: their parameters and arguments. In a
  /// function body parameters() means the function's own parameters.
  struct FunctionFrame {
    const Node *Params;
    llvm::ArrayRef<Value> Args;
  };
  std::vector<FunctionFrame> Functions;
  unsigned ConvertDepth = 0;
  uint64_t ConvertedNodes = 0;

  /// Nested deployments: the template being collected, the prefix of ids
  /// made from declaration paths, and how deep the expansion is.
  unsigned CurrentTemplate = 0;
  unsigned TemplateCount = 1;
  std::string IdPrefix;
  unsigned DeploymentDepth = 0;

  /// The last resourceId-family call: what it points at, and where it is.
  std::optional<std::pair<PendingRef, Origin>> LastResourceId;

  std::vector<Collected> Resources;
  llvm::StringMap<size_t> IndexById;
  /// Indexes of Resources: by typeNameKey() and by lower-case name (known
  /// names), by lower-case type, and by templateKey() of the symbolic and
  /// the copy loop name.
  llvm::StringMap<std::vector<size_t>> ByTypeName, ByName, ByType, BySymbol,
      ByCopyName;
  llvm::StringSet<> UsedIds;
};

//===- Parameters and variables -------------------------------------------===//

void TemplateScope::readDeclarations(TemplateFrame &F) {
  if (const Node *Ps = getInsensitive(F.Root, "parameters");
      Ps && Ps->is(NodeKind::Map))
    for (const MapEntry &E : Ps->Entries) {
      Lazy &P = F.Params[llvm::StringRef(E.Key).lower()];
      if (P.Decl)
        continue; // JSON duplicates: the first wins, as for lookups
      P.Name = E.Key;
      P.Decl = E.Value;
      P.KeyRange = E.KeyRange;
    }
  const Node *Vs = getInsensitive(F.Root, "variables");
  if (!Vs || !Vs->is(NodeKind::Map))
    return;
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
        Lazy &V = F.Vars[llvm::StringRef(Name->Text).lower()];
        if (V.Decl)
          continue;
        V.Name = Name->Text;
        V.Decl = Item;
        V.KeyRange = Name->Range;
        V.IsCopy = true;
      }
      continue;
    }
    Lazy &V = F.Vars[llvm::StringRef(E.Key).lower()];
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
    if (!Frame->Params.count(Key)) {
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
  if (V.hasAtMostNodes(MaxValueNodes))
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

// A resource too large as a whole keeps its small parts (type, name, small
// properties): only the largest objects' members become Unknown.
Value TemplateScope::boundedMembers(Value V, llvm::StringRef What,
                                    unsigned Depth) {
  if (V.hasAtMostNodes(MaxValueNodes) || !V.is(ValueKind::Object) ||
      Depth > MaxNestingDepth)
    return bounded(std::move(V), What);
  std::vector<Member> Members(V.members().begin(), V.members().end());
  for (Member &M : Members)
    M.V = boundedMembers(std::move(M.V), What.str() + "." + M.Key, Depth + 1);
  return Value::object(std::move(Members), V.origin());
}

void TemplateScope::passReferences(const Lazy &L) {
  if (!Sinks.empty() && Sinks.back() != &L.Refs)
    llvm::append_range(*Sinks.back(), L.Refs);
}

// {"name": {"value": V}} or {"name": {"reference": {...}}} in the nested
// deployment's `properties.parameters`, evaluated in the outer scope;
// nullopt when the deployment gives no value.
std::optional<Value> TemplateScope::suppliedParameter(const Lazy &P) {
  const Value &S = Frame->Supplied;
  if (S.isNull())
    return std::nullopt;
  if (!S.isKnown())
    return S.is(ValueKind::Unknown)
               ? S
               : Value::unknown("the parameters of nested deployment '" +
                                    Frame->DeploymentName +
                                    "' are known only at deployment",
                                S.origin());
  if (!S.is(ValueKind::Object))
    return std::nullopt;
  const Value *Entry = S.getInsensitive(P.Name);
  if (!Entry)
    return std::nullopt;
  if (!Entry->isKnown() || !Entry->is(ValueKind::Object))
    return Entry->is(ValueKind::Unknown)
               ? *Entry
               : Value::unknown("parameter '" + P.Name +
                                    "' of the nested deployment is unknown",
                                Entry->origin());
  if (const Value *V = Entry->getInsensitive("value"))
    return *V;
  if (Entry->getInsensitive("reference"))
    return Value::unknown("parameter '" + P.Name +
                              "' comes from a Key Vault reference",
                          Entry->origin());
  return Value::unknown("parameter '" + P.Name + "' has no 'value'",
                        Entry->origin());
}

Value TemplateScope::resolveParameter(Lazy &P) {
  if (Frame->Nested) {
    if (auto V = suppliedParameter(P))
      return *V;
    if (Frame->HasParametersLink)
      return Value::unknown("parameter '" + P.Name +
                                "' may come from the deployment's "
                                "parametersLink",
                            {File, P.KeyRange});
  } else {
    llvm::StringRef Type;
    if (const Node *T = getInsensitive(P.Decl, "type"))
      if (T->is(NodeKind::String))
        Type = T->Text;
    bool WantString = Type.equals_insensitive("string") ||
                      Type.equals_insensitive("securestring");
    for (auto It = In.ParamOverrides.rbegin(); It != In.ParamOverrides.rend();
         ++It)
      if (llvm::StringRef(It->first).equals_insensitive(P.Name))
        return commandLineValue(It->second, WantString);
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
  auto It = Frame->Params.find(Name.lower());
  if (It == Frame->Params.end()) {
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

void TemplateScope::validateParameters() {
  const Node *Ps = getInsensitive(Frame->Root, "parameters");
  if (!Ps || !Ps->is(NodeKind::Map))
    return;
  llvm::StringSet<> Seen;
  for (const MapEntry &E : Ps->Entries) {
    std::string Key = llvm::StringRef(E.Key).lower();
    if (!Seen.insert(Key).second)
      continue;
    Value V = parameter(E.Key, {File, E.KeyRange});
    checkConstraints(Frame->Params[Key], V);
  }
}

// A warning where the value was written: the parameter file, the default
// value, the nested deployment's parameters; a --param value has no text, so
// the declaration stands in.
void TemplateScope::noteAtValue(const Lazy &P, const Value &V,
                                std::string Message) {
  const Origin &O = V.origin();
  if (In.Parameters && O.File == &In.Parameters->file()) {
    ParamFileDiags.push_back({Severity::Warning, std::move(Message), O.Range});
    return;
  }
  if (O.File == File) {
    note(Severity::Warning, O.Range, std::move(Message));
    return;
  }
  note(Severity::Warning, P.KeyRange, std::move(Message));
}

void TemplateScope::checkConstraints(const Lazy &P, const Value &V) {
  if (!V.isKnown())
    return;
  std::string Name = "parameter '" + P.Name + "'";
  if (const Node *Allowed = getInsensitive(P.Decl, "allowedValues");
      Allowed && Allowed->is(NodeKind::List)) {
    std::vector<Value> Options;
    for (const Node *A : Allowed->Items)
      Options.push_back(literalValue(A, File));
    auto IsAllowed = [&](const Value &X) {
      return llvm::any_of(Options,
                          [&](const Value &O) { return allowedMatch(X, O); });
    };
    std::string List = valueText(Value::array(Options));
    // An array parameter takes any subset of its allowed values.
    if (V.is(ValueKind::Array) && !llvm::any_of(Options, [](const Value &O) {
          return O.is(ValueKind::Array);
        })) {
      for (const Value &Item : V.items())
        if (Item.isFullyKnown() && !IsAllowed(Item))
          noteAtValue(P, V,
                      Name + " has element " + valueText(Item) +
                          ", which is not one of its allowedValues " + List);
    } else if (V.isFullyKnown() && !IsAllowed(V)) {
      noteAtValue(P, V,
                  Name + " is " + valueText(V) +
                      ", which is not one of its allowedValues " + List);
    }
  }
  auto Limit = [&](llvm::StringRef Key) -> std::optional<int64_t> {
    const Node *N = getInsensitive(P.Decl, Key);
    int64_t I;
    if (N && N->is(NodeKind::Number) &&
        !llvm::StringRef(N->Text).getAsInteger(10, I))
      return I;
    return std::nullopt;
  };
  if (V.is(ValueKind::Int)) {
    if (auto Min = Limit("minValue"); Min && V.asInt() < *Min)
      noteAtValue(P, V,
                  Name + " is " + std::to_string(V.asInt()) +
                      ", less than its minValue " + std::to_string(*Min));
    if (auto Max = Limit("maxValue"); Max && V.asInt() > *Max)
      noteAtValue(P, V,
                  Name + " is " + std::to_string(V.asInt()) +
                      ", more than its maxValue " + std::to_string(*Max));
  }
  std::optional<size_t> Length;
  if (V.is(ValueKind::String))
    Length = utf16Length(V.asString());
  else if (V.is(ValueKind::Array))
    Length = V.items().size();
  if (!Length)
    return;
  auto Len = static_cast<int64_t>(*Length);
  if (auto Min = Limit("minLength"); Min && Len < *Min)
    noteAtValue(P, V,
                Name + " has length " + std::to_string(Len) +
                    ", less than its minLength " + std::to_string(*Min));
  if (auto Max = Limit("maxLength"); Max && Len > *Max)
    noteAtValue(P, V,
                Name + " has length " + std::to_string(Len) +
                    ", more than its maxLength " + std::to_string(*Max));
}

Value TemplateScope::variable(llvm::StringRef Name, const Origin &Where) {
  auto It = Frame->Vars.find(Name.lower());
  if (It == Frame->Vars.end()) {
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
  if (const Node *Fns = getInsensitive(Frame->Root, "functions");
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
  if (Frame->Nested) {
    auto It = Frame->ContextValues.find(Key.lower());
    if (It != Frame->ContextValues.end())
      return It->second;
    for (const auto &[Fn, Reason] : Frame->UnknownContext)
      if (Key.startswith_insensitive(Fn + "()"))
        return Value::unknown(Reason);
  }
  for (auto It = In.Context.rbegin(); It != In.Context.rend(); ++It)
    if (llvm::StringRef(It->first).equals_insensitive(Key))
      return commandLineValue(It->second, false);
  return std::nullopt;
}

// reference('<nested deployment>') is the deployment's properties: its
// outputs are known when its template was expanded before this use.
Value TemplateScope::reference(const Value &Target, llvm::ArrayRef<Value> Rest,
                               const Origin &Where) {
  // reference(x, apiVersion, 'Full') returns the whole resource instead.
  bool Full = Rest.size() >= 2 && Rest[1].is(ValueKind::String) &&
              Rest[1].asString().equals_insensitive("Full");
  if (Full)
    return Scope::reference(Target, Rest, Where);
  std::vector<std::string> Ids;
  auto Text = knownString(Target);
  if (Text) {
    Ids = matchId(*Text, CurrentTemplate);
  } else if (LastResourceId &&
             LastResourceId->second.File == Target.origin().File &&
             LastResourceId->second.Range == Target.origin().Range) {
    // reference(resourceId(...)) without the deployment context: the id is
    // Unknown, but its type and names still say which resource is meant.
    Ids = resolve(LastResourceId->first, CurrentTemplate);
  }
  if (Ids.size() != 1)
    return Scope::reference(Target, Rest, Where);
  std::string Name = Text ? *Text : Ids.front();
  const Collected &D = Resources[IndexById.lookup(Ids.front())];
  if (!D.Outputs)
    return Scope::reference(Target, Rest, Where);
  std::vector<Member> Members;
  Members.push_back({"outputs", {}, *D.Outputs});
  for (llvm::StringRef P :
       {"provisioningState", "timestamp", "duration", "correlationId",
        "providers", "dependencies", "outputResources", "validatedResources",
        "templateHash", "parameters", "parametersLink", "mode", "debugSetting",
        "onErrorDeployment", "templateLink", "error"})
    Members.push_back({P.str(),
                       {},
                       Value::unknown("reference('" + Name + "')." + P.str() +
                                          " is known only at deployment",
                                      Where)});
  return Value::object(std::move(Members), Where);
}

void TemplateScope::noteResourceReference(const ResourceReference &Ref) {
  if (!Sinks.empty())
    Sinks.back()->push_back({Ref.Target, Ref.Type, Ref.Names});
  if (llvm::StringRef(Ref.Function).endswith_insensitive("resourceId"))
    LastResourceId = {{Ref.Target, Ref.Type, Ref.Names}, Ref.Where};
}

//===- Converting nodes ---------------------------------------------------===//

Value TemplateScope::convert(const Node *N) {
  Origin O{File, N->Range};
  if (ConvertDepth >= MaxConvertDepth) {
    note(Severity::Error, N->Range, "values nest too deeply to evaluate");
    return Value::unknown("values nest too deeply to evaluate", O);
  }
  if (++ConvertedNodes > MaxConvertedNodes) {
    if (ConvertedNodes == MaxConvertedNodes + 1)
      note(Severity::Warning, N->Range,
           "the template needs more than " + std::to_string(MaxConvertedNodes) +
               " values; the rest is not evaluated");
    return Value::unknown("the template is too large to evaluate", O);
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
    if (E.Value == SkipNode)
      continue;
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
  return convertCopyItems(Name, CountNode, Input, O);
}

Value TemplateScope::convertCopyItems(const std::string &Name,
                                      const Node *CountNode, const Node *Input,
                                      const Origin &O) {
  std::string What =
      Name.empty() ? "the copy loop" : "copy loop '" + Name + "'";
  Value Count = convert(CountNode);
  if (!Count.is(ValueKind::Int))
    return Value::unknown("the count of " + What + " is unknown",
                          Count.origin());
  if (Count.asInt() < 0 || Count.asInt() > MaxCopyCount) {
    note(Severity::Warning, CountNode->Range,
         "copy count " + std::to_string(Count.asInt()) +
             " is outside Azure's limits (0 to 800)");
    return Value::unknown("the count of " + What + " is outside Azure's limits",
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
  if (isDeployment(R) && hasInnerScope(R))
    InertTemplate = getInsensitive(getInsensitive(R, "properties"), "template");
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

void TemplateScope::collectTemplateResources(const Node *Root,
                                             const std::string &Prefix,
                                             std::optional<size_t> DeclaredBy) {
  const Node *Rs = getInsensitive(Root, "resources");
  if (!Rs)
    return;
  if (Rs->is(NodeKind::List)) {
    for (size_t I = 0; I < Rs->Items.size(); ++I)
      collectResource(Rs->Items[I],
                      Prefix + "resources[" + std::to_string(I) + "]", "",
                      {std::nullopt, DeclaredBy});
  } else if (Rs->is(NodeKind::Map)) {
    // languageVersion 2.0: the key is the symbolic name.
    for (const MapEntry &E : Rs->Entries)
      collectResource(E.Value, Prefix + E.Key, E.Key,
                      {std::nullopt, DeclaredBy});
  } else {
    note(Severity::Error, Rs->Range,
         "'resources' must be an array or an object");
  }
}

void TemplateScope::collectResource(const Node *R, const std::string &Path,
                                    const std::string &Symbolic, Owner O) {
  if (!R->is(NodeKind::Map)) {
    note(Severity::Error, R->Range, "a resource must be an object");
    return;
  }
  const Node *Copy = getInsensitive(R, "copy");
  if (!Copy || !Copy->is(NodeKind::Map)) {
    collectInstance(R, Path, Symbolic, O, {}, "");
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
  bool InLimits = Count.is(ValueKind::Int) && Count.asInt() >= 0 &&
                  Count.asInt() <= MaxCopyCount;
  if (InLimits && Resources.size() + static_cast<size_t>(Count.asInt()) >
                      MaxUnitResources) {
    note(Severity::Warning, CountNode->Range,
         "the unit would have more than " + std::to_string(MaxUnitResources) +
             " resources; one representative resource of this copy loop is "
             "kept");
    InLimits = false;
  } else if (Count.is(ValueKind::Int) && !InLimits) {
    note(Severity::Warning, CountNode->Range,
         "copy count " + std::to_string(Count.asInt()) +
             " is outside Azure's limits (0 to 800); one representative "
             "resource is kept");
  }
  if (InLimits) {
    Loop.Expanded = true;
    for (int64_t I = 0; I < Count.asInt(); ++I) {
      Loop.Index = I;
      Loop.Key = Value::integer(I);
      Copies.push_back({Name, I});
      collectInstance(R, Path + "[" + std::to_string(I) + "]", Symbolic, O,
                      Loop, Name);
      Copies.pop_back();
    }
    return;
  }
  Copies.push_back({Name, std::nullopt});
  collectInstance(R, Path, Symbolic, O, Loop, Name);
  Copies.pop_back();
}

void TemplateScope::collectInstance(const Node *R, const std::string &Path,
                                    const std::string &Symbolic, Owner O,
                                    LoopInfo Loop,
                                    const std::string &CopyName) {
  size_t DiagnosticsBefore = Diags.size();
  Collected C;
  C.Parent = O.Parent;
  C.DeclaredBy = O.DeclaredBy;
  C.Template = CurrentTemplate;
  C.CopyName = CopyName;
  const Node *Nested = inlineTemplate(R);
  bool Expand = Nested && mayExpand(R);
  const Node *OuterSkip = SkipNode;
  SkipNode = Expand ? Nested : nullptr;
  Sinks.push_back(&C.Refs);
  Value Props =
      boundedMembers(convertResourceObject(R, C), "resource '" + Path + "'");
  Sinks.pop_back();
  SkipNode = OuterSkip;

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
  if (O.Parent) {
    const Resource &P = Resources[*O.Parent].R;
    // A child's type is relative ("databases", "blobServices/containers")
    // unless it starts with a provider namespace (an extension resource, or
    // the full type written out).
    std::string T = Res.Type;
    bool Relative =
        !T.empty() && !llvm::StringRef(T).split('/').first.contains('.');
    if (Relative && !P.Type.empty())
      Res.Type = P.Type + "/" + Res.Type;
    // Its name has one segment per relative type segment, or is already
    // the full name ("server/db").
    auto ChildName = knownString(Name);
    if (Relative && ChildName &&
        llvm::StringRef(*ChildName).count('/') ==
            llvm::StringRef(T).count('/')) {
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
  // Azure does not evaluate a resource whose condition is false, so errors
  // in it (split(parameters('id'), '/') on an empty id) would be false
  // alarms.
  if (Res.Condition && Res.Condition->is(ValueKind::Bool) &&
      !Res.Condition->asBool())
    Diags.resize(DiagnosticsBefore);
  if (const Value *Existing = Props.getInsensitive("existing"))
    Res.Existing = Existing->is(ValueKind::Bool) && Existing->asBool();
  Res.Properties = std::move(Props);

  std::string Base;
  if (auto N = knownString(Res.Name); N && !Res.Type.empty())
    Base = Res.Type + "/" + *N;
  else if (!Symbolic.empty())
    Base = IdPrefix + Symbolic +
           (Res.Loop.Index ? "[" + std::to_string(*Res.Loop.Index) + "]" : "");
  else
    Base = Path;
  Res.Id = uniqueId(Base);

  size_t Self = Resources.size();
  IndexById[Res.Id] = Self;
  ByType[llvm::StringRef(Res.Type).lower()].push_back(Self);
  if (auto N = knownString(Res.Name)) {
    ByTypeName[typeNameKey(Res.Type, *N)].push_back(Self);
    ByName[llvm::StringRef(*N).lower()].push_back(Self);
  }
  if (!Symbolic.empty())
    BySymbol[templateKey(CurrentTemplate, Symbolic)].push_back(Self);
  if (!CopyName.empty())
    ByCopyName[templateKey(CurrentTemplate, CopyName)].push_back(Self);
  Resources.push_back(std::move(C));
  if (Expand)
    expandDeployment(R, Nested, Self);
  collectChildren(R, Path, Self);
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
                    Path + ".resources[" + std::to_string(I) + "]", "",
                    {Self, std::nullopt});
}

//===- Nested deployments -------------------------------------------------===//

bool TemplateScope::mayExpand(const Node *R) {
  const Node *Type = getInsensitive(R, "type");
  SourceRange At = Type ? Type->Range : R->Range;
  if (DeploymentDepth >= MaxDeploymentDepth) {
    note(Severity::Warning, At,
         "nested deployments go deeper than " +
             std::to_string(MaxDeploymentDepth) +
             " levels; the resources of this template are not expanded");
    return false;
  }
  if (Resources.size() >= MaxUnitResources) {
    note(Severity::Warning, At,
         "the unit has more than " + std::to_string(MaxUnitResources) +
             " resources; the resources of this template are not expanded");
    return false;
  }
  return true;
}

// An inner scope sees the deployment's parameters and changes the context
// the deployment changes: its own name, and the resource group,
// subscription or scope it targets.
void TemplateScope::enterInnerScope(TemplateFrame &F, size_t Deployment) {
  const Resource &D = Resources[Deployment].R;
  F.Nested = true;
  F.DeploymentName = knownString(D.Name).value_or(D.Id);
  const Value *Props = D.Properties.getInsensitive("properties");
  if (Props && Props->is(ValueKind::Object)) {
    if (const Value *S = Props->getInsensitive("parameters"))
      F.Supplied = *S;
    F.HasParametersLink = Props->getInsensitive("parametersLink") != nullptr;
  } else if (Props) {
    F.Supplied = *Props; // Unknown: so are the parameters
  }
  F.ContextValues["deployment().name"] = D.Name;
  std::string Dep = "nested deployment '" + F.DeploymentName + "'";
  F.UnknownContext.push_back(
      {"deployment",
       "deployment() of " + Dep + " is known only at deployment"});
  const Value *Group = D.Properties.getInsensitive("resourceGroup");
  const Value *Sub = D.Properties.getInsensitive("subscriptionId");
  const Value *Target = D.Properties.getInsensitive("scope");
  if (Target) {
    for (const char *Fn : {"resourceGroup", "subscription", "managementGroup"})
      F.UnknownContext.push_back(
          {Fn, std::string(Fn) + "() of " + Dep +
                   " (deployed to another scope) is known only at "
                   "deployment"});
    return;
  }
  if (Group) {
    F.ContextValues["resourcegroup().name"] = *Group;
    F.UnknownContext.push_back(
        {"resourceGroup", "resourceGroup() of " + Dep +
                              " (deployed to another resource group) is "
                              "known only at deployment"});
  }
  if (Sub) {
    F.ContextValues["subscription().subscriptionid"] = *Sub;
    F.UnknownContext.push_back(
        {"subscription", "subscription() of " + Dep +
                             " (deployed to another subscription) is known "
                             "only at deployment"});
    if (!Group)
      F.UnknownContext.push_back(
          {"resourceGroup", "resourceGroup() of " + Dep +
                                " (deployed to a subscription) is known only "
                                "at deployment"});
  }
}

void TemplateScope::expandDeployment(const Node *R, const Node *Template,
                                     size_t Self) {
  bool Inner = hasInnerScope(R);
  size_t First = Resources.size();
  TemplateFrame *OuterFrame = Frame;
  unsigned OuterTemplate = CurrentTemplate;
  std::string OuterPrefix = IdPrefix;
  std::vector<CopyFrame> OuterCopies;
  bool OuterInProperties = InProperties;
  InProperties = false;
  if (Inner) {
    // The nested template is a template of its own: the outer copy loops
    // mean nothing in it.
    std::swap(OuterCopies, Copies);
    Frames.push_back(std::make_unique<TemplateFrame>());
    Frame = Frames.back().get();
    Frame->Root = Template;
    enterInnerScope(*Frame, Self);
    readDeclarations(*Frame);
    if (Frame->Supplied.is(ValueKind::Object))
      for (const Member &M : Frame->Supplied.members())
        if (!Frame->Params.count(llvm::StringRef(M.Key).lower()))
          note(Severity::Warning, M.KeyOrigin.Range,
               "parameter '" + M.Key +
                   "' is not declared in the nested template");
    validateParameters();
  }
  CurrentTemplate = TemplateCount++;
  IdPrefix = Resources[Self].R.Id + "/";
  ++DeploymentDepth;
  collectTemplateResources(Template, IdPrefix, Self);
  Value Outputs = evaluateOutputs(Template);
  --DeploymentDepth;
  Resources[Self].Outputs = bounded(std::move(Outputs), "outputs");
  IdPrefix = OuterPrefix;
  CurrentTemplate = OuterTemplate;
  Frame = OuterFrame;
  if (Inner)
    std::swap(OuterCopies, Copies);
  InProperties = OuterInProperties;
  applyDeploymentCondition(Self, First);
}

// {"name": {"type": t, "value": v}} or {"name": {"type": t, "copy":
// {"count": n, "input": x}}}, with an optional "condition".
Value TemplateScope::evaluateOutputs(const Node *Template) {
  const Node *Outs = getInsensitive(Template, "outputs");
  Origin O{File, Outs ? Outs->Range : Template->Range};
  std::vector<Member> Members;
  if (!Outs || !Outs->is(NodeKind::Map))
    return Value::object(std::move(Members), O);
  // The template's own references are edges of its resources already.
  std::vector<PendingRef> Ignored;
  Sinks.push_back(&Ignored);
  for (const MapEntry &E : Outs->Entries) {
    const Node *Out = E.Value;
    Origin At{File, Out->Range};
    std::optional<Value> Cond;
    if (const Node *C = getInsensitive(Out, "condition"))
      Cond = convert(C);
    if (Cond && Cond->is(ValueKind::Bool) && !Cond->asBool())
      continue; // a false condition: the output is not returned
    Value V;
    const Node *Copy = getInsensitive(Out, "copy");
    if (Cond && !Cond->is(ValueKind::Bool))
      V = Value::unknown("the condition of output '" + E.Key + "' is unknown",
                         Cond->origin());
    else if (Copy && getInsensitive(Copy, "count") &&
             getInsensitive(Copy, "input"))
      V = convertCopyItems("", getInsensitive(Copy, "count"),
                           getInsensitive(Copy, "input"), At);
    else if (const Node *Val = getInsensitive(Out, "value"))
      V = convert(Val);
    else
      V = Value::unknown("output '" + E.Key + "' has no value", At);
    std::vector<Member> Output;
    if (const Node *T = getInsensitive(Out, "type"))
      Output.push_back({"type", {File, T->Range}, literalValue(T, File)});
    Output.push_back({"value", {}, std::move(V)});
    Members.push_back(
        {E.Key, {File, E.KeyRange}, Value::object(std::move(Output), At)});
  }
  Sinks.pop_back();
  return Value::object(std::move(Members), O);
}

// A deployment that may not run takes everything it declares with it:
// false wins, and unknown makes a true or absent condition unknown.
void TemplateScope::applyDeploymentCondition(size_t Deployment, size_t First) {
  std::optional<Value> DC = Resources[Deployment].R.Condition;
  if (!DC || (DC->is(ValueKind::Bool) && DC->asBool()))
    return;
  bool KnownFalse = DC->is(ValueKind::Bool);
  for (size_t I = First; I < Resources.size(); ++I) {
    std::optional<Value> &C = Resources[I].R.Condition;
    if (!C || KnownFalse || (C->is(ValueKind::Bool) && C->asBool()))
      C = *DC;
  }
}

//===- Edges --------------------------------------------------------------===//

std::vector<std::string>
TemplateScope::matchTypeName(llvm::StringRef Type, llvm::StringRef Name) const {
  std::vector<std::string> Out;
  auto It = ByTypeName.find(typeNameKey(Type, Name));
  if (It != ByTypeName.end())
    for (size_t I : It->second)
      Out.push_back(Resources[I].R.Id);
  return Out;
}

// A resource id ("/subscriptions/../providers/Ns/t1/n1/t2/n2"), its provider
// part alone ("Ns/t1/n1"), a symbolic name or a copy loop name of the
// template From, or a resource name (that template's first).
std::vector<std::string> TemplateScope::matchId(llvm::StringRef Text,
                                                unsigned From) const {
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
  auto Ids = [&](const llvm::StringMap<std::vector<size_t>> &Index,
                 const std::string &Key, bool SameTemplate) {
    std::vector<std::string> Out;
    auto It = Index.find(Key);
    if (It != Index.end())
      for (size_t I : It->second)
        if (!SameTemplate || Resources[I].Template == From)
          Out.push_back(Resources[I].R.Id);
    return Out;
  };
  std::string Scoped = templateKey(From, Text);
  if (auto Out = Ids(BySymbol, Scoped, false); !Out.empty())
    return Out;
  if (auto Out = Ids(ByCopyName, Scoped, false); !Out.empty())
    return Out;
  // A bare name that several resources share does not say which one.
  std::vector<std::string> Out = Ids(ByName, Text.lower(), true);
  if (Out.empty())
    Out = Ids(ByName, Text.lower(), false);
  if (Out.size() > 1)
    Out.clear();
  return Out;
}

std::vector<std::string> TemplateScope::resolve(const PendingRef &R,
                                                unsigned From) const {
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
    if (auto It = ByType.find(llvm::StringRef(*Type).lower());
        It != ByType.end())
      for (size_t I : It->second)
        if (!Known || !Resources[I].R.Name.is(ValueKind::String))
          Candidates.push_back(Resources[I].R.Id);
    if (Candidates.size() == 1)
      return Candidates;
  }
  if (auto Target = knownString(R.Target))
    return matchId(*Target, From);
  return {};
}

void TemplateScope::link() {
  for (const Collected &C : Resources)
    Unit.Graph.add(C.R);
  for (const Collected &C : Resources) {
    const std::string &From = C.R.Id;
    if (C.Parent)
      Unit.Graph.connect(From, Resources[*C.Parent].R.Id, EdgeKind::Parent);
    if (C.DeclaredBy)
      Unit.Graph.connect(From, Resources[*C.DeclaredBy].R.Id, EdgeKind::Parent);
    for (const DependsEntry &D : C.Depends) {
      std::vector<std::string> To;
      for (const PendingRef &R : D.Refs)
        if (To = resolve(R, C.Template); !To.empty())
          break;
      if (To.empty())
        To = resolve({D.Entry, {}, {}}, C.Template);
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
      for (const std::string &T : resolve(R, C.Template))
        if (T != From)
          Unit.Graph.connect(From, T, EdgeKind::Reference);
  }
  // Children declared on their own ("Ns/t1/t2" named "a/b"), as Bicep's
  // evaluator connects them too.
  Unit.Graph.connectChildrenByName();
}

void TemplateScope::run() {
  const Node *Root = In.Template->root();
  if (!Root || !Root->is(NodeKind::Map))
    return;
  Frames.push_back(std::make_unique<TemplateFrame>());
  Frame = Frames.back().get();
  Frame->Root = Root;
  readDeclarations(*Frame);
  readParameterFile();
  validateParameters();
  collectTemplateResources(Root, "", std::nullopt);
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
