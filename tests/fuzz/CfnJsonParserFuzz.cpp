//===- CfnJsonParserFuzz.cpp - Fuzz target: CloudFormation JSON (strict) --===//
#include "Parse.h"

#include "parsers/common/JsonParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  rampart::fuzz::parseAndWalk(
      Data, Size, "template.json", [](const rampart::SourceFile &F) {
        return rampart::parsers::parseJson(
            F, rampart::Dialect::CloudFormation, rampart::FileRole::Template,
            rampart::parsers::JsonSyntax::Strict);
      });
  return 0;
}
