//===- HclJsonTest.cpp - Terraform JSON configuration as HCL --------------===//
//
// The shapes follow Terraform's JSON syntax page (label nesting, expression
// mapping, block-type-specific exceptions) and HclParser.h's vocabulary;
// expected ranges are located by searching the JSON text itself.
//
//===----------------------------------------------------------------------===//
#include "parsers/terraform/HclJson.h"

#include "parsers/common/JsonParser.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>

using namespace rampart;

namespace {

struct Lowered {
  std::unique_ptr<SourceFile> File;
  Document Json;
  Document Doc;

  explicit Lowered(llvm::StringRef Text)
      : File(SourceFile::fromText("main.tf.json", Text)),
        Json(parsers::parseJson(*File, Dialect::Terraform, FileRole::Template,
                                parsers::JsonSyntax::Strict)),
        Doc(parsers::lowerTerraformJson(Json)) {}

  const Node &root() const { return *Doc.root(); }
  std::string errors() const {
    std::string Out;
    for (const Diagnostic &D : Doc.diagnostics())
      Out += D.Message + "\n";
    return Out;
  }
};

/// "line:col-line:col", to compare ranges in one readable assertion.
std::string span(const SourceRange &R) {
  return std::to_string(R.Start.Line) + ":" + std::to_string(R.Start.Column) +
         "-" + std::to_string(R.End.Line) + ":" + std::to_string(R.End.Column);
}
std::string span(const Node &N) { return span(N.Range); }

/// The span of the Nth occurrence of Needle in Text, counted by hand the
/// way SourceRange counts (1-based lines, 1-based byte columns).
std::string spanOf(const std::string &Text, const std::string &Needle,
                   unsigned Nth = 0) {
  size_t At = Text.find(Needle);
  for (unsigned I = 0; I < Nth && At != std::string::npos; ++I)
    At = Text.find(Needle, At + 1);
  REQUIRE(At != std::string::npos);
  auto Pos = [&](size_t Offset) {
    size_t Line = std::count(Text.begin(), Text.begin() + Offset, '\n') + 1;
    size_t LineStart =
        Offset == 0 ? std::string::npos : Text.rfind('\n', Offset - 1);
    size_t Col =
        LineStart == std::string::npos ? Offset + 1 : Offset - LineStart;
    return std::to_string(Line) + ":" + std::to_string(Col);
  };
  return Pos(At) + "-" + Pos(At + Needle.size());
}

std::vector<const Node *> blocksOf(const Node &Body, llvm::StringRef Type) {
  std::vector<const Node *> Out;
  for (const Node *I : Body.Items)
    if (I->isExpression("block") && I->Text == Type)
      Out.push_back(I);
  return Out;
}

const Node &onlyBlock(const Node &Body, llvm::StringRef Type) {
  auto Bs = blocksOf(Body, Type);
  INFO("blocks of type " << Type.str());
  REQUIRE(Bs.size() == 1);
  return *Bs[0];
}

const Node *attributeIn(const Node &Body, llvm::StringRef Name) {
  for (const Node *I : Body.Items)
    if (I->isExpression("attribute") && I->Text == Name)
      return I;
  return nullptr;
}

const Node &valueOf(const Node &Body, llvm::StringRef Name) {
  const Node *A = attributeIn(Body, Name);
  INFO("attribute " << Name.str());
  REQUIRE(A);
  return *A->get("value");
}

std::vector<std::string> labels(const Node &Block) {
  std::vector<std::string> Out;
  for (const Node *L : Block.get("labels")->Items)
    Out.push_back(L->Text);
  return Out;
}

const Node &bodyOf(const Node &Block) { return *Block.get("body"); }

/// A reference as text: identifier, member and literal index nodes.
std::string traversal(const Node &N) {
  if (N.isExpression("identifier"))
    return N.Text;
  if (N.isExpression("member"))
    return traversal(*N.Items[0]) + "." + N.Text;
  if (N.isExpression("index"))
    return traversal(*N.Items[0]) + "[" + N.Items[1]->Text + "]";
  return "<" + N.Op + ">";
}

} // namespace

