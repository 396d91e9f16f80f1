//===- TerraformEvaluatorTest.cpp - Terraform modules to deployment units -===//
//
// Small in-memory Terraform projects evaluated into units. The expected
// values follow Terraform's documented behaviour: variable precedence,
// instance addresses, module inputs and outputs, dynamic blocks.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/terraform/TerraformEvaluator.h"

#include "analyzer/model/ValueJson.h"
#include "parsers/common/JsonParser.h"
#include "parsers/terraform/HclParser.h"
#include "tests/support/UnitQueries.h"

#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

#include <map>
#include <memory>

using namespace rampart;
using namespace rampart::eval::terraform;
using model::EdgeKind;
using model::Value;
using model::ValueKind;

namespace {

/// Files by path ("root/main.tf", "modules/s3/main.tf"); "root" is the root
/// module unless said otherwise.
struct Project {
  std::map<std::string, std::string> Files;
  std::vector<std::string> VarFiles; ///< --var-file, by path in Files
  std::vector<std::pair<std::string, std::string>> Vars, Env;
  std::string Root = "root";
  std::string ScanRoot = "";
  bool AllowOutsideRoot = false;
};

struct Evaluated {
  std::map<std::string, std::unique_ptr<SourceFile>> Sources;
  std::map<std::string, std::unique_ptr<Document>> Docs;
  model::DeploymentUnit Unit;

  const model::Resource &resource(llvm::StringRef Id) const {
    return testing::resourceIn(Unit, Id);
  }
  bool hasEdge(llvm::StringRef From, llvm::StringRef To, EdgeKind K) const {
    return testing::hasEdge(Unit, From, To, K);
  }
  bool hasDiagnostic(llvm::StringRef Fragment) const {
    return testing::hasDiagnostic(Unit, Fragment);
  }
  size_t errors() const {
    size_t N = 0;
    for (const auto &D : Unit.Diagnostics)
      N += D.D.Level == Severity::Error;
    return N;
  }
};

bool isVarFile(llvm::StringRef Path) {
  return Path.endswith(".tfvars") || Path.endswith(".tfvars.json");
}

std::unique_ptr<Evaluated> evaluate(const Project &P) {
  auto E = std::make_unique<Evaluated>();
  for (const auto &[Path, Text] : P.Files) {
    llvm::StringRef Name = Path;
    if (!Name.endswith(".tf") && !isVarFile(Name))
      continue; // read by file() and templatefile()
    auto &F = E->Sources[Path] = SourceFile::fromText(Path, Text);
    auto D = Name.endswith(".json")
                 ? std::make_unique<Document>(parsers::parseJson(
                       *F, Dialect::Terraform, FileRole::Variables,
                       parsers::JsonSyntax::Strict))
                 : std::make_unique<Document>(parsers::parseHcl(
                       *F, isVarFile(Name) ? FileRole::Variables
                                           : FileRole::Template));
    INFO(Path);
    REQUIRE(D->diagnostics().empty());
    E->Docs[Path] = std::move(D);
  }
  auto InDir = [E = E.get()](llvm::StringRef Dir, bool Vars) {
    std::vector<const Document *> Out;
    for (const auto &[Path, D] : E->Docs)
      if (llvm::sys::path::parent_path(Path) == Dir && isVarFile(Path) == Vars)
        Out.push_back(D.get());
    return Out;
  };
  TerraformInputs In;
  In.RootDir = P.Root;
  In.Files = InDir(P.Root, false);
  // The automatic variable files, in Terraform's order.
  for (const char *Name : {"terraform.tfvars", "terraform.tfvars.json",
                           "a.auto.tfvars", "b.auto.tfvars"})
    if (auto It = E->Docs.find(P.Root + "/" + Name); It != E->Docs.end())
      In.VarFiles.push_back(It->second.get());
  for (const std::string &V : P.VarFiles)
    In.VarFiles.push_back(E->Docs.at(V).get());
  In.Vars = P.Vars;
  In.EnvVars = P.Env;
  In.LoadDirectory = [InDir](const std::string &Dir) {
    ModuleFiles M;
    M.Files = InDir(Dir, false);
    return M;
  };
  In.ReadFile = [Files = P.Files](const std::string &Path) {
    FileText T;
    if (auto It = Files.find(Path); It != Files.end())
      T.Text = It->second;
    else
      T.Error = "'" + Path + "' does not exist";
    return T;
  };
  In.ScanRoot = P.ScanRoot;
  In.AllowOutsideRoot = P.AllowOutsideRoot;
  E->Unit = evaluateTerraform(In);
  return E;
}

using testing::at;
using testing::json;

const Value &props(const Evaluated &E, llvm::StringRef Id) {
  return E.resource(Id).Properties;
}

} // namespace

