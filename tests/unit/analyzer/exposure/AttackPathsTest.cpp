//===- AttackPathsTest.cpp - Attack paths as findings ---------------------===//
//
// Hand-made templates (tests/fixtures/attack-paths/<case>/) run through the
// real pipeline (rampart::analyze: discovery, parsing, evaluation, the
// built-in checks, posture, then the paths), and the paths read back from
// the report as every surface reads them: findings whose check is the
// path's definition, with a chain of positioned hops, in the text, JSON and
// SARIF outputs.
//
//===----------------------------------------------------------------------===//
#include "analyzer/exposure/AttackPaths.h"

#include "analyzer/Analyze.h"
#include "analyzer/exposure/IamPolicy.h"
#include "analyzer/report/Console.h"
#include "analyzer/report/GitHub.h"
#include "analyzer/report/JUnit.h"
#include "analyzer/report/Json.h"
#include "analyzer/report/Markdown.h"
#include "analyzer/report/Sarif.h"
#include "checks/Registry.h"
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include "llvm/Support/MemoryBuffer.h"

#include "llvm/ADT/STLExtras.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace rampart;
using namespace rampart::exposure;
using Json = nlohmann::ordered_json;

namespace {

std::string fixture(llvm::StringRef Case) {
  return std::string(RAMPART_SOURCE_DIR) + "/tests/fixtures/attack-paths/" +
         Case.str();
}

/// One analysis of a fixture folder, with what it needs kept alive.
struct Scanned {
  posture::ConfigResolver Resolver;
  std::unique_ptr<posture::Scopes> Scopes;
  std::unique_ptr<Analysis> Result;

  const report::Report &report() const { return Result->Report; }

  /// The path findings of definition Id.
  std::vector<const posture::Finding *> paths(llvm::StringRef Id) const {
    std::vector<const posture::Finding *> Out;
    for (const posture::Finding &F : report().Findings)
      if (F.Path && F.Result.TheCheck->Id == Id)
        Out.push_back(&F);
    return Out;
  }

  /// The unknown results (possible paths, with --strict) of definition Id.
  std::vector<const check::Result *> possible(llvm::StringRef Id) const {
    std::vector<const check::Result *> Out;
    for (const check::Result &R : report().Unknown)
      if (R.TheCheck->Id == Id)
        Out.push_back(&R);
    return Out;
  }
};

std::unique_ptr<Scanned> scanPath(const std::string &Path, bool Strict,
                                  posture::ConfigOverrides Overrides,
                                  const posture::Baseline *Baseline) {
  auto S = std::make_unique<Scanned>();
  S->Scopes = std::make_unique<posture::Scopes>(S->Resolver, Overrides);
  AnalyzeOptions O;
  O.Scan.Paths = {Path};
  O.Scan.Jobs = 1;
  O.Checks = checks::builtinChecks();
  O.Posture.Strict = Strict;
  O.Posture.TheBaseline = Baseline;
  S->Result = analyze(O, *S->Scopes);
  return S;
}

std::unique_ptr<Scanned> scan(llvm::StringRef Case, bool Strict = false,
                              posture::ConfigOverrides Overrides = {}) {
  return scanPath(fixture(Case), Strict, std::move(Overrides), nullptr);
}

std::string readFixture(llvm::StringRef Case, llvm::StringRef File) {
  auto Buffer = llvm::MemoryBuffer::getFile(fixture(Case) + "/" + File.str());
  REQUIRE(Buffer);
  return (*Buffer)->getBuffer().str();
}

const model::Resource *resourceOf(const posture::Finding &F) {
  return F.Result.Resource;
}

/// Every hop that names a resource points into a file, and the chain
/// starts outside (the Internet or Anyone) and ends at the target.
void checkHopsArePositioned(const AttackPath &P) {
  REQUIRE(P.Chain.size() >= 3);
  CHECK(P.Chain.front().ResourceId.empty());
  for (const Hop &H : P.Chain) {
    INFO(H.Label);
    CHECK(!H.Label.empty());
    if (!H.ResourceId.empty()) {
      CHECK(H.Where.hasFile());
      CHECK(H.Where.Range.Start.Line > 0);
    }
  }
}

const Hop *hopOn(const AttackPath &P, llvm::StringRef IdPart) {
  for (const Hop &H : P.Chain)
    if (llvm::StringRef(H.ResourceId).contains(IdPart))
      return &H;
  return nullptr;
}

} // namespace