TEST_CASE("tf.json: top-level keys are blocks, one object level per label",
          "[hcljson]") {
  const char *Text = R"({
  "resource": {
    "aws_s3_bucket": {
      "b": {
        "bucket": "logs"
      }
    }
  },
  "variable": { "region": { "default": "eu-west-1" } },
  "locals": { "name": "x", "count": 2 },
  "terraform": { "required_version": ">= 1.5" }
})";
  Lowered L(Text);
  INFO(L.errors());
  REQUIRE(L.Doc.diagnostics().empty());
  CHECK(&L.Doc.file() == L.File.get());
  CHECK(L.Doc.dialect() == Dialect::Terraform);
  const Node &Root = L.root();
  REQUIRE(Root.isExpression("body"));
  REQUIRE(Root.Items.size() == 4);

  const Node &R = onlyBlock(Root, "resource");
  CHECK(labels(R) == std::vector<std::string>{"aws_s3_bucket", "b"});
  // Labels are their keys, quotes included; the labels List spans the key
  // that names the block, the block runs from it to the end of the body.
  CHECK(span(*R.get("type")) == spanOf(Text, "\"resource\""));
  CHECK(span(*R.get("labels")->Items[0]) == spanOf(Text, "\"aws_s3_bucket\""));
  CHECK(span(*R.get("labels")->Items[1]) == spanOf(Text, "\"b\""));
  CHECK(span(*R.get("labels")) == spanOf(Text, "\"b\""));
  CHECK(span(R) == "4:7-6:8");
  CHECK(span(bodyOf(R)) == "4:12-6:8");
  const Node *Bucket = attributeIn(bodyOf(R), "bucket");
  REQUIRE(Bucket);
  CHECK(span(*Bucket) == spanOf(Text, "\"bucket\": \"logs\""));
  CHECK(span(*Bucket->get("name")) == spanOf(Text, "\"bucket\""));
  const Node &Logs = *Bucket->get("value");
  CHECK(Logs.is(NodeKind::String));
  CHECK(Logs.Text == "logs");
  CHECK(span(Logs) == spanOf(Text, "\"logs\""));

  const Node &V = onlyBlock(Root, "variable");
  CHECK(labels(V) == std::vector<std::string>{"region"});
  CHECK(valueOf(bodyOf(V), "default").Text == "eu-west-1");

  // locals: no label; its properties are attributes.
  const Node &Locals = onlyBlock(Root, "locals");
  CHECK(Locals.get("labels")->Items.empty());
  CHECK(valueOf(bodyOf(Locals), "name").Text == "x");
  CHECK(valueOf(bodyOf(Locals), "count").is(NodeKind::Number));
  CHECK(valueOf(bodyOf(Locals), "count").Text == "2");

  const Node &Tf = onlyBlock(Root, "terraform");
  CHECK(valueOf(bodyOf(Tf), "required_version").Text == ">= 1.5");
}

TEST_CASE("tf.json: arrays give several blocks or several label objects",
          "[hcljson]") {
  Lowered L(R"({
  "provider": {
    "aws": [
      { "region": "us-east-1" },
      { "alias": "usw1", "region": "us-west-1" }
    ]
  },
  "resource": [
    { "aws_instance": { "a": { "ami": "x" } } },
    { "aws_instance": { "b": { "ami": "y" } }, "aws_vpc": { "v": {} } }
  ],
  "output": { "o": null }
})");
  INFO(L.errors());
  REQUIRE(L.Doc.diagnostics().empty());
  auto Providers = blocksOf(L.root(), "provider");
  REQUIRE(Providers.size() == 2);
  CHECK(labels(*Providers[0]) == std::vector<std::string>{"aws"});
  CHECK(attributeIn(bodyOf(*Providers[0]), "alias") == nullptr);
  CHECK(valueOf(bodyOf(*Providers[1]), "alias").Text == "usw1");
  // A block from an array element spans that element.
  CHECK(span(*Providers[1]) == "5:7-5:49");

  auto Resources = blocksOf(L.root(), "resource");
  REQUIRE(Resources.size() == 3);
  CHECK(labels(*Resources[0]) == std::vector<std::string>{"aws_instance", "a"});
  CHECK(labels(*Resources[1]) == std::vector<std::string>{"aws_instance", "b"});
  CHECK(labels(*Resources[2]) == std::vector<std::string>{"aws_vpc", "v"});
  CHECK(bodyOf(*Resources[2]).Items.empty());
  // null: no block, as in Terraform.
  CHECK(blocksOf(L.root(), "output").empty());
}

