//===- BicepEditor.h - Format-preserving edits of Bicep objects -*- C++ -*-===//
//
// The Bicep half of the fix engine: set a value at a property path of an
// object (a resource body, `properties`), creating the objects that are
// missing, or remove a key. Multi-line objects get a line of their own with
// their keys' indentation and no comma; one-line objects stay on one line
// with commas. Keys are written bare when they are identifiers, quoted
// otherwise.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_BICEP_BICEPEDITOR_H
#define RAMPART_PARSERS_BICEP_BICEPEDITOR_H

#include "parsers/common/JsonEditor.h"

namespace rampart::parsers {

/// Edits that make Path under Object (a Map node of Doc) hold ValueBicep
/// (Bicep text: `true`, `'TLS1_2'`).
llvm::Expected<std::vector<TextEdit>>
setBicepValue(const Document &Doc, const Node &Object,
              llvm::ArrayRef<std::string> Path, llvm::StringRef ValueBicep);

/// Edits that remove the key at Path; none when it is not there.
llvm::Expected<std::vector<TextEdit>>
removeBicepKey(const Document &Doc, const Node &Object,
               llvm::ArrayRef<std::string> Path);

} // namespace rampart::parsers

#endif