TEST_CASE("attack paths: definitions are sorted, unique, and named as checks",
          "[paths]") {
  const std::vector<PathDefinition> &Defs = pathDefinitions();
  REQUIRE(Defs.size() == 11);
  for (size_t I = 1; I < Defs.size(); ++I)
    CHECK(Defs[I - 1].Id < Defs[I].Id);
  REQUIRE(pathChecks().size() == Defs.size());
  for (size_t I = 0; I < Defs.size(); ++I) {
    CHECK(pathChecks()[I]->Id == Defs[I].Id);
    CHECK(&pathCheck(Defs[I]) == pathChecks()[I]);
    CHECK(isPathCheck(pathChecks()[I]));
    CHECK(pathChecks()[I]->Bindings.empty());
  }
  CHECK_FALSE(isPathCheck(checks::builtinChecks().front()));
}

TEST_CASE("rampart checks list and explain show the paths", "[paths][cli]") {
  testing::Run List = testing::runRampart("checks list --format json", false);
  REQUIRE(List.Exit == 0);
  Json J = Json::parse(List.Out);
  std::vector<std::string> Ids;
  for (const Json &C : J)
    Ids.push_back(C["id"]);
  for (const PathDefinition &D : pathDefinitions())
    CHECK(llvm::is_contained(Ids, D.Id));
  testing::Run Explain =
      testing::runRampart("checks explain az-path-001", false);
  CHECK(Explain.Exit == 0);
  CHECK(Explain.Out.rfind("# AZ-PATH-001: ", 0) == 0);
}

TEST_CASE("AZ-PATH-001: SSH-exposed VM whose identity owns the resource group",
          "[paths]") {
  auto S = scan("azure-vm-owner");
  std::vector<const posture::Finding *> Paths = S->paths("AZ-PATH-001");
  REQUIRE(Paths.size() == 1);
  const posture::Finding &F = *Paths.front();
  const AttackPath &P = *F.Path;
  CHECK(P.State == Certainty::Definite);
  CHECK(F.Severity == check::Level::Critical);
  CHECK(F.active());
  REQUIRE(resourceOf(F));
  CHECK(resourceOf(F)->Type == "Microsoft.Compute/virtualMachines");
  // The finding sits on the VM's declaration (`vm` on line 64).
  CHECK(F.Result.Range.Start.Line == 64);
  CHECK(llvm::StringRef(F.Result.File).endswith("azure-vm-owner/main.bicep"));
  CHECK(llvm::StringRef(F.Result.Message).contains("22/tcp"));
  CHECK(llvm::StringRef(F.Result.Message).contains("Owner"));
  CHECK(llvm::StringRef(F.Result.Message).contains("resource group"));
  checkHopsArePositioned(P);
  // The NSG rule that opens the port, the VM, and the role assignment.
  const Hop *Nsg = hopOn(P, "networkSecurityGroups");
  REQUIRE(Nsg);
  CHECK(Nsg->Where.Range.Start.Line > 3);
  CHECK(hopOn(P, "virtualMachines"));
  const Hop &Last = P.Chain.back();
  // The assignment's name is a guid(): its id is the Bicep symbolic name.
  CHECK(Last.ResourceId == "vmOwner");
  CHECK(llvm::StringRef(Last.Label).contains("Owner"));
  // The roleDefinitionId line.
  CHECK(Last.Where.Range.Start.Line == 83);
  // Not in the secure score: no control of the score is about paths.
  for (const posture::ControlScore &C : S->report().Score.Controls)
    CHECK(C.Control != "Attack paths");
  CHECK(F.ScoreGain == 0);
  CHECK(S->Result->Posture.Fails);
}

