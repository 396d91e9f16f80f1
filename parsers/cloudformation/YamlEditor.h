//===- YamlEditor.h - Format-preserving edits of YAML templates -*- C++ -*-===//
//
// The YAML half of the fix engine (CloudFormation and SAM): set a value at
// a property path, creating the mappings that are missing (a resource with
// no `Properties:` gets one), or remove a key, as text edits that keep
// comments, quoting and order. Block mappings get a line at their keys'
// indentation; flow mappings (`{a: 1}`) stay on their line. Values are laid
// out as the file writes them: mappings and sequences of mappings in block
// style in a block mapping, a sequence that only grows appended to, quoted
// scalars with the file's quotes.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_CLOUDFORMATION_YAMLEDITOR_H
#define RAMPART_PARSERS_CLOUDFORMATION_YAMLEDITOR_H

#include "parsers/common/Document.h"
#include "parsers/common/TextEdit.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace rampart::parsers {

/// Edits that make Path under Object (a Map node of Doc) hold ValueYaml (a
/// YAML scalar or flow collection as text: `true`, `'TLS1.2'`). A key with
/// nothing after it (`Properties:`) counts as an empty mapping. Replacing a
/// collection that holds intrinsic functions is an error, unless the new
/// sequence only appends to it.
llvm::Expected<std::vector<TextEdit>>
setYamlValue(const Document &Doc, const Node &Object,
             llvm::ArrayRef<std::string> Path, llvm::StringRef ValueYaml);

/// Edits that remove the key at Path with its value and lines; none when it
/// is not there.
llvm::Expected<std::vector<TextEdit>>
removeYamlKey(const Document &Doc, const Node &Object,
              llvm::ArrayRef<std::string> Path);

} // namespace rampart::parsers

#endif
