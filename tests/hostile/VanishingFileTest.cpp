//===- VanishingFileTest.cpp - Files that change while a scan reads them --===//
//
// Part of the hostile-input suite, in process: the scan's progress callback
// runs between one file and the next, so a file can be made to vanish (or
// shrink) after discovery listed it and before the loader opens it, every
// time, not only when a race happens to go that way.
//
//===----------------------------------------------------------------------===//
#include "analyzer/Scan.h"
#include "tests/support/TempDir.h"

#include "llvm/Support/FileSystem.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace rampart;

namespace {

const workspace::LoadedFile &fileNamed(const ScanResult &R,
                                       llvm::StringRef Name) {
  for (const workspace::LoadedFile &F : R.Files)
    if (llvm::StringRef(F.Path).endswith(Name))
      return F;
  FAIL("no file " << Name.str());
  return R.Files.front();
}

/// Scans Dir with one thread; after the first file is read, Change runs.
ScanResult scanChanging(const testing::TempDir &Dir,
                        std::function<void()> Change) {
  ScanOptions O;
  O.Paths = {Dir.path()};
  O.Jobs = 1;
  O.Progress = [&](size_t Done, size_t) {
    if (Done == 1)
      Change();
  };
  return scanWorkspace(O);
}

} // namespace

TEST_CASE("hostile: a file deleted between discovery and reading is an "
          "error on that file, and the scan goes on",
          "[hostile]") {
  testing::TempDir Dir;
  Dir.write("a.tf", "resource \"aws_s3_bucket\" \"a\" {}\n");
  std::string Gone = Dir.write("b.tf", "resource \"aws_s3_bucket\" \"b\" {}\n");
  Dir.write("c.tf", "resource \"aws_s3_bucket\" \"c\" {}\n");
  ScanResult R = scanChanging(Dir, [&] { llvm::sys::fs::remove(Gone); });
  REQUIRE(R.Files.size() == 3);
  const workspace::LoadedFile &B = fileNamed(R, "b.tf");
  CHECK(B.Doc == nullptr);
  CHECK_THAT(B.ReadError, Catch::Contains("No such file or directory"));
  CHECK(fileNamed(R, "c.tf").Doc != nullptr);
  CHECK(R.errorCount() == 1);
}

TEST_CASE("hostile: a file emptied between discovery and reading is read as "
          "it is then",
          "[hostile]") {
  testing::TempDir Dir;
  Dir.write("a.tf", "locals {}\n");
  // Large enough that a reader would map it rather than copy it.
  std::string Shrunk =
      Dir.write("b.tf", std::string(1 << 20, '#') + "\nlocals {}\n");
  ScanResult R = scanChanging(
      Dir, [&] { std::ofstream Truncate(Shrunk, std::ios::trunc); });
  const workspace::LoadedFile &B = fileNamed(R, "b.tf");
  REQUIRE(B.Source != nullptr);
  CHECK(B.Source->text().empty());
  CHECK(B.Doc != nullptr);
}
