//===- PostureCliTest.cpp - Score, baselines, diff-aware runs, outputs ----===//
//
// The pipeline features of `rampart` through the binary, as a pull-request
// check or a pre-commit hook uses them: exit codes, `score`,
// `compliance`, `baseline create` and `--baseline`, `--changed-since` in a
// real git repository, `--files`, several outputs in one run, config scopes
// and `config show`, and a real `pre-commit run` when pre-commit is
// installed.
//
//===----------------------------------------------------------------------===//
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using nlohmann::json;
using rampart::testing::runCommand;
using rampart::testing::runRampart;
using rampart::testing::TempDir;

namespace {

// Two storage accounts without HTTPS-only (AZ-STORAGE-001, high) on the
// old API version whose default is false, and one that is fine.
const char *StorageTf = R"(resource "azurerm_storage_account" "bad" {
  name                       = "bad"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
  min_tls_version            = "TLS1_2"
}
)";

const char *GoodTf = R"(resource "azurerm_storage_account" "good" {
  name                       = "good"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = true
  min_tls_version            = "TLS1_2"
}
)";

json scanJson(const std::string &Args, int ExpectedExit) {
  rampart::testing::Run R =
      runRampart("scan --format json " + Args, /*KeepStderr=*/false);
  INFO(R.Out);
  REQUIRE(R.Exit == ExpectedExit);
  return json::parse(R.Out);
}

std::string readFile(const std::string &Path) {
  std::ifstream In(Path);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

std::string shellQuoted(const std::string &S) { return "'" + S + "'"; }

// Other storage checks (network rules, private endpoints, shared keys) fire
// on these accounts too; the tests are about the pipeline, not them.
const std::string Only = "--checks AZ-STORAGE-001,AZ-STORAGE-002 ";

} // namespace

TEST_CASE("exit codes: 0 clean, 1 findings at fail-on, 2 usage", "[cli]") {
  TempDir Dir;
  Dir.write("good/main.tf", GoodTf);
  Dir.write("bad/main.tf", StorageTf);
  CHECK(runRampart("scan " + Only + shellQuoted(Dir.path() + "/good")).Exit ==
        0);
  CHECK(runRampart("scan " + Only + shellQuoted(Dir.path() + "/bad")).Exit ==
        1);
  // AZ-STORAGE-001 is high: below a critical threshold it is reported
  // but does not fail the run.
  rampart::testing::Run R = runRampart("scan --fail-on critical " + Only +
                                       shellQuoted(Dir.path() + "/bad"));
  CHECK(R.Exit == 0);
  CHECK(R.Out.find("AZ-STORAGE-001") != std::string::npos);
  CHECK(runRampart("scan " + shellQuoted(Dir.path() + "/missing")).Exit == 2);
  CHECK(runRampart("scan --format nope " + shellQuoted(Dir.path())).Exit == 2);
  CHECK(runRampart("scan --baseline " + shellQuoted(Dir.path() + "/none.json") +
                   " " + shellQuoted(Dir.path()))
            .Exit == 2);
}

TEST_CASE("rampart score prints the score, the controls and "
          "recommendations",
          "[cli][score]") {
  TempDir Dir;
  Dir.write("main.tf", std::string(StorageTf) + GoodTf);
  rampart::testing::Run R =
      runRampart("score " + Only + shellQuoted(Dir.path()));
  INFO(R.Out);
  REQUIRE(R.Exit == 0);
  CHECK(R.Out.find("Secure score: ") != std::string::npos);
  CHECK(R.Out.find("Encrypt data in transit") != std::string::npos);
  CHECK(R.Out.find("[AZ-STORAGE-001]") != std::string::npos);

  rampart::testing::Run J = runRampart(
      "score --format json " + Only + shellQuoted(Dir.path()), false);
  REQUIRE(J.Exit == 0);
  json S = json::parse(J.Out);
  // Encrypt data in transit: 1 of 2 accounts healthy (AZ-STORAGE-001 and
  // -002 both pass on "good"; "bad" fails -001).
  const json *Transit = nullptr;
  for (const json &C : S.at("controls"))
    if (C.at("control") == "Encrypt data in transit")
      Transit = &C;
  REQUIRE(Transit);
  CHECK(Transit->at("healthy") == 1);
  CHECK(Transit->at("unhealthy") == 1);
  CHECK(Transit->at("current").get<double>() == Approx(2.0));
  REQUIRE(S.at("units").size() == 1);
  CHECK(S.at("recommendations")[0].contains("gain"));

  // The same score is in the scan's JSON, and fixing the finding raises it.
  double Before =
      scanJson(Only + shellQuoted(Dir.path()), 1)["score"]["percent"];
  Dir.write("main.tf", std::string(GoodTf));
  double After =
      scanJson(Only + shellQuoted(Dir.path()), 0)["score"]["percent"];
  CHECK(After > Before);
  CHECK(After == Approx(100));
}

