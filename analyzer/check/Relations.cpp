//===- Relations.cpp - Following the resource graph from a check ----------===//
#include "analyzer/check/Relations.h"

#include "analyzer/check/Property.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

namespace rampart::check {

using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

bool isArm(Dialect D) { return D == Dialect::Arm || D == Dialect::Bicep; }

/// The resource with this unit id, else (ARM, whose names and types are
/// case-insensitive) one whose id matches ignoring case.
const Resource *findUnitId(const model::DeploymentUnit &U, llvm::StringRef Id) {
  if (const Resource *R = U.Graph.find(Id))
    return R;
  for (const Resource &R : U.Graph.resources())
    if (isArm(R.TheDialect) && llvm::StringRef(R.Id).equals_insensitive(Id))
      return &R;
  return nullptr;
}

/// Where one link value leads, as a unit id: Missing (no value), an id, or
/// Unknown (the value cannot be resolved statically).
struct Link {
  enum class State : uint8_t { Missing, Id, Unknown } Result = State::Missing;
  std::string Id;
  /// A Bicep `scope:` holds the scope resource's unit id itself
  /// ("Microsoft.Sql/servers/databases/sql/master"), which reads like a
  /// relative id but is not one: the raw string is compared as well.
  std::string Raw;
  const Value *Via = nullptr;
};

/// An ARM id in any of the spellings templates use: a reference expression
/// (`sa.id`, `resourceId(...)`), a full resource id, or the relative
/// "Microsoft.KeyVault/vaults/kv" that Bicep `scope:` and compiled ARM
/// `scope` properties hold. Terraform references give their resource's id.
Link linkOf(const Value *V) {
  if (!V || V->isNull())
    return {};
  if (V->is(ValueKind::Expression) && !V->refersTo().empty())
    return {Link::State::Id, V->refersTo().str(), "", V};
  if (V->is(ValueKind::String)) {
    llvm::StringRef S = V->asString();
    std::string Id = unitIdOfArmResourceId(S);
    if (Id.empty() && !S.startswith("/"))
      Id = unitIdOfArmResourceId("/providers/" + S.str());
    // A known id that names no resource (a subnet id of another unit) is a
    // link that leads outside, not an unknown one.
    return {Link::State::Id, Id, S.str(), V};
  }
  return {Link::State::Unknown, "", "", V};
}

bool sameId(const Resource &Candidate, llvm::StringRef A, llvm::StringRef B) {
  return isArmResource(Candidate) ? A.equals_insensitive(B) : A == B;
}

} // namespace

std::string unitIdOfArmResourceId(llvm::StringRef Id) {
  // .../providers/Namespace/type1/name1/type2/name2: the type is the
  // namespace and the odd segments, the name the even ones. Extension
  // resources (a second /providers/) are named by their last provider part.
  size_t At = Id.rfind_insensitive("/providers/");
  if (At == llvm::StringRef::npos)
    return "";
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Id.substr(At + 11).split(Parts, '/', -1, /*KeepEmpty=*/false);
  if (Parts.size() < 3 || Parts.size() % 2 == 0)
    return "";
  std::string Type = Parts[0].str(), Name;
  for (size_t I = 1; I + 1 < Parts.size(); I += 2) {
    Type.append("/").append(Parts[I].begin(), Parts[I].end());
    Name.append("/").append(Parts[I + 1].begin(), Parts[I + 1].end());
  }
  return Type + Name;
}

Target resolveReference(const model::DeploymentUnit &U, const Value *V) {
  if (!V || V->isNull())
    return {};
  if (V->is(ValueKind::Expression) && !V->refersTo().empty()) {
    const Resource *R = findUnitId(U, V->refersTo());
    return {R ? Target::State::Resolved : Target::State::Outside, R, V,
            V->attribute()};
  }
  if (V->is(ValueKind::String)) {
    std::string Id = unitIdOfArmResourceId(V->asString());
    if (Id.empty())
      return {Target::State::Unknown, nullptr, V, {}};
    const Resource *R = findUnitId(U, Id);
    return {R ? Target::State::Resolved : Target::State::Outside, R, V, {}};
  }
  return {Target::State::Unknown, nullptr, V, {}};
}

bool isArmResource(const Resource &R) { return isArm(R.TheDialect); }

