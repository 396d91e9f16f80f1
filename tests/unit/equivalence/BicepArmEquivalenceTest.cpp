//===- BicepArmEquivalenceTest.cpp - Bicep and ARM agree ------------------===//
//
// Every directory under tests/equivalence holds a main.bicep (with its
// modules) and a main.json written by hand to be what the Bicep compiler
// would emit. `rampart graph` on the directory gives one unit per dialect;
// their resources (id, type, name, apiVersion, properties) and edges must be
// the same. Positions differ by nature, and so do three things that are
// template mechanics rather than resources: ARM's `copy` and `dependsOn`
// members (the edges are compared instead) and the text of runtime
// expressions (what they refer to is compared).
//
//===----------------------------------------------------------------------===//
#include "tests/support/RunRampart.h"

#include "llvm/Support/FileSystem.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

using namespace rampart::testing;
using nlohmann::json;

namespace {

json withoutExpressionText(const json &V) {
  if (V.is_array()) {
    json Out = json::array();
    for (const json &I : V)
      Out.push_back(withoutExpressionText(I));
    return Out;
  }
  if (!V.is_object())
    return V;
  json Out = json::object();
  for (auto It = V.begin(); It != V.end(); ++It)
    Out[It.key()] = It.key() == "$expression"
                        ? json("<expression>")
                        : withoutExpressionText(It.value());
  return Out;
}

json comparable(const json &Unit) {
  json Resources = json::object();
  for (const json &R : Unit.at("resources")) {
    json Props = R.at("properties");
    Props.erase("copy");
    Props.erase("dependsOn");
    Resources[R.at("id").get<std::string>()] = {
        {"type", R.at("type")},
        {"name", R.at("name")},
        {"apiVersion", R.value("apiVersion", json())},
        {"properties", withoutExpressionText(Props)}};
  }
  std::set<std::string> Edges;
  for (const json &E : Unit.at("edges"))
    Edges.insert(E.at("from").get<std::string>() + " -" +
                 E.at("kind").get<std::string>() + "-> " +
                 E.at("to").get<std::string>());
  return {{"resources", Resources}, {"edges", Edges}};
}

} // namespace

TEST_CASE("Bicep files and their hand-written ARM equivalents give the same "
          "graph",
          "[equivalence]") {
  std::string Root = std::string(RAMPART_SOURCE_DIR) + "/tests/equivalence";
  std::error_code EC;
  unsigned Cases = 0;
  for (llvm::sys::fs::directory_iterator It(Root, EC), End; It != End && !EC;
       It.increment(EC)) {
    if (It->type() != llvm::sys::fs::file_type::directory_file)
      continue;
    ++Cases;
    DYNAMIC_SECTION(It->path()) {
      Run R = runRampart("graph --format json '" + It->path() + "'", false);
      REQUIRE(R.Exit == 0);
      json Graph = json::parse(R.Out);
      json Bicep, Arm;
      for (const json &U : Graph.at("units")) {
        (U.at("dialect") == "bicep" ? Bicep : Arm) = comparable(U);
        INFO(U.at("root") << " diagnostics: " << U.at("diagnostics").dump(2));
        CHECK(U.at("diagnostics").empty());
      }
      REQUIRE(Graph.at("units").size() == 2);
      REQUIRE_FALSE(Bicep.is_null());
      REQUIRE_FALSE(Arm.is_null());
      CHECK_FALSE(Bicep.at("resources").empty());
      INFO("bicep:\n" << Bicep.dump(2) << "\narm:\n" << Arm.dump(2));
      CHECK(Bicep == Arm);
    }
  }
  CHECK(Cases >= 2);
}