TEST_CASE("terraform: variable precedence, last source wins", "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "f" { default = "default" }
variable "g" { default = "default" }
resource "null_resource" "r" {
  triggers = { a = var.a, b = var.b, c = var.c, d = var.d, e = var.e,
               f = var.f, g = var.g }
}
)";
  P.Env = {{"b", "env"}, {"c", "env"}, {"d", "env"},
           {"e", "env"}, {"f", "env"}, {"g", "env"}};
  P.Files["root/terraform.tfvars"] = "c = \"tfvars\"\nd = \"tfvars\"\n"
                                     "e = \"tfvars\"\nf = \"tfvars\"\n"
                                     "g = \"tfvars\"\n";
  P.Files["root/terraform.tfvars.json"] =
      R"({"d": "tfvars.json", "e": "tfvars.json", "f": "tfvars.json",
          "g": "tfvars.json"})";
  P.Files["root/a.auto.tfvars"] = "e = \"a.auto\"\nf = \"a.auto\"\n"
                                  "g = \"a.auto\"\n";
  P.Files["root/b.auto.tfvars"] = "f = \"b.auto\"\ng = \"b.auto\"\n";
  P.Files["root/custom.tfvars"] = "g = \"var-file\"\n";
  P.VarFiles = {"root/custom.tfvars"};
  SECTION("files and environment") {
    auto E = evaluate(P);
    CHECK(json(at(props(*E, "null_resource.r"), {"triggers"})) ==
          R"({"a":"default","b":"env","c":"tfvars","d":"tfvars.json",)"
          R"("e":"a.auto","f":"b.auto","g":"var-file"})");
    // The value is where it is used (`g = var.g`, line 11), and says
    // where it was set.
    const Value &G = at(props(*E, "null_resource.r"), {"triggers", "g"});
    CHECK(G.origin().File->path() == "root/main.tf");
    CHECK(G.origin().Range.Start.Line == 11);
    REQUIRE(G.setAt().hasFile());
    CHECK(G.setAt().File->path() == "root/custom.tfvars");
    CHECK(G.setAt().Range.Start.Line == 1);
    const Value &A = at(props(*E, "null_resource.r"), {"triggers", "a"});
    CHECK(A.setAt().File->path() == "root/main.tf");
    CHECK(A.setAt().Range.Start.Line == 2); // the default
    CHECK(E->errors() == 0);
  }
  SECTION("--var wins over everything") {
    P.Vars = {{"g", "cli"}};
    auto E = evaluate(P);
    CHECK(json(at(props(*E, "null_resource.r"), {"triggers", "g"})) ==
          R"("cli")");
  }
}

TEST_CASE("terraform: unknown values carry their reason", "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
variable "bucket_name" {}
variable "tags" {
  type = object({ team = string, env = optional(string, "dev") })
  default = { team = "core" }
}
resource "aws_s3_bucket" "b" {
  bucket = "${var.bucket_name}-logs"
  tags   = var.tags
}
)";
  auto E = evaluate(P);
  const Value &Bucket = at(props(*E, "aws_s3_bucket.b"), {"bucket"});
  REQUIRE(Bucket.is(ValueKind::Unknown));
  CHECK(Bucket.asString().startswith("variable 'bucket_name' has no value"));
  // A name longer than std::string's inline buffer, whose message once read
  // freed memory.
  P.Files["root/main.tf"] += R"(
