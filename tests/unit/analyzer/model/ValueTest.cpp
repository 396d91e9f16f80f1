//===- ValueTest.cpp - Three-valued values and the graph ------------------===//
#include "analyzer/model/ResourceGraph.h"
#include "analyzer/model/ValueJson.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::model;

TEST_CASE("value: known, unknown and expression", "[model]") {
  auto File = SourceFile::fromText("main.bicep", "param sku string\n");
  Origin Param{File.get(), File->range(6, 9)};
  Value Sku = Value::unknown("parameter 'sku' has no default", Param);
  CHECK_FALSE(Sku.isKnown());
  CHECK(Sku.asString() == "parameter 'sku' has no default");
  CHECK(Sku.origin().Range.Start.Column == 7);

  Value Ref = Value::expression("stg.id", {}, "storage", {"id"});
  CHECK_FALSE(Ref.isKnown());
  CHECK(Ref.refersTo() == "storage");

  Value Obj = Value::object(
      {{"name", {}, Value::string("st1")}, {"sku", {}, Sku}}, Param);
  CHECK(Obj.isKnown());
  CHECK_FALSE(Obj.isFullyKnown());
  REQUIRE(Obj.get("name"));
  CHECK(Obj.get("name")->asString() == "st1");
  CHECK_FALSE(Obj.get("NAME"));
  CHECK(Obj.getInsensitive("NAME")->asString() == "st1");
  CHECK(Value().isNull());
  CHECK(Value::array({Value::integer(1), Value::boolean(true)}).isFullyKnown());
}

TEST_CASE("value: structural equality ignores origins", "[model]") {
  auto File = SourceFile::fromText("f", "x");
  Origin O{File.get(), File->range(0, 1)};
  Value A = Value::array({Value::integer(1), Value::string("a")}, O);
  Value B = Value::array({Value::integer(1), Value::string("a")});
  CHECK(A.sameAs(B));
  CHECK_FALSE(A.sameAs(Value::array({Value::integer(2), Value::string("a")})));
  CHECK_FALSE(Value::integer(1).sameAs(Value::floating(1)));
  CHECK(Value::unknown("r").sameAs(Value::unknown("r")));
  CHECK(A.withOrigin({}).sameAs(A));
  CHECK_FALSE(A.withOrigin({}).origin().hasFile());
}

TEST_CASE("value: JSON shape marks unknowns and expressions", "[model]") {
  Value V = Value::object(
      {{"a", {}, Value::integer(1)},
       {"b", {}, Value::unknown("no default")},
       {"c", {}, Value::expression("aws_s3_bucket.b.arn", {}, "bucket")},
       {"d", {}, Value::array({Value::null(), Value::floating(1.5)})}});
  CHECK(valueToJson(V).dump() ==
        R"({"a":1,"b":{"$unknown":"no default"},)"
        R"("c":{"$expression":"aws_s3_bucket.b.arn","refersTo":"bucket"},)"
        R"("d":[null,1.5]})");
}

TEST_CASE("graph: resources by id, edges without duplicates", "[model]") {
  ResourceGraph G;
  Resource A;
  A.Id = "a";
  A.Type = "Microsoft.Sql/servers";
  G.add(A);
  Resource B;
  B.Id = "b";
  B.Type = "Microsoft.Sql/servers/firewallRules";
  G.add(B);
  G.connect("b", "a", EdgeKind::Parent);
  G.connect("b", "a", EdgeKind::Parent);
  G.connect("b", "a", EdgeKind::DependsOn);
  CHECK(G.edges().size() == 2);
  CHECK(G.find("a")->Type == "Microsoft.Sql/servers");
  CHECK_FALSE(G.find("c"));
  CHECK(edgeKindName(G.edges()[1].Kind) == "depends_on");
}

TEST_CASE("graph: children found by type and name", "[model]") {
  ResourceGraph G;
  auto Add = [&](std::string Id, std::string Type, std::string Name) {
    Resource R;
    R.Id = std::move(Id);
    R.Type = std::move(Type);
    R.Name = Value::string(std::move(Name));
    G.add(std::move(R));
  };
  Add("server", "Microsoft.Sql/servers", "sql1");
  Add("db", "Microsoft.Sql/servers/databases", "SQL1/db");
  Add("other", "Microsoft.Sql/servers/databases", "sql2/db");
  Add("rule", "Microsoft.Sql/servers/firewallRules", "sql1");
  G.connectChildrenByName();
  // Names compare ignoring case, as ARM does; a child whose parent is not in
  // the unit, or a name with too few segments, gets no edge.
  REQUIRE(G.edges().size() == 1);
  CHECK(G.edges()[0] == Edge{"db", "server", EdgeKind::Parent});
}

TEST_CASE("graph: edges past the limit are dropped and counted", "[model]") {
  ResourceGraph G;
  for (size_t I = 0; I <= ResourceGraph::MaxEdges; ++I)
    G.connect("a", "b" + std::to_string(I), EdgeKind::Reference);
  G.connect("a", "b0", EdgeKind::Reference); // already there: not dropped
  CHECK(G.edges().size() == ResourceGraph::MaxEdges);
  CHECK(G.droppedEdges() == 1);
}
