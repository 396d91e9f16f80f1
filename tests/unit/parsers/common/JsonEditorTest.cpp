//===- JsonEditorTest.cpp - Format-preserving JSON edits ------------------===//
//
// Each case edits real ARM or CloudFormation JSON and compares the whole
// result byte for byte with the text a person would have written, then
// parses it again: an edit must leave valid JSON with the value in place.
//
//===----------------------------------------------------------------------===//
#include "parsers/common/JsonEditor.h"
#include "parsers/common/JsonParser.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::parsers;

namespace {

struct Edited {
  std::string Text;
  std::vector<TextEdit> Edits;
};

/// Parses Text as ARM JSON (comments and trailing commas allowed), finds
/// the object at ObjectPath from the root, and applies Edit to it.
template <typename EditFn>
Edited edit(const std::string &Text, std::vector<std::string> ObjectPath,
            EditFn Edit) {
  auto Source = SourceFile::fromText("t.json", Text);
  Document Doc =
      parseJson(*Source, Dialect::Arm, FileRole::Template, JsonSyntax::Azure);
  REQUIRE(!Doc.hasErrors());
  const Node *Object = Doc.root();
  for (const std::string &Key : ObjectPath) {
    Object = Object->get(Key);
    REQUIRE(Object);
  }
  llvm::Expected<std::vector<TextEdit>> Edits = Edit(Doc, *Object);
  REQUIRE(static_cast<bool>(Edits));
  AppliedEdits Applied = applyEdits(Text, *Edits);
  REQUIRE(Applied.Rejected.empty());
  // The result parses, with no error.
  auto After = SourceFile::fromText("t.json", Applied.Text);
  Document Reparsed =
      parseJson(*After, Dialect::Arm, FileRole::Template, JsonSyntax::Azure);
  INFO(Applied.Text);
  CHECK(!Reparsed.hasErrors());
  return {Applied.Text, *Edits};
}

auto setting(std::vector<std::string> Keys, std::string Value,
             bool IgnoreCase = false) {
  return [=](const Document &Doc, const Node &Object) {
    return setJsonValue(Doc, Object, {Keys, IgnoreCase}, Value);
  };
}

auto removing(std::vector<std::string> Keys) {
  return [=](const Document &Doc, const Node &Object) {
    return removeJsonKey(Doc, Object, {Keys, false});
  };
}

const char *Storage = R"({
  "type": "Microsoft.Storage/storageAccounts",
  "properties": {
    "supportsHttpsTrafficOnly": false,
    "minimumTlsVersion": "TLS1_0"
  }
}
)";

} // namespace

TEST_CASE("JSON edit: replace an existing value, nothing else changes",
          "[fix]") {
  Edited E = edit(Storage, {"properties"},
                  setting({"supportsHttpsTrafficOnly"}, "true"));
  CHECK(E.Text == R"({
  "type": "Microsoft.Storage/storageAccounts",
  "properties": {
    "supportsHttpsTrafficOnly": true,
    "minimumTlsVersion": "TLS1_0"
  }
}
)");
  REQUIRE(E.Edits.size() == 1);
  CHECK(E.Edits[0].NewText == "true");
}

TEST_CASE("JSON edit: ARM keys match ignoring case", "[fix]") {
  Edited E = edit(Storage, {"properties"},
                  setting({"SupportsHttpsTrafficOnly"}, "true", true));
  CHECK(
      llvm::StringRef(E.Text).contains("\"supportsHttpsTrafficOnly\": true,"));
}

TEST_CASE("JSON edit: add a key after the last, with its indentation",
          "[fix]") {
  Edited E = edit(Storage, {"properties"},
                  setting({"allowBlobPublicAccess"}, "false"));
  CHECK(E.Text == R"({
  "type": "Microsoft.Storage/storageAccounts",
  "properties": {
    "supportsHttpsTrafficOnly": false,
    "minimumTlsVersion": "TLS1_0",
    "allowBlobPublicAccess": false
  }
}
)");
}

TEST_CASE("JSON edit: create missing objects on the path, indented by the "
          "file's unit",
          "[fix]") {
  const char *Text = "{\n\t\"properties\": {\n\t\t\"a\": 1\n\t}\n}\n";
  Edited E = edit(Text, {"properties"},
                  setting({"networkAcls", "defaultAction"}, "\"Deny\""));
  CHECK(E.Text == "{\n\t\"properties\": {\n\t\t\"a\": 1,\n"
                  "\t\t\"networkAcls\": {\n\t\t\t\"defaultAction\": \"Deny\"\n"
                  "\t\t}\n\t}\n}\n");
}

TEST_CASE("JSON edit: a comment after the last value stays on its line",
          "[fix]") {
  const char *Text = "{\n  \"properties\": {\n    \"a\": 1 // why a is 1\n  "
                     "}\n}\n";
  Edited E = edit(Text, {"properties"}, setting({"b"}, "2"));
  CHECK(E.Text == "{\n  \"properties\": {\n    \"a\": 1, // why a is 1\n"
                  "    \"b\": 2\n  }\n}\n");
}