TEST_CASE("rampart compliance lists every framework control", "[cli]") {
  TempDir Dir;
  Dir.write("main.tf", StorageTf);
  rampart::testing::Run R =
      runRampart("compliance --framework cis-azure --format json " +
                     shellQuoted(Dir.path()),
                 false);
  INFO(R.Out);
  REQUIRE(R.Exit == 0);
  json C = json::parse(R.Out);
  CHECK(C.at("framework") == "cis-azure");
  bool SawFailedSecureTransfer = false, SawNotCovered = false;
  for (const json &Control : C.at("controls")) {
    if (Control.at("status") == "not covered")
      SawNotCovered = true;
    for (const json &Check : Control.at("checks"))
      if (Check.at("check") == "AZ-STORAGE-001" && Check.at("failed") == 1) {
        SawFailedSecureTransfer = true;
        CHECK(Control.at("status") == "failed");
      }
  }
  CHECK(SawFailedSecureTransfer);
  CHECK(SawNotCovered);
  CHECK(C.at("summary").at("covered").get<int>() <
        C.at("summary").at("controls").get<int>());
  CHECK(runRampart("compliance --framework nope " + shellQuoted(Dir.path()))
            .Exit == 2);
}

TEST_CASE("a baseline survives lines added above a finding", "[cli]") {
  TempDir Dir;
  Dir.write(".git/HEAD", "ref: refs/heads/main\n"); // a repository's root
  std::string Main = Dir.write("infra/main.tf", StorageTf);
  std::string Baseline = Dir.path() + "/baseline.json";
  rampart::testing::Run Created =
      runRampart("baseline create " + shellQuoted(Baseline) + " " + Only +
                 shellQuoted(Dir.path()));
  INFO(Created.Out);
  REQUIRE(Created.Exit == 0);
  json B = json::parse(readFile(Baseline));
  REQUIRE(B.at("findings").size() == 1);
  CHECK(B["findings"][0]["check"] == "AZ-STORAGE-001");

  // Lines above shift the finding; it is still the known one.
  Dir.write("infra/main.tf", std::string("# owned by team storage\n\n\n") +
                                 "locals {\n  x = 1\n}\n\n" + StorageTf);
  std::string Args = Only + "--baseline " + shellQuoted(Baseline) + " " +
                     shellQuoted(Dir.path());
  json Known = scanJson(Args, 0);
  CHECK(Known["findings"].empty());
  REQUIRE(Known["baselined"].size() == 1);
  CHECK(Known["baselined"][0]["range"]["start"]["line"] == 14);
  CHECK(Known["summary"]["baselined"] == 1);

  // Scanning through another spelling of the same path keeps it known.
  json Relative = scanJson(Only + "--baseline " + shellQuoted(Baseline) + " " +
                               shellQuoted(Dir.path() + "/./infra/../infra"),
                           0);
  CHECK(Relative["findings"].empty());
  // And from another working directory: fingerprints are relative to the
  // repository, not to where rampart runs.
  rampart::testing::Run Elsewhere = runCommand(
      "cd " + shellQuoted(Dir.path() + "/infra") + " && " +
      rampart::testing::rampartCommand() + " scan --format json " + Only +
      "--baseline " + shellQuoted(Baseline) + " . 2>/dev/null");
  INFO(Elsewhere.Out);
  CHECK(Elsewhere.Exit == 0);
  CHECK(json::parse(Elsewhere.Out)["findings"].empty());

  // A new finding is reported, and fails the run.
  Dir.write("infra/more.tf",
            R"(resource "azurerm_storage_account" "other" {
  name                       = "other"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
  min_tls_version            = "TLS1_2"
}
)");
  json New = scanJson(Args, 1);
  REQUIRE(New["findings"].size() == 1);
  CHECK(New["findings"][0]["resource"]["name"] == "other");
  CHECK(New["findings"][0]["fingerprint"].get<std::string>().size() == 32);
}