TEST_CASE("tf.json: strings are templates with ranges inside the string",
          "[hcljson]") {
  const char *Text = R"({"locals": {
  "whole": "${var.name}",
  "mixed": "pre-${var.name}-post",
  "escaped": "$${not} %%{this}",
  "plain": "just text",
  "directive": "%{ if var.on }yes%{ else }no%{ endif }",
  "quoted": "say \"${var.name}\"",
  "number": 1.5,
  "flag": true,
  "nothing": null,
  "list": ["a-${var.name}", 2],
  "object": { "k": "${var.name}" }
}})";
  Lowered L(Text);
  INFO(L.errors());
  REQUIRE(L.Doc.diagnostics().empty());
  const Node &Body = bodyOf(onlyBlock(L.root(), "locals"));

  // A template with one interpolation: Terraform takes its value as is.
  const Node &Whole = valueOf(Body, "whole");
  REQUIRE(Whole.isExpression("template"));
  REQUIRE(Whole.Items.size() == 1);
  CHECK(traversal(*Whole.Items[0]) == "var.name");
  CHECK(span(Whole) == spanOf(Text, "\"${var.name}\""));
  CHECK(span(*Whole.Items[0]) == spanOf(Text, "var.name"));

  const Node &Mixed = valueOf(Body, "mixed");
  REQUIRE(Mixed.isExpression("template"));
  REQUIRE(Mixed.Items.size() == 3);
  CHECK(Mixed.Items[0]->Text == "pre-");
  CHECK(span(*Mixed.Items[0]) == spanOf(Text, "pre-"));
  CHECK(traversal(*Mixed.Items[1]) == "var.name");
  CHECK(span(*Mixed.Items[1]) == spanOf(Text, "var.name", 1));
  CHECK(span(*Mixed.Items[1]->Items[0]) == spanOf(Text, "var", 1));
  CHECK(Mixed.Items[2]->Text == "-post");
  CHECK(span(*Mixed.Items[2]) == spanOf(Text, "-post"));

  // $${ and %%{ are escapes: no interpolation, the text keeps ${ and %{.
  const Node &Escaped = valueOf(Body, "escaped");
  REQUIRE(Escaped.is(NodeKind::String));
  CHECK(Escaped.Text == "${not} %{this}");
  CHECK(span(Escaped) == spanOf(Text, "\"$${not} %%{this}\""));

  CHECK(valueOf(Body, "plain").is(NodeKind::String));
  CHECK(valueOf(Body, "plain").Text == "just text");

  const Node &Directive = valueOf(Body, "directive");
  REQUIRE(Directive.isExpression("template"));
  REQUIRE(Directive.Items.size() == 1);
  const Node &If = *Directive.Items[0];
  REQUIRE(If.isExpression("template-if"));
  CHECK(traversal(*If.get("condition")) == "var.on");
  CHECK(span(*If.get("condition")) == spanOf(Text, "var.on"));
  CHECK(If.get("then")->Items[0]->Text == "yes");
  CHECK(If.get("else")->Items[0]->Text == "no");

  // An escape sequence moves the text against the file: every node of the
  // template takes the string's range.
  const Node &Quoted = valueOf(Body, "quoted");
  REQUIRE(Quoted.isExpression("template"));
  REQUIRE(Quoted.Items.size() == 3);
  CHECK(Quoted.Items[0]->Text == "say \"");
  CHECK(traversal(*Quoted.Items[1]) == "var.name");
  std::string QuotedSpan = spanOf(Text, R"("say \"${var.name}\"")");
  CHECK(span(Quoted) == QuotedSpan);
  CHECK(span(*Quoted.Items[1]) == QuotedSpan);
  CHECK(span(*Quoted.Items[1]->Items[0]) == QuotedSpan);

  CHECK(valueOf(Body, "number").is(NodeKind::Number));
  CHECK(valueOf(Body, "number").Text == "1.5");
  CHECK(valueOf(Body, "flag").is(NodeKind::Bool));
  CHECK(valueOf(Body, "flag").BoolValue);
  CHECK(valueOf(Body, "nothing").is(NodeKind::Null));

  const Node &List = valueOf(Body, "list");
  REQUIRE(List.is(NodeKind::List));
  REQUIRE(List.Items.size() == 2);
  CHECK(List.Items[0]->isExpression("template"));
  CHECK(List.Items[1]->is(NodeKind::Number));

  const Node &Object = valueOf(Body, "object");
  REQUIRE(Object.is(NodeKind::Map));
  CHECK(span(Object.Entries[0].KeyRange) == spanOf(Text, "\"k\""));
  CHECK(Object.get("k")->isExpression("template"));
}

