//===- HclParserTest.cpp - Terraform native syntax ------------------------===//
#include "parsers/terraform/HclParser.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>

using namespace rampart;

namespace {

struct Parsed {
  std::unique_ptr<SourceFile> File;
  Document Doc;

  explicit Parsed(llvm::StringRef Text, FileRole Role = FileRole::Template)
      : File(SourceFile::fromText("main.tf", Text)),
        Doc(parsers::parseHcl(*File, Role)) {}

  const Node &root() const { return *Doc.root(); }
  /// The value of the root attribute Name.
  const Node &value(llvm::StringRef Name) const {
    return valueIn(root(), Name);
  }

  static const Node &valueIn(const Node &Body, llvm::StringRef Name) {
    for (const Node *Item : Body.Items)
      if (Item->isExpression("attribute") && Item->Text == Name)
        return *Item->get("value");
    FAIL("no attribute " << Name.str());
    return Body;
  }
};

/// "line:col-line:col", to compare ranges in one readable assertion.
std::string span(const SourceRange &R) {
  return std::to_string(R.Start.Line) + ":" + std::to_string(R.Start.Column) +
         "-" + std::to_string(R.End.Line) + ":" + std::to_string(R.End.Column);
}

std::string span(const Node &N) { return span(N.Range); }

unsigned depthOf(const Node &N) {
  unsigned D = 0;
  for (const Node *I : N.Items)
    D = std::max(D, depthOf(*I));
  for (const MapEntry &E : N.Entries)
    D = std::max(D, depthOf(*E.Value));
  return D + 1;
}

} // namespace

TEST_CASE("attributes keep exact name and value ranges", "[hcl]") {
  Parsed P("region = \"eu-west-1\"\ncount  = 3\n"
           "enabled = true\nnothing = null\nratio = 1.5\n");
  REQUIRE(P.Doc.diagnostics().empty());
  CHECK(P.Doc.dialect() == Dialect::Terraform);
  const Node &Root = P.root();
  REQUIRE(Root.isExpression("body"));
  CHECK(span(Root) == "1:1-6:1");
  REQUIRE(Root.Items.size() == 5);

  const Node &Region = *Root.Items[0];
  CHECK(Region.isExpression("attribute"));
  CHECK(Region.Text == "region");
  CHECK(span(Region) == "1:1-1:21");
  const MapEntry *Name = Region.entry("name");
  REQUIRE(Name);
  CHECK(Name->Value->is(NodeKind::String));
  CHECK(Name->Value->Text == "region");
  CHECK(span(*Name->Value) == "1:1-1:7");
  const Node &Value = *Region.get("value");
  CHECK(Value.is(NodeKind::String));
  CHECK(Value.Text == "eu-west-1");
  CHECK(span(Value) == "1:10-1:21");
  CHECK(Value.Range.Start.Offset == 9);
  CHECK(Value.Range.End.Offset == 20);

  const Node &Count = P.value("count");
  CHECK(Count.is(NodeKind::Number));
  CHECK(Count.Text == "3");
  CHECK(span(Count) == "2:10-2:11");
  CHECK(span(*Root.Items[1]->get("name")) == "2:1-2:6");
  CHECK(P.value("enabled").is(NodeKind::Bool));
  CHECK(P.value("enabled").BoolValue);
  CHECK(P.value("nothing").is(NodeKind::Null));
  CHECK(span(P.value("nothing")) == "4:11-4:15");
  CHECK(P.value("ratio").number() == 1.5);
}

