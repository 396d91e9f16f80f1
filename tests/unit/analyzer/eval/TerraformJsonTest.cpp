//===- TerraformJsonTest.cpp - .tf.json modules evaluated like .tf --------===//
//
// Terraform defines its JSON syntax by the native one: each configuration
// here is written both ways, and the two units must have the same
// resources, properties and edges. The rest checks what only JSON has:
// mixed directories, tfvars.json, and malformed shapes reported with their
// positions.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/terraform/TerraformEvaluator.h"

#include "analyzer/model/ValueJson.h"
#include "parsers/common/JsonParser.h"
#include "parsers/terraform/HclParser.h"
#include "tests/support/UnitQueries.h"

#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>

using namespace rampart;
using namespace rampart::eval::terraform;
using model::EdgeKind;
using model::Value;
using model::ValueKind;

namespace {

using Files = std::map<std::string, std::string>;

struct Evaluated {
  std::map<std::string, std::unique_ptr<SourceFile>> Sources;
  std::map<std::string, std::unique_ptr<Document>> Docs;
  model::DeploymentUnit Unit;

  const model::Resource &resource(llvm::StringRef Id) const {
    return testing::resourceIn(Unit, Id);
  }
  const Value &props(llvm::StringRef Id) const {
    return resource(Id).Properties;
  }
  bool hasEdge(llvm::StringRef From, llvm::StringRef To, EdgeKind K) const {
    return testing::hasEdge(Unit, From, To, K);
  }
  /// The diagnostics whose message contains Fragment.
  std::vector<const model::FileDiagnostic *>
  diagnostics(llvm::StringRef Fragment) const {
    std::vector<const model::FileDiagnostic *> Out;
    for (const auto &D : Unit.Diagnostics)
      if (llvm::StringRef(D.D.Message).contains(Fragment))
        Out.push_back(&D);
    return Out;
  }
  std::string allDiagnostics() const {
    std::string Out;
    for (const auto &D : Unit.Diagnostics)
      Out += D.File + ":" + std::to_string(D.D.Range.Start.Line) + ": " +
             D.D.Message + "\n";
    return Out;
  }
};

bool isVarFile(llvm::StringRef Path) {
  return Path.endswith(".tfvars") || Path.endswith(".tfvars.json");
}

std::unique_ptr<Document> parse(const SourceFile &F) {
  llvm::StringRef Path = F.path();
  FileRole Role = isVarFile(Path) ? FileRole::Variables : FileRole::Template;
  if (Path.endswith(".json"))
    return std::make_unique<Document>(parsers::parseJson(
        F, Dialect::Terraform, Role, parsers::JsonSyntax::Strict));
  return std::make_unique<Document>(parsers::parseHcl(F, Role));
}

/// Evaluates the module in "root" with the files given by path.
std::unique_ptr<Evaluated> evaluate(const Files &Project) {
  auto E = std::make_unique<Evaluated>();
  for (const auto &[Path, Text] : Project) {
    auto &F = E->Sources[Path] = SourceFile::fromText(Path, Text);
    auto D = parse(*F);
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
  In.RootDir = "root";
  In.Files = InDir("root", false);
  for (const char *Name : {"terraform.tfvars", "terraform.tfvars.json"})
    if (auto It = E->Docs.find(std::string("root/") + Name);
        It != E->Docs.end())
      In.VarFiles.push_back(It->second.get());
  In.LoadDirectory = [InDir](const std::string &Dir) {
    ModuleFiles M;
    M.Files = InDir(Dir, false);
    return M;
  };
  E->Unit = evaluateTerraform(In);
  return E;
}

using testing::json;

/// Resources (id, type, loop, properties) and edges, one per line, sorted:
/// what two equivalent configurations must share.
std::string summary(const model::DeploymentUnit &U) {
  std::vector<std::string> Lines;
  for (const model::Resource &R : U.Graph.resources())
    Lines.push_back(R.Id + " " + R.Type + (R.Existing ? " existing" : "") +
                    " loop=" + std::to_string(static_cast<int>(R.Loop.Kind)) +
                    (R.Loop.Expanded ? "/expanded " : " ") +
                    json(R.Properties));
  for (const model::Edge &E : U.Graph.edges())
    Lines.push_back(E.From + " -> " + E.To + " (" +
                    model::edgeKindName(E.Kind).str() + ")");
  std::sort(Lines.begin(), Lines.end());
  std::string Out;
  for (const std::string &L : Lines)
    Out += L + "\n";
  return Out;
}

/// 1-based line of the first occurrence of Needle in Text.
uint32_t lineOf(const std::string &Text, const std::string &Needle) {
  size_t At = Text.find(Needle);
  REQUIRE(At != std::string::npos);
  return std::count(Text.begin(), Text.begin() + At, '\n') + 1;
}

const char *NativeModule = R"hcl(
variable "env" {
  type    = string
  default = "prod"
}
variable "names" {
  type    = list(string)
  default = ["a", "b"]
}
variable "rules" {
  type    = map(object({ port = number, cidr = optional(string, "10.0.0.0/8") }))
  default = { ssh = { port = 22, cidr = "1.2.3.4/32" }, web = { port = 443 } }
}
locals {
  prefix      = "app-${var.env}"
  common_tags = { Env = var.env, Team = "core" }
}
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "aws_s3_bucket" "logs" {
  bucket = "${local.prefix}-logs"
  tags   = local.common_tags
  versioning {
    enabled = true
  }
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
}
resource "aws_s3_bucket" "data" {
  for_each = toset(var.names)
  provider = aws.west
  bucket   = "${local.prefix}-${each.key}"
  logging {
    target_bucket = aws_s3_bucket.logs.id
  }
  depends_on = [aws_s3_bucket.logs]
  lifecycle {
    prevent_destroy = true
    ignore_changes  = [tags]
  }
}
resource "aws_instance" "web" {
  count         = 2
  ami           = data.aws_ami.ubuntu.id
  instance_type = var.env == "prod" ? "m5.large" : "t3.micro"
  tags          = merge(local.common_tags, { Name = "web-${count.index}" })
}
data "aws_ami" "ubuntu" {
  most_recent = true
  filter {
    name   = "name"
    values = ["ubuntu/*"]
  }
}
resource "aws_security_group" "sg" {
  name = "sg"
  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port   = ingress.value.port
      cidr_blocks = [ingress.value.cidr]
    }
  }
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.logs.id
  versioning_configuration {
    status = "Enabled"
  }
}
output "logs_arn" {
  value = aws_s3_bucket.logs.arn
}
)hcl";

