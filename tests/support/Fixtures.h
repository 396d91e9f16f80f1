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
  std::vector<std::string> ErrorMessages;
};

Outcomes runOnFixture(const check::Check &C, const std::filesystem::path &Case);

bool matches(const Expected &E, const check::Result &F);
/// "file:L:C-L:C ID "message"", for test output.
std::string describe(const check::Result &F);

/// The check's fixture folder: its source file's path without extension.
std::filesystem::path fixtureDir(const check::Check &C);
/// The fixtures in a folder, sorted (sidecars left out).
std::vector<std::filesystem::path> casesOf(const std::filesystem::path &Dir);

/// Runs C on Case and checks the outcomes against the fixture's role (by
/// name) and annotations, with Catch2 assertions.
void checkCase(const check::Check &C, const std::filesystem::path &Case);

} // namespace rampart::testing

#endif
