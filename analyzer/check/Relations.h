//===- Relations.h - Following the resource graph from a check -*- C++ -*-===//
//
// The generic steps a graph check takes: which resource a value refers to,
// a resource's child resources, and the resources whose property refers to
// it. The catalog's named relations (nsg_of, private_endpoint_of, ...) are
// written with these, so every check follows an edge the same way.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_RELATIONS_H
#define RAMPART_ANALYZER_CHECK_RELATIONS_H

#include "analyzer/model/ResourceGraph.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <vector>

namespace rampart::check {

/// Where a reference (a resource id, a Terraform `x.id`) leads.
struct Target {
  enum class State : uint8_t {
    Missing,  ///< No value: nothing is referenced.
    Resolved, ///< A resource of the unit.
    Outside,  ///< A known reference to a resource the unit does not declare.
    Unknown,  ///< The value cannot be resolved statically.
  };
  State Result = State::Missing;
  const model::Resource *Resource = nullptr;
  /// The id or expression that referred (null when Missing).
  const model::Value *Via = nullptr;
  /// The attribute path into Resource an expression named
  /// (`vnet.properties.subnets[0].id` gives properties, subnets, 0, id).
  llvm::ArrayRef<std::string> Attribute;
};

/// The resource V refers to: an expression's refersTo, or a known ARM
/// resource id (`/subscriptions/.../providers/Microsoft.Network/
/// networkSecurityGroups/nsg`), matched by type and name case-insensitively.
/// V may be null (Missing).
Target resolveReference(const model::DeploymentUnit &U, const model::Value *V);

/// The ARM unit id ("Microsoft.Network/virtualNetworks/subnets/vnet/a") an
/// ARM resource id names, or "" when Id is not one.
std::string unitIdOfArmResourceId(llvm::StringRef Id);

/// Whether R is an ARM resource (ARM JSON or Bicep): its property names,
/// types and names compare ignoring case.
bool isArmResource(const model::Resource &R);

/// The list at Path (a Terraform block list, an ARM array): its items, or
/// the value that makes it unreadable (Unknown), or nothing when missing.
struct ListAt {
  llvm::ArrayRef<model::Value> Items;
  const model::Value *Unknown = nullptr;
};
ListAt listAt(const model::Value &Props, llvm::StringRef Path,
              bool CaseInsensitive);

/// Whether the resource is deployed by this unit: not `existing`, not a data
/// source, and not under a condition known to be false.
bool isDeployed(const model::Resource &R);

/// Whether R's type is one of Types (ARM types compare case-insensitively).
bool hasType(const model::Resource &R, llvm::ArrayRef<llvm::StringRef> Types);

/// The deployed ARM child resources of Parent of one of Types (by parent
/// edge), in unit order.
std::vector<const model::Resource *>
childrenOf(const model::DeploymentUnit &U, const model::Resource &Parent,
           llvm::ArrayRef<llvm::StringRef> Types);

/// What a relation found for one resource.
struct Related {
  /// The deployed resources joined to it, in unit order.
  std::vector<const model::Resource *> Resources;
  /// The link (an id, a scope, a Terraform reference) of the first deployed
  /// resource of the relation's type that may or may not join it, because
  /// the link cannot be resolved statically; null when every link resolved.
  const model::Value *Undecided = nullptr;
};

/// The deployed resources of one of Types whose link at one of Paths (a
/// dotted path, Terraform blocks stepped through; each element of a list)
/// leads to X, or that an attachment edge joins to it. Undecided is the
/// first link that cannot be resolved. A link may be an ARM id in any spelling
/// (a reference, a full id, the relative "Microsoft.KeyVault/vaults/kv" of
/// a Bicep `scope:`) or a Terraform reference.
Related linkedTo(const model::DeploymentUnit &U, const model::Resource &X,
                 llvm::ArrayRef<llvm::StringRef> Types,
                 llvm::ArrayRef<llvm::StringRef> Paths);

/// The ids of the resources an attachment edge joins to TargetId.
llvm::StringSet<> attachedTo(const model::DeploymentUnit &U,
                             llvm::StringRef TargetId);

/// Adds Candidate to Out when it is in Attached or one of Links leads to
/// TargetId; else records the first link that cannot be resolved as
/// Out.Undecided. The step linkedTo takes per candidate, for relations whose
/// links are not at fixed paths.
void joinByLinks(const model::Resource &Candidate,
                 llvm::ArrayRef<const model::Value *> Links,
                 llvm::StringRef TargetId, const llvm::StringSet<> &Attached,
                 Related &Out);

/// The elements of a list (a Terraform block is a list of one), or the
/// value itself when it is not a list; nothing for null.
std::vector<const model::Value *> elementsOf(const model::Value *V);

/// The value at Path (see lookupPath), the unknown value on the way to it,
/// or null when it is missing.
const model::Value *valueAt(const model::Value &Props, llvm::StringRef Path,
                            bool CaseInsensitive);

/// The deployed resources of the unit of one of Types.
std::vector<const model::Resource *>
deployedOfType(const model::DeploymentUnit &U,
               llvm::ArrayRef<llvm::StringRef> Types);

} // namespace rampart::check

#endif
