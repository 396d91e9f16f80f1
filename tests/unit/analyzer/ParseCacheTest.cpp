//===- ParseCacheTest.cpp - Parsed files kept across runs -----------------===//
#include "analyzer/workspace/ParseCache.h"
#include "tests/support/TempDir.h"

#include "parsers/common/DocumentJson.h"

#include <catch2/catch.hpp>

using namespace rampart;

namespace {

workspace::LoadOptions withBuffer(std::shared_ptr<workspace::ParseCache> Cache,
                                  const std::string &Path,
                                  const std::string &Text) {
  auto Overlay = std::make_shared<llvm::StringMap<std::string>>();
  (*Overlay)[Path] = Text;
  workspace::LoadOptions O;
  O.Cache = std::move(Cache);
  O.Overlay = std::move(Overlay);
  return O;
}

} // namespace

TEST_CASE("parse cache: the same text is parsed once, a new text again",
          "[workspace]") {
  testing::TempDir Dir;
  std::string Path =
      Dir.write("main.tf", "resource \"a\" \"b\" {\n  x = 1\n}\n");
  auto Cache = std::make_shared<workspace::ParseCache>();
  workspace::LoadOptions O;
  O.Cache = Cache;

  workspace::LoadedFile First = workspace::loadFile(Path, O);
  workspace::LoadedFile Again = workspace::loadFile(Path, O);
  REQUIRE(First.Doc);
  CHECK(Again.Doc == First.Doc);
  CHECK(Again.Source == First.Source);
  CHECK(Cache->hits() == 1);

  // An unsaved edit: parsed anew (from the kept tree), and it is the
  // document a whole parse of the new text gives.
  std::string Edited = "resource \"a\" \"b\" {\n  x = 2\n  y = true\n}\n";
  workspace::LoadedFile Changed =
      workspace::loadFile(Path, withBuffer(Cache, Path, Edited));
  REQUIRE(Changed.Doc);
  CHECK(Changed.Doc != First.Doc);
  CHECK(Changed.Source->text() == Edited);
  CHECK(Changed.Doc->incrementalState() != nullptr);
  workspace::LoadedFile Whole =
      workspace::loadFile(Path, withBuffer(nullptr, Path, Edited));
  CHECK(Whole.Doc->incrementalState() == nullptr);
  CHECK(documentToJson(*Changed.Doc) == documentToJson(*Whole.Doc));
  CHECK(Cache->hits() == 1);
  CHECK(Cache->size() == 1);
}

TEST_CASE("parse cache: the least recently used files go past the limit",
          "[workspace]") {
  testing::TempDir Dir;
  auto Cache = std::make_shared<workspace::ParseCache>(/*MaxFiles=*/2);
  workspace::LoadOptions O;
  O.Cache = Cache;
  std::string A = Dir.write("a.tf", "a = 1\n");
  std::string B = Dir.write("b.tf", "b = 1\n");
  std::string C = Dir.write("c.tf", "c = 1\n");
  workspace::loadFile(A, O);
  workspace::loadFile(B, O);
  workspace::loadFile(A, O); // A is now more recent than B
  workspace::loadFile(C, O); // B goes
  CHECK(Cache->size() == 2);
  size_t Hits = Cache->hits();
  workspace::loadFile(A, O);
  CHECK(Cache->hits() == Hits + 1);
  workspace::loadFile(B, O);
  CHECK(Cache->hits() == Hits + 1);
}
