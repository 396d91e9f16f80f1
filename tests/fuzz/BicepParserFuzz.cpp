//===- BicepParserFuzz.cpp - Fuzz target: the Bicep parser ----------------===//
#include "Parse.h"

#include "parsers/bicep/BicepParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  rampart::fuzz::parseAndWalk(Data, Size, "main.bicep",
                              [](const rampart::SourceFile &F) {
                                return rampart::parsers::parseBicep(F);
                              });
  return 0;
}
