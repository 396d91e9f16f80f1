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

#include "llvm/ADT/StringMap.h"

#include <nlohmann/json.hpp>

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

  /// The scanned file at Path (absolute), if the scope read it.
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
};

/// Settings from their JSON ({"strict": true, "minimumSeverity": "high",
/// "parameterFiles": [...]}); unknown keys and wrong types are ignored.
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
  /// Analyses a scope now, with the open buffers over the disk.
  std::shared_ptr<Snapshot> analyze(const std::string &Scope) const;
  /// Whether an open document the snapshot read has changed since.
  bool superseded(const Snapshot &S) const;

  void remember(std::shared_ptr<Snapshot> S);
  /// The latest snapshot whose scope holds Path; null before the first.
  std::shared_ptr<Snapshot> snapshotFor(const std::string &Path) const;

private:
  struct Open {
    std::string Text;
    int64_t Version = 0;
  };
  mutable std::mutex Lock;
  Settings Configured;
  std::map<std::string, Open> Documents;
  std::map<std::string, std::shared_ptr<Snapshot>> Snapshots;
};

/// The files analysed for a scope, without subdirectories: a Terraform
/// directory's .tf and variable files (its modules come through their
/// module blocks); the template and parameter files of a directory
/// ("dir/").
std::vector<std::string> scopePaths(const std::string &Scope);

} // namespace rampart::lsp

#endif
