//===- JsonEditor.h - Format-preserving edits of JSON documents -*- C++ -*-===//
//
// The JSON half of the fix engine (ARM templates, CloudFormation JSON,
// Terraform JSON): set a value at a property path, creating the objects
// that are missing, or remove a key, as text edits that keep everything
// else as written. A new key follows its neighbours: their indentation,
// the file's line endings, one line per key or all on one line, and a
// trailing comma when the object already ends with one (ARM allows it).
// Comments after the last value stay on its line. One-line objects get the
// spacing inside their braces that the file uses (`{ "a": 1 }` or
// `{"a": 1}`). A list that only grows is appended to, so its items keep
// their layout and comments.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_COMMON_JSONEDITOR_H
#define RAMPART_PARSERS_COMMON_JSONEDITOR_H

#include "parsers/common/Document.h"
#include "parsers/common/TextEdit.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace rampart::parsers {

/// How a braced object is written: JSON quotes every key and separates
/// lines with commas; Bicep quotes only keys that are not identifiers, and
/// separates lines with line breaks alone. Quote is the strings' quote
/// (`"` or `'`), to read text while skipping them. JSON values containing
/// objects are laid out one key a line where their neighbours are; a Bicep
/// value is kept as given.
struct ObjectSyntax {
  std::string (*Key)(llvm::StringRef Key);
  bool CommasBetweenLines;
  char Quote;
};

struct JsonPath {
  /// Keys from the object the edit starts at.
  std::vector<std::string> Keys;
  /// ARM compares property names ignoring case.
  bool IgnoreCase = false;
};

/// Edits that make Path under Object (a map node of Doc) hold ValueJson
/// (JSON text: `true`, `"TLS1_2"`, `{"a": 1}`). An existing value is
/// replaced; missing objects on the path are created. A value on the path
/// that is not an object is an error, and so is replacing a list or object
/// that holds expressions (ARM `[...]`, CloudFormation `Ref`/`Fn::`,
/// Terraform `${...}`), unless the new list only appends to it.
llvm::Expected<std::vector<TextEdit>> setJsonValue(const Document &Doc,
                                                   const Node &Object,
                                                   const JsonPath &Path,
                                                   llvm::StringRef ValueJson);

/// Edits that remove the key at Path (with its value and its comma); none
/// when it is not there.
llvm::Expected<std::vector<TextEdit>>
removeJsonKey(const Document &Doc, const Node &Object, const JsonPath &Path);

/// The same edits for any braced-object syntax (Bicep's editor uses them).
llvm::Expected<std::vector<TextEdit>>
setObjectValue(const Document &Doc, const Node &Object, const JsonPath &Path,
               llvm::StringRef Value, const ObjectSyntax &Syntax);
llvm::Expected<std::vector<TextEdit>>
removeObjectKey(const Document &Doc, const Node &Object, const JsonPath &Path,
                const ObjectSyntax &Syntax);

} // namespace rampart::parsers

#endif
