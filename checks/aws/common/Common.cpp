//===- Common.cpp - Helpers shared by the AWS checks ----------------------===//
#include "checks/aws/common/Common.h"

#include "analyzer/check/Relations.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

namespace rampart::checks::aws {

using namespace check;
using model::Value;
using model::ValueKind;

Evaluation allOf(std::vector<Evaluation> Parts) {
  const Evaluation *Unknown = nullptr;
  bool AnyHealthy = false;
  for (const Evaluation &E : Parts) {
    if (E.Result == Outcome::Unhealthy)
      return E;
    if (E.Result == Outcome::Unknown && !Unknown)
      Unknown = &E;
    AnyHealthy |= E.Result == Outcome::Healthy;
  }
  if (Unknown)
    return *Unknown;
  return AnyHealthy ? Evaluation::healthy() : Evaluation::notApplicable();
}

Evaluation allRules(const Subject &S, llvm::ArrayRef<PropertyRule> Rules) {
  std::vector<Evaluation> Parts;
  for (const PropertyRule &R : Rules)
    Parts.push_back(R.evaluate(S));
  return allOf(std::move(Parts));
}

namespace {
std::string unknownReason(const Match &M, const std::string &Path) {
  if (!M.Reason.empty())
    return Path + ": " + M.Reason;
  if (M.Where && M.Where->is(ValueKind::Expression))
    return Path + " is unknown: '" + M.Where->asString().str() +
           "' is known only after deployment";
  if (M.Where && M.Where->is(ValueKind::Unknown))
    return Path + " is unknown: " + M.Where->asString().str();
  return Path + " cannot be judged";
}
} // namespace

Evaluation violation(const Match &M, std::string Path, std::string Detail) {
  if (M.isFalse())
    return Evaluation::healthy();
  if (M.isTrue())
    return {Outcome::Unhealthy, M.Where, {Path}, std::move(Detail)};
  std::string Why = unknownReason(M, Path);
  return {Outcome::Unknown, M.Where, {std::move(Path)}, std::move(Why)};
}

Lookup lookup(const Subject &S, llvm::StringRef Path) {
  return lookupPath(S.Resource.Properties, Path, /*CaseInsensitive=*/false);
}

bool refersTo(const Value &V, llvm::StringRef Id) {
  llvm::StringSet<> Refs;
  model::collectReferences(V, Refs);
  return Refs.count(Id);
}

bool joins(const model::DeploymentUnit &U, const model::Resource &Child,
           llvm::StringRef Prop, const model::Resource &Owner) {
  for (const model::Edge &E : U.Graph.edges())
    if (E.Kind == model::EdgeKind::Attachment && E.From == Child.Id &&
        E.To == Owner.Id)
      return true;
  const Value *V = Child.Properties.get(Prop);
  return V && refersTo(*V, Owner.Id);
}

std::vector<const model::Resource *>
joinedTo(const model::DeploymentUnit &U, const model::Resource &Owner,
         llvm::ArrayRef<llvm::StringRef> Types, llvm::StringRef Prop) {
  std::vector<const model::Resource *> Out;
  for (const model::Resource *R : check::deployedOfType(U, Types))
    if (joins(U, *R, Prop, Owner))
      Out.push_back(R);
  return Out;
}

std::vector<const model::Resource *>
referencedOfType(const model::DeploymentUnit &U, const Value &V,
                 llvm::ArrayRef<llvm::StringRef> Types) {
  llvm::StringSet<> Refs;
  model::collectReferences(V, Refs);
  std::vector<const model::Resource *> Out;
  for (const model::Resource *R : check::deployedOfType(U, Types))
    if (Refs.count(R->Id))
      Out.push_back(R);
  return Out;
}

namespace {

/// Blocks of a data source as a list (a Terraform block list, or nothing).
llvm::ArrayRef<Value> blocks(const Value *V) {
  if (V && V->is(ValueKind::Array))
    return V->items();
  return {};
}

void addMember(std::vector<model::Member> &Out, std::string Key,
               const Value *V) {
  if (V && !V->isNull())
    Out.push_back({std::move(Key), {}, *V});
}

/// `principals { type, identifiers }` blocks as an IAM Principal: type "*"
/// is everyone (its identifiers are "*").
std::optional<Value> principalOf(const Value *Blocks) {
  if (Blocks && !Blocks->isKnown())
    return *Blocks;
  std::vector<model::Member> ByType;
  for (const Value &B : blocks(Blocks)) {
    const Value *Type = B.get("type");
    const Value *Ids = B.get("identifiers");
    if (!Type || !Ids)
      continue;
    if (!Type->is(ValueKind::String))
      return *Type;
    if (Type->asString() == "*")
      return *Ids;
    ByType.push_back({Type->asString().str(), {}, *Ids});
  }
  if (ByType.empty())
    return std::nullopt;
  return Value::object(std::move(ByType));
}

/// `condition { test, variable, values }` blocks as an IAM Condition.
std::optional<Value> conditionOf(const Value *Blocks) {
  if (Blocks && !Blocks->isKnown())
    return *Blocks;
  std::vector<std::pair<std::string, std::vector<model::Member>>> Tests;
  for (const Value &B : blocks(Blocks)) {
    const Value *Test = B.get("test");
    const Value *Var = B.get("variable");
    const Value *Values = B.get("values");
    if (!Test || !Var || !Values || !Test->is(ValueKind::String) ||
        !Var->is(ValueKind::String))
      return Value::unknown("a condition block is not known");
    auto It = llvm::find_if(
        Tests, [&](const auto &T) { return T.first == Test->asString(); });
    if (It == Tests.end()) {
      Tests.push_back({Test->asString().str(), {}});
      It = std::prev(Tests.end());
    }
    It->second.push_back({Var->asString().str(), {}, *Values});
  }
  if (Tests.empty())
    return std::nullopt;
  std::vector<model::Member> Out;
  for (auto &T : Tests)
    Out.push_back({T.first, {}, Value::object(std::move(T.second))});
  return Value::object(std::move(Out));
}

/// The policy a `data.aws_iam_policy_document` renders, from its
/// statement blocks; nullopt when V is not such a reference. Documents
/// merged from other documents are not rendered (unknown).
std::optional<Value> documentFromData(const model::DeploymentUnit &U,
                                      const Value &V) {
  if (!V.is(ValueKind::Expression) || V.refersTo().empty())
    return std::nullopt;
  const model::Resource *D = U.Graph.find(V.refersTo());
  if (!D || D->Type != "aws_iam_policy_document")
    return std::nullopt;
  for (llvm::StringRef Merge :
       {"source_policy_documents", "override_policy_documents", "source_json",
        "override_json"})
    if (const Value *M = D->Properties.get(Merge); M && !M->isNull())
      return Value::unknown("the policy document merges other documents");
  const Value *Statements = D->Properties.get("statement");
  if (Statements && !Statements->isKnown())
    return *Statements;
  std::vector<Value> Out;
  for (const Value &S : blocks(Statements)) {
    if (!S.isKnown()) {
      Out.push_back(S);
      continue;
    }
    std::vector<model::Member> M;
    const Value *Effect = S.get("effect");
    static const Value Allow = Value::string("Allow");
    addMember(M, "Effect", Effect && !Effect->isNull() ? Effect : &Allow);
    addMember(M, "Action", S.get("actions"));
    addMember(M, "NotAction", S.get("not_actions"));
    addMember(M, "Resource", S.get("resources"));
    addMember(M, "NotResource", S.get("not_resources"));
    if (std::optional<Value> P = principalOf(S.get("principals")))
      M.push_back({"Principal", {}, *P});
    if (std::optional<Value> P = principalOf(S.get("not_principals")))
      M.push_back({"NotPrincipal", {}, *P});
    if (std::optional<Value> C = conditionOf(S.get("condition")))
      M.push_back({"Condition", {}, *C});
    Out.push_back(Value::object(std::move(M), S.origin()));
  }
  return Value::object(
      {{"Version", {}, Value::string("2012-10-17")},
       {"Statement", {}, Value::array(std::move(Out), V.origin())}},
      V.origin());
}

} // namespace

Evaluation policyWithout(const model::DeploymentUnit &U, const Value &Doc,
                         std::string Path,
                         llvm::function_ref<Match(const Value &)> Bad,
                         std::string Detail) {
  if (Doc.isNull())
    return Evaluation::healthy();
  std::optional<Value> Rendered = documentFromData(U, Doc);
  PolicyDocument D(Rendered ? *Rendered : Doc);
  Match M = D.anyStatement(Bad);
  // Statements parsed from a JSON string, or rendered from a data source,
  // live only here: point at the string or the reference instead.
  bool Parsed = Rendered || Doc.is(ValueKind::String) ||
                llvm::any_of(Doc.alternatives(), [](const Value &A) {
                  return A.is(ValueKind::String);
                });
  if (M.isFalse())
    return Evaluation::healthy();
  if (M.isTrue())
    return {Outcome::Unhealthy, Parsed ? &Doc : M.Where, {Path}, Detail};
  std::string Why = unknownReason(M, Path);
  bool Inside = M.Where && !Parsed;
  return {Outcome::Unknown, Inside ? M.Where : &Doc, {Path}, Why};
}

Match policyHas(const model::DeploymentUnit &U, const Value &Doc,
                llvm::function_ref<Match(const Value &)> Good) {
  if (Doc.isNull())
    return {Truth::False, &Doc, {}};
  std::optional<Value> Rendered = documentFromData(U, Doc);
  PolicyDocument D(Rendered ? *Rendered : Doc);
  Match M = D.anyStatement(Good);
  bool Parsed = Rendered || Doc.is(ValueKind::String) ||
                llvm::any_of(Doc.alternatives(), [](const Value &A) {
                  return A.is(ValueKind::String);
                });
  // Where may point into a parse that dies with D.
  if (Parsed || !M.Where)
    M.Where = &Doc;
  return M;
}

bool joinsOrNames(const model::DeploymentUnit &U, const model::Resource &Child,
                  llvm::StringRef Prop, const model::Resource &Owner,
                  llvm::StringRef NameProp) {
  if (joins(U, Child, Prop, Owner))
    return true;
  llvm::StringRef Name = stringOf(Owner.Properties.get(NameProp));
  const Value *V = Child.Properties.get(Prop);
  if (Name.empty() || !V)
    return false;
  if (V->is(ValueKind::Array))
    return llvm::any_of(V->items(), [&](const Value &I) {
      return I.is(ValueKind::String) && I.asString() == Name;
    });
  return V->is(ValueKind::String) && V->asString() == Name;
}

Lookup loadBalancerAttribute(const Value &Props, llvm::StringRef Key) {
  const Value *List = Props.get("LoadBalancerAttributes");
  if (!List || List->isNull())
    return {Lookup::State::Missing, nullptr};
  if (!List->isKnown() || !List->is(ValueKind::Array))
    return {Lookup::State::Unknown, List};
  const Value *Unknown = nullptr;
  for (const Value &Entry : List->items()) {
    const Value *K = Entry.isKnown() ? Entry.get("Key") : &Entry;
    if (!K || !K->isKnown()) {
      Unknown = Unknown ? Unknown : (K ? K : &Entry);
      continue;
    }
    if (K->is(ValueKind::String) && K->asString() == Key) {
      const Value *V = Entry.get("Value");
      if (!V || V->isNull())
        return {Lookup::State::Missing, &Entry};
      return {V->isKnown() ? Lookup::State::Found : Lookup::State::Unknown, V};
    }
  }
  if (Unknown)
    return {Lookup::State::Unknown, Unknown};
  return {Lookup::State::Missing, List};
}

llvm::StringRef stringOf(const Value *V) {
  if (V && V->is(ValueKind::String))
    return V->asString();
  return {};
}

} // namespace rampart::checks::aws