TEST_CASE("diff-aware runs: --changed-since reports only what the change "
          "affects",
          "[cli]") {
  // scripts/setup installs git: its absence is a broken setup, not a skip.
  REQUIRE(runCommand("git --version").Exit == 0);
  TempDir Dir;
  std::string Git = "git -C " + shellQuoted(Dir.path()) +
                    " -c user.name=t -c user.email=t@example.com ";
  Dir.write("a/main.tf", StorageTf);
  Dir.write("b/main.tf", StorageTf);
  Dir.write("c/main.tf", R"(variable "https" { default = true }
resource "azurerm_storage_account" "c" {
  name                       = "c"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = var.https
  min_tls_version            = "TLS1_2"
}
)");
  // Committed and unchanged: a broken file, and a suppression in a.
  Dir.write("d/broken.tf", "resource \"x\" {\n");
  Dir.write("a/main.tf",
            std::string("# rampart:ignore AZ-STORAGE-001 reason=\"x\"\n") +
                StorageTf);
  REQUIRE(runCommand(Git + "init -q && " + Git + "add -A && " + Git +
                     "commit -q -m base")
              .Exit == 0);
  // Nothing changed: nothing to report, no unit is assessed, and what is
  // broken or suppressed elsewhere says nothing.
  json None =
      scanJson(Only + "--changed-since HEAD " + shellQuoted(Dir.path()), 0);
  CHECK(None["findings"].empty());
  CHECK(None["summary"]["units"] == 0);
  CHECK(None["diagnostics"].empty());

  // b changes (a comment only): b's finding is reported, a's is not.
  Dir.write("b/main.tf", std::string("# touched\n") + StorageTf);
  // c's tfvars (untracked, new) turns HTTPS off: the resource in main.tf
  // it feeds is reported although main.tf did not change.
  Dir.write("c/terraform.tfvars", "https = false\n");
  json Changed =
      scanJson(Only + "--changed-since HEAD " + shellQuoted(Dir.path()), 1);
  std::vector<std::string> Files;
  for (const json &F : Changed["findings"])
    Files.push_back(F["file"]);
  REQUIRE(Changed["findings"].size() == 2);
  CHECK(Changed["findings"][0]["file"].get<std::string>().find("/b/main.tf") !=
        std::string::npos);
  CHECK(Changed["findings"][1]["resource"]["name"] == "c");
  CHECK(Changed["summary"]["units"] == 2);
  CHECK(Changed["diagnostics"].empty());

  // The same through a link to the repository (git resolves links).
  std::string Link = Dir.path() + "-link";
  REQUIRE(
      runCommand("ln -sfn " + shellQuoted(Dir.path()) + " " + shellQuoted(Link))
          .Exit == 0);
  json Linked = scanJson(Only + "--changed-since HEAD " + shellQuoted(Link), 1);
  CHECK(Linked["findings"].size() == 2);
  runCommand("rm -f " + shellQuoted(Link));

  rampart::testing::Run Bad =
      runRampart("scan --changed-since no-such-ref " + shellQuoted(Dir.path()));
  CHECK(Bad.Exit == 2);
  CHECK(Bad.Out.find("no-such-ref") != std::string::npos);
}

TEST_CASE("diff-aware runs: --files evaluates whole units and reports what "
          "the files affect",
          "[cli]") {
  TempDir Dir;
  Dir.write("m/main.tf", R"(resource "azurerm_storage_account" "s" {
  name                       = "s"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = var.https
  min_tls_version            = "TLS1_2"
}
)");
  std::string Vars =
      Dir.write("m/variables.tf", "variable \"https\" { default = false }\n");
  Dir.write("other/main.tf", StorageTf);
  // Only variables.tf is staged: the finding in main.tf, which it feeds,
  // is reported; the other unit's is not.
  json J = scanJson(
      Only + shellQuoted(Dir.path()) + " --files " + shellQuoted(Vars), 1);
  REQUIRE(J["findings"].size() == 1);
  CHECK(J["findings"][0]["resource"]["name"] == "s");
}

