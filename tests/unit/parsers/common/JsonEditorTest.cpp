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

TEST_CASE("JSON edit: one-line objects stay on one line, new braces spaced "
          "as the file's",
          "[fix]") {
  const char *Text = "{\n  \"sku\": { \"name\": \"Standard_LRS\" }\n}\n";
  Edited E = edit(Text, {"sku"}, setting({"tier", "x"}, "\"Standard\""));
  CHECK(E.Text == "{\n  \"sku\": { \"name\": \"Standard_LRS\", \"tier\": "
                  "{ \"x\": \"Standard\" } }\n}\n");
  const char *Tight = "{\n  \"sku\": {\"name\": \"Standard_LRS\"}\n}\n";
  Edited T = edit(Tight, {"sku"}, setting({"tier", "x"}, "\"Standard\""));
  CHECK(T.Text == "{\n  \"sku\": {\"name\": \"Standard_LRS\", \"tier\": "
                  "{\"x\": \"Standard\"}}\n}\n");
}

TEST_CASE("JSON edit: a rendered value's braces are spaced as the file's",
          "[fix]") {
  // The renderer writes `{"Type": "audit"}`; this file writes `{ "a": 1 }`.
  const char *Text = "{\n  \"p\": { \"a\": { \"b\": 1 } }\n}\n";
  Edited E =
      edit(Text, {"p"},
           setting({"Types"}, "[{\"Type\": \"audit\"}, {\"T\": \"{x}\"}]"));
  CHECK(E.Text == "{\n  \"p\": { \"a\": { \"b\": 1 }, \"Types\": [{ \"Type\": "
                  "\"audit\" }, { \"T\": \"{x}\" }] }\n}\n");
}

TEST_CASE("JSON edit: a list that grows is appended to; its items keep their "
          "lines and comments",
          "[fix]") {
  const char *Text = R"({
  "p": {
    "Exports": [
      "error", // the engine's own
      "general"
    ],
    "Attributes": [
      {
        "Key": "idle_timeout.timeout_seconds",
        "Value": "30"
      }
    ],
    "OneLine": ["a"]
  }
}
)";
  Edited Lines = edit(
      Text, {"p"}, setting({"Exports"}, "[\"error\", \"general\", \"audit\"]"));
  CHECK(Lines.Text == R"({
  "p": {
    "Exports": [
      "error", // the engine's own
      "general",
      "audit"
    ],
    "Attributes": [
      {
        "Key": "idle_timeout.timeout_seconds",
        "Value": "30"
      }
    ],
    "OneLine": ["a"]
  }
}
)");
  Edited Objects =
      edit(Text, {"p"},
           setting({"Attributes"},
                   "[{\"Key\": \"idle_timeout.timeout_seconds\", \"Value\": "
                   "\"30\"}, {\"Key\": \"drop\", \"Value\": \"true\"}]"));
  CHECK(Objects.Text == R"({
  "p": {
    "Exports": [
      "error", // the engine's own
      "general"
    ],
    "Attributes": [
      {
        "Key": "idle_timeout.timeout_seconds",
        "Value": "30"
      },
      {
        "Key": "drop",
        "Value": "true"
      }
    ],
    "OneLine": ["a"]
  }
}
)");
  Edited OneLine =
      edit(Text, {"p"}, setting({"OneLine"}, "[\"a\", \"b\", \"c\"]"));
  CHECK(OneLine.Edits.size() == 1);
  CHECK(OneLine.Edits[0].NewText == ", \"b\", \"c\"");
  // The same list again: nothing to do.
  Edited Same = edit(Text, {"p"}, setting({"OneLine"}, "[\"a\"]"));
  CHECK(Same.Edits.empty());
  // Not a longer list of the same items: replaced.
  Edited Other = edit(Text, {"p"}, setting({"OneLine"}, "[\"b\"]"));
  CHECK(Other.Edits.size() == 1);
  CHECK(Other.Edits[0].NewText == "[\"b\"]");
}

TEST_CASE("JSON edit: a new value holding objects is laid out one key a line "
          "among keys one a line",
          "[fix]") {
  Edited E = edit(Storage, {"properties"},
                  setting({"networkAcls"},
                          "{\"defaultAction\": \"Deny\", \"ipRules\": "
                          "[{\"value\": \"1.2.3.4\"}], \"bypass\": [\"a\"]}"));
  CHECK(E.Text == R"({
  "type": "Microsoft.Storage/storageAccounts",
  "properties": {
    "supportsHttpsTrafficOnly": false,
    "minimumTlsVersion": "TLS1_0",
    "networkAcls": {
      "defaultAction": "Deny",
      "ipRules": [
        {
          "value": "1.2.3.4"
        }
      ],
      "bypass": ["a"]
    }
  }
}
)");
}

TEST_CASE("JSON edit: into empty objects, on one line or several", "[fix]") {
  // `{}` among keys one a line opens like them.
  Edited AmongLines =
      edit("{\n  \"properties\": {}\n}\n", {"properties"}, setting({"a"}, "1"));
  CHECK(AmongLines.Text == "{\n  \"properties\": {\n    \"a\": 1\n  }\n}\n");
  // In a one-line object it stays on its line; no one-line object in the
  // file tells how to space braces: JSON's compact form.
  Edited OneLine =
      edit("{\n  \"p\": {\"q\": {}}\n}\n", {"p", "q"}, setting({"a"}, "1"));
  CHECK(OneLine.Text == "{\n  \"p\": {\"q\": {\"a\": 1}}\n}\n");
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

TEST_CASE("JSON edit: a key at the start of its line is removed with that "
          "line only",
          "[fix]") {
  // Keys written at column 0: the line above is not touched.
  Edited E =
      edit("{\n\"p\": {\n\"a\": 1,\n\"b\": 2\n}\n}\n", {"p"}, removing({"a"}));
  CHECK(E.Text == "{\n\"p\": {\n\"b\": 2\n}\n}\n");
}

TEST_CASE("JSON edit: a list holding ARM expressions is not rewritten",
          "[fix]") {
  const char *Text =
      "{\n  \"p\": {\n    \"rules\": [\"[parameters('first')]\", "
      "\"b\"]\n  }\n}\n";
  auto Source = SourceFile::fromText("t.json", Text);
  Document Doc =
      parseJson(*Source, Dialect::Arm, FileRole::Template, JsonSyntax::Azure);
  auto Edits = setJsonValue(Doc, *Doc.root()->get("p"), {{"rules"}, false},
                            "[\"a\", \"b\"]");
  REQUIRE(!Edits);
  CHECK(llvm::toString(Edits.takeError()) ==
        "'rules' holds expressions, which the new value would replace with "
        "their current values");
  // An escaped `[[` is a literal string: the list grows as usual.
  const char *Escaped = "{\n  \"p\": {\n    \"rules\": [\"[[x]\"]\n  }\n}\n";
  Edited E = edit(Escaped, {"p"}, setting({"rules"}, "[\"[[x]\", \"b\"]"));
  CHECK(E.Text == "{\n  \"p\": {\n    \"rules\": [\"[[x]\", \"b\"]\n  }\n}\n");
}