// The same module in JSON syntax, written from Terraform's JSON syntax
// page: one object level per label, strings as templates, references in
// strings for provider and depends_on, the variable type in a string.
const char *JsonModule = R"json({
  "//": "the same configuration as NativeModule",
  "variable": {
    "env": {"type": "string", "default": "prod"},
    "names": {"type": "list(string)", "default": ["a", "b"]},
    "rules": {
      "type": "map(object({ port = number, cidr = optional(string, \"10.0.0.0/8\") }))",
      "default": {"ssh": {"port": 22, "cidr": "1.2.3.4/32"}, "web": {"port": 443}}
    }
  },
  "locals": {
    "prefix": "app-${var.env}",
    "common_tags": {"Env": "${var.env}", "Team": "core"}
  },
  "provider": {
    "aws": [
      {"region": "eu-west-1"},
      {"alias": "west", "region": "us-west-2"}
    ]
  },
  "resource": {
    "aws_s3_bucket": {
      "logs": {
        "bucket": "${local.prefix}-logs",
        "tags": "${local.common_tags}",
        "versioning": {"enabled": true},
        "server_side_encryption_configuration": {
          "rule": {
            "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}
          }
        }
      },
      "data": {
        "for_each": "${toset(var.names)}",
        "provider": "aws.west",
        "bucket": "${local.prefix}-${each.key}",
        "logging": [{"target_bucket": "${aws_s3_bucket.logs.id}"}],
        "depends_on": ["aws_s3_bucket.logs"],
        "lifecycle": {"prevent_destroy": true, "ignore_changes": ["tags"]}
      }
    },
    "aws_instance": {
      "web": {
        "count": 2,
        "ami": "${data.aws_ami.ubuntu.id}",
        "instance_type": "${var.env == \"prod\" ? \"m5.large\" : \"t3.micro\"}",
        "tags": "${merge(local.common_tags, { Name = \"web-${count.index}\" })}"
      }
    },
    "aws_security_group": {
      "sg": {
        "name": "sg",
        "dynamic": {
          "ingress": {
            "for_each": "${var.rules}",
            "content": {
              "from_port": "${ingress.value.port}",
              "cidr_blocks": ["${ingress.value.cidr}"]
            }
          }
        }
      }
    },
    "aws_s3_bucket_versioning": {
      "v": {
        "bucket": "${aws_s3_bucket.logs.id}",
        "versioning_configuration": {"status": "Enabled"}
      }
    }
  },
  "data": {
    "aws_ami": {
      "ubuntu": {
        "most_recent": true,
        "filter": {"name": "name", "values": ["ubuntu/*"]}
      }
    }
  },
  "output": {"logs_arn": {"value": "${aws_s3_bucket.logs.arn}"}}
})json";

} // namespace