variable "a_variable_with_a_long_name" {}
resource "aws_s3_bucket" "long" { bucket = var.a_variable_with_a_long_name }
)";
  auto Long = evaluate(P);
  CHECK(at(props(*Long, "aws_s3_bucket.long"), {"bucket"})
            .asString()
            .startswith("variable 'a_variable_with_a_long_name' has no value"));
  // optional() fills the default.
  CHECK(json(at(props(*E, "aws_s3_bucket.b"), {"tags"})) ==
        R"({"env":"dev","team":"core"})");
}

TEST_CASE("terraform: expressions", "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
variable "n" { default = 3 }
variable "envs" { default = ["dev", "prod"] }
variable "flag" {}
locals {
  doubled  = [for i, e in var.envs : "${i}-${e}" if e != "test"]
  grouped  = { for e in ["a", "b", "a"] : e => e... }
  math     = var.n * 2 + 1 - 4 / 2
  cmp      = var.n >= 3 && !(var.n == 4)
  pick     = var.n > 2 ? "big" : "small"
  either   = var.flag ? "same" : "same"
  tmpl     = "%{ for e in var.envs }[${e}]%{ endfor }%{ if var.n > 1 }!%{ endif }"
  items    = [{ id = 1 }, { id = 2 }]
  ids      = local.items[*].id
  first    = local.items[0].id
}
resource "null_resource" "r" {
  triggers = {
    doubled = local.doubled
    math    = local.math
    cmp     = local.cmp
    pick    = local.pick
    either  = local.either
    tmpl    = local.tmpl
    ids     = local.ids
    first   = local.first
    grouped = local.grouped
    unknown = var.flag ? 1 : 2
  }
}
)";
  auto E = evaluate(P);
  const Value &T = at(props(*E, "null_resource.r"), {"triggers"});
  CHECK(json(at(T, {"doubled"})) == R"(["0-dev","1-prod"])");
  CHECK(json(at(T, {"math"})) == "5");
  CHECK(json(at(T, {"cmp"})) == "true");
  CHECK(json(at(T, {"pick"})) == R"("big")");
  CHECK(json(at(T, {"either"})) == R"("same")");
  CHECK(json(at(T, {"tmpl"})) == R"("[dev][prod]!")");
  CHECK(json(at(T, {"ids"})) == "[1,2]");
  CHECK(json(at(T, {"first"})) == "1");
  CHECK(json(at(T, {"grouped"})) == R"({"a":["a","a"],"b":["b"]})");
  CHECK(at(T, {"unknown"}).is(ValueKind::Unknown));
}

