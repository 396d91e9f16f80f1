//===- Protocol.h - LSP shapes and positions -------------------*- C++ -*-===//
//
// The one place where LSP's positions (0-based lines, UTF-16 code units)
// meet ours (1-based lines, byte columns, byte offsets), and where URIs
// become paths. Everything past this layer works in our terms.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_LSP_PROTOCOL_H
#define RAMPART_LSP_PROTOCOL_H

#include "analyzer/check/Check.h"
#include "analyzer/fix/Plan.h"
#include "parsers/common/Diagnostic.h"
#include "parsers/common/SourceFile.h"

#include "llvm/Support/JSON.h"

#include <nlohmann/json.hpp>

#include <string>

namespace rampart::lsp {

using Json = nlohmann::json;

Json toLspPosition(const SourceFile &F, const SourcePosition &P);
Json toLspRange(const SourceFile &F, const SourceRange &R);
/// The byte offset of an LSP position (clamped to the text).
uint32_t offsetAt(const SourceFile &F, const Json &Position);

/// `file:///a%20b/c.tf` -> `/a b/c.tf`; empty for another scheme.
std::string uriToPath(llvm::StringRef Uri);
std::string pathToUri(llvm::StringRef Path);

/// Text after one `contentChanges` entry: a range and its new text, or the
/// whole text.
std::string applyContentChange(llvm::StringRef Path, const std::string &Text,
                               const Json &Change);

/// DiagnosticSeverity: high and critical are errors, medium warnings, low
/// information.
int severityOf(check::Level L);
int severityOf(Severity S);

/// A WorkspaceEdit (`changes` by URI) making a fix's edits.
Json workspaceEditOf(const fix::Fix &Fix);

// Streaming forms, for what is sent on every keystroke: building an
// nlohmann tree for hundreds of diagnostics (each with its fix) cost the
// server more than the analysis itself; LLVM's json::OStream writes the
// text directly.

/// A string value; invalid UTF-8 (template text may hold it) replaced.
llvm::json::Value jsonText(llvm::StringRef S);
void writeRange(llvm::json::OStream &J, const SourceFile &F,
                const SourceRange &R);
void writeWorkspaceEdit(llvm::json::OStream &J, const fix::Fix &Fix);

} // namespace rampart::lsp

#endif