TEST_CASE("tf.json: a module evaluates as its native equivalent",
          "[tf][tfjson]") {
  auto Native = evaluate({{"root/main.tf", NativeModule}});
  auto Json = evaluate({{"root/main.tf.json", JsonModule}});
  INFO(Json->allDiagnostics());
  CHECK(Native->Unit.Diagnostics.empty());
  CHECK(Json->Unit.Diagnostics.empty());
  CHECK(summary(Json->Unit) == summary(Native->Unit));

  // And what they share is what Terraform would configure.
  const Evaluated &E = *Json;
  CHECK(json(E.props("aws_s3_bucket.logs")) ==
        R"({"bucket":"app-prod-logs","tags":{"Env":"prod","Team":"core"},)"
        R"("versioning":[{"enabled":true}],)"
        R"("server_side_encryption_configuration":[{"rule":[{)"
        R"("apply_server_side_encryption_by_default":[{)"
        R"("sse_algorithm":"aws:kms"}]}]}]})");
  CHECK(json(E.props("aws_s3_bucket.data[\"b\"]")) ==
        R"({"bucket":"app-prod-b","logging":[{"target_bucket":)"
        R"({"$expression":"aws_s3_bucket.logs.id","refersTo":)"
        R"("aws_s3_bucket.logs"}}]})");
  CHECK(E.hasEdge("aws_s3_bucket.data[\"a\"]", "aws_s3_bucket.logs",
                  EdgeKind::DependsOn));
  CHECK(json(E.props("aws_instance.web[1]")) ==
        R"({"ami":{"$expression":"data.aws_ami.ubuntu.id","refersTo":)"
        R"("data.aws_ami.ubuntu"},"instance_type":"m5.large","tags":)"
        R"({"Env":"prod","Name":"web-1","Team":"core"}})");
  CHECK(json(E.props("aws_security_group.sg")) ==
        R"({"name":"sg","ingress":[)"
        R"({"from_port":22,"cidr_blocks":["1.2.3.4/32"]},)"
        R"({"from_port":443,"cidr_blocks":["10.0.0.0/8"]}]})");
  CHECK(E.hasEdge("aws_s3_bucket_versioning.v", "aws_s3_bucket.logs",
                  EdgeKind::Attachment));
  CHECK(E.resource("provider.aws.west").Type == "provider");
}

TEST_CASE("tf.json: declarations point at the JSON keys", "[tf][tfjson]") {
  std::string Text = JsonModule;
  auto E = evaluate({{"root/main.tf.json", Text}});
  const model::Resource &Logs = E->resource("aws_s3_bucket.logs");
  REQUIRE(Logs.Declaration.File);
  CHECK(Logs.Declaration.File->path() == "root/main.tf.json");
  // The key that names the resource, quotes included.
  CHECK(Logs.Declaration.Range.Start.Line == lineOf(Text, "\"logs\": {"));
  CHECK(Logs.Declaration.Range.End.Offset -
            Logs.Declaration.Range.Start.Offset ==
        6);
  // A value keeps its place inside the string it came from.
  const Value &Bucket = *E->props("aws_s3_bucket.logs").get("bucket");
  CHECK(Bucket.origin().File->path() == "root/main.tf.json");
  CHECK(Bucket.origin().Range.Start.Line ==
        lineOf(Text, "\"${local.prefix}-logs\""));
}

