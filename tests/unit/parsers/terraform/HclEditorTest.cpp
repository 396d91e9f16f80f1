//===- HclEditorTest.cpp - Format-preserving Terraform edits --------------===//
//
// Each case edits a real resource block, compares the whole text with what
// `terraform fmt` style would give, and parses the result again.
//
//===----------------------------------------------------------------------===//
#include "parsers/terraform/HclEditor.h"
#include "parsers/terraform/HclParser.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::parsers;

namespace {

/// The body of the first block of Text.
const Node &firstBody(const Document &Doc) {
  REQUIRE(Doc.root());
  REQUIRE(!Doc.root()->Items.empty());
  const Node *Body = Doc.root()->Items.front()->get("body");
  REQUIRE(Body);
  return *Body;
}

std::string applied(const std::string &Text,
                    llvm::Expected<std::vector<TextEdit>> Edits) {
  REQUIRE(static_cast<bool>(Edits));
  AppliedEdits A = applyEdits(Text, *Edits);
  REQUIRE(A.Rejected.empty());
  auto After = SourceFile::fromText("main.tf", A.Text);
  Document Reparsed = parseHcl(*After);
  INFO(A.Text);
  CHECK(!Reparsed.hasErrors());
  return A.Text;
}

std::string set(const std::string &Text, std::vector<std::string> Path,
                llvm::StringRef Value) {
  auto Source = SourceFile::fromText("main.tf", Text);
  Document Doc = parseHcl(*Source);
  REQUIRE(!Doc.hasErrors());
  return applied(Text, setHclAttribute(Doc, firstBody(Doc), Path, Value));
}

const char *Account = R"(resource "azurerm_storage_account" "s" {
  name                     = "s"
  account_tier             = "Standard"
  account_replication_type = "LRS" # keep LRS
}
)";

} // namespace

TEST_CASE("HCL edit: replace a value", "[fix]") {
  CHECK(set(Account, {"account_tier"}, "\"Premium\"") ==
        R"(resource "azurerm_storage_account" "s" {
  name                     = "s"
  account_tier             = "Premium"
  account_replication_type = "LRS" # keep LRS
}
)");
}

TEST_CASE("HCL edit: a new attribute joins the aligned run, after a "
          "trailing comment",
          "[fix]") {
  CHECK(set(Account, {"min_tls_version"}, "\"TLS1_2\"") ==
        R"(resource "azurerm_storage_account" "s" {
  name                     = "s"
  account_tier             = "Standard"
  account_replication_type = "LRS" # keep LRS
  min_tls_version          = "TLS1_2"
}
)");
}

TEST_CASE("HCL edit: a longer name realigns the run", "[fix]") {
  CHECK(set(Account, {"https_traffic_only_enabled"}, "true") ==
        R"(resource "azurerm_storage_account" "s" {
  name                       = "s"
  account_tier               = "Standard"
  account_replication_type   = "LRS" # keep LRS
  https_traffic_only_enabled = true
}
)");
}

TEST_CASE("HCL edit: an unaligned body stays unaligned", "[fix]") {
  const char *Text = "resource \"x\" \"y\" {\n  a = 1\n  long_name = 2\n}\n";
  CHECK(set(Text, {"b"}, "3") ==
        "resource \"x\" \"y\" {\n  a = 1\n  long_name = 2\n  b = 3\n}\n");
}

TEST_CASE("HCL edit: missing nested blocks are created; existing ones are "
          "entered",
          "[fix]") {
  CHECK(set(Account, {"blob_properties", "versioning_enabled"}, "true") ==
        R"(resource "azurerm_storage_account" "s" {
  name                     = "s"
  account_tier             = "Standard"
  account_replication_type = "LRS" # keep LRS
  blob_properties {
    versioning_enabled = true
  }
}
)");
  const char *WithBlock = R"(resource "aws_s3_bucket" "b" {
  bucket = "b"

  versioning {
    mfa_delete = false
  }
}
)";
  CHECK(set(WithBlock, {"versioning", "enabled"}, "true") ==
        R"(resource "aws_s3_bucket" "b" {
  bucket = "b"

  versioning {
    mfa_delete = false
    enabled    = true
  }
}
)");
}

TEST_CASE("HCL edit: after a heredoc, below its closing marker", "[fix]") {
  const char *Text = "resource \"aws_iam_policy\" \"p\" {\n  name   = \"p\"\n"
                     "  policy = <<EOF\n{}\nEOF\n}\n";
  CHECK(set(Text, {"path"}, "\"/\"") ==
        "resource \"aws_iam_policy\" \"p\" {\n  name   = \"p\"\n"
        "  policy = <<EOF\n{}\nEOF\n  path = \"/\"\n}\n");
}

TEST_CASE("HCL edit: into an empty block", "[fix]") {
  CHECK(set("resource \"x\" \"y\" {}\n", {"a"}, "1") ==
        "resource \"x\" \"y\" {\n  a = 1\n}\n");
}

TEST_CASE("HCL edit: remove an attribute with its line", "[fix]") {
  auto Source = SourceFile::fromText("main.tf", Account);
  Document Doc = parseHcl(*Source);
  CHECK(applied(Account,
                removeHclAttribute(Doc, firstBody(Doc), {"account_tier"})) ==
        R"(resource "azurerm_storage_account" "s" {
  name                     = "s"
  account_replication_type = "LRS" # keep LRS
}
)");
  auto None = removeHclAttribute(Doc, firstBody(Doc), {"nothing"});
  REQUIRE(static_cast<bool>(None));
  CHECK(None->empty());
}
