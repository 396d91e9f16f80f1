//===- JsonParserTest.cpp - JSON with positions ---------------------------===//
#include "parsers/common/JsonParser.h"

#include <catch2/catch.hpp>

using namespace rampart;
using parsers::JsonSyntax;

namespace {

struct Parsed {
  std::unique_ptr<SourceFile> File;
  Document Doc;
};

Parsed parse(llvm::StringRef Text, JsonSyntax Syntax = JsonSyntax::Azure) {
  auto File = SourceFile::fromText("t.json", Text);
  Document Doc =
      parsers::parseJson(*File, Dialect::Arm, FileRole::Template, Syntax);
  return {std::move(File), std::move(Doc)};
}

// "L:C-L:C", 1-based, end exclusive.
std::string where(const SourceRange &R) {
  return std::to_string(R.Start.Line) + ":" + std::to_string(R.Start.Column) +
         "-" + std::to_string(R.End.Line) + ":" + std::to_string(R.End.Column);
}

} // namespace

TEST_CASE("json: keys and values keep exact ranges", "[json]") {
  Parsed P = parse("{\n  \"name\": \"st\",\n  \"n\": -1.5e3,\n"
                   "  \"list\": [true, null]\n}");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  REQUIRE(Root->is(NodeKind::Map));
  CHECK(where(Root->Range) == "1:1-5:2");
  REQUIRE(Root->Entries.size() == 3);
  CHECK(where(Root->Entries[0].KeyRange) == "2:3-2:9");
  CHECK(where(Root->Entries[0].Value->Range) == "2:11-2:15");
  CHECK(Root->Entries[0].Value->Text == "st");
  const Node *N = Root->get("n");
  CHECK(N->Text == "-1.5e3");
  CHECK(N->number() == -1500.0);
  CHECK(where(N->Range) == "3:8-3:14");
  const Node *List = Root->get("list");
  REQUIRE(List->Items.size() == 2);
  CHECK(List->Items[0]->BoolValue);
  CHECK(List->Items[1]->is(NodeKind::Null));
  CHECK(where(List->Items[1]->Range) == "4:18-4:22");
  CHECK(where(List->Range) == "4:11-4:23");
}

TEST_CASE("json: escapes are decoded, ranges cover the source", "[json]") {
  Parsed P = parse(R"(["a\"b\\c\/\n\t", "\u00e9\ud83d\ude00", "\u0041"])");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *L = P.Doc.root();
  CHECK(L->Items[0]->Text == "a\"b\\c/\n\t");
  CHECK(L->Items[1]->Text == "\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(L->Items[2]->Text == "A");
  CHECK(where(L->Items[0]->Range) == "1:2-1:17");
}

TEST_CASE("json: a lone surrogate is read as U+FFFD with a warning", "[json]") {
  Parsed P = parse(R"("\ud800x")");
  REQUIRE(P.Doc.diagnostics().size() == 1);
  CHECK(P.Doc.diagnostics()[0].Level == Severity::Warning);
  CHECK(P.Doc.root()->Text == "\xEF\xBF\xBDx");
}

TEST_CASE("json: Azure syntax accepts comments and trailing commas", "[json]") {
  llvm::StringRef Text = "{\n  // line comment\n  \"a\": 1, /* block\n"
                         "  comment */ \"b\": [1, 2,],\n}";
  Parsed Azure = parse(Text, JsonSyntax::Azure);
  CHECK(Azure.Doc.diagnostics().empty());
  REQUIRE(Azure.Doc.root()->Entries.size() == 2);
  CHECK(where(Azure.Doc.root()->Entries[1].KeyRange) == "4:14-4:17");

  Parsed Strict = parse(Text, JsonSyntax::Strict);
  std::vector<std::string> Messages;
  for (const Diagnostic &D : Strict.Doc.diagnostics())
    Messages.push_back(where(D.Range) + " " + D.Message);
  CHECK(Messages ==
        std::vector<std::string>{
            "2:3-2:18 a comment is not allowed in strict JSON",
            "3:11-4:13 a comment is not allowed in strict JSON",
            "4:24-4:25 a trailing comma is not allowed in strict JSON",
            "4:26-4:27 a trailing comma is not allowed in strict JSON"});
  // The tree is still complete: these errors do not stop reading.
  CHECK(Strict.Doc.root()->get("b")->Items.size() == 2);
}