TEST_CASE("tf.json: an object key with a template is computed", "[hcljson]") {
  const char *Text = R"({"locals": {"m": {"${var.k}": 1, "fixed": 2}}})";
  Lowered L(Text);
  INFO(L.errors());
  REQUIRE(L.Doc.diagnostics().empty());
  const Node &M = valueOf(bodyOf(onlyBlock(L.root(), "locals")), "m");
  REQUIRE(M.isExpression("object"));
  REQUIRE(M.Items.size() == 2);
  const Node &First = *M.Items[0];
  REQUIRE(First.isExpression("object-item"));
  CHECK(First.get("key")->isExpression("template"));
  CHECK(span(*First.get("key")->Items[0]) == spanOf(Text, "var.k"));
  CHECK(First.get("value")->Text == "1");
  CHECK(M.Items[1]->get("key")->is(NodeKind::String));
  CHECK(M.Items[1]->get("key")->Text == "fixed");
}

TEST_CASE("tf.json: meta-arguments take references and keywords in strings",
          "[hcljson]") {
  const char *Text = R"({"resource": {"aws_instance": {"web": {
  "count": "${var.n}",
  "provider": "aws.west",
  "depends_on": ["aws_s3_bucket.b", "module.net"],
  "lifecycle": {
    "ignore_changes": ["tags", "ami"],
    "replace_triggered_by": ["aws_s3_bucket.b.id"],
    "precondition": {"condition": "${var.n > 0}", "error_message": "n"}
  },
  "provisioner": [
    {"local-exec": {"command": "echo ${self.id}", "when": "destroy"}},
    {"remote-exec": {"inline": ["a"],
                     "connection": {"type": "ssh", "host": "${self.ip}"}}}
  ],
  "dynamic": {"ebs_block_device": {
    "for_each": "${var.disks}",
    "iterator": "disk",
    "content": {"device_name": "${disk.value}"}
  }}
}}}})";
  Lowered L(Text);
  INFO(L.errors());
  REQUIRE(L.Doc.diagnostics().empty());
  const Node &Body = bodyOf(onlyBlock(L.root(), "resource"));

  const Node &Count = valueOf(Body, "count");
  REQUIRE(Count.isExpression("template"));
  CHECK(traversal(*Count.Items[0]) == "var.n");

  const Node &Provider = valueOf(Body, "provider");
  CHECK(traversal(Provider) == "aws.west");
  CHECK(span(Provider) == spanOf(Text, "\"aws.west\""));
  CHECK(span(*Provider.Items[0]) == spanOf(Text, "aws", 1));

  const Node &Deps = valueOf(Body, "depends_on");
  REQUIRE(Deps.is(NodeKind::List));
  REQUIRE(Deps.Items.size() == 2);
  CHECK(traversal(*Deps.Items[0]) == "aws_s3_bucket.b");
  CHECK(span(*Deps.Items[0]) == spanOf(Text, "\"aws_s3_bucket.b\""));
  CHECK(traversal(*Deps.Items[1]) == "module.net");

  const Node &Life = bodyOf(onlyBlock(Body, "lifecycle"));
  const Node &Ignore = valueOf(Life, "ignore_changes");
  REQUIRE(Ignore.Items.size() == 2);
  CHECK(traversal(*Ignore.Items[0]) == "tags");
  CHECK(traversal(*valueOf(Life, "replace_triggered_by").Items[0]) ==
        "aws_s3_bucket.b.id");
  const Node &Pre = bodyOf(onlyBlock(Life, "precondition"));
  REQUIRE(valueOf(Pre, "condition").isExpression("template"));
  CHECK(valueOf(Pre, "condition").Items[0]->isExpression("binary"));

  auto Provisioners = blocksOf(Body, "provisioner");
  REQUIRE(Provisioners.size() == 2);
  CHECK(labels(*Provisioners[0]) == std::vector<std::string>{"local-exec"});
  CHECK(labels(*Provisioners[1]) == std::vector<std::string>{"remote-exec"});
  const Node &When = valueOf(bodyOf(*Provisioners[0]), "when");
  CHECK(When.isExpression("identifier"));
  CHECK(When.Text == "destroy");
  const Node &Conn = bodyOf(onlyBlock(bodyOf(*Provisioners[1]), "connection"));
  CHECK(valueOf(Conn, "type").is(NodeKind::String)); // taken literally
  CHECK(valueOf(Conn, "host").isExpression("template"));

  const Node &Dynamic = onlyBlock(Body, "dynamic");
  CHECK(labels(Dynamic) == std::vector<std::string>{"ebs_block_device"});
  const Node &Iterator = valueOf(bodyOf(Dynamic), "iterator");
  CHECK(Iterator.isExpression("identifier"));
  CHECK(Iterator.Text == "disk");
  const Node &Content = bodyOf(onlyBlock(bodyOf(Dynamic), "content"));
  CHECK(traversal(*valueOf(Content, "device_name").Items[0]) == "disk.value");
}