TEST_CASE("terraform: count and for_each instances and addresses", "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
variable "unknown_count" {}
resource "aws_s3_bucket" "counted" {
  count  = 2
  bucket = "b-${count.index}"
}
resource "aws_s3_bucket" "each" {
  for_each = { logs = "eu", data = "us" }
  bucket   = "${each.key}-${each.value}"
}
resource "aws_s3_bucket" "set" {
  for_each = ["b", "a"]
  bucket   = each.value
}
resource "aws_s3_bucket" "maybe" {
  count  = var.unknown_count
  bucket = "m-${count.index}"
}
resource "aws_s3_bucket" "none" {
  count  = 0
  bucket = "never"
}
resource "aws_s3_bucket" "huge" {
  count  = 1000000
  bucket = "h"
}
resource "null_resource" "user" {
  triggers = {
    second = aws_s3_bucket.counted[1].bucket
    data   = aws_s3_bucket.each["data"].bucket
    arn    = aws_s3_bucket.counted[0].arn
  }
}
)";
  auto E = evaluate(P);
  CHECK(json(at(props(*E, "aws_s3_bucket.counted[0]"), {"bucket"})) ==
        R"("b-0")");
  const model::Resource &C1 = E->resource("aws_s3_bucket.counted[1]");
  CHECK(C1.Loop.Kind == model::LoopInfo::LoopKind::Count);
  CHECK(C1.Loop.Expanded);
  CHECK(C1.Loop.Index == 1);
  CHECK(json(at(props(*E, "aws_s3_bucket.each[\"logs\"]"), {"bucket"})) ==
        R"("logs-eu")");
  CHECK(json(at(props(*E, "aws_s3_bucket.each[\"data\"]"), {"bucket"})) ==
        R"("data-us")");
  E->resource("aws_s3_bucket.set[\"a\"]");
  E->resource("aws_s3_bucket.set[\"b\"]");
  // Unknown count: one representative, never dropped.
  const model::Resource &Maybe = E->resource("aws_s3_bucket.maybe");
  CHECK_FALSE(Maybe.Loop.Expanded);
  CHECK(at(Maybe.Properties, {"bucket"}).is(ValueKind::Unknown));
  CHECK(E->Unit.Graph.find("aws_s3_bucket.none") == nullptr);
  CHECK_FALSE(E->resource("aws_s3_bucket.huge").Loop.Expanded);
  CHECK(E->hasDiagnostic("count 1000000 is outside"));
  const Value &T = at(props(*E, "null_resource.user"), {"triggers"});
  CHECK(json(at(T, {"second"})) == R"("b-1")");
  CHECK(json(at(T, {"data"})) == R"("data-us")");
  const Value &Arn = at(T, {"arn"});
  REQUIRE(Arn.is(ValueKind::Expression));
  CHECK(Arn.refersTo() == "aws_s3_bucket.counted[0]");
  // Edges go to the instances used, not to the whole loop.
  CHECK(E->hasEdge("null_resource.user", "aws_s3_bucket.counted[1]",
                   EdgeKind::Reference));
  CHECK_FALSE(E->hasEdge("null_resource.user", "aws_s3_bucket.each[\"logs\"]",
                         EdgeKind::Reference));
}

TEST_CASE("terraform: modules take inputs and give outputs", "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
module "logs" {
  source = "../modules/bucket"
  name   = "logs"
}
module "pair" {
  source = "../modules/bucket"
  count  = 2
  name   = "pair-${count.index}"
}
resource "aws_s3_bucket_policy" "p" {
  bucket = module.logs.bucket_id
  policy = module.logs.name_out
  names  = module.pair[*].name_out
}
)";
  P.Files["modules/bucket/main.tf"] = R"(variable "name" {}
variable "versioning" { default = true }
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }
}
output "bucket_id" { value = aws_s3_bucket.this.id }
output "name_out" { value = aws_s3_bucket.this.bucket }
)";
  auto E = evaluate(P);
  const model::Resource &B = E->resource("module.logs.aws_s3_bucket.this");
  CHECK(json(at(B.Properties, {"bucket"})) == R"("logs")");
  // The resource keeps its own file; the value was set by the caller.
  CHECK(B.Declaration.File->path() == "modules/bucket/main.tf");
  CHECK(at(B.Properties, {"bucket"}).origin().File->path() ==
        "modules/bucket/main.tf");
  CHECK(at(B.Properties, {"bucket"}).setAt().File->path() == "root/main.tf");
  CHECK(json(at(props(*E, "module.logs.aws_s3_bucket_versioning.this"),
                {"versioning_configuration"})) == R"([{"status":"Enabled"}])");
  E->resource("module.pair[0].aws_s3_bucket.this");
  CHECK(json(at(props(*E, "module.pair[1].aws_s3_bucket.this"), {"bucket"})) ==
        R"("pair-1")");
  const Value &Policy = props(*E, "aws_s3_bucket_policy.p");
  CHECK(json(at(Policy, {"policy"})) == R"("logs")");
  CHECK(json(at(Policy, {"names"})) == R"(["pair-0","pair-1"])");
  const Value &Id = at(Policy, {"bucket"});
  REQUIRE(Id.is(ValueKind::Expression));
  CHECK(Id.refersTo() == "module.logs.aws_s3_bucket.this");
  // A module output refers to the module's resources.
  CHECK(E->hasEdge("aws_s3_bucket_policy.p", "module.logs.aws_s3_bucket.this",
                   EdgeKind::Reference));
  CHECK(E->hasEdge("aws_s3_bucket_policy.p", "module.logs.aws_s3_bucket.this",
                   EdgeKind::Attachment));
  CHECK(E->hasEdge("module.logs.aws_s3_bucket_versioning.this",
                   "module.logs.aws_s3_bucket.this", EdgeKind::Attachment));
  CHECK(E->errors() == 0);
}

