//===- WorkspaceTest.cpp - Analyses of open documents, annotated ----------===//
//
// Sources are written with their expectations inside: `[[` and `]]` mark a
// range a diagnostic must have, `^` a position to ask about (both removed
// before the text is used). Positions are compared in LSP terms (0-based
// lines, UTF-16 characters), so multi-byte text before a range counts.
//
//===----------------------------------------------------------------------===//
#include "lsp/Workspace.h"
#include "lsp/Features.h"
#include "tests/support/TempDir.h"

#include "llvm/ADT/STLExtras.h"

#include <catch2/catch.hpp>

using namespace rampart;
using lsp::Json;

namespace {

struct Annotated {
  std::string Text;
  std::vector<Json> Ranges; ///< LSP ranges of the [[...]] marks
  std::vector<Json> Points; ///< LSP positions of the ^ marks
};

/// The LSP position of the end of Text (it holds no marks).
Json positionAfter(const std::string &Text) {
  size_t LineStart = Text.rfind('\n');
  LineStart = LineStart == std::string::npos ? 0 : LineStart + 1;
  size_t Units = 0;
  for (size_t I = LineStart; I < Text.size(); ++I) {
    unsigned char C = Text[I];
    if ((C & 0xC0) == 0x80)
      continue;                 // a continuation byte
    Units += C >= 0xF0 ? 2 : 1; // four-byte sequences are surrogate pairs
  }
  return {{"line", std::count(Text.begin(), Text.end(), '\n')},
          {"character", Units}};
}

Annotated annotate(llvm::StringRef Source) {
  Annotated A;
  Json Start;
  for (size_t I = 0; I < Source.size(); ++I) {
    if (Source.substr(I).startswith("[[")) {
      Start = positionAfter(A.Text);
      ++I;
    } else if (Source.substr(I).startswith("]]")) {
      A.Ranges.push_back({{"start", Start}, {"end", positionAfter(A.Text)}});
      ++I;
    } else if (Source[I] == '^') {
      A.Points.push_back(positionAfter(A.Text));
    } else {
      A.Text += Source[I];
    }
  }
  return A;
}

struct Opened {
  testing::TempDir Dir;
  lsp::Workspace WS;
  std::string Path;
  std::shared_ptr<lsp::Snapshot> S;
};

/// Writes OnDisk to Name, opens it in a workspace with Text (unsaved), and
/// analyses its scope.
std::unique_ptr<Opened> open(const std::string &Name, const std::string &Text,
                             const std::string &OnDisk) {
  auto O = std::make_unique<Opened>();
  O->Path = O->Dir.write(Name, OnDisk);
  O->WS.open(O->Path, Text, 1);
  O->S = O->WS.analyze(lsp::Workspace::scopeOf(O->Path));
  return O;
}

std::vector<Json> diagnosticsWithCode(const lsp::Snapshot &S,
                                      const std::string &Path,
                                      const std::string &Code) {
  std::vector<Json> Out;
  for (const Json &D : lsp::diagnosticsFor(S, Path))
    if (D.value("code", "") == Code)
      Out.push_back(D);
  return Out;
}

const char *Storage = R"(// Speicherkonto für Protokolle 📦
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2' /* ü */, supportsHttpsTrafficOnly: [[false]]
  }
}
)";

} // namespace

TEST_CASE("workspace: a finding's range in UTF-16, from the unsaved buffer",
          "[lsp]") {
  Annotated A = annotate(Storage);
  // The disk holds a healthy account: the buffer must win.
  auto O = open("main.bicep", A.Text, "// empty\n");
  std::vector<Json> Found =
      diagnosticsWithCode(*O->S, O->Path, "AZ-STORAGE-001");
  REQUIRE(Found.size() == 1);
  CHECK(Found[0]["range"] == A.Ranges[0]);
  CHECK(
      Found[0]["data"]["fix"]["edit"]["changes"].begin().value()[0]["range"] ==
      A.Ranges[0]);
}