TEST_CASE("json: Azure strings may span lines", "[json]") {
  Parsed P = parse("{\"s\": \"[concat(\n  'a')]\", \"t\": 1}");
  REQUIRE(P.Doc.diagnostics().empty());
  CHECK(P.Doc.root()->get("s")->Text == "[concat(\n  'a')]");
  CHECK(where(P.Doc.root()->Entries[1].KeyRange) == "2:11-2:14");
  Parsed Strict = parse("\"a\nb\"", JsonSyntax::Strict);
  REQUIRE(Strict.Doc.hasErrors());
  CHECK(Strict.Doc.diagnostics()[0].Message == "unterminated string");
}

TEST_CASE("json: syntax errors stop reading with an exact position", "[json]") {
  struct Case {
    const char *Text, *Where, *Message;
  } Cases[] = {
      {"{\"a\": 1,\n \"b\" 2}", "2:6-2:7",
       "expected ':' after the property name"},
      {"[1, 2", "1:6-1:6", "unexpected end of file, expected ',' or ']'"},
      {"{\"a\": tru}", "1:7-1:8", "unexpected character, expected a value"},
      {"{'a': 1}", "1:2-1:3", "expected a property name in double quotes"},
      {"[01]", "1:3-1:4", "expected ',' or ']'"},
      {"[1.]", "1:2-1:3", "invalid number"},
      {"\"abc", "1:1-1:2", "unterminated string"},
      {"\"\\x\"", "1:2-1:3", "invalid escape sequence in string"},
      {"1 2", "1:3-1:4", "unexpected text after the JSON value"},
      {"", "1:1-1:1", "expected a JSON value, found an empty file"},
      {"/* open", "1:1-1:2", "unterminated comment"},
  };
  for (const Case &C : Cases) {
    INFO(C.Text);
    Parsed P = parse(C.Text);
    REQUIRE(P.Doc.diagnostics().size() == 1);
    CHECK(P.Doc.diagnostics()[0].Level == Severity::Error);
    CHECK(where(P.Doc.diagnostics()[0].Range) == C.Where);
    CHECK(P.Doc.diagnostics()[0].Message == C.Message);
  }
}

TEST_CASE("json: the tree read before an error is kept", "[json]") {
  Parsed P = parse("{\"a\": 1, \"b\": [true, }");
  REQUIRE(P.Doc.hasErrors());
  const Node *Root = P.Doc.root();
  REQUIRE(Root);
  CHECK(Root->get("a")->Text == "1");
  REQUIRE(Root->get("b"));
  CHECK(Root->get("b")->Items.size() == 1);
}

TEST_CASE("json: duplicate keys are kept and reported", "[json]") {
  Parsed P = parse("{\"a\": 1, \"a\": 2}");
  REQUIRE(P.Doc.diagnostics().size() == 1);
  CHECK(P.Doc.diagnostics()[0].Level == Severity::Warning);
  CHECK(where(P.Doc.diagnostics()[0].Range) == "1:10-1:13");
  CHECK(P.Doc.root()->Entries.size() == 2);
}

TEST_CASE("json: nesting is bounded", "[json]") {
  std::string Deep(10000, '[');
  Deep += std::string(10000, ']');
  Parsed P = parse(Deep);
  REQUIRE(P.Doc.diagnostics().size() == 1);
  CHECK(P.Doc.diagnostics()[0].Message == "nesting deeper than 512 levels");
  CHECK(where(P.Doc.diagnostics()[0].Range) == "1:513-1:514");
  // The tree keeps the 512 levels read, no more.
  unsigned Depth = 0;
  for (const Node *N = P.Doc.root(); N;
       N = N->Items.empty() ? nullptr : N->Items[0])
    ++Depth;
  CHECK(Depth == MaxNestingDepth);
}

TEST_CASE("json: CRLF and BOM keep columns right", "[json]") {
  Parsed P = parse("\xEF\xBB\xBF{\r\n  \"a\": \"b\"\r\n}\r\n");
  REQUIRE(P.Doc.diagnostics().empty());
  CHECK(P.File->hasByteOrderMark());
  CHECK(where(P.Doc.root()->Range) == "1:1-3:2");
  CHECK(where(P.Doc.root()->Entries[0].KeyRange) == "2:3-2:6");
  CHECK(where(P.Doc.root()->Entries[0].Value->Range) == "2:8-2:11");
}
