//===- Features.h - Diagnostics, code actions, hover, symbols --*- C++ -*-===//
//
// What the server answers, computed from one analysis (a Snapshot) of the
// document's scope. Findings become diagnostics whose `data` carries their
// fix and suppression edits, so a code action needs no new analysis.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_LSP_FEATURES_H
#define RAMPART_LSP_FEATURES_H

#include "lsp/Protocol.h"
#include "lsp/Workspace.h"

namespace rampart::lsp {

/// The diagnostics of one file: findings (not suppressed, not baselined),
/// parse and evaluation diagnostics, and suppression warnings; each as its
/// JSON text, as publishDiagnostics sends them.
std::vector<std::string> diagnosticTexts(const Snapshot &S,
                                         const std::string &Path);
/// The same, parsed.
Json diagnosticsFor(const Snapshot &S, const std::string &Path);

/// Quick fixes, suppressions and "fix all" for the diagnostics a client
/// sends back (their `data`), and for the file's findings when the client
/// asks for source.fixAll.
Json codeActionsFor(const Snapshot *S, const std::string &Path,
                    const Json &Params);

/// A flagged range: the check's documentation. A resource declaration: its
/// evaluated properties, unknowns with their reasons. Null elsewhere.
Json hoverAt(const Snapshot &S, const std::string &Path, const Json &Position);

/// Resources, parameters, variables, modules and outputs, for the outline.
Json symbolsOf(const Snapshot &S, const std::string &Path);

} // namespace rampart::lsp

#endif
