//===- Workspace.h - Open documents and their analyses ---------*- C++ -*-===//
//
// What the language server knows, without any LSP in it: the documents the
// editor has open (their unsaved text wins over the disk's), which files
// are analysed together (a scope), and the latest analysis of each scope.
// A scope is a Terraform file's directory (its module, with variable
// files), or the templates and parameter files of a directory; an analysis is
// the same `analyze()` the CLI runs, with the open buffers overlaid.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_LSP_WORKSPACE_H
#define RAMPART_LSP_WORKSPACE_H

#include "analyzer/Analyze.h"
#include "analyzer/check/Policy.h"
#include "analyzer/posture/Config.h"
#include "analyzer/workspace/ParseCache.h"

#include "llvm/ADT/StringMap.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace rampart::lsp {

/// One analysis of a scope, with what keeps its pointers valid.
struct Snapshot {
  std::string Scope;
  /// The versions of the open documents it read.
  std::map<std::string, int64_t> Versions;
  std::unique_ptr<posture::ConfigResolver> Resolver;
  std::unique_ptr<posture::Scopes> Scopes;
  check::PolicySet Policies;
  std::unique_ptr<Analysis> Result;

  /// The file at Path (absolute), if the scope read it: one of its own, a
  /// module outside it, or a parameter file.
  const workspace::LoadedFile *file(llvm::StringRef Path) const;
};

/// What the editor's settings change (initializationOptions, or
/// workspace/didChangeConfiguration's `rampart` section).
struct Settings {
  /// Unknown results are shown too (as information), as --strict lists them.
  bool Strict = false;
  /// Findings below this severity are not shown (--severity).
  std::optional<check::Level> MinimumSeverity;
  /// ARM or Bicep parameter files (the first is used, as --parameters) and
  /// Terraform variable files (--var-file).
  std::vector<std::string> ParameterFiles;
  /// How long an edited scope stays quiet before it is analysed. Zero by
  /// default: an analysis that a newer edit makes stale is cancelled at its
  /// next phase anyway, so bursts of typing do not queue up work.
  unsigned DebounceMs = 0;
};

/// Settings from their JSON ({"strict": true, "minimumSeverity": "high",
/// "parameterFiles": [...], "debounceMs": 50}); unknown keys and wrong
/// types are ignored.
Settings settingsFrom(const nlohmann::json &J);

class Workspace {
public:
  void configure(Settings S);

  void open(const std::string &Path, std::string Text, int64_t Version);
  void change(const std::string &Path, std::string Text, int64_t Version);
  void close(const std::string &Path);
  /// The open document's text and version; nullopt when it is not open.
  std::optional<std::pair<std::string, int64_t>>
  document(const std::string &Path) const;
  std::vector<std::string> openPaths() const;

  /// The key of the scope Path belongs to: its directory for Terraform
  /// (the module), else its directory's files ("dir/"), so templates and
  /// their parameter files go together.
  static std::string scopeOf(const std::string &Path);
  /// Analyses a scope now, with the open buffers over the disk. Cancelled
  /// is asked between phases; a run it stops has Result->Cancelled set.
  std::shared_ptr<Snapshot>
  analyze(const std::string &Scope,
          std::function<bool()> Cancelled = nullptr) const;
  /// Whether an open document the snapshot read has changed since.
  bool superseded(const Snapshot &S) const;

  /// Keeps S as its scope's latest snapshot; returns the one it replaces.
  std::shared_ptr<Snapshot> remember(std::shared_ptr<Snapshot> S);
  /// Whether an open document belongs to Scope.
  bool hasOpenDocumentIn(const std::string &Scope) const;
  /// Drops the snapshot of a scope no open document belongs to any more: a
  /// closed caller no longer gives its modules their inputs. Returns it.
  std::shared_ptr<Snapshot> forget(const std::string &Scope);
  /// The latest snapshot whose scope holds Path; null before the first.
  std::shared_ptr<Snapshot> snapshotFor(const std::string &Path) const;
  /// Every latest snapshot that read Path's current text: its own scope's,
  /// and those of the open callers whose modules (or nested templates) it
  /// is, which give its inputs their values. Version is the open
  /// document's version they read. Stale: some snapshot read an older text
  /// of Path (its scope is queued again; publishing now would drop its
  /// findings for a moment).
  struct Readers {
    std::vector<std::shared_ptr<Snapshot>> Snapshots;
    std::optional<int64_t> Version;
    bool Stale = false;
  };
  Readers snapshotsReading(const std::string &Path) const;
  /// The scopes whose latest snapshot read Path besides its own: the
  /// callers an edit of Path must analyse again.
  std::vector<std::string> callerScopesOf(const std::string &Path) const;
  Settings settings() const;

private:
  struct Open {
    std::string Text;
    int64_t Version = 0;
  };
  mutable std::mutex Lock;
  Settings Configured;
  std::map<std::string, Open> Documents;
  /// The files of earlier analyses: an edit re-parses only what changed.
  std::shared_ptr<workspace::ParseCache> Parsed =
      std::make_shared<workspace::ParseCache>();
  std::map<std::string, std::shared_ptr<Snapshot>> Snapshots;
};

/// The files analysed for a scope, without subdirectories: a Terraform
/// directory's .tf and variable files (its modules come through their
/// module blocks); the template and parameter files of a directory
/// ("dir/").
std::vector<std::string> scopePaths(const std::string &Scope);

} // namespace rampart::lsp

#endif
