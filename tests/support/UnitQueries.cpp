//===- UnitQueries.cpp - Looking into evaluated units in tests ------------===//
#include "tests/support/UnitQueries.h"

#include "analyzer/model/ValueJson.h"

#include <catch2/catch.hpp>

namespace rampart::testing {

const model::Resource &resourceIn(const model::DeploymentUnit &U,
                                  llvm::StringRef Id) {
  const model::Resource *R = U.Graph.find(Id);
  INFO("resource " << Id.str());
  if (!R)
    for (const model::Resource &X : U.Graph.resources())
      UNSCOPED_INFO("have " << X.Id);
  REQUIRE(R);
  return *R;
}

bool hasEdge(const model::DeploymentUnit &U, llvm::StringRef From,
             llvm::StringRef To, model::EdgeKind K) {
  for (const model::Edge &E : U.Graph.edges())
    if (E.From == From && E.To == To && E.Kind == K)
      return true;
  return false;
}

bool hasDiagnostic(const model::DeploymentUnit &U, llvm::StringRef Fragment) {
  for (const model::FileDiagnostic &D : U.Diagnostics)
    if (llvm::StringRef(D.D.Message).contains(Fragment))
      return true;
  return false;
}

std::string json(const model::Value &V) { return model::valueToJson(V).dump(); }

const model::Value &at(const model::Value &V,
                       std::initializer_list<llvm::StringRef> Path) {
  const model::Value *Cur = &V;
  for (llvm::StringRef K : Path) {
    INFO("member " << K.str() << " of " << json(*Cur));
    Cur = Cur->get(K);
    REQUIRE(Cur);
  }
  return *Cur;
}

} // namespace rampart::testing