TEST_CASE("several formats in one run, each to its own output", "[cli]") {
  TempDir Dir;
  Dir.write("main.tf", StorageTf);
  std::string Sarif = Dir.path() + "/out.sarif",
              Junit = Dir.path() + "/out.xml";
  rampart::testing::Run R = runRampart(
      "scan " + Only + "--format sarif --output " + shellQuoted(Sarif) +
      " --format json --format junit -o " + shellQuoted(Junit) + " " +
      shellQuoted(Dir.path() + "/main.tf"));
  INFO(R.Out);
  CHECK(R.Exit == 1);
  // JSON went to standard output, the others to their files.
  CHECK(json::parse(R.Out)["findings"].size() == 1);
  CHECK(json::parse(readFile(Sarif))["version"] == "2.1.0");
  CHECK(readFile(Junit).find("<testsuites") != std::string::npos);
  // Two formats for standard output is a usage error.
  CHECK(
      runRampart("scan --format json --format text " + shellQuoted(Dir.path()))
          .Exit == 2);
}

TEST_CASE("config scopes: the closest .rampart.yaml governs its directory",
          "[cli][config]") {
  TempDir Dir;
  Dir.write(".git/HEAD", "ref: refs/heads/main\n"); // the search stops here
  Dir.write(".rampart.yaml", "checks:\n  enable: [AZ-STORAGE-001]\n"
                             "severity:\n  AZ-STORAGE-001: critical\n");
  Dir.write("team/main.tf", StorageTf);
  Dir.write("legacy/main.tf", StorageTf);
  Dir.write("legacy/.rampart.yaml",
            "extends: ../.rampart.yaml\nchecks:\n  disable: "
            "[\"AZ-STORAGE-*\"]\n");
  json J = scanJson(shellQuoted(Dir.path()), 1);
  REQUIRE(J["findings"].size() == 1);
  CHECK(J["findings"][0]["file"].get<std::string>().find("team/") !=
        std::string::npos);
  CHECK(J["findings"][0]["severity"] == "critical");

  // The command line overrides the files.
  json Cli = scanJson("--checks AZ-STORAGE-001 " + shellQuoted(Dir.path()), 1);
  CHECK(Cli["findings"].size() == 2);

  rampart::testing::Run Show =
      runRampart("config show " + shellQuoted(Dir.path() + "/legacy"));
  INFO(Show.Out);
  CHECK(Show.Exit == 0);
  // checks.disable comes from legacy's file, checks.enable from the root's.
  CHECK(Show.Out.find("legacy/.rampart.yaml:3:") != std::string::npos);
  CHECK(Show.Out.find(Dir.path() + "/.rampart.yaml:2:") != std::string::npos);

  Dir.write("legacy/.rampart.yaml", "checks:\n  disabel: [x]\n");
  rampart::testing::Run Bad = runRampart("scan " + shellQuoted(Dir.path()));
  CHECK(Bad.Exit == 2);
  CHECK(Bad.Out.find(".rampart.yaml:2:3") != std::string::npos);
}

