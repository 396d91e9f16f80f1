//===- FixtureTest.cpp - Every built-in check against its fixtures --------===//
//
// Each check's fixtures live in the folder beside its source file
// (checks/azure/storage/SecureTransferRequired/). Every file or folder there
// is scanned on its own, the check runs on the units, and the outcomes must
// match the fixture's role, by name:
//
//   bad*      findings, each matched by an annotation, every annotation
//             matched by a finding;
//   good*     no finding, at least one healthy outcome (so the binding
//             applied);
//   unknown*  no finding, at least one unknown outcome;
//   default*  like bad* when annotated, like good* otherwise.
//
// Annotations: a comment line whose text starts with carets, `^^^^ ID`,
// marks exactly those columns of the line above it (the previous line that
// is not an annotation); a trailing `expect: ID` marks a finding starting on
// its line. Strict JSON has a sidecar `<file>.expect`, one `ID L:C-L:C`
// per line, columns 1-based and the end just past the range.
//
//===----------------------------------------------------------------------===//
#include "analyzer/check/Engine.h"
#include "checks/Registry.h"
#include "tests/support/Fixtures.h"

#include "llvm/ADT/StringExtras.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>

using namespace rampart;
using namespace rampart::testing;
namespace fs = std::filesystem;

TEST_CASE("check fixtures", "[checks]") {
  for (const check::Check *C : checks::builtinChecks()) {
    fs::path Dir = fixtureDir(*C);
    INFO("check " << C->Id << " fixtures in " << Dir.string());
    std::vector<fs::path> Cases = casesOf(Dir);
    REQUIRE_FALSE(Cases.empty());
    for (const fs::path &Case : Cases) {
      DYNAMIC_SECTION(C->Id << " " << Case.filename().string()) {
        checkCase(*C, Case);
      }
    }
  }
}

TEST_CASE("every binding has fixtures in every dialect it covers", "[checks]") {
  for (const check::Check *C : checks::builtinChecks()) {
    std::set<std::string> Roles; // "<role>:<dialect>"
    for (const fs::path &Case : casesOf(fixtureDir(*C))) {
      std::string Name = Case.filename().string();
      std::string Role = Name.substr(0, Name.find_first_of("-."));
      auto Add = [&](llvm::StringRef File) {
        if (File.endswith(".bicep"))
          Roles.insert(Role + ":bicep");
        else if (File.endswith(".arm.json"))
          Roles.insert(Role + ":arm");
        else if (File.endswith(".tf"))
          Roles.insert(Role + ":terraform");
        else if (File.endswith(".yaml") || File.endswith(".yml"))
          Roles.insert(Role + ":cfn-yaml");
        else if (File.endswith(".json"))
          Roles.insert(Role + ":cfn-json");
      };
      if (fs::is_directory(Case)) {
        for (const fs::directory_entry &E :
             fs::recursive_directory_iterator(Case))
          Add(E.path().string());
      } else {
        Add(Name);
      }
    }
    INFO("check " << C->Id);
    for (const check::Binding &B : C->Bindings) {
      std::vector<std::string> Dialects;
      if (B.TheFamily == check::Family::Arm)
        Dialects = {"bicep", "arm"};
      else if (B.TheFamily == check::Family::Terraform)
        Dialects = {"terraform"};
      else
        Dialects = {"cfn-yaml", "cfn-json"};
      for (const std::string &D : Dialects)
        for (const char *Role : {"bad", "good"}) {
          INFO("needs a " << Role << " fixture for " << D);
          CHECK(Roles.count(std::string(Role) + ":" + D));
        }
      // Unknown fixtures: a parameter or variable without a value.
      INFO("needs an unknown fixture for " << Dialects[0]);
      CHECK(Roles.count("unknown:" + Dialects[0]));
    }
  }
}

TEST_CASE("the catalog's ids and texts are well formed", "[checks]") {
  std::set<std::string> Ids;
  for (const check::Check *C : checks::builtinChecks()) {
    INFO("check " << C->Id);
    CHECK(Ids.insert(C->Id).second);
    llvm::StringRef Id = C->Id;
    CHECK((Id.startswith("AZ-") || Id.startswith("AWS-") ||
           Id.startswith("GCP-")));
    CHECK(Id.size() > 4);
    CHECK(llvm::isDigit(Id.back()));
    // Titles are "should" sentences, capitalized, without a final period.
    CHECK(llvm::StringRef(C->Title).contains(" should "));
    CHECK(std::isupper(static_cast<unsigned char>(C->Title.front())));
    CHECK(C->Title.back() != '.');
    CHECK_FALSE(C->Control.empty());
    CHECK_FALSE(C->Remediation.empty());
    CHECK(C->Remediation.back() != '.');
    CHECK_FALSE(C->Bindings.empty());
  }
  // The registry is sorted by id.
  const auto &All = checks::builtinChecks();
  CHECK(std::is_sorted(All.begin(), All.end(),
                       [](auto *A, auto *B) { return A->Id < B->Id; }));
}