TEST_CASE("tf.json: a mixed directory is one module", "[tf][tfjson]") {
  auto E = evaluate({
      {"root/variables.tf", R"hcl(
variable "name" { default = "shared" }
locals { suffix = "-x" }
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
}
)hcl"},
      {"root/main.tf.json", R"json({
  "locals": {"full": "${var.name}${local.suffix}"},
  "resource": {"aws_s3_bucket": {"b": {"bucket": "${local.full}"}}}
})json"},
  });
  INFO(E->allDiagnostics());
  CHECK(E->Unit.Diagnostics.empty());
  CHECK(json(E->props("aws_s3_bucket.b")) == R"({"bucket":"shared-x"})");
  // A native resource refers to a JSON one.
  CHECK(E->hasEdge("aws_s3_bucket_policy.p", "aws_s3_bucket.b",
                   EdgeKind::Reference));
  CHECK(E->diagnostics("not evaluated").empty());
}

TEST_CASE("tf.json: variables from tfvars.json, typed by a JSON variable",
          "[tf][tfjson]") {
  auto E = evaluate({
      {"root/main.tf.json", R"json({
  "variable": {
    "n": {"type": "number"},
    "label": {"type": "string", "default": "${not a template}"}
  },
  "resource": {"null_resource": {"r": {
    "count": "${var.n}",
    "triggers": {"label": "${var.label}", "i": "${count.index}"}
  }}}
})json"},
      // Terraform reads a variables file's strings literally, and a "//"
      // property is a comment there too.
      {"root/terraform.tfvars.json",
       R"json({"//": "generated", "n": "2"})json"},
  });
  INFO(E->allDiagnostics());
  CHECK(E->Unit.Diagnostics.empty());
  // "2" converted to the variable's number type gives two instances.
  CHECK(json(E->props("null_resource.r[1]")) ==
        R"({"triggers":{"label":"${not a template}","i":1}})");
  CHECK_FALSE(E->Unit.Graph.find("null_resource.r[2]"));
}

TEST_CASE("tf.json: module calls in JSON, module written in JSON",
          "[tf][tfjson]") {
  auto E = evaluate({
      {"root/main.tf.json", R"json({
  "module": {
    "net": {
      "source": "./modules/net",
      "count": 2,
      "cidr": "10.${count.index}.0.0/16"
    }
  },
  "resource": {"aws_flow_log": {"f": {"vpc_id": "${module.net[0].vpc_id}"}}}
})json"},
      {"root/modules/net/main.tf.json", R"json({
  "variable": {"cidr": {"type": "string"}},
  "resource": {"aws_vpc": {"v": {"cidr_block": "${var.cidr}"}}},
  "output": {"vpc_id": {"value": "${aws_vpc.v.id}"}}
})json"},
  });
  INFO(E->allDiagnostics());
  CHECK(E->Unit.Diagnostics.empty());
  CHECK(json(E->props("module.net[0].aws_vpc.v")) ==
        R"({"cidr_block":"10.0.0.0/16"})");
  CHECK(json(E->props("module.net[1].aws_vpc.v")) ==
        R"({"cidr_block":"10.1.0.0/16"})");
  CHECK(E->hasEdge("aws_flow_log.f", "module.net[0].aws_vpc.v",
                   EdgeKind::Reference));
  CHECK_FALSE(E->hasEdge("aws_flow_log.f", "module.net[1].aws_vpc.v",
                         EdgeKind::Reference));
  // The local module is found from a JSON root too (roots are told from
  // called modules this way).
  std::vector<const Document *> Root;
  for (const auto &[Path, D] : E->Docs)
    if (Path == "root/main.tf.json")
      Root.push_back(D.get());
  CHECK(localModuleDirs(Root, "root") ==
        std::vector<std::string>{"root/modules/net"});
}

