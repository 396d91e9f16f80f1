//===- CfnIntrinsicsFuzz.cpp - Fuzz target: CloudFormation intrinsics -----===//
#include "Evaluate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Expr(reinterpret_cast<const char *>(Data), Size);
  rampart::fuzz::evaluateText(
      "/rampart-fuzz/template.yaml",
      "AWSTemplateFormatVersion: \"2010-09-09\"\n"
      "Parameters:\n  P:\n    Type: String\n    Default: a\n"
      "Mappings:\n  M:\n    k:\n      v: x\n"
      "Conditions:\n  C: !Equals [!Ref P, a]\n"
      "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
      "      BucketName: " +
          Expr + "\n");
  return 0;
}