TEST_CASE("AZ-PATH-001: no path when the NSG denies SSH", "[paths]") {
  auto S = scan("azure-vm-owner-closed", /*Strict=*/true);
  CHECK(S->paths("AZ-PATH-001").empty());
  CHECK(S->possible("AZ-PATH-001").empty());
  // The role assignment is still there: only the exposure is gone.
  bool HasAssignment = llvm::any_of(
      S->Result->Units.front().Graph.resources(), [](const model::Resource &R) {
        return R.Type == "Microsoft.Authorization/roleAssignments";
      });
  CHECK(HasAssignment);
}

TEST_CASE("AZ-PATH-001: a role scope from a parameter is a possible path",
          "[paths]") {
  auto S = scan("arm-scope-param", /*Strict=*/true);
  CHECK(S->paths("AZ-PATH-001").empty());
  std::vector<const check::Result *> Possible = S->possible("AZ-PATH-001");
  REQUIRE(Possible.size() == 1);
  CHECK(Possible.front()->TheOutcome == check::Outcome::Unknown);
  CHECK(llvm::StringRef(Possible.front()->Message).startswith("possible path"));
  CHECK(llvm::StringRef(Possible.front()->Message).contains("scope"));

  // Without --strict it is not reported at all.
  auto Quiet = scan("arm-scope-param");
  CHECK(Quiet->paths("AZ-PATH-001").empty());
  CHECK(Quiet->possible("AZ-PATH-001").empty());

  // findAttackPaths itself says why.
  const model::DeploymentUnit &U = S->Result->Units.front();
  std::vector<AttackPath> Found =
      findAttackPaths(U, analyzeNetwork(U), checks::builtinChecks());
  auto It = llvm::find_if(Found, [](const AttackPath &P) {
    return P.Definition->Id == "AZ-PATH-001";
  });
  REQUIRE(It != Found.end());
  CHECK(It->State == Certainty::Possible);
  CHECK(llvm::StringRef(It->Reason).contains("scope"));
}

TEST_CASE("AZ-PATH-001: a rampart:ignore on the VM suppresses the path",
          "[paths]") {
  auto S = scan("azure-vm-owner-suppressed");
  std::vector<const posture::Finding *> Paths = S->paths("AZ-PATH-001");
  REQUIRE(Paths.size() == 1);
  const posture::Finding &F = *Paths.front();
  REQUIRE(F.suppressed());
  CHECK(F.SuppressedBy->Reason == "jump host, reviewed");
  CHECK_FALSE(F.active());
  // Not reported as a finding in JSON, but listed as suppressed.
  Json J = report::reportToJson(S->report());
  for (const Json &Item : J["findings"])
    CHECK(Item["check"] != "AZ-PATH-001");
  bool Listed = llvm::any_of(J["suppressed"], [](const Json &Item) {
    return Item["check"] == "AZ-PATH-001" && Item["kind"] == "path";
  });
  CHECK(Listed);
  // The suppression names a known id: no "names no check" warning, and it
  // matched, so no "matches no finding" warning either.
  for (const report::ReportDiagnostic &D : S->report().Diagnostics) {
    INFO(D.D.Message);
    CHECK_FALSE(llvm::StringRef(D.D.Message).contains("AZ-PATH-001"));
  }
}

