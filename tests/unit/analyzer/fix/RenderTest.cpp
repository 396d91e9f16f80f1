//===- RenderTest.cpp - Values written in each dialect's syntax -----------===//
#include "analyzer/fix/Render.h"

#include <catch2/catch.hpp>

using namespace rampart;
using fix::Syntax;
using model::Value;

namespace {

std::string in(const Value &V, Syntax S) {
  std::optional<std::string> R = fix::render(V, S);
  REQUIRE(R);
  return *R;
}

Value sample() {
  return Value::object(
      {{"defaultAction", {}, Value::string("Deny")},
       {"bypass", {}, Value::array({Value::string("AzureServices")})},
       {"max-age", {}, Value::integer(30)}});
}

} // namespace

TEST_CASE("render: scalars in every syntax", "[fix]") {
  for (Syntax S : {Syntax::Json, Syntax::ArmJson, Syntax::Bicep, Syntax::Hcl,
                   Syntax::Yaml}) {
    CHECK(in(Value::boolean(true), S) == "true");
    CHECK(in(Value::integer(-3), S) == "-3");
    CHECK(in(Value::floating(1.5), S) == "1.5");
    CHECK(in(Value::null(), S) == "null");
  }
  CHECK(in(Value::string("TLS1_2"), Syntax::Json) == "\"TLS1_2\"");
  CHECK(in(Value::string("TLS1_2"), Syntax::Bicep) == "'TLS1_2'");
  CHECK(in(Value::string("TLS1_2"), Syntax::Hcl) == "\"TLS1_2\"");
  CHECK(in(Value::string("TLS1_2"), Syntax::Yaml) == "TLS1_2");
}

TEST_CASE("render: strings escape what each syntax would read otherwise",
          "[fix]") {
  CHECK(in(Value::string("[not an expression]"), Syntax::ArmJson) ==
        "\"[[not an expression]\"");
  CHECK(in(Value::string("[x]"), Syntax::Json) == "\"[x]\"");
  CHECK(in(Value::string("it's ${x}"), Syntax::Bicep) == "'it\\'s \\${x}'");
  CHECK(in(Value::string("${x} %{y}"), Syntax::Hcl) == "\"$${x} %%{y}\"");
  // YAML: words YAML reads as booleans or null, numbers, and text with
  // special characters are quoted.
  CHECK(in(Value::string("true"), Syntax::Yaml) == "'true'");
  CHECK(in(Value::string("on"), Syntax::Yaml) == "'on'");
  CHECK(in(Value::string("1.2"), Syntax::Yaml) == "'1.2'");
  CHECK(in(Value::string("a: b"), Syntax::Yaml) == "'a: b'");
  CHECK(in(Value::string("it's"), Syntax::Yaml) == "'it''s'");
  CHECK(in(Value::string("aws:kms"), Syntax::Yaml) == "'aws:kms'");
}

TEST_CASE("render: collections on one line", "[fix]") {
  CHECK(
      in(sample(), Syntax::Json) ==
      R"({"defaultAction": "Deny", "bypass": ["AzureServices"], "max-age": 30})");
  CHECK(in(sample(), Syntax::Bicep) ==
        "{ defaultAction: 'Deny', bypass: ['AzureServices'], 'max-age': 30 }");
  CHECK(
      in(sample(), Syntax::Hcl) ==
      R"({ defaultAction = "Deny", bypass = ["AzureServices"], max-age = 30 })");
  CHECK(in(sample(), Syntax::Yaml) ==
        "{defaultAction: Deny, bypass: [AzureServices], max-age: 30}");
}

TEST_CASE("render: what is not known is not written", "[fix]") {
  CHECK(!fix::render(Value::unknown("a parameter"), Syntax::Json));
  CHECK(
      !fix::render(Value::array({Value::string("a"), Value::unknown("later")}),
                   Syntax::Hcl));
}
