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

class Workspace {
public:
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
  std::map<std::string, Open> Documents;
  std::map<std::string, std::shared_ptr<Snapshot>> Snapshots;
};

/// The files analysed for a scope: a Terraform directory as it is; the
/// template and parameter files of a directory ("dir/") without its
/// subdirectories.
std::vector<std::string> scopePaths(const std::string &Scope);

} // namespace rampart::lsp

#endif
