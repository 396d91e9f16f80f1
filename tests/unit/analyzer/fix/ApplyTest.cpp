//===- ApplyTest.cpp - Choosing, combining, diffing and writing fixes -----===//
#include "analyzer/fix/Apply.h"
#include "tests/support/TempDir.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

using namespace rampart;
using check::Applicability;

namespace {

const check::Check &someCheck() {
  static const check::Check C = [] {
    check::Check X;
    X.Id = "TEST-APPLY-001";
    return X;
  }();
  return C;
}

const model::Resource &someResource() {
  static const model::Resource R;
  return R;
}

posture::Finding findingWith(const SourceFile &File, Applicability Kind,
                             std::vector<TextEdit> Edits) {
  posture::Finding F;
  F.Result.TheCheck = &someCheck();
  F.Result.Resource = &someResource();
  F.Fix = fix::Fix{"Fix it", Kind, {{&File, std::move(Edits)}}};
  return F;
}

} // namespace

TEST_CASE("fix selection: safe only unless unsafe is allowed; suggested never",
          "[fix]") {
  auto File = SourceFile::fromText("a.bicep", "x: 1\ny: 2\nz: 3\n");
  std::vector<posture::Finding> Findings = {
      findingWith(*File, Applicability::Safe, {{3, 4, "9"}}),
      findingWith(*File, Applicability::Unsafe, {{8, 9, "8"}}),
      findingWith(*File, Applicability::Suggested, {{13, 14, "7"}})};
  fix::FixSelection Safe = fix::selectFixes(Findings, Applicability::Safe);
  REQUIRE(Safe.Files.size() == 1);
  CHECK(Safe.Files[0].Text == "x: 9\ny: 2\nz: 3\n");
  CHECK(Safe.Unsafe.size() == 1);
  CHECK(Safe.Suggested.size() == 1);
  fix::FixSelection Unsafe = fix::selectFixes(Findings, Applicability::Unsafe);
  REQUIRE(Unsafe.Files.size() == 1);
  CHECK(Unsafe.Files[0].Text == "x: 9\ny: 8\nz: 3\n");
  CHECK(Unsafe.Files[0].Fixed.size() == 2);
}

TEST_CASE("fix selection: a colliding fix is left out whole; the same edit "
          "twice is made once",
          "[fix]") {
  auto File = SourceFile::fromText("a.bicep", "{\n  a: 1\n}\n");
  std::vector<posture::Finding> Findings = {
      findingWith(*File, Applicability::Safe, {{9, 9, "  b: 2\n"}}),
      // Inserts where the first does: both would create the same place.
      findingWith(*File, Applicability::Safe,
                  {{7, 8, "5"}, {9, 9, "  c: 3\n"}}),
      // A loop's second instance: the first fix's edit again.
      findingWith(*File, Applicability::Safe, {{9, 9, "  b: 2\n"}})};
  fix::FixSelection S = fix::selectFixes(Findings, Applicability::Safe);
  REQUIRE(S.Files.size() == 1);
  CHECK(S.Files[0].Text == "{\n  a: 1\n  b: 2\n}\n");
  REQUIRE(S.Conflicting.size() == 1);
  CHECK(S.Conflicting[0] == &Findings[1]);
  CHECK(S.Files[0].Fixed.size() == 2);
}

TEST_CASE("fix selection: suppressed and baselined findings are not fixed",
          "[fix]") {
  auto File = SourceFile::fromText("a.bicep", "x: 1\n");
  std::vector<posture::Finding> Findings = {
      findingWith(*File, Applicability::Safe, {{3, 4, "9"}})};
  Findings[0].Baselined = true;
  CHECK(fix::selectFixes(Findings, Applicability::Safe).Files.empty());
}

TEST_CASE("unified diff: hunks with three lines of context", "[fix]") {
  std::string Before, After;
  for (int I = 1; I <= 20; ++I) {
    Before += "line " + std::to_string(I) + "\n";
    After += I == 5    ? "line five\n"
             : I == 18 ? "line 18\nline 18b\n"
                       : "line " + std::to_string(I) + "\n";
  }
  CHECK(fix::unifiedDiff("t.tf", Before, After) == R"(--- t.tf
+++ t.tf
@@ -2,7 +2,7 @@
 line 2
 line 3
 line 4
-line 5
+line five
 line 6
 line 7
 line 8
@@ -16,5 +16,6 @@
 line 16
 line 17
 line 18
+line 18b
 line 19
 line 20
)");
  CHECK(fix::unifiedDiff("t.tf", Before, Before).empty());
}

TEST_CASE("unified diff: a last line without a newline is marked", "[fix]") {
  CHECK(fix::unifiedDiff("t", "a\nb", "a\nc") == R"(--- t
+++ t
@@ -1,2 +1,2 @@
 a
-b
\ No newline at end of file
+c
\ No newline at end of file
)");
}

TEST_CASE("writing a fixed file keeps its byte order mark and permissions",
          "[fix]") {
  testing::TempDir Dir;
  std::string Path = Dir.write("main.bicep", "\xEF\xBB\xBFparam a int = 1\n");
  REQUIRE(!llvm::sys::fs::setPermissions(Path, llvm::sys::fs::perms(0640)));
  auto File = SourceFile::open(Path);
  REQUIRE(static_cast<bool>(File));
  REQUIRE(!fix::writeFixed(**File, "param a int = 2\n"));
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  REQUIRE(Buffer);
  CHECK((*Buffer)->getBuffer() == "\xEF\xBB\xBFparam a int = 2\n");
  auto Perms = llvm::sys::fs::getPermissions(Path);
  REQUIRE(Perms);
  CHECK(*Perms == llvm::sys::fs::perms(0640));
  // No temporary file is left beside it.
  std::error_code EC;
  size_t Entries = 0;
  for (llvm::sys::fs::directory_iterator I(Dir.path(), EC), E; I != E && !EC;
       I.increment(EC))
    ++Entries;
  CHECK(Entries == 1);
}

TEST_CASE("writing a fixed file through a symbolic link rewrites its target",
          "[fix]") {
  testing::TempDir Dir;
  std::string Target = Dir.write("real/main.tf", "a = 1\n");
  std::string Link = Dir.path() + "/main.tf";
  REQUIRE(!llvm::sys::fs::create_link(Target, Link));
  auto File = SourceFile::open(Link);
  REQUIRE(static_cast<bool>(File));
  REQUIRE(!fix::writeFixed(**File, "a = 2\n"));
  llvm::sys::fs::file_status Status;
  REQUIRE(!llvm::sys::fs::status(Link, Status, /*follow=*/false));
  CHECK(Status.type() == llvm::sys::fs::file_type::symlink_file);
  auto Buffer = llvm::MemoryBuffer::getFile(Target);
  REQUIRE(Buffer);
  CHECK((*Buffer)->getBuffer() == "a = 2\n");
}
