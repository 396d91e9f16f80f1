//===- SourceFileTest.cpp - Line tables, BOM, UTF-8 and UTF-16 ------------===//
#include "parsers/common/SourceFile.h"

#include <catch2/catch.hpp>

using namespace rampart;

TEST_CASE("source file: positions from offsets", "[source]") {
  auto F = SourceFile::fromText("f", "ab\ncd\r\n\nx");
  CHECK(F->lineCount() == 4);
  CHECK(F->position(0) == SourcePosition{0, 1, 1});
  CHECK(F->position(2) == SourcePosition{2, 1, 3});
  CHECK(F->position(3) == SourcePosition{3, 2, 1});
  CHECK(F->position(8) == SourcePosition{8, 4, 1});
  CHECK(F->position(100) == SourcePosition{9, 4, 2}); // clamped to the end
  CHECK(F->lineText(2) == "cd");                      // no \r
  CHECK(F->lineText(3).empty());
  CHECK(F->lineText(5).empty());
  CHECK(F->offset(2, 2) == 4);
  CHECK(F->offset(2, 99) == 5); // clamped to the line
}

TEST_CASE("source file: a BOM is not part of the text", "[source]") {
  auto F = SourceFile::fromText("f", "\xEF\xBB\xBFkey: 1");
  CHECK(F->hasByteOrderMark());
  CHECK(F->text() == "key: 1");
  CHECK(F->position(0) == SourcePosition{0, 1, 1});
}

TEST_CASE("source file: UTF-16 columns for the LSP", "[source]") {
  // 'é' is 2 bytes and 1 UTF-16 unit; U+1F600 is 4 bytes and 2 units.
  auto F = SourceFile::fromText("f", "x\n\xC3\xA9\xF0\x9F\x98\x80z");
  SourcePosition Z = F->position(8);
  CHECK(Z.Column == 7);
  CHECK(F->utf16Column(Z) == 3);
  CHECK(F->offsetFromUtf16(1, 3) == 8);
  CHECK(F->offsetFromUtf16(1, 1) == 4);
  CHECK(F->offsetFromUtf16(7, 0) == F->text().size());
}

TEST_CASE("source file: invalid UTF-8 and NUL bytes are found", "[source]") {
  CHECK_FALSE(SourceFile::fromText("f", "ok \xC3\xA9")->firstInvalidUtf8());
  CHECK(SourceFile::fromText("f", "ab\xFF")->firstInvalidUtf8() == 2u);
  CHECK(SourceFile::fromText("f", "ab\xC3")->firstInvalidUtf8() == 2u);
  CHECK(SourceFile::fromText("f", llvm::StringRef("a\0b", 3))->firstNulByte() ==
        1u);
}

TEST_CASE("source file: open reports unreadable paths as errors", "[source]") {
  auto F = SourceFile::open("/nonexistent/rampart/file.tf");
  bool Opened = static_cast<bool>(F);
  REQUIRE_FALSE(Opened);
  std::string Message = llvm::toString(F.takeError());
  CHECK(Message.find("cannot read '/nonexistent/rampart/file.tf'") == 0);
}
