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

/// The deployed resources of one of Types whose property at Path (a dotted
/// path, Terraform blocks stepped through) refers to Target, or that an
/// attachment edge joins to it (association resources matched by name), in
/// unit order.
std::vector<const model::Resource *>
referrersOf(const model::DeploymentUnit &U, const model::Resource &Target,
            llvm::ArrayRef<llvm::StringRef> Types, llvm::StringRef Path);

/// The deployed resources of the unit of one of Types.
std::vector<const model::Resource *>
deployedOfType(const model::DeploymentUnit &U,
               llvm::ArrayRef<llvm::StringRef> Types);

} // namespace rampart::check

#endif