TEST_CASE("pre-commit runs the hook on staged files", "[cli][precommit]") {
  // scripts/setup installs pre-commit (Debian packages it).
  REQUIRE(runCommand("pre-commit --version").Exit == 0);
  // A hook repository holding our .pre-commit-hooks.yaml, as users get it
  // by `repo: <url>`; a local clone keeps the test offline.
  TempDir Hooks, Work;
  std::string HooksGit = "git -C " + shellQuoted(Hooks.path()) +
                         " -c user.name=t -c user.email=t@example.com ";
  REQUIRE(runCommand("cp '" RAMPART_SOURCE_DIR "/.pre-commit-hooks.yaml' " +
                     shellQuoted(Hooks.path()) + " && " + HooksGit +
                     "init -q && " + HooksGit + "add -A && " + HooksGit +
                     "commit -q -m hooks")
              .Exit == 0);
  std::string Rev =
      runCommand("git -C " + shellQuoted(Hooks.path()) + " rev-parse HEAD").Out;
  Rev = Rev.substr(0, Rev.find('\n'));
  Work.write(".pre-commit-config.yaml", "repos:\n  - repo: " + Hooks.path() +
                                            "\n    rev: " + Rev +
                                            "\n    hooks:\n      - id: "
                                            "rampart\n");
  Work.write(".rampart.yaml", "checks:\n  enable: [AZ-STORAGE-001]\n");
  Work.write("good/main.tf", GoodTf);
  Work.write("bad/main.tf", StorageTf);
  std::string Git = "git -C " + shellQuoted(Work.path()) +
                    " -c user.name=t -c user.email=t@example.com ";
  std::string Env =
      "cd " + shellQuoted(Work.path()) +
      " && PRE_COMMIT_HOME=" + shellQuoted(Work.path() + "/.cache") +
      " PATH=\"$(dirname " + rampart::testing::rampartCommand() + "):$PATH\" ";
  REQUIRE(runCommand(Git + "init -q").Exit == 0);

  // Only the good file staged: the hook passes.
  REQUIRE(runCommand(Git + "add good/main.tf .pre-commit-config.yaml").Exit ==
          0);
  rampart::testing::Run Pass = runCommand(Env + "pre-commit run");
  INFO(Pass.Out);
  CHECK(Pass.Exit == 0);
  CHECK(Pass.Out.find("Passed") != std::string::npos);

  // The bad file staged: the hook fails and names the finding.
  REQUIRE(runCommand(Git + "add bad/main.tf").Exit == 0);
  rampart::testing::Run Fail = runCommand(Env + "pre-commit run");
  INFO(Fail.Out);
  CHECK(Fail.Exit == 1);
  CHECK(Fail.Out.find("AZ-STORAGE-001") != std::string::npos);
  CHECK(Fail.Out.find("bad/main.tf") != std::string::npos);
}

TEST_CASE("suppressions through the CLI: kept in JSON, expiry and unmatched "
          "warnings, the config's policy",
          "[cli][suppressions]") {
  TempDir Dir;
  Dir.write(
      "main.tf",
      std::string(
          R"(# rampart:ignore AZ-STORAGE-001 reason="legacy clients" until=2999-01-01
)") + StorageTf +
          R"(
# rampart:ignore AZ-STORAGE-001 reason="was fine once" until=2020-01-01
resource "azurerm_storage_account" "old" {
  name                       = "old"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
  min_tls_version            = "TLS1_2"
}

# rampart:ignore AZ-STORAGE-002 reason="nothing to suppress here"
# rampart:ignore AZ-STORAGE-01 reason="a typo"
resource "azurerm_storage_account" "fine" {
  name                       = "fine"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = true
  min_tls_version            = "TLS1_2"
}
)");
  json J = scanJson(Only + shellQuoted(Dir.path()), 1);
  // "bad" is suppressed, and kept with its reason.
  REQUIRE(J["suppressed"].size() == 1);
  CHECK(J["suppressed"][0]["resource"]["name"] == "bad");
  CHECK(J["suppressed"][0]["suppression"]["reason"] == "legacy clients");
  CHECK(J["suppressed"][0]["suppression"]["until"] == "2999-01-01");
  // "old"'s suppression expired: its finding is back, with a warning.
  REQUIRE(J["findings"].size() == 1);
  CHECK(J["findings"][0]["resource"]["name"] == "old");
  std::string Warnings = J["diagnostics"].dump();
  CHECK(Warnings.find("expired") != std::string::npos);
  CHECK(Warnings.find("matches no finding") != std::string::npos);
  CHECK(Warnings.find("names no check 'AZ-STORAGE-01'") != std::string::npos);
  CHECK(J["summary"]["suppressed"] == 1);

  // A platform team can refuse inline suppressions altogether.
  Dir.write(".rampart.yaml", "suppressions:\n  allow-inline: false\n");
  json Refused = scanJson(Only + shellQuoted(Dir.path()), 1);
  CHECK(Refused["suppressed"].empty());
  CHECK(Refused["findings"].size() == 2);
}