TEST_CASE("terraform: attachment edges join split resources", "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
resource "azurerm_subnet" "web" { name = "web" }
resource "azurerm_network_security_group" "web" { name = "web-nsg" }
resource "azurerm_subnet_network_security_group_association" "web" {
  subnet_id                 = azurerm_subnet.web.id
  network_security_group_id = azurerm_network_security_group.web.id
}
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_public_access_block" "b" {
  bucket            = aws_s3_bucket.b.id
  block_public_acls = true
}
)";
  auto E = evaluate(P);
  const char *Assoc = "azurerm_subnet_network_security_group_association.web";
  CHECK(E->hasEdge(Assoc, "azurerm_subnet.web", EdgeKind::Attachment));
  CHECK(E->hasEdge(Assoc, "azurerm_network_security_group.web",
                   EdgeKind::Attachment));
  CHECK(E->hasEdge("azurerm_subnet.web", "azurerm_network_security_group.web",
                   EdgeKind::Attachment));
  CHECK(E->hasEdge("aws_s3_bucket_public_access_block.b", "aws_s3_bucket.b",
                   EdgeKind::Attachment));
  CHECK_FALSE(E->hasEdge("aws_s3_bucket.b",
                         "aws_s3_bucket_public_access_block.b",
                         EdgeKind::Attachment));
}

TEST_CASE("terraform: data sources, providers, dynamic blocks, depends_on",
          "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
provider "aws" {
  region = "eu-west-1"
  default_tags { tags = { owner = "platform" } }
}
variable "unknown_rules" {}
data "aws_iam_policy_document" "p" {
  statement { actions = ["s3:GetObject"] }
}
resource "aws_security_group" "sg" {
  name = "web"
  dynamic "ingress" {
    for_each = [22, 443]
    iterator = port
    content {
      from_port = port.value
      to_port   = port.value
    }
  }
  dynamic "egress" {
    for_each = var.unknown_rules
    content { from_port = egress.value }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket     = "b"
  policy     = data.aws_iam_policy_document.p.json
  depends_on = [aws_security_group.sg]
}
)";
  auto E = evaluate(P);
  const model::Resource &Data = E->resource("data.aws_iam_policy_document.p");
  CHECK(Data.Existing);
  const Value &Policy = at(props(*E, "aws_s3_bucket_policy.p"), {"policy"});
  REQUIRE(Policy.is(ValueKind::Expression));
  CHECK(Policy.refersTo() == "data.aws_iam_policy_document.p");
  CHECK(json(at(props(*E, "aws_security_group.sg"), {"ingress"})) ==
        R"([{"from_port":22,"to_port":22},{"from_port":443,"to_port":443}])");
  CHECK(at(props(*E, "aws_security_group.sg"), {"egress"})
            .is(ValueKind::Unknown));
  CHECK(E->hasEdge("aws_s3_bucket_policy.p", "aws_security_group.sg",
                   EdgeKind::DependsOn));
  CHECK(E->hasEdge("aws_s3_bucket_policy.p", "data.aws_iam_policy_document.p",
                   EdgeKind::Reference));
  const model::Resource &Provider = E->resource("provider.aws");
  CHECK(json(at(Provider.Properties, {"default_tags"})) ==
        R"([{"tags":{"owner":"platform"}}])");
  CHECK(
      E->hasEdge("aws_security_group.sg", "provider.aws", EdgeKind::Reference));
}

