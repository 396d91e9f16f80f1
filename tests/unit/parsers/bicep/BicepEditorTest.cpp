//===- BicepEditorTest.cpp - Format-preserving Bicep edits ----------------===//
#include "parsers/bicep/BicepEditor.h"
#include "parsers/bicep/BicepParser.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::parsers;

namespace {

const char *Storage =
    R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st'
  sku: { name: 'Standard_LRS' }
  properties: {
    supportsHttpsTrafficOnly: false // legacy clients
  }
}
)";

/// Applies Edit to the body of the file's first resource, checks that the
/// result parses, and returns it.
template <typename EditFn>
std::string edited(const std::string &Text, EditFn Edit) {
  auto Source = SourceFile::fromText("main.bicep", Text);
  Document Doc = parseBicep(*Source);
  REQUIRE(!Doc.hasErrors());
  const Node *Body = Doc.root()->Items.front()->get("value");
  REQUIRE(Body);
  auto Edits = Edit(Doc, *Body);
  REQUIRE(static_cast<bool>(Edits));
  AppliedEdits A = applyEdits(Text, *Edits);
  REQUIRE(A.Rejected.empty());
  auto After = SourceFile::fromText("main.bicep", A.Text);
  INFO(A.Text);
  CHECK(!parseBicep(*After).hasErrors());
  return A.Text;
}

auto setting(std::vector<std::string> Path, std::string Value) {
  return [=](const Document &Doc, const Node &Body) {
    return setBicepValue(Doc, Body, Path, Value);
  };
}

} // namespace

TEST_CASE("Bicep edit: replace a value; the comment stays", "[fix]") {
  CHECK(edited(Storage,
               setting({"properties", "supportsHttpsTrafficOnly"}, "true")) ==
        R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st'
  sku: { name: 'Standard_LRS' }
  properties: {
    supportsHttpsTrafficOnly: true // legacy clients
  }
}
)");
}

TEST_CASE("Bicep edit: a new line without a comma; missing objects created",
          "[fix]") {
  CHECK(edited(Storage, setting({"properties", "networkAcls", "defaultAction"},
                                "'Deny'")) ==
        R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st'
  sku: { name: 'Standard_LRS' }
  properties: {
    supportsHttpsTrafficOnly: false // legacy clients
    networkAcls: {
      defaultAction: 'Deny'
    }
  }
}
)");
}

TEST_CASE("Bicep edit: one-line objects keep commas; odd keys are quoted",
          "[fix]") {
  CHECK(edited(Storage, setting({"sku", "my-tier"}, "'Standard'")) ==
        R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st'
  sku: { name: 'Standard_LRS', 'my-tier': 'Standard' }
  properties: {
    supportsHttpsTrafficOnly: false // legacy clients
  }
}
)");
}

TEST_CASE("Bicep edit: remove the last key of a multi-line object", "[fix]") {
  const char *Text = "resource st 'T@1' = {\n  name: 'st'\n"
                     "  properties: {\n    a: 1\n    b: 2\n  }\n}\n";
  CHECK(edited(Text,
               [](const Document &Doc, const Node &Body) {
                 return removeBicepKey(Doc, Body, {"properties", "b"});
               }) == "resource st 'T@1' = {\n  name: 'st'\n"
                     "  properties: {\n    a: 1\n  }\n}\n");
}

TEST_CASE("Bicep edit: objects created in a one-line object are spaced like "
          "it",
          "[fix]") {
  CHECK(edited(Storage, setting({"sku", "capacity", "max"}, "3")) ==
        R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st'
  sku: { name: 'Standard_LRS', capacity: { max: 3 } }
  properties: {
    supportsHttpsTrafficOnly: false // legacy clients
  }
}
)");
}

TEST_CASE("Bicep edit: a multi-line array that grows gets a line per new "
          "item, without commas",
          "[fix]") {
  const char *Text = "resource c 'T@1' = {\n  properties: {\n"
                     "    types: [\n      'api' // always\n    ]\n  }\n}\n";
  CHECK(edited(Text, setting({"properties", "types"},
                             "['api', 'audit', 'authenticator']")) ==
        "resource c 'T@1' = {\n  properties: {\n"
        "    types: [\n      'api' // always\n      'audit'\n"
        "      'authenticator'\n    ]\n  }\n}\n");
}