TEST_CASE("attack paths: config ignore entries and baselines take them",
          "[paths]") {
  testing::TempDir Dir;
  Dir.write("main.bicep", readFixture("azure-vm-owner", "main.bicep"));
  Dir.write(".rampart.yaml", "ignore:\n"
                             "  - id: AZ-PATH-*\n"
                             "    reason: \"bastion subnet, reviewed\"\n");
  auto Ignored = scanPath(Dir.path(), false, {}, nullptr);
  std::vector<const posture::Finding *> Paths = Ignored->paths("AZ-PATH-001");
  REQUIRE(Paths.size() == 1);
  REQUIRE(Paths.front()->suppressed());
  CHECK(Paths.front()->SuppressedBy->TheForm ==
        posture::Suppression::Form::Config);
  CHECK(Paths.front()->SuppressedBy->Reason == "bastion subnet, reviewed");

  // The fingerprint is stable across runs, and a baseline that knows it
  // marks the path as known.
  auto First = scan("azure-vm-owner");
  REQUIRE(First->paths("AZ-PATH-001").size() == 1);
  std::string Fingerprint = First->paths("AZ-PATH-001").front()->Fingerprint;
  CHECK(Fingerprint.size() == 32);
  posture::Baseline Known;
  Known.Fingerprints.insert(Fingerprint);
  auto Second = scanPath(fixture("azure-vm-owner"), false, {}, &Known);
  REQUIRE(Second->paths("AZ-PATH-001").size() == 1);
  const posture::Finding &Again = *Second->paths("AZ-PATH-001").front();
  CHECK(Again.Fingerprint == Fingerprint);
  CHECK(Again.Baselined);
  CHECK_FALSE(Again.active());
  // A check's finding on the same VM keeps its own fingerprint.
  for (const posture::Finding &F : Second->report().Findings)
    if (!F.Path)
      CHECK(F.Fingerprint != Fingerprint);
}

TEST_CASE("attack paths: --skip-checks and config patterns disable them",
          "[paths]") {
  posture::ConfigOverrides O;
  O.DisabledChecks = {"AZ-PATH-*"};
  auto S = scan("azure-vm-owner", false, O);
  CHECK(S->paths("AZ-PATH-001").empty());
  // The checks still ran.
  CHECK(llvm::any_of(S->report().Findings,
                     [](const posture::Finding &F) { return !F.Path; }));
}

TEST_CASE("AWS-PATH-001: public EC2 instance with an admin instance role",
          "[paths]") {
  auto S = scan("aws-ec2-admin");
  std::vector<const posture::Finding *> Paths = S->paths("AWS-PATH-001");
  // web is public; worker has the same role in a subnet without an
  // internet route.
  REQUIRE(Paths.size() == 1);
  const posture::Finding &F = *Paths.front();
  CHECK(resourceOf(F)->Id == "aws_instance.web");
  CHECK(F.Severity == check::Level::Critical);
  const AttackPath &P = *F.Path;
  checkHopsArePositioned(P);
  CHECK(hopOn(P, "aws_iam_instance_profile.admin"));
  const Hop &Last = P.Chain.back();
  CHECK(Last.ResourceId == "aws_iam_role.admin");
  CHECK(llvm::StringRef(Last.Label).contains("* on *"));
  CHECK(llvm::StringRef(F.Result.Message).contains("anything"));
}

TEST_CASE("AWS-PATH-002: public bucket without a customer key", "[paths]") {
  auto S = scan("aws-s3-public");
  std::vector<const posture::Finding *> Paths = S->paths("AWS-PATH-002");
  REQUIRE(Paths.size() == 2);
  auto On = [&](llvm::StringRef Logical) -> const posture::Finding * {
    for (const posture::Finding *F : Paths)
      if (resourceOf(*F)->SymbolicName == Logical ||
          llvm::StringRef(resourceOf(*F)->Id).endswith(Logical))
        return F;
    return nullptr;
  };
  const posture::Finding *Open = On("Open");
  REQUIRE(Open);
  CHECK(Open->Severity == check::Level::Critical);
  CHECK(llvm::StringRef(Open->Result.Message).contains("SSE-S3"));
  // Anyone, then the bucket at its public ACL.
  REQUIRE(Open->Path->Chain.size() == 2);
  CHECK(Open->Path->Chain.front().ResourceId.empty());
  CHECK(Open->Path->Chain.back().Where.Range.Start.Line == 11);
  const posture::Finding *Keyed = On("Keyed");
  REQUIRE(Keyed);
  CHECK(Keyed->Severity == check::Level::High);
  CHECK(llvm::StringRef(Keyed->Result.Message).contains("key-protected"));
  CHECK(hopOn(*Keyed->Path, "DataKey"));
  CHECK_FALSE(On("Private"));
}

