//===- PolicyRoundTripTest.cpp - Built-in checks as policies --------------===//
//
// The policy format's reach: every built-in check whose bindings are all
// property rules of data (no C++ test or predicate) exports to YAML, loads
// back, and gives exactly the built-in's outcomes on the built-in's
// fixtures: the same findings (range and message), the same healthy and
// unknown counts, and the fixtures' annotations still hold.
//
//===----------------------------------------------------------------------===//
#include "analyzer/check/Policy.h"
#include "checks/Registry.h"
#include "tests/support/Fixtures.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace rampart;
using namespace rampart::testing;
namespace fs = std::filesystem;

namespace {

/// The check exported and loaded back; the PolicySet owns it.
const check::Check *reload(const check::Check &C, check::PolicySet &Owner) {
  std::string Error;
  std::optional<std::string> Yaml = check::exportPolicy(C, Error);
  REQUIRE(Yaml);
  INFO("exported:\n" << *Yaml);
  Owner.loadFile(SourceFile::fromText(C.Id + ".yaml", *Yaml), {});
  for (const check::PolicyDiagnostic &D : Owner.diagnostics())
    UNSCOPED_INFO(D.D.Range.Start.Line << ':' << D.D.Range.Start.Column << ": "
                                       << D.D.Message);
  REQUIRE(Owner.diagnostics().empty());
  REQUIRE(Owner.checks().size() == 1);
  return Owner.checks().front();
}

/// A finding by value: file, range and message.
std::string key(const check::Result &R) {
  std::ostringstream S;
  S << R.File << ':' << R.Range.Start.Line << ':' << R.Range.Start.Column << '-'
    << R.Range.End.Line << ':' << R.Range.End.Column << ' ' << R.TheCheck->Id
    << ' ' << R.Message;
  return S.str();
}

std::vector<std::string> keys(const Outcomes &O) {
  std::vector<std::string> Out;
  for (const check::Result &R : O.Findings)
    Out.push_back(key(R));
  return Out;
}

void checkSameMetadata(const check::Check &A, const check::Check &B) {
  CHECK(A.Id == B.Id);
  CHECK(A.Title == B.Title);
  CHECK(A.Severity == B.Severity);
  CHECK(A.Control == B.Control);
  REQUIRE(A.Compliance.size() == B.Compliance.size());
  for (size_t I = 0; I < A.Compliance.size(); ++I) {
    CHECK(A.Compliance[I].Framework == B.Compliance[I].Framework);
    CHECK(A.Compliance[I].Id == B.Compliance[I].Id);
  }
  CHECK(A.Why == B.Why);
  CHECK(A.Remediation == B.Remediation);
  CHECK(A.References == B.References);
  REQUIRE(A.Bindings.size() == B.Bindings.size());
  for (size_t I = 0; I < A.Bindings.size(); ++I) {
    CHECK(A.Bindings[I].TheFamily == B.Bindings[I].TheFamily);
    CHECK(A.Bindings[I].Provider == B.Bindings[I].Provider);
    CHECK(A.Bindings[I].Types == B.Bindings[I].Types);
  }
}

std::vector<const check::Check *> exportableBuiltins() {
  std::vector<const check::Check *> Out;
  std::string Error;
  for (const check::Check *C : checks::builtinChecks())
    if (check::exportPolicy(*C, Error))
      Out.push_back(C);
  return Out;
}

} // namespace

TEST_CASE("exportable built-in checks round-trip through YAML",
          "[checks][policy]") {
  std::vector<const check::Check *> Exportable = exportableBuiltins();
  // Property rules with apiVersion defaults and aliases must be expressible.
  for (const char *Id : {"AZ-STORAGE-001", "AZ-KV-001", "AWS-RDS-003"})
    CHECK(llvm::any_of(Exportable,
                       [&](const check::Check *C) { return C->Id == Id; }));
  for (const check::Check *Builtin : Exportable) {
    check::PolicySet Owner;
    const check::Check *Loaded = reload(*Builtin, Owner);
    INFO("check " << Builtin->Id);
    checkSameMetadata(*Builtin, *Loaded);
    for (const fs::path &Case : casesOf(fixtureDir(*Builtin))) {
      DYNAMIC_SECTION(Builtin->Id << " " << Case.filename().string()) {
        Outcomes Want = runOnFixture(*Builtin, Case);
        Outcomes Got = runOnFixture(*Loaded, Case);
        CHECK(keys(Got) == keys(Want));
        CHECK(Got.Healthy == Want.Healthy);
        CHECK(Got.Unknown == Want.Unknown);
        // The annotations hold for the loaded check too (same id).
        checkCase(*Loaded, Case);
      }
    }
  }
}

TEST_CASE("the exported text is stable", "[checks][policy]") {
  for (const check::Check *Builtin : exportableBuiltins()) {
    INFO("check " << Builtin->Id);
    std::string Error;
    std::string First = *check::exportPolicy(*Builtin, Error);
    check::PolicySet Owner;
    const check::Check *Loaded = reload(*Builtin, Owner);
    std::optional<std::string> Second = check::exportPolicy(*Loaded, Error);
    REQUIRE(Second);
    CHECK(*Second == First);
  }
}

TEST_CASE("the exported storage check reads as documented",
          "[checks][policy]") {
  const check::Check *C = checks::findBuiltinCheck("AZ-STORAGE-001");
  REQUIRE(C);
  std::string Error;
  std::optional<std::string> Yaml = check::exportPolicy(*C, Error);
  REQUIRE(Yaml);
  // The ARM binding's versioned default, as checks/policy-format.md shows.
  CHECK(llvm::StringRef(*Yaml).contains(R"(  - family: arm
    types: ["Microsoft.Storage/storageAccounts"]
    property:
      path: "properties.supportsHttpsTrafficOnly"
      equals: true
      defaults:
        - value: true
          when: {apiVersionSince: "2019-04-01"}
        - value: false
)"));
  CHECK(llvm::StringRef(*Yaml).contains(R"(  - family: terraform
    provider: "azurerm"
    types: ["azurerm_storage_account"]
    property:
      path: "https_traffic_only_enabled"
      aliases: ["enable_https_traffic_only"]
      equals: true
      defaults:
        - value: true
)"));
}
