//===- ArmExpressionFuzz.cpp - Fuzz target: the ARM expression language ---===//
#include "Evaluate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Expr(reinterpret_cast<const char *>(Data), Size);
  std::string Value = rampart::fuzz::jsonString("[" + Expr + "]");
  rampart::fuzz::evaluateText(
      "/rampart-fuzz/azuredeploy.json",
      R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
 "contentVersion": "1.0.0.0",
 "parameters": {"p": {"type": "string", "defaultValue": "a"}},
 "variables": {"v": [1, "two", {"k": true}]},
 "resources": [{"type": "Microsoft.Storage/storageAccounts",
   "apiVersion": "2023-01-01", "name": "st",
   "properties": {"x": )" +
          Value + R"(}}]})");
  return 0;
}
