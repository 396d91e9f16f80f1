//===- ArmJsonParserFuzz.cpp - Fuzz target: ARM JSON (comments allowed) ---===//
#include "Parse.h"

#include "parsers/common/JsonParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  rampart::fuzz::parseAndWalk(
      Data, Size, "azuredeploy.json", [](const rampart::SourceFile &F) {
        return rampart::parsers::parseJson(F, rampart::Dialect::Arm,
                                           rampart::FileRole::Template,
                                           rampart::parsers::JsonSyntax::Azure);
      });
  return 0;
}