TEST_CASE("tf.json: ignore_changes = all is a keyword", "[hcljson]") {
  Lowered L(R"({"resource": {"aws_instance": {"a": {
    "lifecycle": {"ignore_changes": "all"}}}}})");
  REQUIRE(L.Doc.diagnostics().empty());
  const Node &Life =
      bodyOf(onlyBlock(bodyOf(onlyBlock(L.root(), "resource")), "lifecycle"));
  CHECK(valueOf(Life, "ignore_changes").isExpression("identifier"));
  CHECK(valueOf(Life, "ignore_changes").Text == "all");
}

TEST_CASE("tf.json: variable, output, module and provider exceptions",
          "[hcljson]") {
  Lowered L(R"json({
  "variable": {
    "tags": {
      "type": "object({ team = string, env = optional(string, \"dev\") })",
      "default": {"team": "${not a template}"},
      "description": "The ${tags}",
      "validation": {
  "condition" : "${length(var.tags) > 0}", "error_message" : "empty"}
    },
    "names": {
  "type" : "list(string)"
}
}
, "output" : {
  "arn" : {
    "value" : "${aws_s3_bucket.b.arn}",
    "description" : "${literal}",
    "sensitive" : true
  }
},
             "module" : {
               "net" : {
                 "source" : "./net",
                 "version" : "1.0",
                 "providers" : {"aws" : "aws.west"},
                 "cidr" : "${var.cidr}"
               }
             },
                        "provider" : {
  "aws" : { "alias" : "west", "region" : "${var.region}" }
}
})json");
  INFO(L.errors());
  REQUIRE(L.Doc.diagnostics().empty());
  auto Vars = blocksOf(L.root(), "variable");
  REQUIRE(Vars.size() == 2);
  const Node &Tags = bodyOf(*Vars[0]);
  // The type is an expression: object({...}) as the native parser reads it.
  const Node &Type = valueOf(Tags, "type");
  REQUIRE(Type.isExpression("call"));
  CHECK(Type.Text == "object");
  REQUIRE(Type.Items.size() == 1);
  REQUIRE(Type.Items[0]->is(NodeKind::Map));
  CHECK(Type.Items[0]->get("team")->isExpression("identifier"));
  const Node *Env = Type.Items[0]->get("env");
  REQUIRE(Env);
  CHECK(Env->isExpression("call"));
  CHECK(Env->Text == "optional");
  CHECK(Env->Items[1]->Text == "dev");
  // default and description are literal: no template.
  CHECK(valueOf(Tags, "default").get("team")->is(NodeKind::String));
  CHECK(valueOf(Tags, "default").get("team")->Text == "${not a template}");
  CHECK(valueOf(Tags, "description").Text == "The ${tags}");
  CHECK(valueOf(bodyOf(onlyBlock(Tags, "validation")), "condition")
            .isExpression("template"));
  const Node &ListType = valueOf(bodyOf(*Vars[1]), "type");
  CHECK(ListType.isExpression("call"));
  CHECK(ListType.Text == "list");
  CHECK(ListType.Items[0]->Text == "string");

  const Node &Out = bodyOf(onlyBlock(L.root(), "output"));
  CHECK(valueOf(Out, "value").isExpression("template"));
  CHECK(valueOf(Out, "description").is(NodeKind::String));
  CHECK(valueOf(Out, "sensitive").is(NodeKind::Bool));

  const Node &Mod = bodyOf(onlyBlock(L.root(), "module"));
  CHECK(valueOf(Mod, "source").Text == "./net");
  CHECK(traversal(*valueOf(Mod, "providers").get("aws")) == "aws.west");
  CHECK(valueOf(Mod, "cidr").isExpression("template"));

  const Node &Prov = bodyOf(onlyBlock(L.root(), "provider"));
  CHECK(valueOf(Prov, "alias").is(NodeKind::String));
  CHECK(valueOf(Prov, "region").isExpression("template"));
}