TEST_CASE("the config's environment facts count as the account's defaults",
          "[cli][config]") {
  TempDir Dir;
  Dir.write("main.tf", R"(resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
}
)");
  std::string Args = "--checks AWS-EC2-006 " + shellQuoted(Dir.path());
  rampart::testing::Run Before = runRampart("scan " + Args);
  INFO(Before.Out);
  CHECK(Before.Exit == 1);
  CHECK(Before.Out.find("AWS-EC2-006") != std::string::npos);
  Dir.write(".rampart.yaml",
            "environment:\n  aws: {ebs_encryption_by_default: true}\n");
  rampart::testing::Run After = runRampart("scan " + Args);
  INFO(After.Out);
  CHECK(After.Exit == 0);
}

TEST_CASE("environment facts: Defender for SQL, ECR registry scanning, "
          "resource logs by policy",
          "[cli][config]") {
  TempDir Dir;
  Dir.write("main.tf", R"(resource "azurerm_mssql_server" "sql" {
  name                         = "sql"
  resource_group_name          = "rg"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "admin"
  administrator_login_password = "x"
}
resource "aws_ecr_repository" "app" {
  name = "app"
}
resource "azurerm_key_vault" "kv" {
  name                = "kv"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
)");
  std::string Args =
      "--checks AZ-SQL-005,AWS-ECR-001,AZ-MON-001 " + shellQuoted(Dir.path());
  auto Reported = [&](const json &J) {
    std::vector<std::string> Ids;
    for (const json &F : J["findings"])
      Ids.push_back(F["check"]);
    std::sort(Ids.begin(), Ids.end());
    return Ids;
  };
  // Without facts: the SQL plan is unknown (not a finding), the others fail.
  json None = scanJson(Args, 1);
  CHECK(Reported(None) ==
        std::vector<std::string>{"AWS-ECR-001", "AZ-MON-001"});
  // A plan known to be off fails; facts that hold make the others healthy.
  Dir.write(".rampart.yaml", R"(environment:
  azure: {defender_for_sql: false, resource_logs_by_policy: true}
  aws: {ecr_registry_scanning: true}
)");
  json Off = scanJson(Args, 1);
  CHECK(Reported(Off) == std::vector<std::string>{"AZ-SQL-005"});
  Dir.write(".rampart.yaml", R"(environment:
  azure: {defender_for_sql: true, resource_logs_by_policy: true}
  aws: {ecr_registry_scanning: true}
)");
  json On = scanJson(Args, 0);
  CHECK(On["findings"].empty());
  CHECK(On["summary"]["resources"] == 3);
}

TEST_CASE("config ignore entries: exemptions at a scope, with expiry and "
          "unmatched warnings",
          "[cli][suppressions]") {
  TempDir Dir;
  Dir.write("legacy/main.tf", StorageTf);
  Dir.write("new/main.tf", StorageTf);
  Dir.write(".rampart.yaml", R"(ignore:
  - id: AZ-STORAGE-001
    path: "legacy/**"
    reason: decommissioned next quarter
    category: mitigated
  - id: AZ-STORAGE-002
    reason: nothing fails it
  - id: AZ-STORAGE-001
    path: "new/**"
    reason: was accepted once
    until: 2020-01-01
)");
  json J = scanJson(Only + shellQuoted(Dir.path()), 1);
  REQUIRE(J["suppressed"].size() == 1);
  CHECK(J["suppressed"][0]["file"].get<std::string>().find("legacy/") !=
        std::string::npos);
  CHECK(J["suppressed"][0]["suppression"]["kind"] == "config");
  CHECK(J["suppressed"][0]["suppression"]["category"] == "mitigated");
  REQUIRE(J["findings"].size() == 1);
  CHECK(J["findings"][0]["file"].get<std::string>().find("new/") !=
        std::string::npos);
  std::string Warnings = J["diagnostics"].dump();
  CHECK(Warnings.find("ignore entry AZ-STORAGE-002 matches no finding") !=
        std::string::npos);
  CHECK(Warnings.find("expired on 2020-01-01") != std::string::npos);
  // Mitigated counts healthy: legacy's unit scores 100 %, new's 0 %.
  const json &Units = J["score"]["units"];
  REQUIRE(Units.size() == 2);
  CHECK(Units[0]["percent"] == 100.0);
  CHECK(Units[1]["percent"] == 0.0);
}