TEST_CASE("terraform: hostile module graphs end with diagnostics", "[tf]") {
  SECTION("a module that calls itself through another") {
    Project P;
    P.Files["root/main.tf"] = "module \"a\" { source = \"../a\" }\n";
    P.Files["a/main.tf"] = "module \"b\" { source = \"../b\" }\n"
                           "resource \"null_resource\" \"a\" {}\n";
    P.Files["b/main.tf"] = "module \"a\" { source = \"../a\" }\n";
    auto E = evaluate(P);
    E->resource("module.a.null_resource.a");
    CHECK(E->hasDiagnostic("calls itself"));
  }
  SECTION("a module path outside the scanned directory") {
    Project P;
    P.Root = "/scan/root";
    P.ScanRoot = "/scan";
    P.Files["/scan/root/main.tf"] =
        "module \"out\" { source = \"../../elsewhere\" }\n";
    P.Files["/elsewhere/main.tf"] = "resource \"null_resource\" \"x\" {}\n";
    auto E = evaluate(P);
    CHECK(E->hasDiagnostic("leaves the scanned directory"));
    CHECK(E->Unit.Graph.find("module.out.null_resource.x") == nullptr);
    P.AllowOutsideRoot = true;
    auto Allowed = evaluate(P);
    Allowed->resource("module.out.null_resource.x");
  }
  SECTION("a remote module without terraform init") {
    Project P;
    P.Files["root/main.tf"] = R"(
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
resource "null_resource" "r" { triggers = { id = module.vpc.vpc_id } }
)";
    auto E = evaluate(P);
    CHECK(E->hasDiagnostic("'terraform-aws-modules/vpc/aws' is not local"));
    CHECK(at(props(*E, "null_resource.r"), {"triggers", "id"})
              .is(ValueKind::Unknown));
  }
}

TEST_CASE("terraform: evaluation is bounded", "[tf]") {
  std::string List = "[";
  for (int I = 0; I < 1000; ++I)
    List += std::to_string(I) + ",";
  List += "]";
  Project P;
  P.Files["root/main.tf"] = "locals {\n  l = " + List +
                            "\n  cube = [for a in local.l : [for b in local.l "
                            ": [for c in local.l : a + b + c]]]\n}\n"
                            "resource \"null_resource\" \"r\" {\n"
                            "  triggers = { last = local.cube[999][999][999] }"
                            "\n}\n";
  auto E = evaluate(P);
  CHECK(at(props(*E, "null_resource.r"), {"triggers", "last"})
            .is(ValueKind::Unknown));
  CHECK(E->hasDiagnostic("evaluation steps"));
}

TEST_CASE("terraform: nested dynamic blocks see the outer iterator", "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
variable "rules" {
  default = {
    a = { actions = [{ type = "x", oidc = { id = "1" } },
                     { type = "y", oidc = null }] }
  }
}
variable "unknown" {}
resource "aws_lb_listener_rule" "r" {
  for_each = var.rules
  dynamic "action" {
    for_each = [for action in each.value.actions : action
                if action.oidc != null]
    content {
      type = action.value.type
      dynamic "authenticate_oidc" {
        for_each = [action.value.oidc]
        content {
          client_id = authenticate_oidc.value.id
        }
      }
    }
  }
  name = var.unknown ? "${null}-x" : "fallback"
}
resource "aws_eks_cluster" "c" {
  vpc_config { subnet_ids = ["s"] }
}
resource "null_resource" "sg" {
  triggers = {
    sg      = aws_eks_cluster.c.vpc_config[0].cluster_security_group_id
  }
}
)";
  auto E = evaluate(P);
  CHECK(json(at(props(*E, "aws_lb_listener_rule.r[\"a\"]"), {"action"})) ==
        R"([{"type":"x","authenticate_oidc":[{"client_id":"1"}]}])");
  // A computed attribute inside a configured block is a runtime value.
  const Value &Sg = at(props(*E, "null_resource.sg"), {"triggers", "sg"});
  REQUIRE(Sg.is(ValueKind::Expression));
  CHECK(Sg.refersTo() == "aws_eks_cluster.c");
  // The branch not known to be taken reports nothing.
  CHECK(E->errors() == 0);
}

