//===- YamlParserTest.cpp - CloudFormation YAML reader tests --------------===//
#include "parsers/cloudformation/YamlParser.h"

#include <catch2/catch.hpp>

#include <limits>
#include <memory>
#include <string>

using namespace rampart;

namespace {

struct Parsed {
  std::unique_ptr<SourceFile> File;
  Document Doc;
};

Parsed parse(llvm::StringRef Text) {
  auto File = SourceFile::fromText("template.yaml", Text);
  Document Doc = parsers::parseYaml(*File);
  return {std::move(File), std::move(Doc)};
}

/// "line:column-line:column", so a failing check shows both ranges.
std::string where(const SourceRange &R) {
  return std::to_string(R.Start.Line) + ":" + std::to_string(R.Start.Column) +
         "-" + std::to_string(R.End.Line) + ":" + std::to_string(R.End.Column);
}

std::string textOf(const Parsed &P, const SourceRange &R) {
  return P.File->text().slice(R.Start.Offset, R.End.Offset).str();
}

const Node *at(const Node *N, std::initializer_list<const char *> Path) {
  for (const char *Key : Path) {
    REQUIRE(N);
    N = N->get(Key);
  }
  REQUIRE(N);
  return N;
}

const MapEntry &entry(const Node *N, const char *Key) {
  REQUIRE(N);
  const MapEntry *E = N->entry(Key);
  REQUIRE(E);
  return *E;
}

unsigned count(const Document &Doc, Severity S) {
  unsigned N = 0;
  for (const Diagnostic &D : Doc.diagnostics())
    N += D.Level == S;
  return N;
}

const Diagnostic *firstOf(const Document &Doc, Severity S) {
  for (const Diagnostic &D : Doc.diagnostics())
    if (D.Level == S)
      return &D;
  return nullptr;
}

unsigned height(const Node *N) {
  unsigned H = 0;
  for (const Node *I : N->Items)
    H = std::max(H, height(I));
  for (const MapEntry &E : N->Entries)
    H = std::max(H, height(E.Value));
  return H + 1;
}

} // namespace

