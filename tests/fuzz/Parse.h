//===- Parse.h - Shared bodies of the parser fuzz targets ------*- C++ -*-===//
//
// Each fuzz target is one libFuzzer entry point over one parser or
// evaluator; what they share is here. A crash, a sanitizer report, a hang
// (libFuzzer's -timeout) or an allocation past -rss_limit_mb is a finding.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_TESTS_FUZZ_PARSE_H
#define RAMPART_TESTS_FUZZ_PARSE_H

#include "parsers/common/Document.h"
#include "parsers/common/DocumentJson.h"
#include "parsers/common/SourceFile.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace rampart::fuzz {

inline std::string textOf(const uint8_t *Data, size_t Size) {
  return std::string(reinterpret_cast<const char *>(Data), Size);
}

/// Parses Data as Name with Parse, then walks the whole document (every
/// node and range), as the evaluators and reporters do.
template <typename ParseFn>
void parseAndWalk(const uint8_t *Data, size_t Size, const char *Name,
                  ParseFn Parse) {
  auto Source = SourceFile::fromText(Name, textOf(Data, Size));
  Document Doc = Parse(*Source);
  (void)documentToJson(Doc).dump(-1, ' ', false,
                                 nlohmann::json::error_handler_t::replace);
}

} // namespace rampart::fuzz

#endif
