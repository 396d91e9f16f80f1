//===- AzureRelations.h - The catalog's named Azure relations --*- C++ -*-===//
//
// The derived relations of checks catalog §1.4 that Azure checks follow,
// each defined once here on top of Relations.h, for ARM/Bicep and
// Terraform alike:
//
//   private_endpoint_of(x)      privateEndpointsOf
//   diag_settings_of(x)         diagSettingsOf
//   audit_settings_of(sql)      auditSettingsOf
//   role_assignments_to(p)      roleAssignmentsTo (and its inverse,
//                               assignedPrincipal)
//
// A relation is three-valued: besides the resources joined for sure, it
// reports a resource of the relation's type whose link cannot be resolved
// statically (a variable without a value), which may join too. A check
// that would fail for want of a joined resource is then unknown, never
// unhealthy.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_CHECK_AZURERELATIONS_H
#define RAMPART_ANALYZER_CHECK_AZURERELATIONS_H

#include "analyzer/check/Relations.h"

#include <vector>

namespace rampart::check {

/// The deployed ARM resource whose child R is, by the type R's names
/// ("Microsoft.Sql/servers" for a ".../servers/firewallRules"), following
/// the parent edges the way childrenOf does; null when the unit does not
/// deploy it.
const model::Resource *armParentOf(const model::DeploymentUnit &U,
                                   const model::Resource &R);

/// private_endpoint_of(x): `Microsoft.Network/privateEndpoints` whose
/// `privateLinkServiceConnections[]` or `manualPrivateLinkServiceConnections[]`
/// `properties.privateLinkServiceId` targets X; `azurerm_private_endpoint`
/// whose `private_service_connection.private_connection_resource_id` does.
Related privateEndpointsOf(const model::DeploymentUnit &U,
                           const model::Resource &X);

/// diag_settings_of(x): `Microsoft.Insights/diagnosticSettings` whose
/// `scope` names X (a Bicep `scope:` symbol, an ARM relative id
/// "Microsoft.KeyVault/vaults/kv", a full resource id), or nested as
/// `<x type>/providers/diagnosticSettings` named
/// "<x name>/Microsoft.Insights/<setting>"; `azurerm_monitor_diagnostic_
/// setting` whose `target_resource_id` refers to X.
Related diagSettingsOf(const model::DeploymentUnit &U,
                       const model::Resource &X);
/// The same for a resource the unit may not declare, by its ARM unit id
/// ("Microsoft.Sql/servers/databases/sql1/master"; compared ignoring case).
Related diagSettingsOf(const model::DeploymentUnit &U,
                       llvm::StringRef ArmUnitId);

/// audit_settings_of(sql): the child `Microsoft.Sql/servers/auditingSettings`
/// and `extendedAuditingSettings` of an ARM server;
/// `azurerm_mssql_server_extended_auditing_policy` whose `server_id` refers
/// to a Terraform server.
Related auditSettingsOf(const model::DeploymentUnit &U,
                        const model::Resource &Sql);

/// The principal a role assignment grants to: where its
/// `properties.principalId` (`principal_id`) leads. A Bicep
/// `id.properties.principalId` or `vm.identity.principalId`, a Terraform
/// `azurerm_user_assigned_identity.x.principal_id` or
/// `x.identity[0].principal_id` resolves to that resource, with the
/// attribute it named in Target::Attribute.
Target assignedPrincipal(const model::DeploymentUnit &U,
                         const model::Resource &Assignment);

/// role_assignments_to(principal): the `Microsoft.Authorization/
/// roleAssignments` and `azurerm_role_assignment` whose principal
/// (assignedPrincipal) is Principal.
Related roleAssignmentsTo(const model::DeploymentUnit &U,
                          const model::Resource &Principal);

/// Whether a principal Target is a workload identity: a user-assigned
/// managed identity, or the system-assigned identity of a resource (an
/// attribute under `identity`).
bool isManagedIdentity(const Target &Principal);

/// The kind of scope an ARM extension resource (a role assignment) or a
/// deployment applies at.
enum class ScopeKind : uint8_t {
  Resource,
  ResourceGroup,
  Subscription,
  ManagementGroup,
  Tenant,
  Unknown,
};
llvm::StringRef scopeKindName(ScopeKind K);

/// What an explicit scope value names: a resource id, a subscription
/// ("/subscriptions/<id>"), a management group ("/providers/Microsoft.
/// Management/managementGroups/<id>"), the resource a reference leads to
/// (a Terraform `data.azurerm_subscription.x.id` is a subscription), or a
/// Bicep scope function (`subscription()`, `managementGroup('mg')`,
/// `resourceGroup()`, `tenant()`), which the evaluator leaves unknown and
/// which is read from its source text.
ScopeKind scopeKindOf(const model::DeploymentUnit &U,
                      const model::Value &Scope);

/// The scope an ARM resource without a `scope` property deploys at: the
/// `targetScope` of the Bicep file that declares it (resourceGroup when
/// absent), or the `$schema` of an ARM template (subscription-,
/// managementGroup-, tenant- or the resource-group deploymentTemplate).
/// Unknown for a resource of an ARM nested deployment, whose scope the
/// deployment sets. The evaluated model does not keep the deployment scope,
/// so it is read from the declaring file's text.
ScopeKind deploymentScopeOf(const model::DeploymentUnit &U,
                            const model::Resource &R);

} // namespace rampart::check

#endif
