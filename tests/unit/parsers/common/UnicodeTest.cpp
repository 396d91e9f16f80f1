//===- UnicodeTest.cpp - UTF-8 helpers ------------------------------------===//
#include "parsers/common/Unicode.h"

#include <catch2/catch.hpp>

using namespace rampart;

TEST_CASE("unicode: code points encode as UTF-8, invalid ones as U+FFFD",
          "[unicode]") {
  std::string Out;
  appendCodePoint(Out, 'A');
  appendCodePoint(Out, 0xE9);
  appendCodePoint(Out, 0x1F600);
  CHECK(Out == "A\xC3\xA9\xF0\x9F\x98\x80");
  Out.clear();
  appendCodePoint(Out, 0xD800);
  appendCodePoint(Out, 0x110000);
  CHECK(Out == "\xEF\xBF\xBD\xEF\xBF\xBD");
}
