//===- Fixtures.h - Running a check on its fixture folder ------*- C++ -*-===//
//
// Each built-in check's fixtures live in the folder beside its source file
// (checks/azure/storage/SecureTransferRequired/); tests/unit/checks/
// FixtureTest.cpp states the naming and annotation conventions. These
// helpers are shared by that test and by the policy round trip, which runs
// an exported-and-reloaded check on the same fixtures.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_TESTS_SUPPORT_FIXTURES_H
#define RAMPART_TESTS_SUPPORT_FIXTURES_H

#include "analyzer/check/Engine.h"

#include <filesystem>
#include <string>
#include <vector>

namespace rampart::testing {

/// A finding a fixture's annotations ask for.
struct Expected {
  std::string File;                                          ///< absolute
  unsigned Line = 0, Column = 0, EndLine = 0, EndColumn = 0; ///< 0: any end
  std::string Id;

  std::string str() const;
};

/// The annotations of one fixture file (carets, `expect:`, or a sidecar
/// `<file>.expect`).
void annotationsOf(const std::filesystem::path &P, std::vector<Expected> &Out);

/// What one check gave on one fixture (a file or a folder scanned alone).
/// Findings are copied out by value: their pointers into the scan are
/// dangling once run() returns, except TheCheck.
struct Outcomes {
  std::vector<check::Result> Findings;
  size_t Healthy = 0, Unknown = 0;
  /// The resource ids of the healthy results (the pointers of Findings
  /// dangle, these are copies).
  std::vector<std::string> HealthyResources;
  std::vector<std::string> ErrorMessages;
};

Outcomes runOnFixture(const check::Check &C, const std::filesystem::path &Case);

bool matches(const Expected &E, const check::Result &F);
/// "file:L:C-L:C ID "message"", for test output.
std::string describe(const check::Result &F);

/// What the check's fixes do to one fixture: every fix, whatever its
/// applicability (the harness checks suggested fixes too), applied.
struct FixOutcome {
  size_t Unhealthy = 0; ///< unhealthy results
  size_t WithFix = 0;   ///< of which had a planned fix
  /// Resource ids of the results that were fixed.
  std::vector<std::string> FixedResources;
  /// The new text of each file the fixes change, by path as scanned.
  std::vector<std::pair<std::string, std::string>> FixedFiles;
  /// Fixes left out because they edit the same text as an earlier one.
  size_t Conflicting = 0;
};

FixOutcome fixFixture(const check::Check &C, const std::filesystem::path &Case);

/// Where the fixed text of a bad fixture is kept: bad.arm.json ->
/// bad.fixed.arm.json (".fixed" before the first dot of the name).
std::filesystem::path fixedGoldenOf(const std::filesystem::path &Case);
bool isFixedGolden(const std::filesystem::path &P);

/// The check's fixture folder: its source file's path without extension.
std::filesystem::path fixtureDir(const check::Check &C);
/// The fixtures in a folder, sorted (sidecars and fixed goldens left out).
std::vector<std::filesystem::path> casesOf(const std::filesystem::path &Dir);

/// Runs C on Case and checks the outcomes against the fixture's role (by
/// name) and annotations, with Catch2 assertions.
void checkCase(const check::Check &C, const std::filesystem::path &Case);

} // namespace rampart::testing

#endif
