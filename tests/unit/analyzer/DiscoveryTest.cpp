//===- DiscoveryTest.cpp - Walking workspaces -----------------------------===//
#include "analyzer/workspace/Discovery.h"
#include "tests/support/TempDir.h"

#include "llvm/Support/FileSystem.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::workspace;

namespace {
std::vector<std::string> relative(const testing::TempDir &Dir,
                                  const std::vector<std::string> &Files) {
  std::vector<std::string> Out;
  for (const std::string &F : Files)
    Out.push_back(F.substr(Dir.path().size() + 1));
  return Out;
}
} // namespace

TEST_CASE("discovery: template files are found, other files and skipped "
          "directories are not",
          "[discovery]") {
  testing::TempDir Dir;
  Dir.write("main.tf", "");
  Dir.write("infra/app.bicep", "");
  Dir.write("infra/app.bicepparam", "");
  Dir.write("infra/arm/azuredeploy.json", "{}");
  Dir.write("cfn/stack.yaml", "");
  Dir.write("cfn/stack.template", "");
  Dir.write("README.md", "");
  Dir.write("src/app.py", "");
  Dir.write(".git/config.json", "{}");
  Dir.write(".terraform/modules/x/main.tf", "");
  Dir.write("node_modules/pkg/package.json", "{}");

  Discovery D = discoverFiles({Dir.path()}, {});
  CHECK(relative(Dir, D.Files) ==
        std::vector<std::string>{"cfn/stack.template", "cfn/stack.yaml",
                                 "infra/app.bicep", "infra/app.bicepparam",
                                 "infra/arm/azuredeploy.json", "main.tf"});
  CHECK(D.Errors.empty());
}

TEST_CASE("discovery: --exclude globs", "[discovery]") {
  testing::TempDir Dir;
  Dir.write("main.tf", "");
  Dir.write("examples/a/main.tf", "");
  Dir.write("modules/net/main.tf", "");
  Dir.write("modules/net/test/fixture.tf", "");
  Dir.write("modules/net/vars.tfvars", "");

  auto Run = [&](std::vector<std::string> Excludes) {
    DiscoveryOptions O;
    O.Excludes = std::move(Excludes);
    return relative(Dir, discoverFiles({Dir.path()}, O).Files);
  };
  // A bare name matches any path component.
  CHECK(Run({"examples"}) ==
        std::vector<std::string>{"main.tf", "modules/net/main.tf",
                                 "modules/net/test/fixture.tf",
                                 "modules/net/vars.tfvars"});
  CHECK(Run({"*.tfvars", "test"}) ==
        std::vector<std::string>{"examples/a/main.tf", "main.tf",
                                 "modules/net/main.tf"});
  // With a slash, `*` stops at '/', `**` crosses it.
  CHECK(Run({"modules/*/main.tf"}) ==
        std::vector<std::string>{"examples/a/main.tf", "main.tf",
                                 "modules/net/test/fixture.tf",
                                 "modules/net/vars.tfvars"});
  CHECK(Run({"*/main.tf"}) ==
        std::vector<std::string>{
            "examples/a/main.tf", "main.tf", "modules/net/main.tf",
            "modules/net/test/fixture.tf", "modules/net/vars.tfvars"});
  CHECK(Run({"**/test/*"}) ==
        std::vector<std::string>{"examples/a/main.tf", "main.tf",
                                 "modules/net/main.tf",
                                 "modules/net/vars.tfvars"});
}

TEST_CASE("discovery: symlink loops end", "[discovery]") {
  testing::TempDir Dir;
  Dir.write("a/main.tf", "");
  REQUIRE_FALSE(
      llvm::sys::fs::create_link(Dir.path() + "/a", Dir.path() + "/a/loop"));
  REQUIRE_FALSE(llvm::sys::fs::create_link(Dir.path() + "/missing",
                                           Dir.path() + "/a/dangling.tf"));
  Discovery D = discoverFiles({Dir.path()}, {});
  CHECK(relative(Dir, D.Files) == std::vector<std::string>{"a/main.tf"});
  bool SawLoop = false, SawDangling = false;
  for (const SkippedPath &S : D.Skipped) {
    SawLoop |= S.Reason == "directory already visited (link loop)";
    SawDangling |= llvm::StringRef(S.Path).endswith("dangling.tf");
  }
  CHECK(SawLoop);
  CHECK(SawDangling);
}

TEST_CASE("discovery: explicit files are kept, missing paths are errors",
          "[discovery]") {
  testing::TempDir Dir;
  std::string Odd = Dir.write("template.txt", "");
  Discovery D = discoverFiles({Odd, Dir.path() + "/nope"}, {});
  CHECK(D.Files == std::vector<std::string>{Odd});
  REQUIRE(D.Errors.size() == 1);
  CHECK(D.Errors[0].Path == Dir.path() + "/nope");
}

TEST_CASE("discovery: links out of the root are not followed, and say so",
          "[discovery]") {
  testing::TempDir Dir;
  Dir.write("outside/secret.json", "{}");
  Dir.write("outside/dir/main.tf", "");
  Dir.write("root/main.tf", "");
  Dir.write("root/inner/app.bicep", "");
  namespace fs = llvm::sys::fs;
  std::string Root = Dir.path() + "/root";
  REQUIRE_FALSE(fs::create_link(Dir.path() + "/outside/secret.json",
                                Root + "/secret.json"));
  REQUIRE_FALSE(fs::create_link("../outside/dir", Root + "/shared"));
  REQUIRE_FALSE(fs::create_link("inner/app.bicep", Root + "/app.bicep"));

  Discovery D = discoverFiles({Root}, {});
  CHECK(relative(Dir, D.Files) ==
        std::vector<std::string>{"root/app.bicep", "root/inner/app.bicep",
                                 "root/main.tf"});
  std::vector<std::string> Warned;
  for (const SkippedPath &W : D.Warnings) {
    CHECK_THAT(W.Reason, Catch::Contains("outside the scanned directory"));
    Warned.push_back(W.Path.substr(Root.size() + 1));
  }
  llvm::sort(Warned); // in the directory's order
  CHECK(Warned == std::vector<std::string>{"secret.json", "shared"});

  DiscoveryOptions Follow;
  Follow.FollowLinksOutside = true;
  Discovery All = discoverFiles({Root}, Follow);
  CHECK(All.Files.size() == 5);
  CHECK(All.Warnings.empty());
}
