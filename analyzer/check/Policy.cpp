//===- Policy.cpp - User checks from declarative YAML ---------------------===//
#include "analyzer/check/Policy.h"

#include "analyzer/check/Engine.h"
#include "analyzer/check/Predicates.h"
#include "parsers/cloudformation/YamlParser.h"
#include "parsers/common/TreeReader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <filesystem>

namespace rampart::check {

using model::Value;

llvm::StringRef relationName(GraphCondition::Relation R) {
  switch (R) {
  case GraphCondition::Relation::Attached:
    return "attached";
  case GraphCondition::Relation::References:
    return "references";
  case GraphCondition::Relation::ReferencedBy:
    return "referencedBy";
  }
  return "attached";
}

//===----------------------------------------------------------------------===//
// Evaluation
//===----------------------------------------------------------------------===//

namespace {

/// Whether a related resource is deployed: True, False (an `existing`
/// resource, a false condition) or Unknown (a condition not known).
Truth deployed(const model::Resource &R) {
  if (R.Existing)
    return Truth::False;
  if (!R.Condition)
    return Truth::True;
  if (R.Condition->is(model::ValueKind::Bool))
    return fromBool(R.Condition->asBool());
  return Truth::Unknown;
}

bool typeMatches(Family F, llvm::StringRef Type,
                 llvm::ArrayRef<std::string> Types) {
  return llvm::any_of(Types, [&](const std::string &T) {
    return F == Family::Arm ? Type.equals_insensitive(T) : Type == T;
  });
}

/// The resources related to R by Rel, each once, in edge order.
std::vector<const model::Resource *>
relatedResources(const model::Resource &R, const model::ResourceGraph &G,
                 GraphCondition::Relation Rel) {
  using model::EdgeKind;
  std::vector<const model::Resource *> Out;
  auto Add = [&](llvm::StringRef Id) {
    const model::Resource *X = G.find(Id);
    if (X && X != &R && !llvm::is_contained(Out, X))
      Out.push_back(X);
  };
  for (const model::Edge &E : G.edges()) {
    switch (Rel) {
    case GraphCondition::Relation::Attached:
      if (E.Kind != EdgeKind::Attachment)
        break;
      if (E.From == R.Id)
        Add(E.To);
      else if (E.To == R.Id)
        Add(E.From);
      break;
    case GraphCondition::Relation::References:
      if (E.Kind == EdgeKind::Reference && E.From == R.Id)
        Add(E.To);
      break;
    case GraphCondition::Relation::ReferencedBy:
      if (E.Kind == EdgeKind::Reference && E.To == R.Id)
        Add(E.From);
      break;
    }
  }
  return Out;
}

/// "an attached aws_s3_bucket_public_access_block",
/// "a referenced Microsoft.Network/networkSecurityGroups".
std::string relatedPhrase(const GraphCondition &G) {
  std::string Types = llvm::join(G.Types, " or ");
  switch (G.TheRelation) {
  case GraphCondition::Relation::Attached:
    return "attached " + Types;
  case GraphCondition::Relation::References:
    return "referenced " + Types;
  case GraphCondition::Relation::ReferencedBy:
    return Types + " referring to it";
  }
  return Types;
}

std::string ruleSummary(const std::vector<PropertyRule> &Rules) {
  std::vector<std::string> Parts;
  for (const PropertyRule &R : Rules)
    Parts.push_back(R.paths().front() + " " + R.expectation());
  return llvm::join(Parts, " and ");
}

/// Whether every rule holds for X: Kleene "and", with the first unknown
/// rule's detail kept for the message.
Truth rulesHold(const std::vector<PropertyRule> &Rules, const Subject &X,
                std::string &UnknownDetail) {
  Truth All = Truth::True;
  for (const PropertyRule &Rule : Rules) {
    Evaluation E = Rule.evaluate(X);
    Truth T = E.Result == Outcome::Healthy     ? Truth::True
              : E.Result == Outcome::Unhealthy ? Truth::False
                                               : Truth::Unknown;
    if (T == Truth::Unknown && UnknownDetail.empty())
      UnknownDetail = E.Detail;
    All = truthAnd(All, T);
  }
  return All;
}

Evaluation evaluateGraph(const GraphCondition &G, Family F, const Subject &S) {
  Truth Exists = Truth::False;
  std::string Detail, Matched;
  for (const model::Resource *X :
       relatedResources(S.Resource, S.Unit.Graph, G.TheRelation)) {
    if (!typeMatches(F, X->Type, G.Types))
      continue;
    std::string Why;
    Truth T = truthAnd(deployed(*X), rulesHold(G.Where, {*X, S.Unit}, Why));
    if (T == Truth::True && Matched.empty())
      Matched = resourceLabel(*X);
    if (T == Truth::Unknown && Detail.empty())
      Detail = resourceLabel(*X) + ": " +
               (Why.empty() ? "whether it is deployed is not known" : Why);
    Exists = truthOr(Exists, T);
  }
  std::string What = relatedPhrase(G);
  if (!G.Where.empty())
    What += " with " + ruleSummary(G.Where);
  if (Exists == Truth::Unknown)
    return {Outcome::Unknown,
            nullptr,
            {},
            "whether it has an " + What + " is not known (" + Detail + ")"};
  bool Healthy = (Exists == Truth::True) == G.MustExist;
  if (Healthy)
    return Evaluation::healthy();
  return {Outcome::Unhealthy,
          nullptr,
          {},
          G.MustExist ? "has no " + What
                      : "has an " + What + " ('" + Matched + "')"};
}

} // namespace

namespace {

/// Healthy when some rule holds; else unknown when some rule is unknown;
/// else the first rule's finding ("healthy when A or B": A names the fix).
Evaluation anyHolds(llvm::ArrayRef<PropertyRule> Rules, const Subject &S) {
  std::optional<Evaluation> FirstUnhealthy, FirstUnknown;
  for (const PropertyRule &R : Rules) {
    Evaluation E = R.evaluate(S);
    if (E.Result == Outcome::Healthy)
      return E;
    if (E.Result == Outcome::Unknown && !FirstUnknown)
      FirstUnknown = std::move(E);
    else if (E.Result == Outcome::Unhealthy && !FirstUnhealthy)
      FirstUnhealthy = std::move(E);
  }
  if (FirstUnknown)
    return *FirstUnknown;
  return FirstUnhealthy ? *FirstUnhealthy : Evaluation::notApplicable();
}

} // namespace

Evaluation DeclaredBinding::evaluate(const Subject &S) const {
  std::optional<Evaluation> FirstUnknown;
  auto Consider = [&](Evaluation E) -> std::optional<Evaluation> {
    if (E.Result == Outcome::Unhealthy)
      return E;
    if (E.Result == Outcome::Unknown && !FirstUnknown)
      FirstUnknown = std::move(E);
    return std::nullopt;
  };
  for (const PropertyRule &R : Rules)
    if (std::optional<Evaluation> Bad = Consider(R.evaluate(S)))
      return *Bad;
  if (!AnyOf.empty())
    if (std::optional<Evaluation> Bad = Consider(anyHolds(AnyOf, S)))
      return *Bad;
  for (const GraphCondition &G : Graph)
    if (std::optional<Evaluation> Bad =
            Consider(evaluateGraph(G, TheFamily, S)))
      return *Bad;
  return FirstUnknown ? *FirstUnknown : Evaluation::healthy();
}

//===----------------------------------------------------------------------===//
// Reading policy files
//===----------------------------------------------------------------------===//

namespace {

/// Reads one file's tree into checks, collecting errors at exact ranges.
class PolicyReader : TreeReader {
public:
  PolicyReader(const SourceFile &File, std::vector<Diagnostic> &Diags)
      : TreeReader(Diags), File(File) {}

