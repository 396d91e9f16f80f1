//===- FixFixtureTest.cpp - Every check's fix against its fixtures --------===//
//
// For each built-in check, every bad fixture file is fixed (all its fixes,
// suggested ones included) and the result must be:
//   - byte for byte its golden `bad.fixed.<ext>` beside it
//     (RAMPART_UPDATE_GOLDEN=1 writes the goldens instead; review them);
//   - free of parse errors, with the resources the fixes touched healthy,
//     when scanned again;
//   - a fixed point: fixing it again changes nothing.
// A bad fixture without fixes must have no golden. The check's declared
// fix availability is held to what the fixtures show: never means no
// unhealthy result had a fix, always that every one had, sometimes that
// at least one had.
//
//===----------------------------------------------------------------------===//
#include "checks/Registry.h"
#include "tests/support/Fixtures.h"
#include "tests/support/TempDir.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace rampart;
using namespace rampart::testing;
namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path &P) {
  std::ifstream In(P, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

bool updatingGoldens() {
  const char *V = std::getenv("RAMPART_UPDATE_GOLDEN");
  return V && *V && std::string(V) != "0";
}

/// The fixed text scanned again, under the fixture's own file name.
void checkFixedText(const check::Check &C, const fs::path &Case,
                    const std::string &Fixed, const FixOutcome &Before) {
  TempDir Dir;
  fs::path Copy = Dir.write(Case.filename().string(), Fixed);
  Outcomes After = runOnFixture(C, Copy);
  for (const std::string &M : After.ErrorMessages)
    UNSCOPED_INFO("error after fixing: " << M);
  CHECK(After.ErrorMessages.empty());
  // A fixed resource must be healthy now, not merely not failing (unknown,
  // or gone because the fix broke its declaration).
  for (const std::string &Id : Before.FixedResources) {
    INFO("fixed resource " << Id << " is not healthy after its fix");
    CHECK(llvm::is_contained(After.HealthyResources, Id));
  }
  FixOutcome Again = fixFixture(C, Copy);
  for (const auto &[File, Text] : Again.FixedFiles) {
    INFO("fixing again changes " << File << ":\n" << Text);
    CHECK(Text == Fixed);
  }
  CHECK(Again.FixedFiles.empty());
}

/// Fixes one bad fixture file and compares with its golden.
void checkFixCase(const check::Check &C, const fs::path &Case,
                  const FixOutcome &O) {
  fs::path Golden = fixedGoldenOf(Case);
  if (O.FixedFiles.empty()) {
    INFO("a golden with no fix to compare it with: " << Golden.string());
    CHECK_FALSE(fs::exists(Golden));
    return;
  }
  REQUIRE(O.FixedFiles.size() == 1);
  const std::string &Fixed = O.FixedFiles.front().second;
  if (updatingGoldens())
    std::ofstream(Golden, std::ios::binary) << Fixed;
  INFO("golden " << Golden.string()
                 << " (RAMPART_UPDATE_GOLDEN=1 writes it; review it)");
  REQUIRE(fs::exists(Golden));
  CHECK(readText(Golden) == Fixed);
  CHECK(O.Conflicting == 0);
  checkFixedText(C, Case, Fixed, O);
}

bool isBadFile(const fs::path &Case) {
  return llvm::StringRef(Case.filename().string()).startswith("bad") &&
         fs::is_regular_file(Case);
}

} // namespace

TEST_CASE("check fixes against their goldens", "[checks][fix]") {
  for (const check::Check *C : checks::builtinChecks())
    for (const fs::path &Case : casesOf(fixtureDir(*C)))
      if (isBadFile(Case))
        DYNAMIC_SECTION(C->Id << " " << Case.filename().string()) {
          checkFixCase(*C, Case, fixFixture(*C, Case));
        }
}

TEST_CASE("fix availability is what the fixtures show", "[checks][fix]") {
  for (const check::Check *C : checks::builtinChecks()) {
    size_t Unhealthy = 0, WithFix = 0;
    for (const fs::path &Case : casesOf(fixtureDir(*C)))
      if (isBadFile(Case)) {
        FixOutcome O = fixFixture(*C, Case);
        Unhealthy += O.Unhealthy;
        WithFix += O.WithFix;
      }
    INFO(C->Id << " declares fix availability "
               << check::fixAvailabilityName(C->Fix.Availability).str()
               << "; its bad fixtures had " << Unhealthy
               << " unhealthy results, " << WithFix << " with a fix");
    switch (C->Fix.Availability) {
    case check::FixAvailability::Never:
      CHECK(WithFix == 0);
      break;
    case check::FixAvailability::Sometimes:
      CHECK(WithFix > 0);
      break;
    case check::FixAvailability::Always:
      CHECK(Unhealthy > 0);
      CHECK(WithFix == Unhealthy);
      break;
    }
  }
}

namespace {

/// Dialects of a check's bindings that have no fix by design: the fix
/// there is another resource's text, which an intent on this resource
/// cannot write (style.md: a fix edits the resource it is about).
struct NoFixDialect {
  const char *Check;
  const char *Dialect; ///< a golden's extension: .bicep, .arm.json, .tf, cfn
  const char *Why;
};

const NoFixDialect NoFixDialects[] = {
    {"AWS-EC2-005", "cfn",
     "the setting is inside NetworkInterfaces; no recipe walks it yet"},
    {"AWS-ELB-004", "cfn",
     "the bad fixture sets the attribute in LoadBalancerAttributes already; "
     "no recipe edits that element yet"},
    {"AWS-S3-001", ".tf", "aws_s3_bucket_public_access_block is a resource"},
    {"AWS-S3-004", ".tf", "aws_s3_bucket_ownership_controls is a resource"},
    {"AZ-APP-007", ".bicep", "the settings are child resources in ARM"},
    {"AZ-APP-007", ".arm.json", "the settings are child resources in ARM"},
    {"AZ-DB-003", ".arm.json",
     "flexible servers set it in a configurations child resource"},
    {"AZ-NET-009", ".arm.json",
     "the bad fixture links a WAF policy, which is a resource of its own"},
    {"AZ-SQL-004", ".bicep", "auditing is a child resource in ARM"},
    {"AZ-SQL-004", ".arm.json", "auditing is a child resource in ARM"},
};

/// The golden extensions a binding family needs.
std::vector<std::string> dialectsOf(check::Family F) {
  switch (F) {
  case check::Family::Arm:
    return {".bicep", ".arm.json"};
  case check::Family::Terraform:
    return {".tf"};
  case check::Family::CloudFormation:
    return {"cfn"};
  }
  return {};
}

bool isGoldenOf(llvm::StringRef Name, llvm::StringRef Dialect) {
  if (!Name.contains(".fixed."))
    return false;
  if (Dialect != "cfn")
    return Name.endswith(Dialect);
  return (Name.endswith(".yaml") || Name.endswith(".yml") ||
          Name.endswith(".json")) &&
         !Name.endswith(".arm.json") && !Name.endswith(".tf.json");
}

} // namespace

TEST_CASE("a check with a fix has goldens in every dialect of its bindings",
          "[checks][fix]") {
  for (const check::Check *C : checks::builtinChecks()) {
    if (C->Fix.Availability == check::FixAvailability::Never)
      continue;
    std::vector<std::string> Names;
    for (const fs::path &P : fs::directory_iterator(fixtureDir(*C)))
      Names.push_back(P.filename().string());
    for (const check::Binding &B : C->Bindings)
      for (const std::string &D : dialectsOf(B.TheFamily)) {
        bool Excepted = llvm::any_of(NoFixDialects, [&](const NoFixDialect &E) {
          return C->Id == E.Check && D == E.Dialect;
        });
        bool Covered = llvm::any_of(
            Names, [&](const std::string &N) { return isGoldenOf(N, D); });
        INFO(C->Id << " has a fix but no " << D << " golden");
        CHECK((Covered || Excepted));
        INFO(C->Id << " is listed without a fix in " << D << " but has one");
        CHECK_FALSE((Covered && Excepted));
      }
  }
}