TEST_CASE("yaml: block mappings: keys and plain scalars", "[yaml]") {
  Parsed P = parse("Resources:\n"
                   "  Bucket:\n"
                   "    Type: AWS::S3::Bucket\n"
                   "    Count: 3\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  REQUIRE(Root->is(NodeKind::Map));
  CHECK(where(Root->Range) == "1:1-4:13");
  CHECK(where(entry(Root, "Resources").KeyRange) == "1:1-1:10");
  const Node *Resources = at(Root, {"Resources"});
  CHECK(where(Resources->Range) == "2:3-4:13");
  CHECK(where(entry(Resources, "Bucket").KeyRange) == "2:3-2:9");
  const Node *Bucket = at(Resources, {"Bucket"});
  CHECK(where(Bucket->Range) == "3:5-4:13");
  CHECK(where(entry(Bucket, "Type").KeyRange) == "3:5-3:9");
  const Node *Type = at(Bucket, {"Type"});
  CHECK(Type->is(NodeKind::String));
  CHECK(Type->Text == "AWS::S3::Bucket");
  CHECK(where(Type->Range) == "3:11-3:26");
  const Node *Count = at(Bucket, {"Count"});
  CHECK(Count->is(NodeKind::Number));
  CHECK(Count->Text == "3");
  CHECK(where(Count->Range) == "4:12-4:13");
  CHECK(Type->Range.Start.Offset == 31);
}

TEST_CASE("yaml: quoted scalars decode and keep their quotes in ranges",
          "[yaml]") {
  Parsed P = parse("a: \"x \\\"y\\\" \\u00e9\"\n"
                   "'b''c': 'it''s'\n"
                   "d: \"one\n"
                   "  two\"\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  const Node *A = at(Root, {"a"});
  CHECK(A->is(NodeKind::String));
  CHECK(A->Text == "x \"y\" \xC3\xA9");
  CHECK(where(A->Range) == "1:4-1:20");
  const MapEntry &B = entry(Root, "b'c");
  CHECK(where(B.KeyRange) == "2:1-2:7");
  CHECK(B.Value->Text == "it's");
  CHECK(where(B.Value->Range) == "2:9-2:16");
  const Node *D = at(Root, {"d"});
  CHECK(D->Text == "one two");
  CHECK(where(D->Range) == "3:4-4:7");
  // Quoted literals are strings, whatever they spell.
  Parsed Q = parse("t: \"true\"\nn: '12'\nz: \"\"\n");
  CHECK(at(Q.Doc.root(), {"t"})->is(NodeKind::String));
  CHECK(at(Q.Doc.root(), {"n"})->is(NodeKind::String));
  CHECK(at(Q.Doc.root(), {"z"})->is(NodeKind::String));
  CHECK(where(at(Q.Doc.root(), {"z"})->Range) == "3:4-3:6");
}

TEST_CASE("yaml: block scalars end on their last content line", "[yaml]") {
  Parsed P = parse("script: |\n"
                   "  #!/bin/bash\n"
                   "  echo hi\n"
                   "\n"
                   "  done\n"
                   "# a comment at column 0\n"
                   "folded: >-\n"
                   "  a\n"
                   "  b\n"
                   "next: 1\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  const Node *Script = at(Root, {"script"});
  CHECK(Script->is(NodeKind::String));
  CHECK(Script->Text == "#!/bin/bash\necho hi\n\ndone\n");
  CHECK(where(Script->Range) == "1:9-5:7");
  const Node *Folded = at(Root, {"folded"});
  CHECK(Folded->Text == "a b");
  CHECK(where(Folded->Range) == "7:9-9:4");
  CHECK(where(Root->Range) == "1:1-10:8");

  SECTION("blanks past the indentation are content") {
    Parsed Q = parse("a: |\n  x\n   \nb: 1\n");
    REQUIRE(Q.Doc.diagnostics().empty());
    const Node *A = at(Q.Doc.root(), {"a"});
    CHECK(A->Text == "x\n \n");
    CHECK(where(A->Range) == "1:4-3:4");
  }
  SECTION("explicit indentation counts from the parent collection") {
    Parsed Q = parse("a:\n"
                     "  - |1\n"
                     "    x\n"
                     "  - >\n"
                     "\n"
                     "   folded\n"
                     "   more\n"
                     "\n"
                     "  # not content\n"
                     "b: 1\n");
    REQUIRE(Q.Doc.diagnostics().empty());
    const Node *List = at(Q.Doc.root(), {"a"});
    REQUIRE(List->Items.size() == 2);
    CHECK(List->Items[0]->Text == " x\n");
    CHECK(where(List->Items[0]->Range) == "2:5-3:6");
    CHECK(List->Items[1]->Text == "\nfolded more\n");
    CHECK(where(List->Items[1]->Range) == "4:5-7:8");
    CHECK(where(List->Range) == "2:3-7:8");
  }
}

TEST_CASE("yaml: multi-line plain scalars and comments", "[yaml]") {
  Parsed P = parse("# header\n"
                   "key: first\n"
                   "  second   # comment\n"
                   "other: x # c\n"
                   "list: # c4\n"
                   "  - y # c5\n"
                   "  # c6\n"
                   "last: \"s\" # c7\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  CHECK(where(Root->Range) == "2:1-8:10");
  const Node *Key = at(Root, {"key"});
  CHECK(Key->Text == "first second");
  CHECK(where(Key->Range) == "2:6-3:9");
  CHECK(where(at(Root, {"other"})->Range) == "4:8-4:9");
  const Node *List = at(Root, {"list"});
  CHECK(where(List->Range) == "6:3-6:6");
  CHECK(where(List->Items[0]->Range) == "6:5-6:6");
  CHECK(where(at(Root, {"last"})->Range) == "8:7-8:10");
}

TEST_CASE("yaml: flow collections include their brackets", "[yaml]") {
  Parsed P = parse("list: [a, [b, c], {d: e}]\n"
                   "map: {\n"
                   "  x: 1,\n"
                   "  y: [2, 3],\n"
                   "}\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  const Node *List = at(Root, {"list"});
  REQUIRE(List->is(NodeKind::List));
  REQUIRE(List->Items.size() == 3);
  CHECK(where(List->Range) == "1:7-1:26");
  CHECK(where(List->Items[0]->Range) == "1:8-1:9");
  CHECK(where(List->Items[1]->Range) == "1:11-1:17");
  CHECK(where(List->Items[1]->Items[1]->Range) == "1:15-1:16");
  const Node *Inner = List->Items[2];
  CHECK(Inner->is(NodeKind::Map));
  CHECK(where(Inner->Range) == "1:19-1:25");
  CHECK(where(entry(Inner, "d").KeyRange) == "1:20-1:21");
  CHECK(where(at(Inner, {"d"})->Range) == "1:23-1:24");
  const Node *Map = at(Root, {"map"});
  CHECK(where(Map->Range) == "2:6-5:2");
  CHECK(where(entry(Map, "x").KeyRange) == "3:3-3:4");
  CHECK(where(at(Map, {"y"})->Range) == "4:6-4:12");
  CHECK(where(Root->Range) == "1:1-5:2");

  SECTION("single-pair maps inside flow sequences have no braces") {
    Parsed Q = parse("[a: b, ? c]");
    REQUIRE(Q.Doc.diagnostics().empty());
    const Node *Seq = Q.Doc.root();
    REQUIRE(Seq->Items.size() == 2);
    CHECK(where(Seq->Items[0]->Range) == "1:2-1:6");
    CHECK(at(Seq->Items[0], {"a"})->Text == "b");
    CHECK(where(entry(Seq->Items[1], "c").KeyRange) == "1:10-1:11");
    CHECK(at(Seq->Items[1], {"c"})->is(NodeKind::Null));
  }
}

TEST_CASE("yaml: plain scalars follow the YAML 1.2 core schema", "[yaml]") {
  struct Case {
    const char *Literal;
    NodeKind Kind;
    bool Value;
  };
  const Case Cases[] = {
      {"~", NodeKind::Null, false},
      {"null", NodeKind::Null, false},
      {"Null", NodeKind::Null, false},
      {"NULL", NodeKind::Null, false},
      {"true", NodeKind::Bool, true},
      {"True", NodeKind::Bool, true},
      {"TRUE", NodeKind::Bool, true},
      {"false", NodeKind::Bool, false},
      {"False", NodeKind::Bool, false},
      {"FALSE", NodeKind::Bool, false},
      {"yes", NodeKind::String, false},
      {"No", NodeKind::String, false},
      {"on", NodeKind::String, false},
      {"y", NodeKind::String, false},
      {"0", NodeKind::Number, false},
      {"-12", NodeKind::Number, false},
      {"+12", NodeKind::Number, false},
      {"0o17", NodeKind::Number, false},
      {"0x1F", NodeKind::Number, false},
      {"1.5", NodeKind::Number, false},
      {"-.5", NodeKind::Number, false},
      {"1.", NodeKind::Number, false},
      {"1e3", NodeKind::Number, false},
      {"-1.5E-3", NodeKind::Number, false},
      {".inf", NodeKind::Number, false},
      {"-.Inf", NodeKind::Number, false},
      {"+.INF", NodeKind::Number, false},
      {".nan", NodeKind::Number, false},
      {".NaN", NodeKind::Number, false},
      {"0o8", NodeKind::String, false},
      {"0xG", NodeKind::String, false},
      {"1_000", NodeKind::String, false},
      {"12:30", NodeKind::String, false},
      {"1.2.3", NodeKind::String, false},
      {"nan", NodeKind::String, false},
      {"-.nan", NodeKind::String, false},
      {"0b101", NodeKind::String, false},
      {"2001-01-01", NodeKind::String, false},
      {"1e", NodeKind::String, false},
      {"+", NodeKind::String, false},
  };
  for (const Case &C : Cases) {
    INFO("literal: " << C.Literal);
    Parsed P = parse(std::string("v: ") + C.Literal + "\n");
    REQUIRE(P.Doc.diagnostics().empty());
    const Node *V = at(P.Doc.root(), {"v"});
    CHECK(V->Kind == C.Kind);
    CHECK(textOf(P, V->Range) == C.Literal);
    if (C.Kind == NodeKind::Bool)
      CHECK(V->BoolValue == C.Value);
    if (C.Kind == NodeKind::Number || C.Kind == NodeKind::String)
      CHECK(V->Text == C.Literal);
  }
}

TEST_CASE("yaml: explicit standard tags choose the type", "[yaml]") {
  Parsed P = parse("a: !!str 12\n"
                   "b: !!int \"12\"\n"
                   "c: !!float 1\n"
                   "d: !!bool true\n"
                   "e: !!null \"\"\n"
                   "f: !!int abc\n"
                   "g: !!binary aGk=\n");
  const Node *Root = P.Doc.root();
  const Node *A = at(Root, {"a"});
  CHECK(A->is(NodeKind::String));
  CHECK(A->Text == "12");
  CHECK(where(A->Range) == "1:4-1:12");
  const Node *B = at(Root, {"b"});
  CHECK(B->is(NodeKind::Number));
  CHECK(B->Text == "12");
  CHECK(where(B->Range) == "2:4-2:14");
  CHECK(at(Root, {"c"})->is(NodeKind::Number));
  CHECK(at(Root, {"d"})->is(NodeKind::Bool));
  CHECK(at(Root, {"d"})->BoolValue);
  CHECK(at(Root, {"e"})->is(NodeKind::Null));
  CHECK(at(Root, {"f"})->is(NodeKind::String));
  CHECK(at(Root, {"g"})->Text == "aGk=");
  CHECK(count(P.Doc, Severity::Error) == 0);
  REQUIRE(count(P.Doc, Severity::Warning) == 2);
  CHECK(P.Doc.diagnostics()[0].Message ==
        "'abc' is not a valid !!int value; read as a string");
  CHECK(where(P.Doc.diagnostics()[0].Range) == "6:4-6:13");
  CHECK(where(P.Doc.diagnostics()[1].Range) == "7:4-7:12");
}

TEST_CASE("yaml: every short-form intrinsic becomes an expression", "[yaml]") {
  const std::pair<const char *, const char *> Tags[] = {
      {"!Ref", "Ref"},
      {"!Condition", "Condition"},
      {"!Base64", "Fn::Base64"},
      {"!Cidr", "Fn::Cidr"},
      {"!FindInMap", "Fn::FindInMap"},
      {"!GetAtt", "Fn::GetAtt"},
      {"!GetAZs", "Fn::GetAZs"},
      {"!ImportValue", "Fn::ImportValue"},
      {"!Join", "Fn::Join"},
      {"!Select", "Fn::Select"},
      {"!Split", "Fn::Split"},
      {"!Sub", "Fn::Sub"},
      {"!Transform", "Fn::Transform"},
      {"!If", "Fn::If"},
      {"!Equals", "Fn::Equals"},
      {"!And", "Fn::And"},
      {"!Or", "Fn::Or"},
      {"!Not", "Fn::Not"},
      {"!Length", "Fn::Length"},
      {"!ToJsonString", "Fn::ToJsonString"},
      {"!ForEach", "Fn::ForEach"},
      {"!Contains", "Fn::Contains"},
      {"!EachMemberEquals", "Fn::EachMemberEquals"},
      {"!EachMemberIn", "Fn::EachMemberIn"},
      {"!RefAll", "Fn::RefAll"},
      {"!ValueOf", "Fn::ValueOf"},
      {"!ValueOfAll", "Fn::ValueOfAll"},
  };
  for (auto [Tag, Op] : Tags) {
    INFO("tag: " << Tag);
    std::string Tagged = std::string(Tag) + " x1";
    Parsed P = parse("v: " + Tagged + "\n");
    REQUIRE(P.Doc.diagnostics().empty());
    const Node *V = at(P.Doc.root(), {"v"});
    REQUIRE(V->is(NodeKind::Expression));
    CHECK(V->Op == Op);
    CHECK(V->Text == Tag);
    CHECK(textOf(P, V->Range) == Tagged);
    CHECK(V->Range.Start.Column == 4);
    CHECK(V->Entries.empty());
    REQUIRE(V->Items.size() == 1);
    const Node *Operand = V->Items[0];
    CHECK(Operand->is(NodeKind::String));
    CHECK(Operand->Text == "x1");
    CHECK(textOf(P, Operand->Range) == "x1");
  }
}

TEST_CASE("yaml: nested intrinsic forms keep exact ranges", "[yaml]") {
  Parsed P = parse("a: !Sub [\"${A}\", {A: !Ref B}]\n"
                   "b: !GetAtt A.B\n"
                   "c: !Join [\",\", [a, b]]\n"
                   "d: !If [Cond, !Ref A, !Ref \"AWS::NoValue\"]\n"
                   "n: !Ref 5\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();

  const Node *Sub = at(Root, {"a"});
  CHECK(Sub->isExpression("Fn::Sub"));
  CHECK(where(Sub->Range) == "1:4-1:30");
  const Node *SubArgs = Sub->Items[0];
  REQUIRE(SubArgs->is(NodeKind::List));
  CHECK(where(SubArgs->Range) == "1:9-1:30");
  REQUIRE(SubArgs->Items.size() == 2);
  CHECK(SubArgs->Items[0]->Text == "${A}");
  CHECK(where(SubArgs->Items[0]->Range) == "1:10-1:16");
  const Node *Vars = SubArgs->Items[1];
  CHECK(where(Vars->Range) == "1:18-1:29");
  CHECK(where(entry(Vars, "A").KeyRange) == "1:19-1:20");
  const Node *RefB = at(Vars, {"A"});
  CHECK(RefB->isExpression("Ref"));
  CHECK(where(RefB->Range) == "1:22-1:28");
  CHECK(RefB->Items[0]->Text == "B");
  CHECK(where(RefB->Items[0]->Range) == "1:27-1:28");

  const Node *GetAtt = at(Root, {"b"});
  CHECK(GetAtt->isExpression("Fn::GetAtt"));
  CHECK(where(GetAtt->Range) == "2:4-2:15");
  CHECK(GetAtt->Items[0]->Text == "A.B");
  CHECK(where(GetAtt->Items[0]->Range) == "2:12-2:15");

  const Node *Join = at(Root, {"c"});
  CHECK(Join->isExpression("Fn::Join"));
  CHECK(where(Join->Range) == "3:4-3:23");
  const Node *JoinArgs = Join->Items[0];
  CHECK(where(JoinArgs->Range) == "3:10-3:23");
  CHECK(JoinArgs->Items[0]->Text == ",");
  CHECK(where(JoinArgs->Items[0]->Range) == "3:11-3:14");
  CHECK(where(JoinArgs->Items[1]->Range) == "3:16-3:22");
  CHECK(where(JoinArgs->Items[1]->Items[1]->Range) == "3:20-3:21");

  const Node *If = at(Root, {"d"});
  CHECK(If->isExpression("Fn::If"));
  CHECK(where(If->Range) == "4:4-4:43");
  const Node *IfArgs = If->Items[0];
  REQUIRE(IfArgs->Items.size() == 3);
  CHECK(where(IfArgs->Range) == "4:8-4:43");
  CHECK(IfArgs->Items[0]->is(NodeKind::String));
  CHECK(where(IfArgs->Items[0]->Range) == "4:9-4:13");
  CHECK(IfArgs->Items[1]->isExpression("Ref"));
  CHECK(where(IfArgs->Items[1]->Range) == "4:15-4:21");
  CHECK(IfArgs->Items[2]->isExpression("Ref"));
  CHECK(where(IfArgs->Items[2]->Range) == "4:23-4:42");
  CHECK(IfArgs->Items[2]->Items[0]->Text == "AWS::NoValue");
  CHECK(where(IfArgs->Items[2]->Items[0]->Range) == "4:28-4:42");

  // A tagged scalar is a string operand, whatever it spells.
  const Node *N = at(Root, {"n"});
  CHECK(N->Items[0]->is(NodeKind::String));
  CHECK(N->Items[0]->Text == "5");
}

TEST_CASE("yaml: tagged block collections and block scalars", "[yaml]") {
  Parsed P = parse("Value: !If\n"
                   "  - IsProd\n"
                   "  - !Ref Big\n"
                   "  - small\n"
                   "UserData: !Base64\n"
                   "  Fn::Sub: |\n"
                   "    echo ${X}\n"
                   "Tail: !Sub |\n"
                   "  a\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  const Node *If = at(Root, {"Value"});
  CHECK(If->isExpression("Fn::If"));
  CHECK(where(If->Range) == "1:8-4:10");
  const Node *Args = If->Items[0];
  CHECK(where(Args->Range) == "2:3-4:10");
  CHECK(where(Args->Items[0]->Range) == "2:5-2:11");
  CHECK(where(Args->Items[1]->Range) == "3:5-3:13");
  CHECK(where(Args->Items[1]->Items[0]->Range) == "3:10-3:13");
  CHECK(where(Args->Items[2]->Range) == "4:5-4:10");

  const Node *Base64 = at(Root, {"UserData"});
  CHECK(Base64->isExpression("Fn::Base64"));
  CHECK(where(Base64->Range) == "5:11-7:14");
  const Node *LongSub = Base64->Items[0];
  REQUIRE(LongSub->is(NodeKind::Map)); // long forms stay maps
  CHECK(where(LongSub->Range) == "6:3-7:14");
  CHECK(where(entry(LongSub, "Fn::Sub").KeyRange) == "6:3-6:10");
  CHECK(at(LongSub, {"Fn::Sub"})->Text == "echo ${X}\n");
  CHECK(where(at(LongSub, {"Fn::Sub"})->Range) == "6:12-7:14");

  const Node *Tail = at(Root, {"Tail"});
  CHECK(where(Tail->Range) == "8:7-9:4");
  CHECK(where(Tail->Items[0]->Range) == "8:12-9:4");
  CHECK(Tail->Items[0]->Text == "a\n");
}

TEST_CASE("yaml: a tag without a value has an empty string operand", "[yaml]") {
  Parsed P = parse("a: !GetAZs\n"
                   "b: !GetAZs ''\n"
                   "c: !Ref\n"
                   "\"d\": 1\n"
                   "e: [!Ref , x]\n"
                   "f: {g: !Ref}\n"
                   "h: [!Ref]\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  const Node *A = at(Root, {"a"});
  CHECK(where(A->Range) == "1:4-1:11");
  CHECK(A->Items[0]->Text.empty());
  CHECK(where(A->Items[0]->Range) == "1:11-1:11");
  const Node *B = at(Root, {"b"});
  CHECK(where(B->Range) == "2:4-2:14");
  CHECK(where(B->Items[0]->Range) == "2:12-2:14");
  CHECK(where(at(Root, {"c"})->Range) == "3:4-3:8");
  CHECK(where(entry(Root, "d").KeyRange) == "4:1-4:4");
  CHECK(at(Root, {"d"})->Text == "1");
  const Node *E = at(Root, {"e"});
  REQUIRE(E->Items.size() == 2);
  CHECK(where(E->Items[0]->Range) == "5:5-5:9");
  CHECK(where(E->Items[1]->Range) == "5:12-5:13");
  const Node *G = at(Root, {"f", "g"});
  CHECK(G->Text == "!Ref");
  CHECK(where(G->Range) == "6:8-6:12");
  CHECK(where(at(Root, {"f"})->Range) == "6:4-6:13");
  const Node *H = at(Root, {"h"});
  CHECK(where(H->Range) == "7:4-7:10");
  CHECK(where(H->Items[0]->Range) == "7:5-7:9");
}

TEST_CASE("yaml: unknown tags become expressions with a warning", "[yaml]") {
  Parsed P = parse("a: !Rain::Embed file.txt\nb: !Foo\n  - 1\n");
  const Node *A = at(P.Doc.root(), {"a"});
  CHECK(A->isExpression("!Rain::Embed"));
  CHECK(A->Text == "!Rain::Embed");
  CHECK(A->Items[0]->Text == "file.txt");
  const Node *B = at(P.Doc.root(), {"b"});
  CHECK(B->isExpression("!Foo"));
  CHECK(B->Items[0]->is(NodeKind::List));
  CHECK(B->Items[0]->Items[0]->is(NodeKind::Number));
  CHECK(count(P.Doc, Severity::Error) == 0);
  REQUIRE(count(P.Doc, Severity::Warning) == 2);
  CHECK(where(P.Doc.diagnostics()[0].Range) == "1:4-1:16");
  CHECK(P.Doc.diagnostics()[0].Message ==
        "unknown tag '!Rain::Embed'; read as an expression with that name");
  CHECK(where(P.Doc.diagnostics()[1].Range) == "2:4-2:8");
}

TEST_CASE("yaml: empty values sit just after their indicator", "[yaml]") {
  Parsed P = parse("A:\n"
                   "B: 1\n"
                   "C:   # comment\n"
                   "D:\n"
                   "  - \n"
                   "  - x\n"
                   "  -\n"
                   "E: {f: , g}\n"
                   "F: &x\n"
                   "G: *x\n"
                   "H:");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  const Node *A = at(Root, {"A"});
  CHECK(A->is(NodeKind::Null));
  CHECK(where(A->Range) == "1:3-1:3");
  CHECK(where(at(Root, {"C"})->Range) == "3:3-3:3");
  const Node *D = at(Root, {"D"});
  REQUIRE(D->Items.size() == 3);
  CHECK(where(D->Range) == "5:3-7:4");
  CHECK(D->Items[0]->is(NodeKind::Null));
  CHECK(where(D->Items[0]->Range) == "5:4-5:4");
  CHECK(where(D->Items[1]->Range) == "6:5-6:6");
  CHECK(where(D->Items[2]->Range) == "7:4-7:4");
  const Node *E = at(Root, {"E"});
  CHECK(where(at(E, {"f"})->Range) == "8:7-8:7");
  CHECK(where(entry(E, "g").KeyRange) == "8:10-8:11");
  CHECK(where(at(E, {"g"})->Range) == "8:11-8:11");
  const Node *F = at(Root, {"F"});
  CHECK(F->is(NodeKind::Null));
  CHECK(where(F->Range) == "9:4-9:6");
  const Node *G = at(Root, {"G"});
  CHECK(G->is(NodeKind::Null));
  CHECK(where(G->Range) == "10:4-10:6");
  CHECK(where(at(Root, {"H"})->Range) == "11:3-11:3");

  SECTION("a null key after an empty value is not the value") {
    Parsed Q = parse("a:\nnull: 1\nb: ~\nc:\n  ~\n");
    REQUIRE(Q.Doc.diagnostics().empty());
    const Node *R = Q.Doc.root();
    CHECK(where(at(R, {"a"})->Range) == "1:3-1:3");
    CHECK(where(entry(R, "null").KeyRange) == "2:1-2:5");
    CHECK(at(R, {"null"})->Text == "1");
    CHECK(where(at(R, {"b"})->Range) == "3:4-3:5");
    CHECK(where(at(R, {"c"})->Range) == "5:3-5:4");
  }
}

TEST_CASE("yaml: anchors and aliases", "[yaml]") {
  Parsed P = parse("base: &b\n"
                   "  k: v\n"
                   "copy: *b\n"
                   "&s s: *s\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  const Node *Base = at(Root, {"base"});
  CHECK(where(Base->Range) == "1:7-2:7");
  const Node *Copy = at(Root, {"copy"});
  REQUIRE(Copy->is(NodeKind::Map));
  CHECK(Copy != Base);
  CHECK(where(Copy->Range) == "3:7-3:9");
  // The copied children keep the anchored text's positions.
  CHECK(where(entry(Copy, "k").KeyRange) == "2:3-2:4");
  CHECK(at(Copy, {"k"})->Text == "v");
  CHECK(where(at(Copy, {"k"})->Range) == "2:6-2:7");
  CHECK(where(entry(Root, "s").KeyRange) == "4:1-4:5");
  CHECK(at(Root, {"s"})->Text == "s");

  SECTION("an alias inside its own anchor") {
    Parsed Q = parse("a: &x [*x]\n");
    const Diagnostic *E = firstOf(Q.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(E->Message == "alias '*x' refers to a node that contains it");
    CHECK(where(E->Range) == "1:8-1:10");
    CHECK(at(Q.Doc.root(), {"a"})->Items[0]->is(NodeKind::Null));
  }
  SECTION("an undefined alias") {
    Parsed Q = parse("a: 1\nb: *nope\n");
    const Diagnostic *E = firstOf(Q.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(E->Message == "the referenced anchor is not defined");
    CHECK(where(E->Range) == "2:4-2:5");
    CHECK(at(Q.Doc.root(), {"a"})->Text == "1");
  }
  SECTION("alias expansion is bounded") {
    std::string Text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char C = 'b'; C <= 'k'; ++C) {
      std::string Prev = "*" + std::string(1, C - 1);
      Text += std::string(1, C) + ": &" + C + " [" + Prev;
      for (int I = 0; I < 9; ++I)
        Text += ", " + Prev;
      Text += "]\n";
    }
    Parsed Q = parse(Text);
    const Diagnostic *E = firstOf(Q.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(llvm::StringRef(E->Message)
              .startswith("aliases expand to more than 100000 nodes"));
    CHECK(Q.Doc.root()->Entries.size() == 11);
  }
}

TEST_CASE("yaml: duplicate keys are kept with a warning", "[yaml]") {
  Parsed P = parse("a: 1\nb: 2\na: 3\n");
  REQUIRE(P.Doc.root()->Entries.size() == 3);
  CHECK(P.Doc.root()->Entries[2].Value->Text == "3");
  CHECK(P.Doc.root()->get("a")->Text == "1");
  REQUIRE(P.Doc.diagnostics().size() == 1);
  const Diagnostic &D = P.Doc.diagnostics()[0];
  CHECK(D.Level == Severity::Warning);
  CHECK(D.Message == "duplicate key 'a' (first on line 1)");
  CHECK(where(D.Range) == "3:1-3:2");
}

TEST_CASE("yaml: keys that are not plain strings", "[yaml]") {
  Parsed P = parse("? explicit key\n"
                   ": explicit value\n"
                   "[a, b]: complex\n"
                   "1: one\n"
                   "~: tilde\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  CHECK(where(entry(Root, "explicit key").KeyRange) == "1:3-1:15");
  CHECK(where(at(Root, {"explicit key"})->Range) == "2:3-2:17");
  CHECK(where(entry(Root, "[a, b]").KeyRange) == "3:1-3:7");
  CHECK(at(Root, {"1"})->Text == "one");
  CHECK(at(Root, {"~"})->Text == "tilde");

  SECTION("a first key's anchor or braces are not its mapping's") {
    Parsed Q = parse("x:\n"
                     "  &a k: |\n"
                     "   v\n"
                     "  j: 1\n"
                     "{a: 1}: w\n");
    REQUIRE(Q.Doc.diagnostics().empty());
    const Node *X = at(Q.Doc.root(), {"x"});
    CHECK(where(X->Range) == "2:3-4:7");
    CHECK(where(entry(X, "k").KeyRange) == "2:3-2:7");
    CHECK(at(X, {"k"})->Text == "v\n");
    CHECK(where(at(X, {"k"})->Range) == "2:9-3:5");
    CHECK(where(entry(Q.Doc.root(), "{a: 1}").KeyRange) == "5:1-5:7");
    CHECK(where(Q.Doc.root()->Range) == "1:1-5:10");
  }
}

TEST_CASE("yaml: only the first document is read", "[yaml]") {
  Parsed P = parse("---\na: 1\n---\nb: 2\n");
  REQUIRE(P.Doc.diagnostics().size() == 1);
  const Diagnostic &D = P.Doc.diagnostics()[0];
  CHECK(D.Level == Severity::Warning);
  CHECK(where(D.Range) == "3:1-3:4");
  CHECK(P.Doc.root()->Entries.size() == 1);
  CHECK(where(P.Doc.root()->Range) == "2:1-2:5");
  // A document end marker alone starts nothing.
  CHECK(parse("a: 1\n...\n").Doc.diagnostics().empty());
}

TEST_CASE("yaml: syntax errors are reported at yaml-cpp's position", "[yaml]") {
  SECTION("bad indentation") {
    Parsed P = parse("Resources:\n"
                     "  A:\n"
                     "    Type: x\n"
                     "   Properties: y\n");
    REQUIRE(count(P.Doc, Severity::Error) == 1);
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    CHECK(E->Message == "end of map not found");
    CHECK(where(E->Range) == "4:4-4:5");
    // The tree read before the error is kept.
    CHECK(at(P.Doc.root(), {"Resources", "A", "Type"})->Text == "x");
  }
  SECTION("a dedented key") {
    Parsed P = parse("a:\n  b: 1\n c: 2\n");
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(where(E->Range) == "3:2-3:3");
  }
  SECTION("an unclosed flow map") {
    Parsed P = parse("a: {b: 1\n");
    REQUIRE(P.Doc.diagnostics().size() == 2);
    const Diagnostic &E = P.Doc.diagnostics()[0];
    CHECK(E.Level == Severity::Error);
    CHECK(E.Message == "end of map flow not found");
    CHECK(where(E.Range) == "2:1-2:1");
    const Diagnostic &N = P.Doc.diagnostics()[1];
    CHECK(N.Level == Severity::Note);
    CHECK(N.Message == "the '{' opened here is not closed");
    CHECK(where(N.Range) == "1:4-1:5");
    CHECK(at(P.Doc.root(), {"a", "b"})->Text == "1");
  }
  SECTION("an unclosed flow sequence before more keys") {
    Parsed P = parse("a: [1, 2\nb: 3\n");
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(E->Message == "end of sequence flow not found");
    CHECK(where(E->Range) == "2:2-2:3");
  }
  SECTION("a tab in indentation") {
    Parsed P = parse("a:\n\tb: 1\n");
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(where(E->Range) == "2:3-2:4");
  }
  SECTION("an unterminated quoted string") {
    Parsed P = parse("Resources:\n  A:\n    Type: \"AWS::S3\n");
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(where(E->Range) == "3:11-3:12");
  }
  SECTION("a truncated file") {
    Parsed P = parse("Resources:\n  A:\n    Type: \"AWS::S3");
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(E->Message == "illegal EOF in scalar");
    CHECK(where(E->Range) == "3:19-3:19");
    REQUIRE(P.Doc.root());
    CHECK(P.Doc.root()->get("Resources"));
  }
}

TEST_CASE("yaml: non-ASCII text counts columns in bytes", "[yaml]") {
  Parsed P = parse("\xC3\xA9: \xC3\xBC x\nb: [\"\xE2\x82\xAC\", z]\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node *Root = P.Doc.root();
  CHECK(where(entry(Root, "\xC3\xA9").KeyRange) == "1:1-1:3");
  const Node *V = at(Root, {"\xC3\xA9"});
  CHECK(V->Text == "\xC3\xBC x");
  CHECK(where(V->Range) == "1:5-1:9");
  const Node *B = at(Root, {"b"});
  CHECK(where(B->Items[0]->Range) == "2:5-2:10");
  CHECK(where(B->Items[1]->Range) == "2:12-2:13");
}

TEST_CASE("yaml: hostile input gives diagnostics, not crashes", "[yaml]") {
  SECTION("empty file and comments only") {
    for (const char *Text : {"", "# only a comment\n", "\n\n"}) {
      Parsed P = parse(Text);
      REQUIRE(P.Doc.root());
      CHECK(P.Doc.root()->is(NodeKind::Null));
      REQUIRE(P.Doc.diagnostics().size() == 1);
      CHECK(P.Doc.diagnostics()[0].Level == Severity::Warning);
      CHECK(P.Doc.diagnostics()[0].Message ==
            "the file holds no YAML document");
    }
  }
  SECTION("binary garbage with NUL bytes") {
    std::string Bytes;
    uint32_t State = 12345;
    for (int I = 0; I < 4096; ++I) {
      State = State * 1103515245 + 12345;
      Bytes += static_cast<char>(State >> 16);
    }
    Bytes[0] = '\0'; // a leading NUL would switch yaml-cpp to UTF-16
    Parsed P = parse(Bytes);
    REQUIRE(P.Doc.root());
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(P.Doc.hasErrors());
  }
  SECTION("a NUL byte is an error and keeps positions") {
    Parsed P = parse(llvm::StringRef("a: 1\nb: x\0y\n", 12));
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(E->Message ==
          "control character 0x00 is not allowed in YAML; read as a space");
    CHECK(where(E->Range) == "2:5-2:6");
    CHECK(where(at(P.Doc.root(), {"b"})->Range) == "2:4-2:7");
  }
  SECTION("invalid UTF-8") {
    Parsed P = parse("a: caf\xE9\nb: [1, 2]\n");
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(E->Message == "invalid UTF-8 byte 0xe9; YAML text must be UTF-8");
    CHECK(where(E->Range) == "1:7-1:8");
    CHECK(where(at(P.Doc.root(), {"b"})->Range) == "2:4-2:10");
  }
  SECTION("UTF-16 is refused") {
    Parsed P = parse(llvm::StringRef("\xFF\xFE"
                                     "a\0:\0",
                                     6));
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(where(E->Range) == "1:1-1:3");
    REQUIRE(P.Doc.root());
  }
  SECTION("CRLF line endings") {
    Parsed P = parse("a: 1\r\n"
                     "b:\r\n"
                     "  - x\r\n"
                     "  - \"y\r\n"
                     "    z\"\r\n"
                     "c: |\r\n"
                     "  l1\r\n"
                     "  l2\r\n"
                     "d: plain\r\n"
                     "  more\r\n");
    REQUIRE(P.Doc.diagnostics().empty());
    const Node *Root = P.Doc.root();
    const Node *B = at(Root, {"b"});
    CHECK(where(B->Range) == "3:3-5:7");
    CHECK(B->Items[1]->Text == "y z");
    const Node *C = at(Root, {"c"});
    CHECK(C->Text == "l1\nl2\n");
    CHECK(where(C->Range) == "6:4-8:5");
    const Node *D = at(Root, {"d"});
    CHECK(D->Text == "plain more");
    CHECK(where(D->Range) == "9:4-10:7");
  }
  SECTION("a byte order mark") {
    Parsed P = parse("\xEF\xBB\xBF"
                     "a: 1\n");
    REQUIRE(P.File->hasByteOrderMark());
    REQUIRE(P.Doc.diagnostics().empty());
    const MapEntry &A = entry(P.Doc.root(), "a");
    CHECK(where(A.KeyRange) == "1:1-1:2");
    CHECK(A.KeyRange.Start.Offset == 0);
    CHECK(where(A.Value->Range) == "1:4-1:5");
  }
  SECTION("10,000 nested flow sequences") {
    Parsed P = parse(std::string(10000, '[') + std::string(10000, ']'));
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(llvm::StringRef(E->Message).startswith("nesting too deep"));
    CHECK(where(E->Range) == "1:500-1:501");
    REQUIRE(P.Doc.root());
    CHECK(height(P.Doc.root()) <= MaxNestingDepth);
  }
  SECTION("10,000 nested block sequences") {
    std::string Text;
    for (int I = 0; I < 10000; ++I)
      Text += "- ";
    Parsed P = parse(Text + "x\n");
    REQUIRE(firstOf(P.Doc, Severity::Error));
    CHECK(height(P.Doc.root()) <= MaxNestingDepth);
  }
  SECTION("10,000 nested block mappings") {
    std::string Text;
    for (int I = 0; I < 10000; ++I)
      Text += std::string(I, ' ') + "k:\n";
    Parsed P = parse(Text);
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    REQUIRE(E);
    CHECK(llvm::StringRef(E->Message).startswith("nesting too deep"));
    CHECK(E->Range.Start.Line == 499);
    CHECK(height(P.Doc.root()) <= MaxNestingDepth);
  }
  SECTION("expressions nested past 512 levels keep the rest") {
    std::string Text = "a: ";
    for (int I = 0; I < 300; ++I)
      Text += "!Not [";
    Text += "x" + std::string(300, ']') + "\nb: 1\n";
    Parsed P = parse(Text);
    REQUIRE(count(P.Doc, Severity::Error) == 1);
    const Diagnostic *E = firstOf(P.Doc, Severity::Error);
    CHECK(E->Message == "nesting deeper than 512 levels");
    CHECK(E->Range.Start.Line == 1);
    CHECK(height(P.Doc.root()) <= MaxNestingDepth);
    CHECK(at(P.Doc.root(), {"b"})->Text == "1");
  }
}

TEST_CASE("yaml: every core-schema number form has a value", "[yaml]") {
  auto File = SourceFile::fromText(
      "t.yaml", "a: 0x1F\nb: 0o17\nc: +3\nd: -.inf\ne: 1.5e3\n");
  Document Doc = parsers::parseYaml(*File);
  REQUIRE_FALSE(Doc.hasErrors());
  const Node *Root = Doc.root();
  CHECK(Root->get("a")->number() == 31.0);
  CHECK(Root->get("b")->number() == 15.0);
  CHECK(Root->get("c")->number() == 3.0);
  CHECK(Root->get("d")->number() == -std::numeric_limits<double>::infinity());
  CHECK(Root->get("e")->number() == 1500.0);
}
