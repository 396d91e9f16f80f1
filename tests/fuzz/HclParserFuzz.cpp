//===- HclParserFuzz.cpp - Fuzz target: HCL native syntax (.tf) -----------===//
#include "Parse.h"

#include "parsers/terraform/HclParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  rampart::fuzz::parseAndWalk(Data, Size, "main.tf",
                              [](const rampart::SourceFile &F) {
                                return rampart::parsers::parseHcl(F);
                              });
  return 0;
}
