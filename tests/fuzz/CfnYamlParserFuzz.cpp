//===- CfnYamlParserFuzz.cpp - Fuzz target: CloudFormation YAML -----------===//
#include "Parse.h"

#include "parsers/cloudformation/YamlParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  rampart::fuzz::parseAndWalk(Data, Size, "template.yaml",
                              [](const rampart::SourceFile &F) {
                                return rampart::parsers::parseYaml(F);
                              });
  return 0;
}