ListAt listAt(const Value &Props, llvm::StringRef Path, bool CaseInsensitive) {
  Lookup L = lookupPath(Props, Path, CaseInsensitive);
  if (L.Result == Lookup::State::Missing)
    return {};
  if (L.Result == Lookup::State::Unknown || !L.Value->is(ValueKind::Array))
    return {{}, L.Value};
  return {L.Value->items(), nullptr};
}

bool isDeployed(const Resource &R) {
  if (R.Existing)
    return false;
  return !(R.Condition && R.Condition->is(ValueKind::Bool) &&
           !R.Condition->asBool());
}

bool hasType(const Resource &R, llvm::ArrayRef<llvm::StringRef> Types) {
  return llvm::any_of(Types, [&](llvm::StringRef T) {
    return isArm(R.TheDialect) ? T.equals_insensitive(R.Type) : T == R.Type;
  });
}

std::vector<const Resource *>
deployedOfType(const model::DeploymentUnit &U,
               llvm::ArrayRef<llvm::StringRef> Types) {
  std::vector<const Resource *> Out;
  for (const Resource &R : U.Graph.resources())
    if (isDeployed(R) && hasType(R, Types))
      Out.push_back(&R);
  return Out;
}

std::vector<const Resource *>
childrenOf(const model::DeploymentUnit &U, const Resource &Parent,
           llvm::ArrayRef<llvm::StringRef> Types) {
  llvm::StringSet<> Children;
  for (const model::Edge &E : U.Graph.edges())
    if (E.Kind == model::EdgeKind::Parent && E.To == Parent.Id)
      Children.insert(E.From);
  std::vector<const Resource *> Out;
  for (const Resource *R : deployedOfType(U, Types))
    if (Children.count(R->Id))
      Out.push_back(R);
  return Out;
}

llvm::StringSet<> attachedTo(const model::DeploymentUnit &U,
                             llvm::StringRef TargetId) {
  llvm::StringSet<> Out;
  for (const model::Edge &E : U.Graph.edges())
    if (E.Kind == model::EdgeKind::Attachment && E.To == TargetId)
      Out.insert(E.From);
  return Out;
}

void joinByLinks(const Resource &Candidate, llvm::ArrayRef<const Value *> Links,
                 llvm::StringRef TargetId, const llvm::StringSet<> &Attached,
                 Related &Out) {
  if (Attached.count(Candidate.Id)) {
    Out.Resources.push_back(&Candidate);
    return;
  }
  const Value *Undecided = nullptr;
  for (const Value *V : Links) {
    Link L = linkOf(V);
    if (L.Result == Link::State::Id &&
        (sameId(Candidate, L.Id, TargetId) ||
         (!L.Raw.empty() && sameId(Candidate, L.Raw, TargetId)))) {
      Out.Resources.push_back(&Candidate);
      return;
    }
    if (L.Result == Link::State::Unknown && !Undecided)
      Undecided = L.Via;
  }
  if (Undecided && !Out.Undecided)
    Out.Undecided = Undecided;
}

std::vector<const Value *> elementsOf(const Value *V) {
  std::vector<const Value *> Out;
  if (!V || V->isNull())
    return Out;
  if (V->is(ValueKind::Array)) {
    for (const Value &Item : V->items())
      Out.push_back(&Item);
    return Out;
  }
  Out.push_back(V);
  return Out;
}

const Value *valueAt(const Value &Props, llvm::StringRef Path,
                     bool CaseInsensitive) {
  Lookup L = lookupPath(Props, Path, CaseInsensitive);
  if (L.Result == Lookup::State::Missing)
    return nullptr;
  return L.Value;
}

Related linkedTo(const model::DeploymentUnit &U, const Resource &X,
                 llvm::ArrayRef<llvm::StringRef> Types,
                 llvm::ArrayRef<llvm::StringRef> Paths) {
  Related Out;
  llvm::StringSet<> Attached = attachedTo(U, X.Id);
  for (const Resource *R : deployedOfType(U, Types)) {
    if (R == &X)
      continue;
    std::vector<const Value *> Links;
    for (llvm::StringRef Path : Paths)
      for (const Value *V :
           elementsOf(valueAt(R->Properties, Path, isArmResource(*R))))
        Links.push_back(V);
    joinByLinks(*R, Links, X.Id, Attached, Out);
  }
  return Out;
}

} // namespace rampart::check
