//===- ResourceGraph.cpp - Resources of a deployment unit and their edges -===//
#include "analyzer/model/ResourceGraph.h"

#include "llvm/ADT/STLExtras.h"

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
  Edge E{From.str(), To.str(), Kind};
  if (!llvm::is_contained(Edges, E))
    Edges.push_back(std::move(E));
}

const Resource *ResourceGraph::find(llvm::StringRef Id) const {
  auto It = IndexById.find(Id);
  return It == IndexById.end() ? nullptr : &Resources[It->second];
}

} // namespace rampart::model