TEST_CASE("tf.json: nested blocks of provider-defined bodies", "[hcljson]") {
  Lowered L(R"({"resource": {"aws_s3_bucket": {"b": {
  "versioning": {"enabled": true},
  "logging": [{"target_bucket": "logs"}, {"target_bucket": "more"}],
  "server_side_encryption_configuration": {"rule": {
    "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}}},
  "tags": {"team": "a"},
  "labels": {"Name": "x"},
  "metadata": {"enable-oslogin": "TRUE"},
  "cidr_blocks": ["0.0.0.0/0"],
  "empty": [],
  "config": {"//": "a comment", "mode": "on"}
}}}})");
  INFO(L.errors());
  REQUIRE(L.Doc.diagnostics().empty());
  const Node &Body = bodyOf(onlyBlock(L.root(), "resource"));
  // An object, or an array of objects, whose keys could name schema
  // attributes: nested blocks.
  const Node &Versioning = onlyBlock(Body, "versioning");
  CHECK(valueOf(bodyOf(Versioning), "enabled").BoolValue);
  CHECK(blocksOf(Body, "logging").size() == 2);
  const Node &Rule = onlyBlock(
      bodyOf(onlyBlock(Body, "server_side_encryption_configuration")), "rule");
  const Node &Default =
      onlyBlock(bodyOf(Rule), "apply_server_side_encryption_by_default");
  CHECK(valueOf(bodyOf(Default), "sse_algorithm").Text == "aws:kms");
  // Maps: a well-known map argument, or keys no schema attribute has.
  CHECK(valueOf(Body, "tags").is(NodeKind::Map));
  CHECK(valueOf(Body, "labels").is(NodeKind::Map));
  CHECK(valueOf(Body, "metadata").is(NodeKind::Map));
  CHECK(valueOf(Body, "cidr_blocks").is(NodeKind::List));
  CHECK(valueOf(Body, "empty").is(NodeKind::List));
  // In a block body "//" is a comment.
  const Node &Config = bodyOf(onlyBlock(Body, "config"));
  REQUIRE(Config.Items.size() == 1);
  CHECK(valueOf(Config, "mode").Text == "on");
}

