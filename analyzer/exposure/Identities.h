//===- Identities.h - Who a workload runs as, and what it may do -*- C++
//-*-===//
//
// The identity edges of catalog §4.1, for the attack paths:
//
//   runs_as(c → id)            the identities a compute resource uses: Azure
//                              managed identities (system- and user-assigned),
//                              AWS instance profiles, Lambda and ECS task
//                              roles, GCP service accounts;
//   grants(id → target, p)     what an identity holds: Azure role assignments
//                              (built-in role GUIDs or names, with their
//                              scope), AWS IAM policies evaluated for admin,
//                              escalation and data access, GCP project roles.
//
// Each edge is three-valued: a step that depends on a value Rampart cannot
// resolve (a role scope from a parameter, a policy document from a data
// source) is Possible, with the reason, never Definite.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EXPOSURE_IDENTITIES_H
#define RAMPART_ANALYZER_EXPOSURE_IDENTITIES_H

#include "analyzer/exposure/Exposure.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace rampart::exposure {

/// A hop at the most precise text of R that decides the step (V), else at
/// R's declaration.
Hop stepAt(const model::Resource &R, std::string Label,
           const model::Value *V = nullptr);

/// One runs_as edge.
struct Identity {
  /// The principal: a user-assigned identity, an IAM role, a service
  /// account; for an Azure system-assigned identity, the compute resource
  /// itself. Null for a GCP default compute service account.
  const model::Resource *Principal = nullptr;
  /// An Azure system-assigned identity (Principal is the compute resource).
  bool SystemAssigned = false;
  /// GCP: the project's default compute service account.
  bool DefaultServiceAccount = false;
  /// The steps from the compute resource to the principal (an instance
  /// profile, then the role), the principal last.
  std::vector<Hop> Chain;
  Certainty State = Certainty::Definite;
  std::string Reason;
};

/// The resource of one of Types a link leads to: by reference, or for a
/// literal (Terraform evaluates `aws_iam_role.r.name` to its text), by the
/// declared name (`name`, else NameProp) or an ARN ending in it.
const model::Resource *resolveNamed(const model::DeploymentUnit &U,
                                    const model::Value *Link,
                                    llvm::ArrayRef<llvm::StringRef> Types,
                                    llvm::StringRef NameProp);

/// The Azure resource types of the Compute kind (catalog §4.2): what runs
/// with a managed identity.
llvm::ArrayRef<llvm::StringRef> azureComputeTypes();

/// runs_as(Compute → id): the identities Compute uses.
std::vector<Identity> identitiesOf(const model::DeploymentUnit &U,
                                   const model::Resource &Compute);

/// What a grant gives.
enum class PrivilegeKind : uint8_t {
  Role,       ///< An Azure or GCP role (Privilege names it)
  Admin,      ///< AWS: every action on every resource
  Escalation, ///< AWS: can give itself more (iam:PassRole + RunInstances...)
  Data,       ///< AWS: reads data (Privilege is the action)
};

/// Where a grant applies.
enum class GrantScope : uint8_t {
  ManagementGroup,
  Subscription,
  ResourceGroup,
  Tenant,
  Project, ///< GCP
  Account, ///< AWS: every resource of the kind ("*")
  Resource,
  Unknown,
};
llvm::StringRef grantScopeName(GrantScope S);

/// One grants edge.
struct Grant {
  PrivilegeKind Kind = PrivilegeKind::Role;
  /// "Owner", "roles/editor", "admin", "s3:GetObject".
  std::string Privilege;
  GrantScope Scope = GrantScope::Unknown;
  /// Resource scope: the resource the grant is on, when the unit declares
  /// it (a storage account, a bucket, a secret).
  const model::Resource *Target = nullptr;
  /// The assignment, policy statement or binding, the principal excluded.
  std::vector<Hop> Chain;
  Certainty State = Certainty::Definite;
  std::string Reason;
};

/// grants(id → target): the role assignments, policies and bindings that
/// give Id its rights. Only privileges some path reads are listed: Azure's
/// Owner-level and data-plane roles, AWS admin, escalation and data reads,
/// GCP's owner, editor and storage roles.
std::vector<Grant> grantsOf(const model::DeploymentUnit &U, const Identity &Id);

} // namespace rampart::exposure

#endif