TEST_CASE("AWS-PATH-003: unauthenticated function URL whose role reads a "
          "secret",
          "[paths]") {
  auto S = scan("aws-lambda-url");
  std::vector<const posture::Finding *> Paths = S->paths("AWS-PATH-003");
  REQUIRE(Paths.size() == 1);
  const AttackPath &P = *Paths.front()->Path;
  checkHopsArePositioned(P);
  CHECK(hopOn(P, "FnUrl"));
  CHECK(hopOn(P, "FnRole"));
  CHECK(llvm::StringRef(P.Chain.back().ResourceId).contains("ApiSecret"));
  CHECK(llvm::StringRef(Paths.front()->Result.Message)
            .contains("secretsmanager:GetSecretValue"));
}

TEST_CASE("GCP-PATH-001: exposed instance on the default service account",
          "[paths]") {
  auto S = scan("gcp-default-sa");
  std::vector<const posture::Finding *> Paths = S->paths("GCP-PATH-001");
  REQUIRE(Paths.size() == 1);
  CHECK(resourceOf(*Paths.front())->Id == "google_compute_instance.web");
  CHECK(llvm::StringRef(Paths.front()->Result.Message)
            .contains("default compute service account"));
  CHECK(llvm::StringRef(Paths.front()->Path->Chain.back().Label)
            .contains("roles/editor"));
}

TEST_CASE("AWS-PATH-003: an auth type and an action from parameters make a "
          "possible path",
          "[paths]") {
  auto S = scan("aws-lambda-unknown", /*Strict=*/true);
  CHECK(S->paths("AWS-PATH-003").empty());
  std::vector<const check::Result *> Possible = S->possible("AWS-PATH-003");
  REQUIRE(Possible.size() == 1);
  llvm::StringRef Message = Possible.front()->Message;
  CHECK(Message.startswith("possible path"));
  CHECK(Message.contains("UrlAuth"));
  CHECK(Message.contains("not known statically"));
}

TEST_CASE("AWS IAM action patterns match as IAM matches them", "[paths]") {
  CHECK(actionMatches("*", "s3:GetObject"));
  CHECK(actionMatches("s3:Get*", "s3:GetObject"));
  CHECK(actionMatches("S3:getobject", "s3:GetObject"));
  CHECK(actionMatches("iam:Attach*Policy", "iam:AttachRolePolicy"));
  CHECK(actionMatches("s3:GetObjec?", "s3:GetObject"));
  CHECK_FALSE(actionMatches("s3:Put*", "s3:GetObject"));
  CHECK_FALSE(actionMatches("s3:GetObject", "s3:GetObjectAcl"));
  CHECK_FALSE(actionMatches("iam:Attach*Policy", "iam:AttachRolePolicyX"));
  CHECK(actionMatches("**:*", "s3:GetObject"));
  CHECK_FALSE(actionMatches("*?", ""));
  // A hostile pattern of many stars is matched in linear steps (the
  // recursive matcher took exponential time on it).
  std::string Stars(100000, '*');
  CHECK(actionMatches(Stars + "t", "s3:GetObject"));
  CHECK_FALSE(actionMatches(Stars + "x", "iam:AttachRolePolicy"));
}