TEST_CASE("tf.json: comments at the root and in bodies, not in values",
          "[hcljson]") {
  Lowered L(R"({
  "//": "generated, do not edit",
  "locals": {"//": "ignored", "m": {"//": "kept", "a": 1}}
})");
  INFO(L.errors());
  REQUIRE(L.Doc.diagnostics().empty());
  REQUIRE(L.root().Items.size() == 1);
  const Node &Body = bodyOf(onlyBlock(L.root(), "locals"));
  REQUIRE(Body.Items.size() == 1);
  const Node &M = valueOf(Body, "m");
  CHECK(M.get("//"));
  CHECK(M.get("//")->Text == "kept");
}

TEST_CASE("tf.json: malformed shapes are diagnostics at the JSON node",
          "[hcljson]") {
  SECTION("a resource body that is not an object") {
    const char *Text = R"({"resource": {"aws_s3_bucket": {"b": "oops"}}})";
    Lowered L(Text);
    REQUIRE(L.Doc.diagnostics().size() == 1);
    const Diagnostic &D = L.Doc.diagnostics()[0];
    CHECK(D.Level == Severity::Error);
    CHECK(llvm::StringRef(D.Message).contains("'resource' block"));
    CHECK(llvm::StringRef(D.Message).contains("found a string"));
    CHECK(span(D.Range) == spanOf(Text, "\"oops\""));
    CHECK(L.root().Items.empty());
  }
  SECTION("one label level missing") {
    // "bucket" reads as the name label, so its value is the body.
    const char *Text =
        R"({"resource": {"aws_s3_bucket": {"bucket": "logs", "acl": "x"}}})";
    Lowered L(Text);
    REQUIRE(L.Doc.diagnostics().size() == 2);
    CHECK(llvm::StringRef(L.Doc.diagnostics()[0].Message)
              .contains("body of a 'resource' block"));
    CHECK(span(L.Doc.diagnostics()[0].Range) == spanOf(Text, "\"logs\""));
    CHECK(span(L.Doc.diagnostics()[1].Range) == spanOf(Text, "\"x\""));
    CHECK(L.root().Items.empty());
  }
  SECTION("one label level too many in a variable") {
    const char *Text = R"({"variable": {"a": {"b": {"default": 1}}}})";
    Lowered L(Text);
    REQUIRE(L.Doc.diagnostics().size() == 1);
    CHECK(L.Doc.diagnostics()[0].Level == Severity::Warning);
    CHECK(span(L.Doc.diagnostics()[0].Range) == spanOf(Text, "\"b\""));
  }
  SECTION("a label level that is an array of non-objects") {
    const char *Text = R"({"variable": ["x", {"ok": {}}]})";
    Lowered L(Text);
    REQUIRE(L.Doc.diagnostics().size() == 1);
    CHECK(span(L.Doc.diagnostics()[0].Range) == spanOf(Text, "\"x\""));
    // What is well formed is still there.
    CHECK(labels(onlyBlock(L.root(), "variable")) ==
          std::vector<std::string>{"ok"});
  }
  SECTION("an empty label level") {
    const char *Text = R"({"resource": {}})";
    Lowered L(Text);
    REQUIRE(L.Doc.diagnostics().size() == 1);
    CHECK(span(L.Doc.diagnostics()[0].Range) == spanOf(Text, "{}"));
  }
  SECTION("an unknown block type") {
    const char *Text = R"({"resources": {}, "locals": {"a": 1}})";
    Lowered L(Text);
    REQUIRE(L.Doc.diagnostics().size() == 1);
    CHECK(span(L.Doc.diagnostics()[0].Range) == spanOf(Text, "\"resources\""));
    CHECK(blocksOf(L.root(), "locals").size() == 1);
  }
  SECTION("a root that is not an object") {
    Lowered L(R"(["resource"])");
    REQUIRE(L.Doc.diagnostics().size() == 1);
    CHECK(span(L.Doc.diagnostics()[0].Range) == "1:2-1:12");
    Lowered S(R"("text")");
    REQUIRE(S.Doc.diagnostics().size() == 1);
    CHECK(S.root().isExpression("body"));
  }
  SECTION("a broken template points into the string") {
    const char *Text = R"({"locals": {"a": "x-${var.}", "b": 1}})";
    Lowered L(Text);
    REQUIRE_FALSE(L.Doc.diagnostics().empty());
    const Diagnostic &D = L.Doc.diagnostics()[0];
    CHECK(llvm::StringRef(D.Message).startswith("invalid template"));
    // Inside the string's quotes.
    CHECK(D.Range.Start.Offset > std::string(Text).find("\"x-"));
    CHECK(D.Range.End.Offset <= std::string(Text).find("\", \"b\"") + 1);
    // The attribute is left out, the rest stays.
    const Node &Body = bodyOf(onlyBlock(L.root(), "locals"));
    CHECK(attributeIn(Body, "a") == nullptr);
    CHECK(attributeIn(Body, "b") != nullptr);
  }
  SECTION("references that are not references") {
    const char *Text = R"({"resource": {"a_b": {"c": {
      "depends_on": ["a_b.d + 1", 3], "provider": ["aws"]}}}})";
    Lowered L(Text);
    REQUIRE(L.Doc.diagnostics().size() == 3);
    CHECK(span(L.Doc.diagnostics()[0].Range) == spanOf(Text, "\"a_b.d + 1\""));
    CHECK(span(L.Doc.diagnostics()[1].Range) == spanOf(Text, "3"));
    CHECK(span(L.Doc.diagnostics()[2].Range) == spanOf(Text, "[\"aws\"]"));
    const Node &Body = bodyOf(onlyBlock(L.root(), "resource"));
    CHECK(valueOf(Body, "depends_on").Items.empty());
    CHECK(attributeIn(Body, "provider") == nullptr);
  }
}