TEST_CASE("blocks keep type, labels and body ranges", "[hcl]") {
  Parsed P("resource \"aws_s3_bucket\" \"logs\" {\n"
           "  bucket = \"my-logs\"\n"
           "  versioning {\n"
           "    enabled = true\n"
           "  }\n"
           "}\n"
           "legacy aws_instance web { ami = \"x\" }\n"
           "locals {}\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &Root = P.root();
  REQUIRE(Root.Items.size() == 3);

  const Node &Res = *Root.Items[0];
  REQUIRE(Res.isExpression("block"));
  CHECK(Res.Text == "resource");
  CHECK(span(Res) == "1:1-6:2");
  CHECK(span(*Res.get("type")) == "1:1-1:9");
  const Node &Labels = *Res.get("labels");
  REQUIRE(Labels.is(NodeKind::List));
  REQUIRE(Labels.Items.size() == 2);
  CHECK(Labels.Items[0]->Text == "aws_s3_bucket");
  CHECK(span(*Labels.Items[0]) == "1:10-1:25");
  CHECK(Labels.Items[1]->Text == "logs");
  CHECK(span(*Labels.Items[1]) == "1:26-1:32");
  CHECK(span(Labels) == "1:10-1:32");

  const Node &Body = *Res.get("body");
  REQUIRE(Body.isExpression("body"));
  CHECK(span(Body) == "1:33-6:2");
  REQUIRE(Body.Items.size() == 2);
  const Node &Bucket = Parsed::valueIn(Body, "bucket");
  CHECK(Bucket.Text == "my-logs");
  CHECK(span(Bucket) == "2:12-2:21");
  const Node &Versioning = *Body.Items[1];
  CHECK(Versioning.isExpression("block"));
  CHECK(Versioning.Text == "versioning");
  CHECK(Versioning.get("labels")->Items.empty());
  CHECK(span(*Versioning.get("labels")) == "3:13-3:13");
  const Node &Enabled = Parsed::valueIn(*Versioning.get("body"), "enabled");
  CHECK(Enabled.BoolValue);
  CHECK(span(Enabled) == "4:15-4:19");

  // Bare identifier labels (HCL 1 style) and a one-line block.
  const Node &Legacy = *Root.Items[1];
  REQUIRE(Legacy.get("labels")->Items.size() == 2);
  CHECK(Legacy.get("labels")->Items[0]->Text == "aws_instance");
  CHECK(span(*Legacy.get("labels")->Items[0]) == "7:8-7:20");
  CHECK(span(*Legacy.get("body")) == "7:25-7:38");
  CHECK(Parsed::valueIn(*Legacy.get("body"), "ami").Text == "x");
  CHECK(span(Parsed::valueIn(*Legacy.get("body"), "ami")) == "7:33-7:36");

  const Node &Locals = *Root.Items[2];
  CHECK(Locals.get("body")->Items.empty());
  CHECK(span(*Locals.get("body")) == "8:8-8:10");
}

TEST_CASE("comments of all three kinds are skipped without moving ranges",
          "[hcl]") {
  Parsed P("# hash comment\n"
           "// slash comment\n"
           "/* block\n   comment */ a = 1 # trailing\n"
           "b = [1, /* inside */ 2] // after\n"
           "c {\n  # in a block\n  d = \"#not a comment\" /* x */\n}\n");
  REQUIRE(P.Doc.diagnostics().empty());
  REQUIRE(P.root().Items.size() == 3);
  CHECK(span(*P.root().Items[0]) == "4:15-4:20");
  CHECK(span(P.value("a")) == "4:19-4:20");
  const Node &B = P.value("b");
  REQUIRE(B.Items.size() == 2);
  CHECK(span(*B.Items[1]) == "5:22-5:23");
  CHECK(span(B) == "5:5-5:24");
  const Node &D = Parsed::valueIn(*P.root().Items[2]->get("body"), "d");
  CHECK(D.Text == "#not a comment");
  CHECK(span(D) == "8:7-8:23");
}

TEST_CASE("quoted strings decode escapes", "[hcl]") {
  Parsed P(R"(a = "tab\there\nquote\" back\\ \u00e9 \U0001F600"
b = "$${literal} and %%{directive}"
c = ""
d = "costs $5 and 100%"
)");
  REQUIRE(P.Doc.diagnostics().empty());
  CHECK(P.value("a").is(NodeKind::String));
  CHECK(P.value("a").Text ==
        "tab\there\nquote\" back\\ \xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(span(P.value("a")) == "1:5-1:50");
  CHECK(P.value("b").Text == "${literal} and %{directive}");
  CHECK(P.value("c").is(NodeKind::String));
  CHECK(P.value("c").Text.empty());
  CHECK(span(P.value("c")) == "3:5-3:7");
  CHECK(P.value("d").Text == "costs $5 and 100%");
}

TEST_CASE("heredocs give their text and exact ranges", "[hcl]") {
  Parsed P("policy = <<EOF\n"
           "{\n"
           "  \"a\": \"\\n\"\n"
           "}\n"
           "EOF\n"
           "script = <<-EOT\n"
           "    #!/bin/sh\n"
           "\n"
           "      echo hi\n"
           "    EOT\n"
           "empty = <<EOF\n"
           "EOF\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &Policy = P.value("policy");
  REQUIRE(Policy.is(NodeKind::String));
  // Backslashes are text in heredocs; the final newline belongs to the text.
  CHECK(Policy.Text == "{\n  \"a\": \"\\n\"\n}\n");
  CHECK(span(Policy) == "1:10-5:4");
  const Node *Marker = Policy.get("heredoc");
  REQUIRE(Marker);
  CHECK(Marker->Text == "<<EOF");
  CHECK(span(*Marker) == "1:10-1:15");

  // `<<-` removes the smallest indentation; blank lines do not count.
  const Node &Script = P.value("script");
  REQUIRE(Script.is(NodeKind::String));
  CHECK(Script.Text == "#!/bin/sh\n\n  echo hi\n");
  CHECK(span(Script) == "6:10-10:8");
  CHECK(Script.get("heredoc")->Text == "<<-EOT");

  CHECK(P.value("empty").is(NodeKind::String));
  CHECK(P.value("empty").Text.empty());
  CHECK(span(P.value("empty")) == "11:9-12:4");
}

TEST_CASE("heredoc templates strip indentation around interpolations",
          "[hcl]") {
  Parsed P("user_data = <<-EOT\n"
           "    name=${var.name}\n"
           "      id=${var.id}\n"
           "  EOT\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &T = P.value("user_data");
  REQUIRE(T.isExpression("template"));
  CHECK(span(T) == "1:13-4:6");
  CHECK(T.get("heredoc")->Text == "<<-EOT");
  REQUIRE(T.Items.size() == 5);
  CHECK(T.Items[0]->Text == "name=");
  CHECK(span(*T.Items[0]) == "2:1-2:10");
  CHECK(T.Items[1]->isExpression("member"));
  CHECK(span(*T.Items[1]) == "2:12-2:20");
  CHECK(T.Items[2]->Text == "\n  id=");
  CHECK(span(*T.Items[2]) == "2:21-3:10");
  CHECK(T.Items[3]->isExpression("member"));
  CHECK(T.Items[3]->Text == "id");
  // The text after the last interpolation is only the newline.
  CHECK(T.Items[4]->Text == "\n");
  CHECK(span(*T.Items[4]) == "3:19-4:1");
}

TEST_CASE("templates split into literal and interpolation segments", "[hcl]") {
  Parsed P(R"(name = "app-${var.env}-${count.index}\n"
only = "${var.x}"
trim = "a  ${~ var.x ~}  b"
)");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &Name = P.value("name");
  REQUIRE(Name.isExpression("template"));
  CHECK(span(Name) == "1:8-1:41");
  REQUIRE(Name.Items.size() == 5);
  CHECK(Name.Items[0]->Text == "app-");
  CHECK(span(*Name.Items[0]) == "1:9-1:13");
  CHECK(Name.Items[1]->isExpression("member"));
  CHECK(Name.Items[1]->Text == "env");
  CHECK(span(*Name.Items[1]) == "1:15-1:22");
  CHECK(Name.Items[2]->Text == "-");
  CHECK(Name.Items[3]->Text == "index");
  CHECK(Name.Items[4]->Text == "\n");
  CHECK(span(*Name.Items[4]) == "1:38-1:40");

  const Node &Only = P.value("only");
  REQUIRE(Only.isExpression("template"));
  REQUIRE(Only.Items.size() == 1);
  CHECK(Only.Items[0]->isExpression("member"));

  const Node &Trim = P.value("trim");
  REQUIRE(Trim.Items.size() == 3);
  CHECK(Trim.Items[0]->Text == "a");
  CHECK(Trim.Items[2]->Text == "b");
}

TEST_CASE("template directives become template-if and template-for", "[hcl]") {
  Parsed P(R"(a = "%{ if var.on }yes%{ else }no%{ endif }!"
b = <<EOT
%{ for k, v in var.m ~}
${k}=${v}
%{ endfor ~}
EOT
)");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &A = P.value("a");
  REQUIRE(A.isExpression("template"));
  REQUIRE(A.Items.size() == 2);
  const Node &If = *A.Items[0];
  REQUIRE(If.isExpression("template-if"));
  CHECK(span(If) == "1:6-1:44");
  CHECK(If.get("condition")->Text == "on");
  const Node &Then = *If.get("then");
  REQUIRE(Then.isExpression("template"));
  REQUIRE(Then.Items.size() == 1);
  CHECK(Then.Items[0]->Text == "yes");
  CHECK(span(*Then.Items[0]) == "1:20-1:23");
  REQUIRE(If.get("else"));
  CHECK(If.get("else")->Items[0]->Text == "no");
  CHECK(A.Items[1]->Text == "!");

  const Node &B = P.value("b");
  REQUIRE(B.isExpression("template"));
  REQUIRE(B.Items.size() == 1);
  const Node &For = *B.Items[0];
  REQUIRE(For.isExpression("template-for"));
  CHECK(For.get("key")->Text == "k");
  CHECK(span(*For.get("key")) == "3:8-3:9");
  CHECK(For.get("value")->Text == "v");
  CHECK(For.get("collection")->isExpression("member"));
  const Node &Body = *For.get("body");
  // `~}` removed the newline after the for tag.
  REQUIRE(Body.Items.size() == 4);
  CHECK(Body.Items[0]->isExpression("identifier"));
  CHECK(Body.Items[0]->Text == "k");
  CHECK(span(*Body.Items[0]) == "4:3-4:4");
  CHECK(Body.Items[1]->Text == "=");
  CHECK(Body.Items[3]->Text == "\n");
}

TEST_CASE("references, calls and operators", "[hcl]") {
  Parsed P("a = var.list[0].name\n"
           "b = aws_instance.web.0.id\n"
           "c = merge(local.a, local.rest...)\n"
           "d = provider::aws::arn_parse(\"x\")\n"
           "e = var.on ? 1 : -2\n"
           "f = 1 + 2 * (3 - x)\n"
           "g = !var.off && var.n >= 10 || var.s != \"\"\n"
           "h = -var.n\n");
  REQUIRE(P.Doc.diagnostics().empty());

  const Node &A = P.value("a");
  REQUIRE(A.isExpression("member"));
  CHECK(A.Text == "name");
  CHECK(span(A) == "1:5-1:21");
  const Node &Index = *A.Items[0];
  REQUIRE(Index.isExpression("index"));
  CHECK(span(Index) == "1:5-1:16");
  CHECK(Index.Items[1]->Text == "0");
  CHECK(span(*Index.Items[1]) == "1:14-1:15");
  const Node &List = *Index.Items[0];
  CHECK(List.isExpression("member"));
  CHECK(List.Text == "list");
  CHECK(List.Items[0]->isExpression("identifier"));
  CHECK(List.Items[0]->Text == "var");
  CHECK(span(*List.Items[0]) == "1:5-1:8");

  const Node &B = P.value("b");
  REQUIRE(B.isExpression("member"));
  const Node &Legacy = *B.Items[0];
  REQUIRE(Legacy.isExpression("index"));
  CHECK(Legacy.Items[1]->is(NodeKind::Number));
  CHECK(Legacy.Items[1]->Text == "0");
  CHECK(span(*Legacy.Items[1]) == "2:22-2:23");

  const Node &C = P.value("c");
  REQUIRE(C.isExpression("call"));
  CHECK(C.Text == "merge");
  CHECK(C.Items.size() == 2);
  REQUIRE(C.get("expand"));
  CHECK(C.get("expand")->BoolValue);
  CHECK(span(*C.get("expand")) == "3:30-3:33");
  const Node &D = P.value("d");
  CHECK(D.Text == "provider::aws::arn_parse");
  CHECK(D.Items[0]->Text == "x");
  CHECK_FALSE(D.get("expand"));

  const Node &E = P.value("e");
  REQUIRE(E.isExpression("conditional"));
  REQUIRE(E.Items.size() == 3);
  CHECK(E.Items[1]->Text == "1");
  CHECK(E.Items[2]->is(NodeKind::Number));
  CHECK(E.Items[2]->Text == "-2");
  CHECK(span(*E.Items[2]) == "5:18-5:20");

  const Node &F = P.value("f");
  REQUIRE(F.isExpression("binary"));
  CHECK(F.Text == "+");
  const Node &Mul = *F.Items[1];
  CHECK(Mul.Text == "*");
  // Parentheses vanish: the operand is the inner expression itself.
  CHECK(Mul.Items[1]->isExpression("binary"));
  CHECK(Mul.Items[1]->Text == "-");
  CHECK(span(*Mul.Items[1]) == "6:14-6:19");

  const Node &G = P.value("g");
  REQUIRE(G.Text == "||");
  CHECK(G.Items[0]->Text == "&&");
  CHECK(G.Items[0]->Items[0]->isExpression("unary"));
  CHECK(G.Items[0]->Items[0]->Text == "!");
  CHECK(G.Items[0]->Items[1]->Text == ">=");
  CHECK(G.Items[1]->Text == "!=");

  const Node &H = P.value("h");
  REQUIRE(H.isExpression("unary"));
  CHECK(H.Text == "-");
  CHECK(H.Items[0]->isExpression("member"));
}

TEST_CASE("splats keep the per-element traversal apart", "[hcl]") {
  Parsed P("a = aws_instance.web[*].id\n"
           "b = var.list.*.name[0]\n"
           "c = var.x[*]\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &A = P.value("a");
  REQUIRE(A.isExpression("splat"));
  CHECK(A.Text == "[*]");
  CHECK(span(A) == "1:5-1:27");
  CHECK(A.Items[0]->isExpression("member"));
  CHECK(A.Items[0]->Text == "web");
  const Node &Each = *A.Items[1];
  REQUIRE(Each.isExpression("member"));
  CHECK(Each.Text == "id");
  REQUIRE(Each.Items[0]->isExpression("splat-each"));
  CHECK(span(*Each.Items[0]) == "1:21-1:24");

  // `.*` takes only attribute steps; the index applies to its result.
  const Node &B = P.value("b");
  REQUIRE(B.isExpression("index"));
  CHECK(span(B) == "2:5-2:23");
  const Node &Splat = *B.Items[0];
  REQUIRE(Splat.isExpression("splat"));
  CHECK(Splat.Text == ".*");
  CHECK(span(Splat) == "2:5-2:20");
  CHECK(Splat.Items[1]->isExpression("member"));
  CHECK(Splat.Items[1]->Text == "name");
  CHECK(B.Items[1]->Text == "0");

  const Node &C = P.value("c");
  REQUIRE(C.isExpression("splat"));
  CHECK(C.Items[1]->isExpression("splat-each"));
}

TEST_CASE("for expressions", "[hcl]") {
  Parsed P("a = [for s in var.list : upper(s) if s != \"\"]\n"
           "b = {for k, v in var.map : v => k...}\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &A = P.value("a");
  REQUIRE(A.isExpression("for"));
  CHECK(A.Text == "tuple");
  CHECK(span(A) == "1:5-1:46");
  CHECK_FALSE(A.get("key"));
  CHECK(A.get("value")->Text == "s");
  CHECK(span(*A.get("value")) == "1:10-1:11");
  CHECK(A.get("collection")->Text == "list");
  CHECK(A.get("result")->isExpression("call"));
  CHECK(A.get("condition")->Text == "!=");
  CHECK_FALSE(A.get("grouping"));
  CHECK_FALSE(A.get("result-key"));

  const Node &B = P.value("b");
  REQUIRE(B.isExpression("for"));
  CHECK(B.Text == "object");
  CHECK(B.get("key")->Text == "k");
  CHECK(B.get("value")->Text == "v");
  CHECK(B.get("result-key")->Text == "v");
  CHECK(B.get("result")->Text == "k");
  REQUIRE(B.get("grouping"));
  CHECK(span(*B.get("grouping")) == "2:34-2:37");
  CHECK_FALSE(B.get("condition"));
}

TEST_CASE("collections become lists, maps or object expressions", "[hcl]") {
  Parsed P("tags = {\n  Name = \"x\"\n  \"kubernetes.io/role\" : 1,\n}\n"
           "list = [1, \"two\", [], {}]\n"
           "dyn = { (var.k) = 1, \"${var.p}-x\" = 2, plain = 3 }\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &Tags = P.value("tags");
  REQUIRE(Tags.is(NodeKind::Map));
  REQUIRE(Tags.Entries.size() == 2);
  CHECK(Tags.Entries[0].Key == "Name");
  CHECK(span(Tags.Entries[0].KeyRange) == "2:3-2:7");
  CHECK(span(*Tags.Entries[0].Value) == "2:10-2:13");
  CHECK(Tags.Entries[1].Key == "kubernetes.io/role");
  CHECK(span(Tags.Entries[1].KeyRange) == "3:3-3:23");
  CHECK(Tags.Entries[1].Value->Text == "1");

  const Node &List = P.value("list");
  REQUIRE(List.is(NodeKind::List));
  REQUIRE(List.Items.size() == 4);
  CHECK(List.Items[2]->is(NodeKind::List));
  CHECK(List.Items[3]->is(NodeKind::Map));
  CHECK(span(*List.Items[3]) == "5:23-5:25");

  const Node &Dyn = P.value("dyn");
  REQUIRE(Dyn.isExpression("object"));
  REQUIRE(Dyn.Items.size() == 3);
  const Node &First = *Dyn.Items[0];
  REQUIRE(First.isExpression("object-item"));
  CHECK(span(First) == "6:9-6:20");
  CHECK(First.get("key")->isExpression("member"));
  CHECK(First.get("value")->Text == "1");
  CHECK(Dyn.Items[1]->get("key")->isExpression("template"));
  const Node &Plain = *Dyn.Items[2]->get("key");
  CHECK(Plain.is(NodeKind::String));
  CHECK(Plain.Text == "plain");
  CHECK(span(Plain) == "6:40-6:45");
}

TEST_CASE("dynamic blocks", "[hcl]") {
  Parsed P("resource \"aws_security_group\" \"sg\" {\n"
           "  dynamic \"ingress\" {\n"
           "    for_each = var.rules\n"
           "    content {\n"
           "      from_port = ingress.value.port\n"
           "    }\n"
           "  }\n"
           "}\n");
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &Body = *P.root().Items[0]->get("body");
  REQUIRE(Body.Items.size() == 1);
  const Node &Dyn = *Body.Items[0];
  CHECK(Dyn.Text == "dynamic");
  CHECK(Dyn.get("labels")->Items[0]->Text == "ingress");
  CHECK(span(*Dyn.get("labels")->Items[0]) == "2:11-2:20");
  const Node &DynBody = *Dyn.get("body");
  CHECK(Parsed::valueIn(DynBody, "for_each").Text == "rules");
  const Node &Content = *DynBody.Items[1];
  CHECK(Content.Text == "content");
  const Node &Port = Parsed::valueIn(*Content.get("body"), "from_port");
  REQUIRE(Port.isExpression("member"));
  CHECK(Port.Text == "port");
  CHECK(Port.Items[0]->Text == "value");
  CHECK(Port.Items[0]->Items[0]->Text == "ingress");
  CHECK(span(Port) == "5:19-5:37");
}

TEST_CASE("variables files hold attributes only", "[hcl]") {
  Parsed Good("region = \"eu\"\nsizes = [1, 2]\n", FileRole::Variables);
  CHECK(Good.Doc.diagnostics().empty());
  CHECK(Good.Doc.role() == FileRole::Variables);
  CHECK(Good.value("sizes").Items.size() == 2);

  Parsed Bad("region = \"eu\"\nprovider \"aws\" {}\n", FileRole::Variables);
  REQUIRE(Bad.Doc.diagnostics().size() == 1);
  CHECK(Bad.Doc.diagnostics()[0].Message ==
        "blocks are not allowed in a variables file");
  CHECK(span(Bad.Doc.diagnostics()[0].Range) == "2:1-2:9");
}

TEST_CASE("a repeated attribute is an error", "[hcl]") {
  Parsed P("a = 1\nb = 2\na = 3\n");
  REQUIRE(P.Doc.diagnostics().size() == 1);
  CHECK(P.Doc.diagnostics()[0].Message ==
        "attribute 'a' is already set on line 1");
  CHECK(span(P.Doc.diagnostics()[0].Range) == "3:1-3:2");
  CHECK(P.root().Items.size() == 3);
}

TEST_CASE("syntax errors keep the attributes that parsed", "[hcl]") {
  SECTION("an unclosed list") {
    Parsed P("a = 1\nb = [1, 2\nc = 3\n");
    REQUIRE(P.Doc.diagnostics().size() == 1);
    const Diagnostic &G = P.Doc.diagnostics()[0];
    CHECK(G.Level == Severity::Error);
    CHECK(G.Message == "syntax error: missing ']'");
    CHECK(span(G.Range) == "3:1-3:1");
    REQUIRE(P.root().Items.size() == 3);
    CHECK(P.value("a").Text == "1");
    CHECK(P.value("b").Items.size() == 2);
    CHECK(P.value("c").Text == "3");
    CHECK(span(P.value("c")) == "3:5-3:6");
  }
  SECTION("a stray comma in a call") {
    Parsed P("resource \"x\" \"y\" {\n  a = 1\n  b = f(1,,2)\n}\nc = 3\n");
    REQUIRE(P.Doc.diagnostics().size() == 1);
    CHECK(P.Doc.diagnostics()[0].Message == "syntax error: unexpected ','");
    CHECK(span(P.Doc.diagnostics()[0].Range) == "3:10-3:11");
    const Node &Body = *P.root().Items[0]->get("body");
    CHECK(Parsed::valueIn(Body, "a").Text == "1");
    CHECK(P.value("c").Text == "3");
  }
  SECTION("a truncated file") {
    Parsed P("resource \"x\" \"y\" {\n  a = 1\n  b = \"unterminated");
    CHECK(P.Doc.hasErrors());
    REQUIRE(P.root().Items.size() == 1);
    const Node &Body = *P.root().Items[0]->get("body");
    CHECK(Parsed::valueIn(Body, "a").Text == "1");
  }
  SECTION("a heredoc closed on the last line without a newline") {
    // Terraform rejects this too ("Unterminated template string").
    Parsed P("a = <<EOF\nhi\nEOF");
    CHECK(P.Doc.hasErrors());
    CHECK(span(P.Doc.diagnostics()[0].Range) == "3:4-3:4");
  }
}

TEST_CASE("hostile input yields diagnostics, never a crash", "[hcl]") {
  SECTION("empty and comment-only files are valid") {
    Parsed Empty("");
    CHECK(Empty.Doc.diagnostics().empty());
    CHECK(Empty.root().isExpression("body"));
    CHECK(Empty.root().Items.empty());
    Parsed Comments("# only\n// comments\n/* here */\n");
    CHECK(Comments.Doc.diagnostics().empty());
    CHECK(Comments.root().Items.empty());
  }
  SECTION("binary garbage with NUL bytes") {
    std::string Garbage;
    for (unsigned I = 0; I < 4096; ++I)
      Garbage += static_cast<char>((I * 7919u + 13u) % 256u);
    Parsed P(Garbage);
    CHECK(P.Doc.hasErrors());
    REQUIRE(P.Doc.root());
  }
  SECTION("invalid UTF-8 is an error at the byte") {
    Parsed P("a = \"ok\"\nb = \"\xFF\"\n");
    REQUIRE(P.Doc.hasErrors());
    CHECK(P.Doc.diagnostics()[0].Message ==
          "invalid UTF-8 byte 0xFF; Terraform files must be UTF-8");
    CHECK(span(P.Doc.diagnostics()[0].Range) == "2:6-2:7");
    CHECK(P.value("a").Text == "ok");
  }
  SECTION("CRLF line endings") {
    Parsed P("a = 1\r\nb {\r\n  c = \"x\"\r\n}\r\nd = <<EOF\r\nhi\r\nEOF\r\n");
    REQUIRE(P.Doc.diagnostics().empty());
    CHECK(span(P.value("a")) == "1:5-1:6");
    const Node &C = Parsed::valueIn(*P.root().Items[1]->get("body"), "c");
    CHECK(span(C) == "3:7-3:10");
    CHECK(C.Range.Start.Offset == 18);
    // Terraform keeps the carriage returns of heredoc lines.
    CHECK(P.value("d").Text == "hi\r\n");
  }
  SECTION("a byte order mark is not part of the text") {
    Parsed P("\xEF\xBB\xBF"
             "a = 1\n");
    CHECK(P.Doc.diagnostics().empty());
    CHECK(span(P.value("a")) == "1:5-1:6");
    CHECK(P.value("a").Range.Start.Offset == 4);
  }
}

TEST_CASE("nesting deeper than the limit is cut with one diagnostic", "[hcl]") {
  auto Check = [](const std::string &Text, const std::string &Where) {
    auto Start = std::chrono::steady_clock::now();
    Parsed P(Text);
    auto Elapsed = std::chrono::steady_clock::now() - Start;
    CHECK(Elapsed < std::chrono::seconds(5));
    unsigned Deep = 0;
    for (const Diagnostic &G : P.Doc.diagnostics())
      Deep += G.Message == "nesting deeper than 512 levels";
    CHECK(Deep == 1);
    for (const Diagnostic &G : P.Doc.diagnostics())
      if (G.Message == "nesting deeper than 512 levels")
        CHECK(span(G.Range) == Where);
    CHECK(depthOf(P.root()) <= MaxNestingDepth);
    // What follows the deep part is still read.
    CHECK(P.value("after").Text == "1");
  };
  const size_t N = 10000;
  SECTION("tuples") {
    Check("a = " + std::string(N, '[') + std::string(N, ']') + "\nafter = 1\n",
          "1:513-1:514");
  }
  SECTION("blocks") {
    std::string Text;
    for (size_t I = 0; I < N; ++I)
      Text += "b {\n";
    for (size_t I = 0; I < N; ++I)
      Text += "}\n";
    Check(Text + "after = 1\n", "256:1-256:2");
  }
  SECTION("parentheses") {
    Check("a = " + std::string(N, '(') + "1" + std::string(N, ')') +
              "\nafter = 1\n",
          "1:513-1:514");
  }
  SECTION("a long traversal") {
    std::string Text = "a = x";
    for (size_t I = 0; I < N; ++I)
      Text += ".y";
    Check(Text + "\nafter = 1\n", "1:5-1:6");
  }
}

TEST_CASE("deeply nested templates fail to parse quickly", "[hcl]") {
  // The grammar's scanner cannot keep more than 127 template contexts, so
  // this is a syntax error; it must still end fast and with a diagnostic.
  std::string Text = "a = ";
  for (int I = 0; I < 2000; ++I)
    Text += "\"${";
  Text += "x";
  for (int I = 0; I < 2000; ++I)
    Text += "}\"";
  Parsed P(Text + "\n");
  CHECK(P.Doc.hasErrors());
  REQUIRE(P.Doc.root());
}

TEST_CASE("hcl: syntax error messages are printable", "[hcl]") {
  auto File = SourceFile::fromText("main.tf",
                                   llvm::StringRef("a = \x01\x02 \xFF\n", 9));
  Document Doc = parsers::parseHcl(*File);
  REQUIRE(Doc.hasErrors());
  for (const Diagnostic &D : Doc.diagnostics())
    for (char C : D.Message)
      CHECK((C >= 0x20 && C < 0x7f));
}
