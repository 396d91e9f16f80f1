//===- IntegrationFilesTest.cpp - The CI examples in docs/ci work ---------===//
//
// The README tells users to copy docs/ci/*.yml. These tests read those
// files, take the Rampart step out of each, and run it, with our binary on
// PATH, in a temporary git repository shaped like a pull request: the step
// must run as written and produce the files the next steps upload.
//
//===----------------------------------------------------------------------===//
#include "parsers/cloudformation/YamlParser.h"
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using rampart::testing::runCommand;
using rampart::testing::TempDir;

namespace {

std::string shellQuoted(const std::string &S) { return "'" + S + "'"; }

std::string readFile(const std::string &Path) {
  std::ifstream In(Path);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

/// The text of the first step whose `name`/`displayName` is Name: its
/// `run` (GitHub) or `script` (Azure DevOps).
std::string stepScript(const std::string &File, llvm::StringRef Name) {
  auto Source = rampart::SourceFile::open(File);
  REQUIRE(static_cast<bool>(Source));
  rampart::Document Doc = rampart::parsers::parseYaml(**Source);
  REQUIRE(!Doc.hasErrors());
  const rampart::Node *Steps = Doc.root()->get("steps");
  if (!Steps)
    Steps = Doc.root()->get("jobs")->get("rampart")->get("steps");
  REQUIRE(Steps);
  for (const rampart::Node *Step : Steps->Items)
    for (const char *Key : {"name", "displayName"})
      if (const rampart::Node *N = Step->get(Key); N && N->Text == Name)
        for (const char *Body : {"run", "script"})
          if (const rampart::Node *B = Step->get(Body))
            return B->Text;
  FAIL("no step " << Name.str() << " in " << File);
  return {};
}

/// A repository with a committed base on `main` (and origin/main), then a
/// pull request's change: a new insecure storage account.
void makePullRequest(const TempDir &Repo, const std::string &Git) {
  Repo.write("infra/base.tf", R"(resource "azurerm_storage_account" "old" {
  name                       = "old"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = true
}
)");
  REQUIRE(runCommand(Git + "init -q -b main && " + Git + "add -A && " + Git +
                     "commit -q -m base && " + Git +
                     "update-ref refs/remotes/origin/main HEAD")
              .Exit == 0);
  Repo.write("infra/new.tf", R"(resource "azurerm_storage_account" "new" {
  name                       = "new"
  resource_group_name        = "rg"
  location                   = "westeurope"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
}
)");
}

std::string binaryDir() {
  std::string Bin = RAMPART_BINARY;
  return Bin.substr(0, Bin.rfind('/'));
}

} // namespace

TEST_CASE("the GitHub Actions example runs and writes what it uploads",
          "[cli][integration]") {
  // scripts/setup installs git: its absence is a broken setup, not a skip.
  REQUIRE(runCommand("git --version").Exit == 0);
  std::string Script =
      stepScript(RAMPART_SOURCE_DIR "/docs/ci/github-actions.yml", "Rampart");
  TempDir Repo, Home;
  std::string Git = "git -C " + shellQuoted(Repo.path()) +
                    " -c user.name=t -c user.email=t@example.com ";
  makePullRequest(Repo, Git);
  std::string ScriptFile = Home.write("step.sh", Script);
  // The runner's environment on a pull_request event; HOME keeps the
  // step's `git config --global` away from the user's.
  rampart::testing::Run R =
      runCommand("cd " + shellQuoted(Repo.path()) +
                 " && HOME=" + shellQuoted(Home.path()) +
                 " GITHUB_WORKSPACE=" + shellQuoted(Repo.path()) +
                 " GITHUB_BASE_REF=main PATH=" + shellQuoted(binaryDir()) +
                 ":\"$PATH\" bash -e " + shellQuoted(ScriptFile));
  INFO(R.Out);
  // The new account's finding fails the check; the old account's findings
  // are not in the change.
  CHECK(R.Exit == 1);
  CHECK(R.Out.find("::error file=infra/new.tf,line=7") != std::string::npos);
  CHECK(R.Out.find("infra/base.tf") == std::string::npos);
  nlohmann::json Sarif =
      nlohmann::json::parse(readFile(Repo.path() + "/rampart.sarif"));
  CHECK(Sarif["version"] == "2.1.0");
  CHECK(!Sarif["runs"][0]["results"].empty());
  CHECK(readFile(Repo.path() + "/rampart.md").find("AZ-STORAGE-001") !=
        std::string::npos);
}

TEST_CASE("the Azure DevOps example's Rampart command runs and writes what "
          "it publishes",
          "[cli][integration]") {
  std::string Script =
      stepScript(RAMPART_SOURCE_DIR "/docs/ci/azure-pipelines.yml", "Rampart");
  // The step runs Rampart in a Debian container; here the command inside
  // it runs directly, with the container's /out mapped to a directory.
  size_t Start = Script.find("rampart scan");
  REQUIRE(Start != std::string::npos);
  std::string Command = Script.substr(Start);
  Command = Command.substr(0, Command.rfind('\''));
  TempDir Repo, Out;
  for (size_t At; (At = Command.find("/out/")) != std::string::npos;)
    Command.replace(At, 4, Out.path());
  std::string Git = "git -C " + shellQuoted(Repo.path()) +
                    " -c user.name=t -c user.email=t@example.com ";
  REQUIRE(
      runCommand("mkdir -p " + shellQuoted(Out.path()) + "/CodeAnalysisLogs")
          .Exit == 0);
  makePullRequest(Repo, Git);
  // The pipeline's baseline: what main had, so only the new account fails.
  REQUIRE(runCommand("cd " + shellQuoted(Repo.path()) + " && git stash -q -u" +
                     " && " + rampart::testing::rampartCommand() +
                     " baseline create .rampart-baseline.json . && git "
                     "stash pop -q")
              .Exit == 0);
  rampart::testing::Run R = runCommand("cd " + shellQuoted(Repo.path()) +
                                       " && PATH=" + shellQuoted(binaryDir()) +
                                       ":\"$PATH\" " + Command);
  INFO(Command);
  INFO(R.Out);
  CHECK(R.Exit == 1);
  std::string Junit = readFile(Out.path() + "/rampart.xml");
  CHECK(Junit.find("<testsuites") != std::string::npos);
  CHECK(Junit.find("new.tf") != std::string::npos);
  // The old account's findings are in the baseline: skipped, not failed,
  // and not in the text output.
  CHECK(Junit.find("baselined") != std::string::npos);
  CHECK(R.Out.find("infra/base.tf") == std::string::npos);
  CHECK(R.Out.find("infra/new.tf:7:") != std::string::npos);
  nlohmann::json Sarif = nlohmann::json::parse(
      readFile(Out.path() + "/CodeAnalysisLogs/rampart.sarif"));
  CHECK(Sarif["version"] == "2.1.0");
}