TEST_CASE("tf.json: a root array of objects is one body", "[hcljson]") {
  Lowered L(R"([{"locals": {"a": 1}}, {"//": "x", "locals": {"b": 2}}])");
  CHECK(L.Doc.diagnostics().empty());
  auto Locals = blocksOf(L.root(), "locals");
  REQUIRE(Locals.size() == 2);
  CHECK(attributeIn(bodyOf(*Locals[1]), "b"));
}

TEST_CASE("tf.json: deep nesting is cut with one diagnostic", "[hcljson]") {
  std::string Deep;
  for (int I = 0; I < 400; ++I)
    Deep += "{\"a\": ";
  Deep += "1";
  for (int I = 0; I < 400; ++I)
    Deep += "}";
  Lowered L("{\"resource\": {\"t\": {\"n\": " + Deep + "}}}");
  // Every level reads as a nested block (block, body, attribute): the
  // lowered tree would cross MaxNestingDepth, so its bottom is left out.
  REQUIRE(L.Doc.diagnostics().size() == 1);
  CHECK(llvm::StringRef(L.Doc.diagnostics()[0].Message).contains("nests"));
  REQUIRE(L.root().Items.size() == 1);
  unsigned Levels = 0;
  for (const Node *N = L.root().Items[0]; N;) {
    const Node *Body = N->get("body");
    N = Body && !Body->Items.empty() ? Body->Items[0] : nullptr;
    ++Levels;
  }
  CHECK(Levels * 2 <= MaxNestingDepth);
}
