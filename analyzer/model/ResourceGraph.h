//===- ResourceGraph.h - Resources of a deployment unit and their edges -*-===//
//
// One graph per deployment unit (an ARM template with its parameter file and
// nested templates, a Bicep entry file with its modules and .bicepparam, a
// Terraform root module with its local modules and tfvars, a CloudFormation
// stack). Every dialect builds the same shapes, so checks read one model.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_MODEL_RESOURCEGRAPH_H
#define RAMPART_ANALYZER_MODEL_RESOURCEGRAPH_H

#include "analyzer/model/Value.h"
#include "parsers/common/Diagnostic.h"
#include "parsers/common/Document.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rampart::model {

/// How a resource repeats: ARM `copy`, Bicep `for`, Terraform `count` and
/// `for_each`. An expanded loop gives one resource per instance with its
/// Index (and Key for for_each); a loop whose count is unknown keeps one
/// representative resource with Expanded false.
struct LoopInfo {
  enum class LoopKind : uint8_t { None, Copy, For, Count, ForEach };
  LoopKind Kind = LoopKind::None;
  bool Expanded = false;
  std::optional<int64_t> Index;
  Value Key;
};

struct Resource {
  std::string Id; ///< Unique in the unit, stable across runs.
  Dialect TheDialect = Dialect::Arm;
  std::string Type;       ///< Microsoft.Storage/storageAccounts, aws_s3_bucket
  Value Name;             ///< May be Unknown.
  std::string ApiVersion; ///< ARM and Bicep only.
  Value Properties;       ///< The evaluated body (ARM: the whole resource
                          ///< object; Terraform and CloudFormation: the
                          ///< resource's arguments or Properties).
  Origin Declaration;     ///< The most precise declaring text (symbolic
                          ///< name, block labels, logical id, `type` value).
  std::string SymbolicName;
  /// The deploy condition (ARM `condition`, Bicep `if`, CloudFormation
  /// `Condition`); absent when unconditional.
  std::optional<Value> Condition;
  LoopInfo Loop;
  /// Declared but not deployed here (Bicep `existing`, Terraform data).
  bool Existing = false;
  /// Terraform: the major versions its provider may run with (the lock
  /// file's, else those required_providers allows); empty when any may.
  std::vector<unsigned> ProviderMajors;
};

enum class EdgeKind : uint8_t { Reference, DependsOn, Parent, Attachment };

llvm::StringRef edgeKindName(EdgeKind K);

struct Edge {
  std::string From, To;
  EdgeKind Kind = EdgeKind::Reference;

  friend bool operator==(const Edge &, const Edge &) = default;
};

/// A diagnostic tied to the file it is about.
struct FileDiagnostic {
  std::string File;
  Diagnostic D;
};

class ResourceGraph {
public:
  /// A copy loop depending on another gives count x count edges; past this
  /// many a unit's edges are dropped (and counted), so a hostile template
  /// cannot exhaust memory.
  static constexpr size_t MaxEdges = 1'000'000;

  /// Adds a resource; its Id must not be in the graph yet.
  Resource &add(Resource R);
  /// Adds an edge unless the same one is already there.
  void connect(llvm::StringRef From, llvm::StringRef To, EdgeKind Kind);
  /// Adds a Parent edge from every child resource to its parent, found by
  /// type and name (ARM declares most children at top level, named
  /// "parent/child"; Bicep may too).
  void connectChildrenByName();

  const Resource *find(llvm::StringRef Id) const;
  const std::vector<Resource> &resources() const { return Resources; }
  const std::vector<Edge> &edges() const { return Edges; }
  /// Edges not added because the graph had MaxEdges already.
  size_t droppedEdges() const { return Dropped; }

private:
  std::vector<Resource> Resources;
  llvm::StringMap<size_t> IndexById;
  std::vector<Edge> Edges;
  llvm::StringSet<> EdgeKeys;
  size_t Dropped = 0;
};

struct DeploymentUnit {
  std::string Root; ///< The entry file or module directory.
  Dialect TheDialect = Dialect::Arm;
  ResourceGraph Graph;
  std::vector<FileDiagnostic> Diagnostics;
  /// Files the unit read itself (a Bicep module outside the scanned paths,
  /// a file loadJsonContent() reads): values point into them, so the unit
  /// keeps them alive.
  std::vector<std::shared_ptr<const void>> OwnedSources;
};

} // namespace rampart::model

#endif
