//===- ResourceGraph.cpp - Resources of a deployment unit and their edges -===//
#include "analyzer/model/ResourceGraph.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"

#include <cassert>

namespace rampart::model {

llvm::StringRef edgeKindName(EdgeKind K) {
  switch (K) {
  case EdgeKind::Reference:
    return "reference";
  case EdgeKind::DependsOn:
    return "depends_on";
  case EdgeKind::Parent:
    return "parent";
  case EdgeKind::Attachment:
    return "attachment";
  }
  return "reference";
}

Resource &ResourceGraph::add(Resource R) {
  assert(!IndexById.count(R.Id) && "resource ids are unique in a unit");
  IndexById[R.Id] = Resources.size();
  Resources.push_back(std::move(R));
  return Resources.back();
}

void ResourceGraph::connect(llvm::StringRef From, llvm::StringRef To,
                            EdgeKind Kind) {
  std::string Key =
      (From + llvm::Twine('\0') + To + llvm::Twine('\0') + edgeKindName(Kind))
          .str();
  if (Edges.size() >= MaxEdges) {
    Dropped += !EdgeKeys.count(Key);
    return;
  }
  if (EdgeKeys.insert(Key).second)
    Edges.push_back({From.str(), To.str(), Kind});
}

// "Ns/a/b" named "x/y" is the child of "Ns/a" named "x".
void ResourceGraph::connectChildrenByName() {
  llvm::StringMap<size_t> ByTypeAndName;
  auto Key = [](llvm::StringRef Type, llvm::StringRef Name) {
    return (Type.lower() + "\0" + Name.lower());
  };
  for (size_t I = 0; I < Resources.size(); ++I)
    if (Resources[I].Name.is(ValueKind::String))
      ByTypeAndName.try_emplace(
          Key(Resources[I].Type, Resources[I].Name.asString()), I);
  for (const Resource &R : Resources) {
    if (!R.Name.is(ValueKind::String))
      continue;
    auto [ParentType, ChildType] = llvm::StringRef(R.Type).rsplit('/');
    auto [ParentName, ChildName] = R.Name.asString().rsplit('/');
    if (ChildType.empty() || ChildName.empty() || !ParentType.contains('/'))
      continue;
    auto It = ByTypeAndName.find(Key(ParentType, ParentName));
    if (It != ByTypeAndName.end())
      connect(R.Id, Resources[It->second].Id, EdgeKind::Parent);
  }
}

const Resource *ResourceGraph::find(llvm::StringRef Id) const {
  auto It = IndexById.find(Id);
  return It == IndexById.end() ? nullptr : &Resources[It->second];
}

} // namespace rampart::model