TEST_CASE("JSON edit: a trailing comma style is kept", "[fix]") {
  const char *Text = "{\n  \"properties\": {\n    \"a\": 1,\n  }\n}\n";
  Edited E = edit(Text, {"properties"}, setting({"b"}, "2"));
  CHECK(E.Text == "{\n  \"properties\": {\n    \"a\": 1,\n    \"b\": 2,\n  "
                  "}\n}\n");
}

TEST_CASE("JSON edit: CRLF files get CRLF", "[fix]") {
  const char *Text = "{\r\n  \"properties\": {\r\n    \"a\": 1\r\n  }\r\n}\r\n";
  Edited E = edit(Text, {"properties"}, setting({"b", "c"}, "true"));
  CHECK(E.Text == "{\r\n  \"properties\": {\r\n    \"a\": 1,\r\n"
                  "    \"b\": {\r\n      \"c\": true\r\n    }\r\n  }\r\n}\r\n");
}

TEST_CASE("JSON edit: one-line objects stay on one line", "[fix]") {
  const char *Text = "{\n  \"sku\": { \"name\": \"Standard_LRS\" }\n}\n";
  Edited E = edit(Text, {"sku"}, setting({"tier", "x"}, "\"Standard\""));
  CHECK(E.Text == "{\n  \"sku\": { \"name\": \"Standard_LRS\", \"tier\": "
                  "{\"x\": \"Standard\"} }\n}\n");
}

TEST_CASE("JSON edit: into empty objects, on one line or several", "[fix]") {
  Edited OneLine =
      edit("{\n  \"properties\": {}\n}\n", {"properties"}, setting({"a"}, "1"));
  CHECK(OneLine.Text == "{\n  \"properties\": { \"a\": 1 }\n}\n");
  Edited Lines = edit("{\n  \"properties\": {\n  }\n}\n", {"properties"},
                      setting({"a"}, "1"));
  CHECK(Lines.Text == "{\n  \"properties\": {\n    \"a\": 1\n  }\n}\n");
}

TEST_CASE("JSON edit: a non-object on the path is an error", "[fix]") {
  auto Source = SourceFile::fromText("t.json", Storage);
  Document Doc =
      parseJson(*Source, Dialect::Arm, FileRole::Template, JsonSyntax::Azure);
  auto Edits = setJsonValue(Doc, *Doc.root(), {{"type", "x"}, false}, "1");
  REQUIRE(!Edits);
  CHECK(llvm::toString(Edits.takeError()) == "'type' is not an object");
}

TEST_CASE("JSON edit: remove a key, with its comma and its line", "[fix]") {
  Edited First =
      edit(Storage, {"properties"}, removing({"supportsHttpsTrafficOnly"}));
  CHECK(First.Text == R"({
  "type": "Microsoft.Storage/storageAccounts",
  "properties": {
    "minimumTlsVersion": "TLS1_0"
  }
}
)");
  Edited Last = edit(Storage, {"properties"}, removing({"minimumTlsVersion"}));
  CHECK(Last.Text == R"({
  "type": "Microsoft.Storage/storageAccounts",
  "properties": {
    "supportsHttpsTrafficOnly": false
  }
}
)");
  Edited Only =
      edit("{\n  \"p\": {\n    \"a\": 1\n  }\n}\n", {"p"}, removing({"a"}));
  CHECK(Only.Text == "{\n  \"p\": {\n  }\n}\n");
  Edited Inline = edit("{\"p\": {\"a\": 1, \"b\": 2}}", {"p"}, removing({"b"}));
  CHECK(Inline.Text == "{\"p\": {\"a\": 1}}");
  // The comma before the removed last key goes; a comment after it stays.
  Edited Commented =
      edit("{\n  \"p\": {\n    \"a\": 1, // keep\n    \"b\": 2\n  }\n}\n",
           {"p"}, removing({"b"}));
  CHECK(Commented.Text == "{\n  \"p\": {\n    \"a\": 1 // keep\n  }\n}\n");
  Edited Missing = edit(Storage, {"properties"}, removing({"nothing"}));
  CHECK(Missing.Edits.empty());
}

TEST_CASE("text edits: overlapping ones are rejected, first wins", "[fix]") {
  AppliedEdits A = applyEdits(
      "abcdef",
      {{1, 3, "X"}, {2, 4, "Y"}, {4, 4, "Z"}, {4, 4, "W"}, {0, 0, "<"}});
  CHECK(A.Text == "<aXdZWef");
  REQUIRE(A.Rejected.size() == 1);
  CHECK(A.Rejected[0] == TextEdit{2, 4, "Y"});
  // An insertion where a replacement starts goes before it.
  CHECK(applyEdits("abc", {{1, 2, "X"}, {1, 1, "I"}}).Text == "aIXc");
  // Out of bounds.
  CHECK(applyEdits("abc", {{2, 9, "X"}}).Rejected.size() == 1);
}