TEST_CASE("tf.json: depends_on on a module and outputs between modules",
          "[tf][tfjson]") {
  std::string Native = R"hcl(
module "a" { source = "./a" }
resource "aws_sqs_queue" "q" {
  name       = module.a.name
  depends_on = [module.a]
}
)hcl";
  std::string Json = R"json({
  "module": {"a": {"source": "./a"}},
  "resource": {"aws_sqs_queue": {"q": {
    "name": "${module.a.name}", "depends_on": ["module.a"]}}}
})json";
  std::string Module = R"json({
  "resource": {"aws_sns_topic": {"t": {"name": "topic"}}},
  "output": {"name": {"value": "${aws_sns_topic.t.name}"}}
})json";
  auto N =
      evaluate({{"root/main.tf", Native}, {"root/a/main.tf.json", Module}});
  auto J =
      evaluate({{"root/main.tf.json", Json}, {"root/a/main.tf.json", Module}});
  INFO(J->allDiagnostics());
  CHECK(J->Unit.Diagnostics.empty());
  CHECK(summary(J->Unit) == summary(N->Unit));
  CHECK(json(J->props("aws_sqs_queue.q")) == R"({"name":"topic"})");
  CHECK(J->hasEdge("aws_sqs_queue.q", "module.a.aws_sns_topic.t",
                   EdgeKind::Reference));
}

TEST_CASE("tf.json: malformed shapes give positioned diagnostics",
          "[tf][tfjson]") {
  std::string Text = R"json({
  "resource": {
    "aws_s3_bucket": {
      "ok": {"bucket": "fine"},
      "broken": "not an object"
    },
    "aws_instance": ["nope"]
  },
  "data": {"aws_ami": {"most_recent": true}},
  "variable": {"v": {"default": 1, "extra": {"default": 2}}},
  "resourse": {},
  "locals": {"bad": "${var.}", "good": "${var.v}"}
})json";
  auto E = evaluate({{"root/main.tf.json", Text},
                     {"root/use.tf", "output \"o\" { value = local.good }\n"}});
  INFO(E->allDiagnostics());
  // What is well formed is evaluated.
  CHECK(json(E->props("aws_s3_bucket.ok")) == R"({"bucket":"fine"})");
  CHECK(E->Unit.Graph.resources().size() == 1);

  auto At = [&](llvm::StringRef Fragment, const std::string &Needle) {
    auto Ds = E->diagnostics(Fragment);
    INFO(Fragment.str());
    REQUIRE(Ds.size() == 1);
    CHECK(Ds[0]->File == "root/main.tf.json");
    CHECK(Ds[0]->D.Range.Start.Line == lineOf(Text, Needle));
    CHECK(Ds[0]->D.Range.Start.Offset == Text.find(Needle));
    return Ds[0]->D.Level;
  };
  CHECK(At("body of a 'resource' block, found a string", "\"not an object\"") ==
        Severity::Error);
  CHECK(At("labels of the 'resource' block", "\"nope\"") == Severity::Error);
  // data needs two labels: "most_recent" is read as the name, so its
  // value is the body.
  CHECK(At("body of a 'data' block, found a bool", "true") == Severity::Error);
  CHECK(At("'extra' is not an argument", "\"extra\"") == Severity::Warning);
  CHECK(At("'resourse' is not a Terraform block type", "\"resourse\"") ==
        Severity::Error);
  CHECK(At("invalid template", "${var.}") == Severity::Error);
  CHECK(E->diagnostics("not evaluated yet").empty());
}

TEST_CASE("tf.json: a module's lowering diagnostics are reported once",
          "[tf][tfjson]") {
  auto E = evaluate({
      {"root/main.tf", R"hcl(
module "m" {
  source = "./m"
  count  = 3
}
)hcl"},
      {"root/m/main.tf.json", R"json({
  "resource": {"aws_sqs_queue": {"q": {"name": "q"}}},
  "outputs": {}
})json"},
  });
  CHECK(E->Unit.Graph.find("module.m[2].aws_sqs_queue.q"));
  CHECK(E->diagnostics("'outputs' is not a Terraform block type").size() == 1);
}
