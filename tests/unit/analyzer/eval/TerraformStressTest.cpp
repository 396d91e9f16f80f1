//===- TerraformStressTest.cpp - Many module instances, three deep --------===//
//
// The synthetic project of bench/evaluate/StressProject.h (shared with
// rampart-bench-evaluate, which times it), written to a temporary directory
// and evaluated through scanWorkspace and buildUnits as the CLI does.
//
// Expected values are derived from the project's text and Terraform's
// addressing rules, not read off the evaluator: per root instance, one
// resource in level1, one in level2 and five in level3 (bucket, access
// block, security group, two counted rules); a count instance is [N], a
// for_each instance ["key"]; `count = var.enabled ? 1 : 0` with the default
// true gives the one instance [0]. No timings here: those are the bench's.
//
//===----------------------------------------------------------------------===//
#include "bench/evaluate/StressProject.h"

#include "analyzer/Scan.h"
#include "analyzer/eval/terraform/TerraformEvaluator.h"

#include "tests/support/TempDir.h"
#include "tests/support/UnitQueries.h"

#include <catch2/catch.hpp>

using namespace rampart;
using model::EdgeKind;
using model::ValueKind;

namespace {

struct Evaluated {
  testing::TempDir Dir;
  ScanResult Scanned;
  std::vector<model::DeploymentUnit> Units;
};

/// Writes the project of Shape and evaluates it into units.
std::unique_ptr<Evaluated> evaluateStress(const bench::StressShape &Shape) {
  auto E = std::make_unique<Evaluated>();
  for (const bench::StressFile &F : bench::stressProject(Shape))
    E->Dir.write(F.Path, F.Text);
  ScanOptions Scan;
  Scan.Paths = {E->Dir.path()};
  E->Scanned = scanWorkspace(Scan);
  E->Units = buildUnits(E->Scanned, UnitOptions{});
  return E;
}

size_t countOfType(const model::DeploymentUnit &U, llvm::StringRef Type) {
  size_t N = 0;
  for (const model::Resource &R : U.Graph.resources())
    N += R.Type == Type;
  return N;
}

const char *const LimitMessage = "exceed Rampart's limits";

const std::string Leaf3 = "module.m000[3].module.inner.module.leaf[0].";
const std::string Leaf7 = R"(module.m001["k07"].module.inner.module.leaf[0].)";

/// Count and for_each instances have Terraform's addresses.
void checkAddresses(const model::DeploymentUnit &U) {
  testing::resourceIn(U, "module.m000[0].aws_cloudwatch_log_group.logs");
  testing::resourceIn(U, "module.m038[39].module.inner.aws_sns_topic.t");
  testing::resourceIn(U, R"(module.m039["k39"].module.inner.module.leaf[0])"
                         ".aws_security_group_rule.egress[1]");
  testing::resourceIn(U, Leaf3 + "aws_s3_bucket.b");
  testing::resourceIn(U, Leaf7 + "aws_s3_bucket_public_access_block.pab");
  CHECK_FALSE(U.Graph.find("module.m000[40].aws_cloudwatch_log_group.logs"));
  CHECK_FALSE(U.Graph.find("module.m040[0].aws_cloudwatch_log_group.logs"));
  CHECK_FALSE(
      U.Graph.find("module.m000[3].module.inner.module.leaf.aws_s3_bucket.b"));
}

/// Names flow down through variables, locals and templates.
void checkValuesFlowDown(const model::DeploymentUnit &U) {
  const model::Resource &Bucket =
      testing::resourceIn(U, Leaf7 + "aws_s3_bucket.b");
  REQUIRE(Bucket.Properties.get("bucket"));
  CHECK(Bucket.Properties.get("bucket")->asString() == "m001-k07-l1-l2-bucket");
  // The topic's arn is not configured: known only after apply.
  const model::Value *Tags = Bucket.Properties.get("tags");
  REQUIRE(Tags);
  REQUIRE(Tags->get("Topic"));
  CHECK(Tags->get("Topic")->is(ValueKind::Expression));
  CHECK(Tags->get("Topic")->refersTo() ==
        R"(module.m001["k07"].module.inner.aws_sns_topic.t)");

  const model::Resource &Topic =
      testing::resourceIn(U, "module.m000[3].module.inner.aws_sns_topic.t");
  CHECK(Topic.Properties.get("name")->asString() == "m000-3-l1-topic");
  CHECK(Topic.Properties.get("tags")->get("LogGroup")->asString() ==
        "/stress/m000-3-l1");

  const model::Resource &Policy =
      testing::resourceIn(U, "aws_s3_bucket_policy.first");
  CHECK(Policy.Properties.get("bucket")->asString() == "m000-0-l1-l2-bucket");
}

/// A dynamic block from a filtered for expression.
void checkDynamicBlock(const model::DeploymentUnit &U) {
  const model::Resource &Group =
      testing::resourceIn(U, Leaf3 + "aws_security_group.sg");
  CHECK(Group.Properties.get("description")->asString() ==
        "Access to m000-3-l1-l2-bucket");
  // ports [22, 0, 443] without the 0.
  const model::Value *Ingress = Group.Properties.get("ingress");
  REQUIRE(Ingress);
  REQUIRE(Ingress->items().size() == 2);
  CHECK(Ingress->items()[0].get("from_port")->asInt() == 22);
  CHECK(Ingress->items()[1].get("to_port")->asInt() == 443);
  CHECK(Ingress->items()[1].get("cidr_blocks")->items()[0].asString() ==
        "10.0.0.0/16");

  const model::Resource &Rule =
      testing::resourceIn(U, Leaf3 + "aws_security_group_rule.egress[1]");
  CHECK(Rule.Properties.get("from_port")->asInt() == 2048);
}

/// Edges within a module instance and across its callers.
void checkEdges(const model::DeploymentUnit &U) {
  CHECK(testing::hasEdge(U, Leaf3 + "aws_s3_bucket_public_access_block.pab",
                         Leaf3 + "aws_s3_bucket.b", EdgeKind::Attachment));
  CHECK(testing::hasEdge(U, Leaf3 + "aws_security_group_rule.egress[0]",
                         Leaf3 + "aws_security_group.sg",
                         EdgeKind::Attachment));
  CHECK(testing::hasEdge(U, Leaf3 + "aws_security_group.sg",
                         Leaf3 + "aws_s3_bucket.b", EdgeKind::Reference));
  // Through a module variable: the bucket's tag reads the caller's topic,
  // whose tag reads its caller's log group.
  CHECK(testing::hasEdge(U, Leaf7 + "aws_s3_bucket.b",
                         R"(module.m001["k07"].module.inner.aws_sns_topic.t)",
                         EdgeKind::Reference));
  CHECK(testing::hasEdge(U,
                         R"(module.m001["k07"].module.inner.aws_sns_topic.t)",
                         R"(module.m001["k07"].aws_cloudwatch_log_group.logs)",
                         EdgeKind::Reference));
  // Through three levels of outputs.
  CHECK(testing::hasEdge(U, "aws_s3_bucket_policy.first",
                         "module.m000[0].module.inner.module.leaf[0]."
                         "aws_s3_bucket.b",
                         EdgeKind::Attachment));
  CHECK(testing::hasEdge(U, Leaf3 + "aws_s3_bucket.b", "provider.aws",
                         EdgeKind::Reference));
  // Per root instance: 7 provider edges, topic -> log group, bucket ->
  // topic, access block -> bucket (reference and attachment), group ->
  // bucket, each rule -> group (reference and attachment). The root's
  // policy adds its own edges, checked in the next case.
  size_t InModules = 0;
  for (const model::Edge &Edge : U.Graph.edges())
    InModules += llvm::StringRef(Edge.From).startswith("module.");
  CHECK(InModules == 1600 * 16);
}

} // namespace

