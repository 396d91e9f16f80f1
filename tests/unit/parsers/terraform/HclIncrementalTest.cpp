//===- HclIncrementalTest.cpp - Re-parsing only what an edit changed ------===//
//
// The language server re-parses an edited .tf file from its previous tree
// (tree-sitter's edit API). The result must be the document a whole parse
// gives: same nodes, same ranges, same diagnostics. Real check fixtures are
// edited at seeded random places with insertions, deletions and
// replacements (many of which break the syntax), one version after another,
// as typing does.
//
//===----------------------------------------------------------------------===//
#include "parsers/common/DocumentJson.h"
#include "parsers/terraform/HclParser.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

using namespace rampart;
using namespace rampart::parsers;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> someTerraformFixtures(size_t Count) {
  std::vector<fs::path> All;
  for (const auto &E :
       fs::recursive_directory_iterator(RAMPART_SOURCE_DIR "/checks"))
    if (E.path().extension() == ".tf")
      All.push_back(E.path());
  std::sort(All.begin(), All.end());
  std::vector<fs::path> Out;
  for (size_t I = 0; I < All.size() && Out.size() < Count;
       I += std::max<size_t>(1, All.size() / Count))
    Out.push_back(All[I]);
  return Out;
}

std::string readText(const fs::path &P) {
  std::ifstream In(P, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

/// One keystroke-like change: insert, delete or replace a few bytes.
std::string edited(const std::string &Text, std::mt19937 &Random) {
  static const char *Snippets[] = {"x",  "\n", " = ", "{", "}",  "\"",
                                   "${", "#",  "ü",   "[", "1,", "true"};
  size_t At = Text.empty() ? 0 : Random() % (Text.size() + 1);
  size_t Removed = Random() % 3 == 0 ? Random() % 6 : 0;
  Removed = std::min(Removed, Text.size() - At);
  std::string Inserted =
      Random() % 4 == 0 ? "" : Snippets[Random() % std::size(Snippets)];
  return Text.substr(0, At) + Inserted + Text.substr(At + Removed);
}

} // namespace

TEST_CASE("HCL: an incremental re-parse gives the whole parse's document",
          "[parsers][hcl]") {
  std::vector<fs::path> Files = someTerraformFixtures(12);
  REQUIRE(Files.size() >= 10);
  for (const fs::path &F : Files) {
    DYNAMIC_SECTION(F.lexically_relative(RAMPART_SOURCE_DIR).string()) {
      std::mt19937 Random(7);
      std::string Text = readText(F);
      auto First = SourceFile::fromText("main.tf", Text);
      // Replaced with emplace, not assigned: Document's defaulted move
      // assignment lets SpecificBumpPtrAllocator free the old nodes'
      // memory without running their destructors (LeakSanitizer saw it).
      std::optional<Document> Previous;
      Previous.emplace(
          parseHcl(*First, FileRole::Template, {nullptr, /*KeepTree=*/true}));
      std::vector<std::unique_ptr<SourceFile>> Versions;
      Versions.push_back(std::move(First));
      for (int Step = 0; Step < 40; ++Step) {
        Text = edited(Text, Random);
        Versions.push_back(SourceFile::fromText("main.tf", Text));
        const SourceFile &Now = *Versions.back();
        Document Incremental =
            parseHcl(Now, FileRole::Template, {&*Previous, true});
        Document Whole = parseHcl(Now);
        INFO("step " << Step << ":\n" << Text);
        REQUIRE(documentToJson(Incremental) == documentToJson(Whole));
        Previous.emplace(std::move(Incremental));
      }
    }
  }
}

TEST_CASE("HCL: the tree is kept only when asked", "[parsers][hcl]") {
  auto Source = SourceFile::fromText("main.tf", "a = 1\n");
  CHECK(parseHcl(*Source).incrementalState() == nullptr);
  CHECK(parseHcl(*Source, FileRole::Template, {nullptr, true})
            .incrementalState() != nullptr);
}