TEST_CASE("workspace: hover on a resource shows its evaluated properties, "
          "unknowns with their reason",
          "[lsp]") {
  Annotated A = annotate(R"(param tier string

resource st 'Microsoft.Storage/stor^ageAccounts@2023-01-01' = {
  name: 'stlogs'
  properties: {
    accessTier: tier
  }
}
)");
  auto O = open("main.bicep", A.Text, A.Text);
  Json H = lsp::hoverAt(*O->S, O->Path, A.Points[0]);
  REQUIRE(H.is_object());
  std::string Text = H["contents"]["value"];
  CHECK(Text.find("Microsoft.Storage/storageAccounts") != std::string::npos);
  CHECK(Text.find("\"accessTier\"") != std::string::npos);
  CHECK(Text.find("$unknown") != std::string::npos);
  CHECK(Text.find("tier") != std::string::npos);
}

TEST_CASE("workspace: hover on a flagged range explains the check", "[lsp]") {
  Annotated A =
      annotate(R"(resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  properties: {
    supportsHttpsTrafficOnly: fa^lse
  }
}
)");
  auto O = open("main.bicep", A.Text, A.Text);
  Json H = lsp::hoverAt(*O->S, O->Path, A.Points[0]);
  REQUIRE(H.is_object());
  std::string Text = H["contents"]["value"];
  CHECK(Text.find("AZ-STORAGE-001") != std::string::npos);
  CHECK(Text.find("## Why") != std::string::npos);
  CHECK(Text.find("## Remediation") != std::string::npos);
  CHECK(Text.find("MCSB DP-3") != std::string::npos);
}

TEST_CASE("workspace: the outline of a Terraform file", "[lsp]") {
  Annotated A = annotate(R"(variable "[[name]]" {
  default = "st"
}

resource [["azurerm_storage_account" "st"]] {
  name = var.name
}
)");
  auto O = open("main.tf", A.Text, A.Text);
  Json Symbols = lsp::symbolsOf(*O->S, O->Path);
  REQUIRE(Symbols.size() == 2);
  CHECK(Symbols[0]["name"] == "azurerm_storage_account.st");
  CHECK(Symbols[0]["selectionRange"] == A.Ranges[1]);
  CHECK(Symbols[1]["name"] == "name");
  CHECK(Symbols[1]["kind"] == 7);
}

TEST_CASE("workspace: strict JSON is suppressed through Metadata", "[lsp]") {
  const char *Stack = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Logs": {
      "Type": "AWS::S3::Bucket",
      "Properties": {"BucketName": "logs"}
    }
  }
}
)";
  auto O = open("stack.json", Stack, Stack);
  std::vector<Json> Found = diagnosticsWithCode(*O->S, O->Path, "AWS-S3-008");
  REQUIRE(Found.size() == 1);
  Json Params = {{"context", {{"diagnostics", Json::array({Found[0]})}}}};
  Json Actions = lsp::codeActionsFor(O->S.get(), O->Path, Params);
  std::vector<std::string> Titles;
  for (const Json &A : Actions)
    Titles.push_back(A["title"]);
  CHECK(llvm::is_contained(Titles, "Suppress AWS-S3-008 for this resource"));
  CHECK(llvm::is_contained(Titles, "Suppress AWS-S3-008 in this file"));
  for (const Json &A : Actions)
    if (A["title"] == "Suppress AWS-S3-008 for this resource")
      CHECK(A["edit"].dump().find("rampart") != std::string::npos);
}

TEST_CASE("workspace: an analysis stops between phases when cancelled",
          "[lsp]") {
  Annotated A = annotate(Storage);
  auto O = open("main.bicep", A.Text, A.Text);
  REQUIRE(!O->S->Result->Cancelled);
  REQUIRE(!O->S->Result->Report.Findings.empty());

  int Asked = 0;
  auto Stopped = O->WS.analyze(lsp::Workspace::scopeOf(O->Path), [&] {
    return ++Asked == 2; // after the scan and the evaluation
  });
  CHECK(Stopped->Result->Cancelled);
  CHECK(Asked == 2);
  CHECK(!Stopped->Result->Units.empty());
  CHECK(Stopped->Result->Report.Findings.empty());

  Asked = 0;
  auto Whole = O->WS.analyze(lsp::Workspace::scopeOf(O->Path), [&] {
    ++Asked;
    return false;
  });
  CHECK(!Whole->Result->Cancelled);
  CHECK(Asked == 3);
  CHECK(Whole->Result->Report.Findings.size() ==
        O->S->Result->Report.Findings.size());
}
