//===- ArmExpressionTest.cpp - ARM expression parsing with positions ------===//
#include "analyzer/eval/arm/Expression.h"

#include "parsers/common/JsonParser.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::eval::arm;

namespace {

// Parses `{"v": <json string>}` with the real JSON reader, so the String
// node, its decoded text and its range are exactly what the evaluator gets.
struct Fixture {
  std::unique_ptr<SourceFile> File;
  Document Doc;
  ParsedString Parsed;

  explicit Fixture(llvm::StringRef Json)
      : File(SourceFile::fromText("t.json", Json)),
        Doc(parsers::parseJson(*File, Dialect::Arm, FileRole::Template,
                               parsers::JsonSyntax::Azure)) {
    REQUIRE_FALSE(Doc.hasErrors()); // a lone surrogate only warns
    const Node *S = Doc.root()->get("v");
    REQUIRE(S);
    REQUIRE(S->is(NodeKind::String));
    Parsed =
        parseArmString(S->Text, StringSourceMap(File.get(), S->Range, S->Text));
  }

  // The source text a range covers.
  std::string text(const SourceRange &R) const {
    return File->text().slice(R.Start.Offset, R.End.Offset).str();
  }
};

void checkAt(const SourceRange &R, uint32_t Line, uint32_t Col,
             uint32_t EndLine, uint32_t EndCol) {
  CHECK(R.Start.Line == Line);
  CHECK(R.Start.Column == Col);
  CHECK(R.End.Line == EndLine);
  CHECK(R.End.Column == EndCol);
}

} // namespace

