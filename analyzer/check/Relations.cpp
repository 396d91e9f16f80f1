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

std::vector<const Resource *> referrersOf(const model::DeploymentUnit &U,
                                          const Resource &Target,
                                          llvm::ArrayRef<llvm::StringRef> Types,
                                          llvm::StringRef Path) {
  llvm::StringSet<> Attached;
  for (const model::Edge &E : U.Graph.edges())
    if (E.Kind == model::EdgeKind::Attachment && E.To == Target.Id)
      Attached.insert(E.From);
  std::vector<const Resource *> Out;
  for (const Resource *R : deployedOfType(U, Types)) {
    if (R == &Target)
      continue;
    if (Attached.count(R->Id)) {
      Out.push_back(R);
      continue;
    }
    // The property may itself be the reference (`server_id = x.id`), which
    // the lookup reports as a value known only after deployment.
    Lookup L = lookupPath(R->Properties, Path, isArm(R->TheDialect));
    if (L.Result == Lookup::State::Missing ||
        (L.Result == Lookup::State::Unknown && !L.AtEnd))
      continue;
    llvm::StringSet<> Refs;
    model::collectReferences(*L.Value, Refs);
    if (Refs.count(Target.Id) ||
        resolveReference(U, L.Value).Resource == &Target)
      Out.push_back(R);
  }
  return Out;
}

} // namespace rampart::check