TEST_CASE("40 module calls x 40 instances, three deep, within the limits",
          "[tfstress]") {
  bench::StressShape Shape = bench::inLimitsStressShape();
  REQUIRE(Shape.RootCalls == 40);
  REQUIRE(Shape.InstancesPerCall == 40);
  auto E = evaluateStress(Shape);
  // Only the root is a unit: every module directory is called by another.
  REQUIRE(E->Units.size() == 1);
  const model::DeploymentUnit &U = E->Units[0];
  for (const model::FileDiagnostic &D : U.Diagnostics)
    UNSCOPED_INFO(D.File << ": " << D.D.Message);
  CHECK(U.Diagnostics.empty());

  // 1600 root instances x 7, plus provider.aws and the root's policy.
  CHECK(U.Graph.resources().size() == 40 * 40 * 7 + 2);
  CHECK(countOfType(U, "aws_cloudwatch_log_group") == 1600);
  CHECK(countOfType(U, "aws_sns_topic") == 1600);
  CHECK(countOfType(U, "aws_s3_bucket") == 1600);
  CHECK(countOfType(U, "aws_security_group_rule") == 3200);

  checkAddresses(U);
  checkValuesFlowDown(U);
  checkDynamicBlock(U);
  checkEdges(U);
}

// module.m000[0].bucket is the output of instance 0 only: in Terraform the
// policy attaches to that one bucket, as `aws_s3_bucket.b[0]` refers to one
// resource instance. The evaluator reads the outputs of every instance of
// module.m000 and keeps the references of all 40.
TEST_CASE("an indexed module output refers to that instance's resources only",
          "[tfstress]") {
  auto E = evaluateStress(bench::inLimitsStressShape());
  REQUIRE(E->Units.size() == 1);
  const model::DeploymentUnit &U = E->Units[0];
  CHECK_FALSE(testing::hasEdge(
      U, "aws_s3_bucket_policy.first",
      "module.m000[1].module.inner.module.leaf[0].aws_s3_bucket.b",
      EdgeKind::Attachment));
  size_t FromPolicy = 0;
  for (const model::Edge &Edge : U.Graph.edges())
    FromPolicy += Edge.From == "aws_s3_bucket_policy.first";
  // provider.aws, and the bucket as reference and as attachment.
  CHECK(FromPolicy == 3);
}