TEST_CASE("ARM strings: literal, escaped and expression forms", "[armexpr]") {
  CHECK(isArmExpression("[concat('a')]"));
  CHECK_FALSE(isArmExpression("[[concat('a')]"));
  CHECK_FALSE(isArmExpression("plain"));
  CHECK_FALSE(isArmExpression("[abc"));
  CHECK_FALSE(isArmExpression("[]x"));

  Fixture Lit(R"({"v": "plain"})");
  CHECK(Lit.Parsed.Form == StringForm::Literal);
  CHECK(Lit.Parsed.Literal == "plain");

  Fixture Esc(R"({"v": "[[x]"})");
  CHECK(Esc.Parsed.Form == StringForm::Escaped);
  CHECK(Esc.Parsed.Literal == "[x]");

  Fixture Open(R"({"v": "[[x"})");
  CHECK(Open.Parsed.Form == StringForm::Literal);
  CHECK(Open.Parsed.Literal == "[[x");
}

TEST_CASE("ARM expressions: tree shape and exact ranges", "[armexpr]") {
  Fixture F(R"({"v": "[concat('a', parameters('p').x[0])]"})");
  REQUIRE(F.Parsed.Form == StringForm::Expression);
  REQUIRE(F.Parsed.Diagnostics.empty());
  const Expr *Root = F.Parsed.Root.get();
  REQUIRE(Root);
  CHECK(Root->Kind == ExprKind::Call);
  CHECK(Root->Text == "concat");
  CHECK(F.text(Root->Range) == "concat('a', parameters('p').x[0])");
  checkAt(Root->Range, 1, 9, 1, 42);
  CHECK(F.text(Root->NameRange) == "concat");
  REQUIRE(Root->Operands.size() == 2);
  const Expr &A = *Root->Operands[0];
  CHECK(A.Kind == ExprKind::String);
  CHECK(A.Text == "a");
  CHECK(F.text(A.Range) == "'a'");
  checkAt(A.Range, 1, 16, 1, 19);
  const Expr &Ix = *Root->Operands[1];
  REQUIRE(Ix.Kind == ExprKind::Index);
  CHECK(F.text(Ix.Range) == "parameters('p').x[0]");
  const Expr &M = *Ix.Operands[0];
  REQUIRE(M.Kind == ExprKind::Member);
  CHECK(M.Text == "x");
  CHECK(F.text(M.NameRange) == "x");
  CHECK(F.text(M.Range) == "parameters('p').x");
  CHECK(Ix.Operands[1]->Kind == ExprKind::Integer);
  CHECK(Ix.Operands[1]->Int == 0);
  CHECK(F.text(Ix.Operands[1]->Range) == "0");
}

TEST_CASE("ARM expressions: literals, quotes, negatives, namespaces",
          "[armexpr]") {
  Fixture F(R"({"v": "[ns.fn('it''s', -12, resourceGroup().location)]"})");
  REQUIRE(F.Parsed.Root);
  const Expr &R = *F.Parsed.Root;
  CHECK(R.Kind == ExprKind::Call);
  CHECK(R.Namespace == "ns");
  CHECK(R.Text == "fn");
  CHECK(F.text(R.NameRange) == "ns.fn");
  REQUIRE(R.Operands.size() == 3);
  CHECK(R.Operands[0]->Text == "it's");
  CHECK(F.text(R.Operands[0]->Range) == "'it''s'");
  CHECK(R.Operands[1]->Int == -12);
  CHECK(F.text(R.Operands[1]->Range) == "-12");
  const Expr &Loc = *R.Operands[2];
  CHECK(Loc.Kind == ExprKind::Member);
  CHECK(Loc.Text == "location");
  CHECK(Loc.Operands[0]->Kind == ExprKind::Call);
  CHECK(Loc.Operands[0]->Namespace.empty());
  CHECK(Loc.Operands[0]->Text == "resourceGroup");
}

TEST_CASE("ARM expressions: ranges through JSON escapes", "[armexpr]") {
  // \" and \u00e9 (two UTF-8 bytes from six source bytes) before the call.
  Fixture F(R"({"v": "[concat('\"\u00e9', toLower('X'))]"})");
  REQUIRE(F.Parsed.Root);
  const Expr &R = *F.Parsed.Root;
  CHECK(R.Operands[0]->Text == "\"\xC3\xA9");
  CHECK(F.text(R.Operands[0]->Range) == R"('\"\u00e9')");
  CHECK(F.text(R.Operands[1]->Range) == "toLower('X')");
  //    {"v": "[concat('\"\u00e9', toLower('X'))]"}
  //    1234567890123456789012345678901234567890
  checkAt(R.Operands[1]->Range, 1, 28, 1, 40);
  CHECK(F.text(R.Range) == R"(concat('\"\u00e9', toLower('X')))");
}

TEST_CASE("ARM expressions: surrogate pairs and lone surrogates", "[armexpr]") {
  // \ud83d\ude00 is 12 source bytes for 4 decoded bytes; a lone \ud800
  // decodes to U+FFFD (3 bytes) from 6 source bytes.
  Fixture F(R"({"v": "[f('\ud83d\ude00', '\ud800', 'z')]"})");
  REQUIRE(F.Parsed.Root);
  const Expr &R = *F.Parsed.Root;
  CHECK(R.Operands[0]->Text == "\xF0\x9F\x98\x80");
  CHECK(F.text(R.Operands[0]->Range) == R"('\ud83d\ude00')");
  CHECK(F.text(R.Operands[1]->Range) == R"('\ud800')");
  CHECK(F.text(R.Operands[2]->Range) == "'z'");
  //  {"v": "[f('\ud83d\ude00', '\ud800', 'z')]"}: 'z' at column 37.
  checkAt(R.Operands[2]->Range, 1, 37, 1, 40);
}

TEST_CASE("ARM expressions: multi-line strings and CRLF", "[armexpr]") {
  Fixture F("{\"v\": \"[concat('a',\r\n   variables('b'))]\"}");
  REQUIRE(F.Parsed.Root);
  const Expr &V = *F.Parsed.Root->Operands[1];
  CHECK(F.text(V.Range) == "variables('b')");
  checkAt(V.Range, 2, 4, 2, 18);
  checkAt(F.Parsed.Root->Range, 1, 9, 2, 19);

  // An escaped \n is two source bytes for one decoded byte.
  Fixture G(R"({"v": "[concat('a',\n  'b')]"})");
  REQUIRE(G.Parsed.Root);
  CHECK(G.text(G.Parsed.Root->Operands[1]->Range) == "'b'");
  checkAt(G.Parsed.Root->Operands[1]->Range, 1, 24, 1, 27);
}

TEST_CASE("ARM expressions: syntax errors have exact ranges", "[armexpr]") {
  struct Case {
    const char *Json;
    const char *Message;
    uint32_t Col, EndCol;
  } Cases[] = {
      //  {"v": "[...]"}: expression text starts at column 9.
      {R"({"v": "[concat('a' 'b')]"})",
       "expected ',' or ')' in argument "
       "list, found '''",
       20, 21},
      {R"({"v": "[concat('a']"})", "'(' is not closed", 15, 16},
      {R"({"v": "['abc]"})", "unterminated string literal", 9, 13},
      {R"({"v": "[foo]"})", "expected '(' after function name 'foo'", 9, 12},
      {R"({"v": "[a().]"})", "expected a property name after '.'", 13, 14},
      {R"({"v": "[a() b()]"})", "unexpected 'b' after expression", 13, 14},
      {R"({"v": "[]"})", "empty expression", 8, 10},
      {R"({"v": "[ ]"})", "empty expression", 8, 11},
      {R"({"v": "[f(1.5)]"})", "floating-point literals are not ARM syntax", 11,
       13},
      {R"({"v": "[f(-)]"})", "expected digits after '-'", 11, 12},
      {R"({"v": "[f(99999999999999999999)]"})",
       "integer literal out of 64-bit range", 11, 31},
      {R"({"v": "[true]"})", "expected '(' after function name 'true'", 9, 13},
      {R"({"v": "[a()[0]"})", "'[' is not closed", 12, 13},
  };
  for (const Case &C : Cases) {
    INFO(C.Json);
    Fixture F(C.Json);
    CHECK(F.Parsed.Form == StringForm::Expression);
    CHECK_FALSE(F.Parsed.Root);
    REQUIRE(F.Parsed.Diagnostics.size() == 1);
    const Diagnostic &D = F.Parsed.Diagnostics[0];
    CHECK(D.Message == C.Message);
    CHECK(D.Range.Start.Line == 1);
    CHECK(D.Range.Start.Column == C.Col);
    CHECK(D.Range.End.Column == C.EndCol);
  }
}

TEST_CASE("ARM expressions: depth and size limits", "[armexpr]") {
  std::string Deep = "[";
  for (int I = 0; I < 10000; ++I)
    Deep += "f(";
  Deep += "1";
  Deep += std::string(10000, ')');
  Deep += "]";
  ParsedString P = parseArmString(Deep, StringSourceMap());
  CHECK_FALSE(P.Root);
  REQUIRE(P.Diagnostics.size() == 1);
  CHECK(P.Diagnostics[0].Message == "expression nests deeper than 128 levels");
  // The 129th call starts at decoded offset 1 + 128 * 2.
  CHECK(P.Diagnostics[0].Range.Start.Offset == 257);

  std::string LongChain = "[a()";
  for (int I = 0; I < 5000; ++I)
    LongChain += ".p";
  LongChain += "]";
  ParsedString Q = parseArmString(LongChain, StringSourceMap());
  CHECK_FALSE(Q.Root);
  REQUIRE(Q.Diagnostics.size() == 1);
  CHECK(Q.Diagnostics[0].Message == "expression nests deeper than 128 levels");

  std::string Nested127 = "[";
  for (int I = 0; I < 127; ++I)
    Nested127 += "f(";
  Nested127 += "1" + std::string(127, ')') + "]";
  CHECK(parseArmString(Nested127, StringSourceMap()).Root);

  std::string Huge = "['" + std::string(MaxExpressionBytes, 'x') + "')]";
  ParsedString H = parseArmString(Huge, StringSourceMap());
  CHECK_FALSE(H.Root);
  REQUIRE(H.Diagnostics.size() == 1);
  CHECK(H.Diagnostics[0].Message ==
        "expression longer than 262144 bytes; not evaluated");
}

TEST_CASE("ARM expressions: hostile bytes never crash", "[armexpr]") {
  for (llvm::StringRef S :
       {llvm::StringRef("[\0]", 3), llvm::StringRef("[\xff\xfe]"),
        llvm::StringRef("[f(']"), llvm::StringRef("[f(,)]"),
        llvm::StringRef("[.]"), llvm::StringRef("[[]"), llvm::StringRef("[']"),
        llvm::StringRef("[f()[']")}) {
    ParsedString P = parseArmString(S, StringSourceMap());
    if (P.Form == StringForm::Expression) {
      CHECK_FALSE(P.Root);
      CHECK(P.Diagnostics.size() == 1);
    }
  }
}
