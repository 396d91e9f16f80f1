//===- UnitQueries.h - Looking into evaluated units in tests ---*- C++ -*-===//
#ifndef RAMPART_TESTS_SUPPORT_UNITQUERIES_H
#define RAMPART_TESTS_SUPPORT_UNITQUERIES_H

#include "analyzer/model/ResourceGraph.h"

#include "llvm/ADT/StringRef.h"

#include <initializer_list>
#include <string>

namespace rampart::testing {

/// The resource with this id; fails the test (listing the ids there are)
/// when there is none.
const model::Resource &resourceIn(const model::DeploymentUnit &U,
                                  llvm::StringRef Id);
bool hasEdge(const model::DeploymentUnit &U, llvm::StringRef From,
             llvm::StringRef To, model::EdgeKind K);
/// Whether a diagnostic's message contains Fragment.
bool hasDiagnostic(const model::DeploymentUnit &U, llvm::StringRef Fragment);

/// The value as compact JSON, the graph's rendering.
std::string json(const model::Value &V);
/// The member at Path (object keys); fails the test, showing the object,
/// when one is missing.
const model::Value &at(const model::Value &V,
                       std::initializer_list<llvm::StringRef> Path);

} // namespace rampart::testing

#endif
