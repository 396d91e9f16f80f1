#include "parsers/common/JsonParser.h"
#include <catch2/catch.hpp>
using namespace rampart;
TEST_CASE("json smoke") {
  auto F = SourceFile::fromText("a.json", "{\"a\": [1, true]}");
  Document D = parsers::parseJson(*F, Dialect::Arm, FileRole::Template, parsers::JsonSyntax::Azure);
  REQUIRE(D.root());
  CHECK(D.root()->Entries.size() == 1);
}