TEST_CASE("200 module calls x 40 instances, three deep, stop at the limit",
          "[tfstress]") {
  bench::StressShape Shape = bench::literalStressShape();
  REQUIRE(bench::stressModuleInstances(Shape) >
          eval::terraform::MaxModuleInstances);
  auto E = evaluateStress(Shape);
  REQUIRE(E->Units.size() == 1);
  const model::DeploymentUnit &U = E->Units[0];
  CHECK(testing::hasDiagnostic(U, LimitMessage));
  // Each module instance declares one of these three types: so many
  // module instances were evaluated, the limit's worth exactly.
  size_t Modules = countOfType(U, "aws_cloudwatch_log_group") +
                   countOfType(U, "aws_sns_topic") +
                   countOfType(U, "aws_s3_bucket");
  CHECK(Modules == eval::terraform::MaxModuleInstances);
  // Modules are evaluated depth first, in declaration order: the first
  // root instances are complete, the last ones are not there.
  testing::resourceIn(U, "module.m000[0].module.inner.module.leaf[0]."
                         "aws_s3_bucket.b");
  CHECK_FALSE(U.Graph.find("module.m199[39].aws_cloudwatch_log_group.logs"));
  size_t NotWarnings = 0;
  for (const model::FileDiagnostic &D : U.Diagnostics)
    NotWarnings += llvm::StringRef(D.D.Message).contains(LimitMessage) &&
                   D.D.Level != Severity::Warning;
  CHECK(NotWarnings == 0);
}

// The limit's warning has the range of the call's `source`, in main.tf (or
// modules/level2/main.tf for a leaf); its file must be that file for the
// range to mean anything. The evaluator names the module's directory.
TEST_CASE("a module limit diagnostic names the file its range is in",
          "[tfstress]") {
  auto E = evaluateStress(bench::literalStressShape());
  REQUIRE(E->Units.size() == 1);
  size_t Limits = 0, Misplaced = 0;
  for (const model::FileDiagnostic &D : E->Units[0].Diagnostics) {
    if (!llvm::StringRef(D.D.Message).contains(LimitMessage))
      continue;
    ++Limits;
    if (!llvm::StringRef(D.File).endswith("main.tf") && Misplaced++ == 0)
      UNSCOPED_INFO("first misplaced: " << D.File << ": " << D.D.Message);
  }
  CHECK(Misplaced == 0);
  CHECK(Limits > 0);
}