TEST_CASE("terraform: templatefile renders with its variables", "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
variable "users" { default = ["ann", "bob"] }
resource "aws_instance" "web" {
  user_data = templatefile("${path.module}/init.tpl", {
    port  = 8080
    users = var.users
  })
  missing = templatefile("nope.tpl", {})
}
)";
  P.Files["root/init.tpl"] = "#!/bin/sh\nlisten ${port}\n"
                             "%{ for u in users ~}\nadduser ${u}\n"
                             "%{ endfor ~}\n";
  auto E = evaluate(P);
  const Value &UserData = at(props(*E, "aws_instance.web"), {"user_data"});
  CHECK(json(UserData) ==
        R"("#!/bin/sh\nlisten 8080\nadduser ann\nadduser bob\n")");
  CHECK(at(props(*E, "aws_instance.web"), {"missing"}).is(ValueKind::Unknown));
  CHECK(E->hasDiagnostic("'root/nope.tpl' does not exist"));
}

TEST_CASE("terraform: sensitive values stay marked through expressions",
          "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
variable "password" {
  type      = string
  sensitive = true
  default   = "hunter2"
}
variable "user" { default = "admin" }
variable "settings" {
  sensitive = true
  default   = { key = "k1" }
}
resource "aws_db_instance" "db" {
  username        = var.user
  password        = var.password
  endpoint        = "${var.user}:${var.password}@db"
  upper_password  = upper(var.password)
  revealed        = nonsensitive(var.password)
  wrapped         = sensitive(var.user)
  settings_key    = var.settings.key
  length_is_known = length(var.password) + 1
}
module "m" {
  source = "./m"
  secret = var.password
}
resource "aws_ssm_parameter" "p" {
  value = module.m.out
}
)";
  P.Files["root/m/main.tf"] = R"(
variable "secret" {}
output "out" {
  value     = var.secret
  sensitive = true
}
)";
  auto E = evaluate(P);
  const Value &Db = props(*E, "aws_db_instance.db");
  CHECK_FALSE(at(Db, {"username"}).isSensitive());
  CHECK(at(Db, {"password"}).isSensitive());
  CHECK(at(Db, {"password"}).asString() == "hunter2");
  CHECK(at(Db, {"endpoint"}).isSensitive());
  CHECK(at(Db, {"endpoint"}).asString() == "admin:hunter2@db");
  CHECK(at(Db, {"upper_password"}).isSensitive());
  CHECK_FALSE(at(Db, {"revealed"}).isSensitive());
  CHECK(at(Db, {"wrapped"}).isSensitive());
  CHECK(at(Db, {"settings_key"}).isSensitive());
  CHECK(at(Db, {"length_is_known"}).isSensitive());
  CHECK(at(Db, {"length_is_known"}).asInt() == 8);
  // Through a module input (not declared sensitive) and a sensitive output.
  const Value &Param = at(props(*E, "aws_ssm_parameter.p"), {"value"});
  CHECK(Param.isSensitive());
  CHECK(Param.asString() == "hunter2");
}