TEST_CASE("attack paths reach every output format", "[paths][report]") {
  auto S = scan("azure-vm-owner");
  REQUIRE(S->paths("AZ-PATH-001").size() == 1);
  const AttackPath &P = *S->paths("AZ-PATH-001").front()->Path;

  SECTION("SARIF: relatedLocations for every hop and one code flow") {
    Json Log = report::sarifLog(S->report());
    const Json &Run = Log["runs"][0];
    const Json *Result = nullptr;
    for (const Json &R : Run["results"])
      if (R["ruleId"] == "AZ-PATH-001")
        Result = &R;
    REQUIRE(Result);
    const Json &Related = (*Result)["relatedLocations"];
    REQUIRE(Related.size() == P.Chain.size());
    for (size_t I = 0; I < P.Chain.size(); ++I) {
      CHECK(Related[I]["message"]["text"] == P.Chain[I].Label);
      CHECK(Related[I].contains("physicalLocation") ==
            P.Chain[I].Where.hasFile());
    }
    CHECK(Related.back()["physicalLocation"]["region"]["startLine"] == 83);
    const Json &Flows = (*Result)["codeFlows"];
    REQUIRE(Flows.size() == 1);
    REQUIRE(Flows[0]["threadFlows"].size() == 1);
    CHECK(Flows[0]["threadFlows"][0]["locations"].size() == P.Chain.size());
    // The rule is listed, with the attack-paths page as its help.
    const Json &Rules = Run["tool"]["driver"]["rules"];
    const Json &Rule = Rules[(*Result)["ruleIndex"].get<size_t>()];
    CHECK(Rule["id"] == "AZ-PATH-001");
    CHECK(llvm::StringRef(Rule["helpUri"].get<std::string>())
              .endswith("docs/attack-paths.md#az-path-001"));
  }

  SECTION("JSON: kind path and the hops") {
    Json J = report::reportToJson(S->report());
    const Json *Path = nullptr;
    for (const Json &F : J["findings"])
      if (F["check"] == "AZ-PATH-001")
        Path = &F;
    REQUIRE(Path);
    CHECK((*Path)["kind"] == "path");
    CHECK((*Path)["certainty"] == "definite");
    CHECK((*Path)["severity"] == "critical");
    REQUIRE((*Path)["path"].size() == P.Chain.size());
    CHECK((*Path)["path"][0]["resource"].is_null());
    CHECK((*Path)["path"].back()["range"]["start"]["line"] == 83);
    // A check's finding has no kind.
    for (const Json &F : J["findings"])
      if (F["check"] != "AZ-PATH-001")
        CHECK_FALSE(F.contains("kind"));
  }

  SECTION("JUnit, GitHub and Markdown: the hops with the finding") {
    std::string JUnit, GitHub, Markdown;
    llvm::raw_string_ostream J(JUnit), G(GitHub), M(Markdown);
    report::writeJUnit(S->report(), J);
    report::writeGitHub(S->report(), G);
    report::writeMarkdown(S->report(), M);
    J.flush();
    G.flush();
    M.flush();
    size_t Case = JUnit.find("name=\"AZ-PATH-001 ");
    REQUIRE(Case != std::string::npos);
    CHECK(JUnit.find("Path:", Case) != std::string::npos);
    size_t Annotation = GitHub.find("AZ-PATH-001 ");
    REQUIRE(Annotation != std::string::npos);
    CHECK(GitHub.find("%0APath:%0A  -> Internet", Annotation) !=
          std::string::npos);
    CHECK(Markdown.find("| AZ-PATH-001 |") != std::string::npos);
    CHECK(Markdown.find("(Internet → ") != std::string::npos);
  }

  SECTION("text: the finding, then its hops") {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    report::printReportText(OS, S->report());
    OS.flush();
    size_t At = Text.find("[AZ-PATH-001]");
    REQUIRE(At != std::string::npos);
    CHECK(Text.find("Path:", At) != std::string::npos);
    CHECK(Text.find("main.bicep:83:", At) != std::string::npos);
  }
}
