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

TEST_CASE("HCL edit: an attribute at the start of its line is removed with "
          "that line only",
          "[fix]") {
  const char *Text = "resource \"x\" \"y\" {\na = 1\nb = 2\n}\n";
  auto Source = SourceFile::fromText("main.tf", Text);
  Document Doc = parseHcl(*Source);
  CHECK(applied(Text, removeHclAttribute(Doc, firstBody(Doc), {"a"})) ==
        "resource \"x\" \"y\" {\nb = 2\n}\n");
}

TEST_CASE("HCL edit: no block is written beside a dynamic one, nor chosen "
          "among several",
          "[fix]") {
  const char *Dynamic = R"(resource "aws_cloudfront_distribution" "d" {
  enabled = true
  dynamic "default_cache_behavior" {
    for_each = [var.default_cache_behavior]
    content {
      viewer_protocol_policy = default_cache_behavior.value.policy
    }
  }
}
)";
  auto Source = SourceFile::fromText("main.tf", Dynamic);
  Document Doc = parseHcl(*Source);
  auto Edits = setHclAttribute(
      Doc, firstBody(Doc), {"default_cache_behavior", "viewer_protocol_policy"},
      "\"redirect-to-https\"");
  REQUIRE(!Edits);
  CHECK(llvm::toString(Edits.takeError()) ==
        "'default_cache_behavior' blocks are generated by a dynamic block");

  const char *Twice = R"(resource "aws_instance" "i" {
  ebs_block_device {
    encrypted = true
  }
  ebs_block_device {
    encrypted = false
  }
}
)";
  auto TwiceSource = SourceFile::fromText("main.tf", Twice);
  Document TwiceDoc = parseHcl(*TwiceSource);
  auto Ambiguous = setHclAttribute(TwiceDoc, firstBody(TwiceDoc),
                                   {"ebs_block_device", "encrypted"}, "true");
  REQUIRE(!Ambiguous);
  CHECK(llvm::toString(Ambiguous.takeError()) ==
        "'ebs_block_device' is written more than once");
}

TEST_CASE("HCL edit: a list holding expressions is not rewritten", "[fix]") {
  const char *Text = "resource \"aws_eks_cluster\" \"c\" {\n"
                     "  enabled_cluster_log_types = [var.first, \"api\"]\n}\n";
  auto Source = SourceFile::fromText("main.tf", Text);
  Document Doc = parseHcl(*Source);
  auto Edits =
      setHclAttribute(Doc, firstBody(Doc), {"enabled_cluster_log_types"},
                      "[\"scheduler\", \"api\", \"audit\"]");
  REQUIRE(!Edits);
  CHECK(llvm::toString(Edits.takeError()) ==
        "'enabled_cluster_log_types' holds expressions, which the new value "
        "would replace with their current values");
}