TEST_CASE("terraform: maps are iterated in lexical key order", "[tf]") {
  // `terraform console`: [for k, v in {web = 80, ssh = 22} : k] is
  // ["ssh", "web"].
  Project P;
  P.Files["root/main.tf"] = R"(
variable "ports" {
  default = { web = 80, ssh = 22, db = 5432 }
}
resource "aws_security_group" "sg" {
  names = [for k, v in var.ports : k]
  text  = "%{for k, v in var.ports}${v},%{endfor}"
  dynamic "ingress" {
    for_each = var.ports
    content { from_port = ingress.value }
  }
}
)";
  auto E = evaluate(P);
  const Value &Sg = props(*E, "aws_security_group.sg");
  CHECK(json(at(Sg, {"names"})) == R"(["db","ssh","web"])");
  CHECK(at(Sg, {"text"}).asString() == "5432,22,80,");
  CHECK(json(at(Sg, {"ingress"})) ==
        R"([{"from_port":5432},{"from_port":22},{"from_port":80}])");
}

TEST_CASE("terraform: resources know their provider's major versions", "[tf]") {
  Project P;
  P.Files["root/main.tf"] = R"(
terraform {
  required_providers {
    aws     = { source = "hashicorp/aws", version = ">= 5.0, < 7.0" }
    azurerm = { source = "hashicorp/azurerm", version = "~> 3.100" }
    google  = { source = "hashicorp/google" }
  }
}
provider "aws" { alias = "west" }
resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket" "w" { provider = aws.west }
resource "azurerm_resource_group" "rg" {}
resource "google_storage_bucket" "g" {}
)";
  auto E = evaluate(P);
  using Majors = std::vector<unsigned>;
  CHECK(E->resource("aws_s3_bucket.b").ProviderMajors == Majors{5, 6});
  CHECK(E->resource("aws_s3_bucket.w").ProviderMajors == Majors{5, 6});
  CHECK(E->resource("azurerm_resource_group.rg").ProviderMajors == Majors{3});
  // No constraint and no lock file: any version.
  CHECK(E->resource("google_storage_bucket.g").ProviderMajors.empty());

  // The lock file pins one version.
  P.Files["root/.terraform.lock.hcl"] = R"(
provider "registry.terraform.io/hashicorp/aws" {
  version     = "6.2.0"
  constraints = ">= 5.0, < 7.0"
  hashes      = ["h1:x"]
}
provider "registry.terraform.io/hashicorp/google" {
  version = "6.49.1"
}
)";
  E = evaluate(P);
  CHECK(E->resource("aws_s3_bucket.b").ProviderMajors == Majors{6});
  CHECK(E->resource("google_storage_bucket.g").ProviderMajors == Majors{6});
  CHECK(E->resource("azurerm_resource_group.rg").ProviderMajors == Majors{3});
}

TEST_CASE("terraform: a local used through many locals passes on each "
          "reference once",
          "[tf]") {
  // Every local uses the one before it twice, so without keeping each
  // reference once the references would double per level (2^40 here).
  std::string Text = R"(
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "westeurope"
}
locals {
  l0 = { a = azurerm_resource_group.rg.name }
)";
  for (int I = 1; I <= 40; ++I)
    Text += "  l" + std::to_string(I) + " = { a = local.l" +
            std::to_string(I - 1) + ".a, b = local.l" + std::to_string(I - 1) +
            ".a }\n";
  Text += R"(}
resource "azurerm_storage_account" "sa" {
  name                = "sa"
  resource_group_name = local.l40.b
}
)";
  Project P;
  P.Files["root/main.tf"] = Text;
  auto E = evaluate(P);
  CHECK(json(at(props(*E, "azurerm_storage_account.sa"),
                {"resource_group_name"})) == R"("rg")");
  CHECK(E->hasEdge("azurerm_storage_account.sa", "azurerm_resource_group.rg",
                   EdgeKind::Reference));
  CHECK(E->Unit.Graph.edges().size() == 1);
}
