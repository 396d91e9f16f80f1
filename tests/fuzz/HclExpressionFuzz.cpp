//===- HclExpressionFuzz.cpp - Fuzz target: HCL expressions and functions -===//
#include "Evaluate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Expr(reinterpret_cast<const char *>(Data), Size);
  rampart::fuzz::evaluateText("/rampart-fuzz/main.tf",
                              "variable \"v\" {\n  default = [\"a\", 1]\n}\n"
                              "locals {\n  l = { k = true }\n}\n"
                              "resource \"aws_s3_bucket\" \"b\" {\n"
                              "  bucket = " +
                                  Expr + "\n}\n");
  return 0;
}