  /// The checks read without error, each with the range of its id.
  std::vector<std::pair<std::unique_ptr<Check>, SourceRange>>
  read(const Node *Root);

private:
  std::optional<Value> value(const Node *N);
  std::optional<std::vector<Value>> values(const Node *N, llvm::StringRef What);

  std::unique_ptr<Check> readCheck(const Node *N);
  std::optional<Binding> readBinding(const Node *N);
  std::optional<std::vector<PropertyRule>> readRules(const Node *N, Family F);
  std::optional<PropertyRule> readRule(const Node *N, Family F);
  bool readTest(const Node *Rule, PropertyRule &Out);
  std::optional<NamedPredicate> readPredicate(const Node *N);
  bool readDefaults(const Node *N, Family F, PropertyRule &Out);
  std::optional<DefaultCondition> readWhen(const Node *N, Family F);
  bool readMissing(const Node *N, PropertyRule &Out);
  std::optional<GraphCondition> readGraph(const Node *N, Family F);

  const SourceFile &File;
};

std::optional<Value> PolicyReader::value(const Node *N) {
  switch (N->Kind) {
  case NodeKind::Null:
    return Value::null();
  case NodeKind::Bool:
    return Value::boolean(N->BoolValue);
  case NodeKind::String:
    return Value::string(N->Text);
  case NodeKind::Number: {
    std::optional<double> D = N->number();
    if (!D) {
      error(N->Range, "'" + N->Text + "' is not a number Rampart can read");
      return std::nullopt;
    }
    int64_t I;
    if (!llvm::StringRef(N->Text).getAsInteger(10, I))
      return Value::integer(I);
    return Value::floating(*D);
  }
  case NodeKind::List: {
    std::vector<Value> Items;
    for (const Node *Item : N->Items) {
      std::optional<Value> V = value(Item);
      if (!V)
        return std::nullopt;
      Items.push_back(std::move(*V));
    }
    return Value::array(std::move(Items));
  }
  case NodeKind::Map: {
    std::vector<model::Member> Members;
    for (const MapEntry &E : N->Entries) {
      std::optional<Value> V = value(E.Value);
      if (!V)
        return std::nullopt;
      Members.push_back({E.Key, {}, std::move(*V)});
    }
    return Value::object(std::move(Members));
  }
  case NodeKind::Expression:
    break;
  }
  error(N->Range, "tags ('" + N->Text + "') have no meaning in a policy");
  return std::nullopt;
}

std::optional<std::vector<Value>> PolicyReader::values(const Node *N,
                                                       llvm::StringRef What) {
  if (!N->is(NodeKind::List)) {
    error(N->Range, What.str() + " must be a list, not " + kindWord(N));
    return std::nullopt;
  }
  std::optional<Value> V = value(N);
  if (!V)
    return std::nullopt;
  return std::vector<Value>(V->items().begin(), V->items().end());
}

std::vector<std::pair<std::unique_ptr<Check>, SourceRange>>
PolicyReader::read(const Node *Root) {
  std::vector<std::pair<std::unique_ptr<Check>, SourceRange>> Out;
  if (!Root || Root->is(NodeKind::Null)) {
    error(Root ? Root->Range : SourceRange{},
          "a policy file must hold a check (a mapping with 'id') or "
          "'checks:', a list of them");
    return Out;
  }
  if (!expectMap(Root, "a policy file"))
    return Out;
  std::vector<const Node *> CheckNodes = {Root};
  if (const Node *List = Root->get("checks")) {
    if (!checkKeys(Root, {"checks"}, "a file with 'checks'"))
      return Out;
    if (!List->is(NodeKind::List) || List->Items.empty()) {
      error(List->Range, "'checks' must be a non-empty list of checks");
      return Out;
    }
    CheckNodes.assign(List->Items.begin(), List->Items.end());
  }
  for (const Node *N : CheckNodes)
    if (std::unique_ptr<Check> C = readCheck(N))
      Out.push_back({std::move(C), N->get("id")->Range});
  return Out;
}

bool validId(llvm::StringRef Id) {
  return !Id.empty() && llvm::isAlnum(Id.front()) &&
         llvm::all_of(Id, [](char C) {
           return llvm::isAlnum(C) || C == '-' || C == '_' || C == '.';
         });
}

std::unique_ptr<Check> PolicyReader::readCheck(const Node *N) {
  if (!expectMap(N, "a check"))
    return nullptr;
  size_t Before = Diags.size();
  checkKeys(N,
            {"id", "title", "severity", "control", "compliance", "why",
             "remediation", "references", "bindings"},
            "a check");
  auto C = std::make_unique<Check>();
  C->Source = File.path().str();
  if (const Node *Id = required(N, "id", "a check"))
    if (std::optional<std::string> T = text(Id, "'id'")) {
      if (validId(*T))
        C->Id = *T;
      else
        error(Id->Range, "check id '" + *T +
                             "' must be letters, digits, '-', '_' and '.', "
                             "starting with a letter or digit");
    }
  if (const Node *T = required(N, "title", "a check"))
    if (std::optional<std::string> S = text(T, "'title'"))
      C->Title = *S;
  if (const Node *Sev = required(N, "severity", "a check"))
    if (std::optional<std::string> S = text(Sev, "'severity'")) {
      if (std::optional<Level> L = levelNamed(*S))
        C->Severity = *L;
      else
        error(Sev->Range, "severity '" + *S +
                              "' is not one of low, medium, high, critical");
    }
  auto OptionalText = [&](llvm::StringRef Key, std::string &Field) {
    if (const Node *V = N->get(Key))
      if (std::optional<std::string> S = text(V, "'" + Key.str() + "'"))
        Field = *S;
  };
  OptionalText("control", C->Control);
  OptionalText("why", C->Why);
  OptionalText("remediation", C->Remediation);
  if (const Node *Refs = N->get("references"))
    if (auto R = texts(Refs, "'references'"))
      C->References = *R;
  if (const Node *Comp = N->get("compliance")) {
    if (!Comp->is(NodeKind::List))
      error(Comp->Range, "'compliance' must be a list of {framework, id}");
    else
      for (const Node *Item : Comp->Items) {
        if (!expectMap(Item, "a compliance entry") ||
            !checkKeys(Item, {"framework", "id"}, "a compliance entry"))
          continue;
        const Node *F = required(Item, "framework", "a compliance entry");
        const Node *I = required(Item, "id", "a compliance entry");
        if (!F || !I)
          continue;
        std::optional<std::string> FT = text(F, "'framework'");
        std::optional<std::string> IT = text(I, "'id'");
        if (FT && IT)
          C->Compliance.push_back({*FT, *IT});
      }
  }
  if (const Node *Bs = required(N, "bindings", "a check")) {
    if (!Bs->is(NodeKind::List) || Bs->Items.empty())
      error(Bs->Range, "'bindings' must be a non-empty list of bindings");
    else
      for (const Node *B : Bs->Items)
        if (std::optional<Binding> Bound = readBinding(B))
          C->Bindings.push_back(std::move(*Bound));
  }
  bool HasErrors = llvm::any_of(
      llvm::make_range(Diags.begin() + Before, Diags.end()),
      [](const Diagnostic &D) { return D.Level == Severity::Error; });
  return HasErrors ? nullptr : std::move(C);
}

std::optional<Family> familyNamed(llvm::StringRef Name) {
  for (Family F : {Family::Arm, Family::Terraform, Family::CloudFormation})
    if (familyName(F) == Name)
      return F;
  return std::nullopt;
}

std::optional<Binding> PolicyReader::readBinding(const Node *N) {
  if (!expectMap(N, "a binding"))
    return std::nullopt;
  size_t Before = Diags.size();
  checkKeys(N, {"family", "provider", "types", "property", "anyOf", "graph"},
            "a binding");
  Binding B;
  auto Declared = std::make_shared<DeclaredBinding>();
  const Node *FamilyNode = required(N, "family", "a binding");
  std::optional<std::string> FamilyText =
      FamilyNode ? text(FamilyNode, "'family'") : std::nullopt;
  if (!FamilyText)
    return std::nullopt;
  std::optional<Family> F = familyNamed(*FamilyText);
  if (!F) {
    error(FamilyNode->Range, "family '" + *FamilyText +
                                 "' is not one of arm, terraform, "
                                 "cloudformation");
    return std::nullopt;
  }
  B.TheFamily = Declared->TheFamily = *F;
  const Node *Provider = N->get("provider");
  if (*F == Family::Terraform) {
    if (const Node *P = required(N, "provider", "a terraform binding"))
      if (std::optional<std::string> T = text(P, "'provider'"))
        B.Provider = *T;
  } else if (Provider) {
    error(Provider->Range, "'provider' applies to terraform bindings only");
  }
  if (const Node *Types = required(N, "types", "a binding"))
    if (auto T = texts(Types, "'types'")) {
      if (T->empty())
        error(Types->Range, "'types' must name at least one resource type");
      B.Types = *T;
    }
  const Node *Property = N->get("property");
  const Node *AnyOf = N->get("anyOf");
  const Node *Graph = N->get("graph");
  if (!Property && !AnyOf && !Graph)
    error(N->Range, "a binding needs 'property' rules, 'anyOf' rules, "
                    "'graph' conditions or a combination");
  if (Property)
    if (auto Rules = readRules(Property, *F))
      Declared->Rules = std::move(*Rules);
  if (AnyOf) {
    if (!AnyOf->is(NodeKind::List) || AnyOf->Items.size() < 2)
      error(AnyOf->Range, "'anyOf' must be a list of at least two property "
                          "rules");
    else if (auto Rules = readRules(AnyOf, *F))
      Declared->AnyOf = std::move(*Rules);
  }
  if (Graph) {
    if (!Graph->is(NodeKind::List) || Graph->Items.empty())
      error(Graph->Range, "'graph' must be a non-empty list of conditions");
    else
      for (const Node *G : Graph->Items)
        if (std::optional<GraphCondition> C = readGraph(G, *F))
          Declared->Graph.push_back(std::move(*C));
  }
  if (Diags.size() > Before &&
      llvm::any_of(
          llvm::make_range(Diags.begin() + Before, Diags.end()),
          [](const Diagnostic &D) { return D.Level == Severity::Error; }))
    return std::nullopt;
  // One rule alone is exactly a built-in's property binding.
  if (Declared->Rules.size() == 1 && Declared->Graph.empty() &&
      Declared->AnyOf.empty())
    B.Rule = std::make_shared<const PropertyRule>(Declared->Rules.front());
  B.Evaluate = [Declared](const Subject &S) { return Declared->evaluate(S); };
  B.Declared = std::move(Declared);
  return B;
}

std::optional<std::vector<PropertyRule>> PolicyReader::readRules(const Node *N,
                                                                 Family F) {
  std::vector<PropertyRule> Out;
  if (N->is(NodeKind::List)) {
    if (N->Items.empty()) {
      error(N->Range, "'property' must hold at least one rule");
      return std::nullopt;
    }
    bool Ok = true;
    for (const Node *Item : N->Items) {
      std::optional<PropertyRule> R = readRule(Item, F);
      Ok &= R.has_value();
      if (R)
        Out.push_back(std::move(*R));
    }
    if (!Ok)
      return std::nullopt;
    return Out;
  }
  std::optional<PropertyRule> R = readRule(N, F);
  if (!R)
    return std::nullopt;
  Out.push_back(std::move(*R));
  return Out;
}

std::optional<PropertyRule> PolicyReader::readRule(const Node *N, Family F) {
  if (!expectMap(N, "a property rule"))
    return std::nullopt;
  size_t Before = Diags.size();
  checkKeys(N,
            {"path", "aliases", "equals", "oneOf", "noneOf", "predicate",
             "defaults", "missing"},
            "a property rule");
  const Node *Path = required(N, "path", "a property rule");
  std::optional<std::string> P = Path ? text(Path, "'path'") : std::nullopt;
  if (!P)
    return std::nullopt;
  if (P->empty() || llvm::StringRef(*P).startswith(".") ||
      llvm::StringRef(*P).endswith(".") || llvm::StringRef(*P).contains("..")) {
    error(Path->Range,
          "path '" + *P + "' must be dot-separated property names");
    return std::nullopt;
  }
  PropertyRule Rule(*P);
  if (const Node *A = N->get("aliases"))
    if (auto Aliases = texts(A, "'aliases'"))
      for (std::string &Alias : *Aliases)
        Rule.alias(std::move(Alias));
  readTest(N, Rule);
  if (const Node *D = N->get("defaults"))
    readDefaults(D, F, Rule);
  if (const Node *M = N->get("missing"))
    readMissing(M, Rule);
  if (llvm::any_of(
          llvm::make_range(Diags.begin() + Before, Diags.end()),
          [](const Diagnostic &D) { return D.Level == Severity::Error; }))
    return std::nullopt;
  return Rule;
}

bool PolicyReader::readTest(const Node *Rule, PropertyRule &Out) {
  const MapEntry *Test = nullptr;
  for (const MapEntry &E : Rule->Entries) {
    static const llvm::StringRef Tests[] = {"equals", "oneOf", "noneOf",
                                            "predicate"};
    if (!llvm::is_contained(Tests, E.Key))
      continue;
    if (Test) {
      error(E.KeyRange, "a property rule has one test: '" + Test->Key +
                            "' is already given");
      return false;
    }
    Test = &E;
  }
  if (!Test) {
    error(Rule->Range, "a property rule needs one of 'equals', 'oneOf', "
                       "'noneOf' or 'predicate'");
    return false;
  }
  if (Test->Key == "equals") {
    std::optional<Value> V = value(Test->Value);
    if (V)
      Out.mustEqual(std::move(*V));
    return V.has_value();
  }
  if (Test->Key == "predicate") {
    std::optional<NamedPredicate> P = readPredicate(Test->Value);
    if (P)
      Out.satisfies(std::move(*P));
    return P.has_value();
  }
  std::optional<std::vector<Value>> Vs =
      values(Test->Value, "'" + Test->Key + "'");
  if (!Vs)
    return false;
  if (Vs->empty()) {
    error(Test->Value->Range, "'" + Test->Key + "' needs at least one value");
    return false;
  }
  if (Test->Key == "oneOf")
    Out.mustBeOneOf(std::move(*Vs));
  else
    Out.mustNotBeOneOf(std::move(*Vs));
  return true;
}

std::optional<NamedPredicate> PolicyReader::readPredicate(const Node *N) {
  NamedPredicate P;
  const Node *Name = N;
  if (N->is(NodeKind::Map)) {
    if (!checkKeys(N, {"name", "args", "negate"}, "a predicate"))
      return std::nullopt;
    Name = required(N, "name", "a predicate");
    if (!Name)
      return std::nullopt;
  }
  std::optional<std::string> T = text(Name, "a predicate's name");
  if (!T)
    return std::nullopt;
  const PredicateInfo *Info = findNamedPredicate(*T);
  if (!Info) {
    std::vector<std::string> Known;
    for (const PredicateInfo &I : namedPredicates())
      Known.push_back(I.Name);
    error(Name->Range, "no predicate named '" + *T +
                           "' (known: " + llvm::join(Known, ", ") + ")");
    return std::nullopt;
  }
  P.Name = *T;
  if (N->is(NodeKind::Map)) {
    if (const Node *Neg = N->get("negate")) {
      if (!Neg->is(NodeKind::Bool)) {
        error(Neg->Range, "'negate' must be true or false");
        return std::nullopt;
      }
      P.Negated = Neg->BoolValue;
    }
    if (const Node *Args = N->get("args")) {
      if (!expectMap(Args, "'args'"))
        return std::nullopt;
      for (const MapEntry &E : Args->Entries) {
        std::optional<Value> V = value(E.Value);
        if (!V)
          return std::nullopt;
        P.Args.push_back({E.Key, std::move(*V)});
        std::string Error;
        auto Param = llvm::find_if(Info->Params, [&](const PredicateParam &X) {
          return X.Name == E.Key;
        });
        if (Param == Info->Params.end()) {
          error(E.KeyRange,
                "predicate '" + P.Name + "' has no parameter '" + E.Key + "'");
          return std::nullopt;
        }
        if (!P.Args.back().second.is(Param->Kind)) {
          error(E.Value->Range,
                "'" + E.Key + "' of predicate '" + P.Name + "' must be " +
                    (Param->Kind == model::ValueKind::Int ? "an integer"
                                                          : "a string"));
          return std::nullopt;
        }
      }
    }
  }
  std::string Error;
  if (!namedPredicateTest(P, Error)) {
    error(N->Range, Error);
    return std::nullopt;
  }
  return P;
}

bool isDate(llvm::StringRef S) {
  return S.size() == 10 && S[4] == '-' && S[7] == '-' &&
         llvm::all_of(S.take_front(4), llvm::isDigit) &&
         llvm::all_of(S.substr(5, 2), llvm::isDigit) &&
         llvm::all_of(S.substr(8, 2), llvm::isDigit);
}

std::optional<DefaultCondition> PolicyReader::readWhen(const Node *N,
                                                       Family F) {
  if (!expectMap(N, "'when'") ||
      !checkKeys(N,
                 {"apiVersionSince", "apiVersionBefore", "providerMajorSince",
                  "providerMajorBefore"},
                 "'when'"))
    return std::nullopt;
  if (N->Entries.size() != 1) {
    error(N->Range, "'when' holds one of apiVersionSince, apiVersionBefore, "
                    "providerMajorSince, providerMajorBefore");
    return std::nullopt;
  }
  const MapEntry &E = N->Entries.front();
  if (llvm::StringRef(E.Key).startswith("providerMajor")) {
    std::optional<double> N =
        E.Value->is(NodeKind::Number) ? E.Value->number() : std::nullopt;
    if (!N || *N < 1 || *N > 1000 || *N != static_cast<unsigned>(*N)) {
      error(E.Value->Range,
            "'" + E.Key + "' must be a provider major version (6, not 6.0)");
      return std::nullopt;
    }
    if (F != Family::Terraform)
      warning(E.KeyRange, "only Terraform resources have a provider version: "
                          "for this binding the condition is never known");
    auto Major = static_cast<unsigned>(*N);
    return E.Key == "providerMajorSince"
               ? DefaultCondition::providerMajorSince(Major)
               : DefaultCondition::providerMajorBefore(Major);
  }
  std::optional<std::string> Date = text(E.Value, "'" + E.Key + "'");
  if (!Date)
    return std::nullopt;
  if (!isDate(*Date)) {
    error(E.Value->Range,
          "'" + *Date + "' is not an apiVersion date (YYYY-MM-DD)");
    return std::nullopt;
  }
  if (F != Family::Arm)
    warning(E.KeyRange, "only ARM resources have an apiVersion: for this "
                        "binding the condition compares an empty version");
  return E.Key == "apiVersionSince" ? DefaultCondition::apiVersionSince(*Date)
                                    : DefaultCondition::apiVersionBefore(*Date);
}

std::optional<bool> outcomeNamed(llvm::StringRef S) {
  if (S == "healthy")
    return true;
  if (S == "unhealthy")
    return false;
  return std::nullopt;
}

bool PolicyReader::readDefaults(const Node *N, Family F, PropertyRule &Out) {
  if (!N->is(NodeKind::List)) {
    error(N->Range, "'defaults' must be a list of {value, when}");
    return false;
  }
  for (const Node *D : N->Items) {
    if (!expectMap(D, "a default") ||
        !checkKeys(D, {"value", "when"}, "a default"))
      return false;
    const Node *V = required(D, "value", "a default");
    if (!V)
      return false;
    DefaultCondition When;
    if (const Node *W = D->get("when")) {
      std::optional<DefaultCondition> C = readWhen(W, F);
      if (!C)
        return false;
      When = std::move(*C);
    }
    std::optional<Value> X = value(V);
    if (!X)
      return false;
    Out.defaultsTo(std::move(*X), std::move(When));
  }
  return true;
}

bool PolicyReader::readMissing(const Node *N, PropertyRule &Out) {
  std::optional<std::string> T = text(N, "'missing'");
  if (!T)
    return false;
  if (*T == "unknown")
    return true; // what a missing property without a default is anyway
  std::optional<bool> Healthy = outcomeNamed(*T);
  if (!Healthy) {
    error(N->Range,
          "missing '" + *T + "' is not one of healthy, unhealthy, unknown");
    return false;
  }
  if (*Healthy)
    Out.missingIsHealthy();
  else
    Out.missingIsUnhealthy();
  return true;
}

std::optional<GraphCondition> PolicyReader::readGraph(const Node *N, Family F) {
  if (!expectMap(N, "a graph condition") ||
      !checkKeys(N, {"relation", "types", "exists", "property"},
                 "a graph condition"))
    return std::nullopt;
  GraphCondition G;
  size_t Before = Diags.size();
  if (const Node *R = required(N, "relation", "a graph condition"))
    if (std::optional<std::string> T = text(R, "'relation'")) {
      using Rel = GraphCondition::Relation;
      std::optional<Rel> Found;
      for (Rel X : {Rel::Attached, Rel::References, Rel::ReferencedBy})
        if (relationName(X) == *T)
          Found = X;
      if (Found)
        G.TheRelation = *Found;
      else
        error(R->Range, "relation '" + *T +
                            "' is not one of attached, references, "
                            "referencedBy");
    }
  if (const Node *Types = required(N, "types", "a graph condition"))
    if (auto T = texts(Types, "'types'")) {
      if (T->empty())
        error(Types->Range, "'types' must name at least one resource type");
      G.Types = *T;
    }
  if (const Node *E = required(N, "exists", "a graph condition")) {
    if (E->is(NodeKind::Bool))
      G.MustExist = E->BoolValue;
    else
      error(E->Range, "'exists' must be true or false");
  }
  if (const Node *P = N->get("property"))
    if (auto Rules = readRules(P, F))
      G.Where = std::move(*Rules);
  if (Diags.size() > Before)
    return std::nullopt;
  return G;
}

} // namespace

//===----------------------------------------------------------------------===//
// PolicySet
//===----------------------------------------------------------------------===//

bool PolicySet::loadDirectory(llvm::StringRef Dir,
                              llvm::ArrayRef<const Check *> Reserved) {
  namespace fs = std::filesystem;
  std::error_code EC;
  if (!fs::is_directory(Dir.str(), EC)) {
    Diags.push_back(
        {Dir.str(), nullptr, {Severity::Error, "not a directory", {}}});
    return false;
  }
  std::vector<std::string> Files;
  fs::recursive_directory_iterator It(Dir.str(), EC), End;
  for (; !EC && It != End; It.increment(EC)) {
    std::string Ext = It->path().extension().string();
    if ((Ext == ".yaml" || Ext == ".yml") && It->is_regular_file(EC))
      Files.push_back(It->path().string());
  }
  if (EC) {
    Diags.push_back({Dir.str(), nullptr, {Severity::Error, EC.message(), {}}});
    return false;
  }
  llvm::sort(Files);
  for (const std::string &Path : Files) {
    auto Source = SourceFile::open(Path);
    if (!Source) {
      Diags.push_back(
          {Path,
           nullptr,
           {Severity::Error, llvm::toString(Source.takeError()), {}}});
      continue;
    }
    loadFile(std::move(*Source), Reserved);
  }
  return true;
}

void PolicySet::loadFile(std::unique_ptr<SourceFile> File,
                         llvm::ArrayRef<const Check *> Reserved) {
  const SourceFile &Src = *File;
  Sources.push_back(std::move(File));
  Document Doc = parsers::parseYaml(Src);
  std::vector<Diagnostic> Found = Doc.diagnostics();
  bool Syntax = Doc.hasErrors();
  std::vector<std::pair<std::unique_ptr<Check>, SourceRange>> Read;
  if (!Syntax)
    Read = PolicyReader(Src, Found).read(Doc.root());
  // Ids: not a built-in's, not one loaded before, not twice in this file.
  for (size_t I = 0; I < Read.size(); ++I) {
    const std::string &Id = Read[I].first->Id;
    SourceRange At = Read[I].second;
    auto Same = [&](const Check *C) {
      return llvm::StringRef(Id).equals_insensitive(C->Id);
    };
    if (llvm::any_of(Reserved, Same))
      Found.push_back({Severity::Error,
                       "check id '" + Id + "' is a built-in check's id", At});
    else if (const Check *Before = find(Id))
      Found.push_back(
          {Severity::Error,
           "check id '" + Id + "' is already declared in " + Before->Source,
           At});
    else if (llvm::any_of(llvm::make_range(Read.begin(), Read.begin() + I),
                          [&](const auto &C) { return Same(C.first.get()); }))
      Found.push_back(
          {Severity::Error, "check id '" + Id + "' is declared twice", At});
  }
  bool Bad = llvm::any_of(
      Found, [](const Diagnostic &D) { return D.Level == Severity::Error; });
  for (Diagnostic &D : Found)
    Diags.push_back({Src.path().str(), &Src, std::move(D)});
  if (Bad)
    return; // a malformed file is skipped whole: half a policy misleads
  for (auto &[C, IdRange] : Read)
    Checks.push_back(std::move(C));
}

std::vector<const Check *> PolicySet::checks() const {
  std::vector<const Check *> Out;
  for (const std::unique_ptr<Check> &C : Checks)
    Out.push_back(C.get());
  return Out;
}

const Check *PolicySet::find(llvm::StringRef Id) const {
  for (const std::unique_ptr<Check> &C : Checks)
    if (Id.equals_insensitive(C->Id))
      return C.get();
  return nullptr;
}

size_t PolicySet::errorCount() const {
  return llvm::count_if(Diags, [](const PolicyDiagnostic &D) {
    return D.D.Level == Severity::Error;
  });
}

} // namespace rampart::check