TEST_CASE("config scopes follow the file that declares a resource, modules "
          "included; an expired ignore entry does not hide a later one",
          "[cli][config]") {
  TempDir Dir;
  Dir.write(".git/HEAD", "ref: refs/heads/main\n");
  Dir.write("main.tf", std::string("module \"legacy\" {\n  source = "
                                   "\"./modules/legacy\"\n}\n") +
                           StorageTf);
  Dir.write("modules/legacy/main.tf", GoodTf);
  Dir.write("modules/legacy/old.tf",
            R"(resource "azurerm_storage_account" "old" {
  name                       = "old"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
}
)");
  Dir.write(".rampart.yaml", "checks:\n  enable: [AZ-STORAGE-001]\n");
  Dir.write("modules/legacy/.rampart.yaml",
            "extends: ../../.rampart.yaml\nchecks:\n  disable: "
            "[AZ-STORAGE-001]\n");
  // The module's resource is in the root's unit, but its file's scope
  // disables the check.
  json J = scanJson(shellQuoted(Dir.path()), 1);
  REQUIRE(J["findings"].size() == 1);
  CHECK(J["findings"][0]["resource"]["name"] == "bad");

  Dir.write(".rampart.yaml", R"(checks:
  enable: [AZ-STORAGE-001]
ignore:
  - id: "AZ-STORAGE-00*"
    reason: long ago
    until: 2020-01-01
  - id: AZ-STORAGE-001
    reason: accepted for now
)");
  json Ignored = scanJson(shellQuoted(Dir.path()), 0);
  CHECK(Ignored["findings"].empty());
  CHECK(Ignored["suppressed"].size() == 1);
  CHECK(Ignored["diagnostics"].dump().find("expired on 2020-01-01") !=
        std::string::npos);

  // JUnit and SARIF list the checks that ran, not the whole catalog.
  rampart::testing::Run Junit = runRampart(
      "scan --checks AZ-STORAGE-001 --format junit " + shellQuoted(Dir.path()),
      false);
  size_t Suites = 0;
  for (size_t At = 0;
       (At = Junit.Out.find("<testsuite ", At)) != std::string::npos; ++At)
    ++Suites;
  CHECK(Suites == 1);
}

TEST_CASE("suppressions in a module outside the scanned path count",
          "[cli][suppressions]") {
  TempDir Dir;
  Dir.write("root/main.tf",
            "module \"storage\" {\n  source = \"../modules/storage\"\n}\n");
  Dir.write("modules/storage/main.tf",
            std::string("# rampart:ignore AZ-STORAGE-001 reason=\"shared "
                        "module, fixed upstream\"\n") +
                StorageTf);
  // Only the root is scanned; the module is read from outside it.
  json J = scanJson(
      Only + "--allow-outside-root " + shellQuoted(Dir.path() + "/root"), 0);
  CHECK(J["findings"].empty());
  REQUIRE(J["suppressed"].size() == 1);
  CHECK(J["suppressed"][0]["suppression"]["reason"] ==
        "shared module, fixed upstream");
}

TEST_CASE("a suppression on a property covers a value set elsewhere",
          "[cli][suppressions]") {
  TempDir Dir;
  Dir.write("azuredeploy.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "httpsOnly": { "type": "bool", "defaultValue": false }
  },
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "stlogs",
      "location": "westeurope",
      "kind": "StorageV2",
      "sku": { "name": "Standard_LRS" },
      "properties": {
        // rampart:ignore AZ-STORAGE-001 reason="clients move to HTTPS in Q3"
        "supportsHttpsTrafficOnly": "[parameters('httpsOnly')]",
        "minimumTlsVersion": "TLS1_2"
      }
    }
  ]
}
)");
  // The finding points at the parameter's default, outside the property
  // the suppression sits on.
  json J = scanJson(Only + shellQuoted(Dir.path()), 0);
  REQUIRE(J["suppressed"].size() == 1);
  CHECK(J["suppressed"][0]["range"]["start"]["line"] == 5);
  CHECK(J["diagnostics"].empty());
}
