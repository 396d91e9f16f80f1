//===- DocumentTest.cpp - The document tree -------------------------------===//
#include "parsers/common/Document.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace rampart;

TEST_CASE("document: number literals of every dialect", "[document]") {
  auto File = SourceFile::fromText("f", "");
  Document Doc(*File, Dialect::CloudFormation);
  auto Value = [&](const char *Text) {
    Node *N = Doc.make(NodeKind::Number, {});
    N->Text = Text;
    return N->number();
  };
  CHECK(Value("42") == 42.0);
  CHECK(Value("-1.5e3") == -1500.0);
  CHECK(Value("+3") == 3.0);
  CHECK(Value("0x1F") == 31.0);
  CHECK(Value("-0o17") == -15.0);
  CHECK(Value(".inf") == std::numeric_limits<double>::infinity());
  CHECK(Value("-.Inf") == -std::numeric_limits<double>::infinity());
  CHECK(std::isnan(*Value(".NaN")));
  CHECK_FALSE(Value("1x"));
  CHECK_FALSE(Value("-"));
  CHECK_FALSE(Value("0xZZ"));
  Node *S = Doc.makeString({}, "42");
  CHECK_FALSE(S->number());
}

TEST_CASE("document: lookups by key keep the first entry", "[document]") {
  auto File = SourceFile::fromText("f", "");
  Document Doc(*File, Dialect::Arm);
  Node *M = Doc.make(NodeKind::Map, {});
  M->Entries.push_back({"a", {}, Doc.makeString({}, "first")});
  M->Entries.push_back({"a", {}, Doc.makeString({}, "second")});
  REQUIRE(M->get("a"));
  CHECK(M->get("a")->Text == "first");
  CHECK_FALSE(M->get("b"));
  CHECK_FALSE(Doc.hasErrors());
  Doc.report(Severity::Warning, {}, "w");
  CHECK_FALSE(Doc.hasErrors());
  Doc.error({}, "e");
  CHECK(Doc.hasErrors());
}
