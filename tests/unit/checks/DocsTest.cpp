//===- DocsTest.cpp - The committed check docs are not stale --------------===//
#include "analyzer/report/CheckDocs.h"
#include "checks/Registry.h"

#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace rampart;
namespace fs = std::filesystem;

namespace {
std::string committed(const fs::path &P) {
  auto B = llvm::MemoryBuffer::getFile(P.string());
  return B ? (*B)->getBuffer().str() : std::string("(missing)");
}
} // namespace

TEST_CASE("checks/docs matches the checks' metadata", "[checks]") {
  fs::path Docs = fs::path(RAMPART_SOURCE_DIR) / "checks" / "docs";
  INFO("regenerate with: build/rampart checks docs checks/docs");
  const auto &All = checks::builtinChecks();
  CHECK(committed(Docs / "index.md") == report::checksIndexMarkdown(All));
  for (const check::Check *C : All) {
    INFO(C->Id);
    CHECK(committed(Docs / (C->Id + ".md")) == report::checkMarkdown(*C));
  }
  // No page for a check that is gone.
  size_t Pages = 0;
  for (const fs::directory_entry &E : fs::directory_iterator(Docs))
    Pages += E.path().extension() == ".md";
  CHECK(Pages == All.size() + 1);
}
