//===- TfvarsParserFuzz.cpp - Fuzz target: .tfvars files ------------------===//
#include "Parse.h"

#include "parsers/terraform/HclParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  rampart::fuzz::parseAndWalk(
      Data, Size, "terraform.tfvars", [](const rampart::SourceFile &F) {
        return rampart::parsers::parseHcl(F, rampart::FileRole::Variables);
      });
  return 0;
}
