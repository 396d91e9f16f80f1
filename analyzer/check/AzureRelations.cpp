//===- AzureRelations.cpp - The catalog's named Azure relations -----------===//
#include "analyzer/check/AzureRelations.h"

#include "analyzer/check/Property.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Regex.h"

#include <optional>

namespace rampart::check {

using model::Resource;
using model::Value;
using model::ValueKind;

namespace {

constexpr llvm::StringLiteral DiagnosticSettings =
    "Microsoft.Insights/diagnosticSettings";
constexpr llvm::StringLiteral NestedDiagnostics =
    "/providers/diagnosticSettings";

/// The owner of a nested `<type>/providers/diagnosticSettings` named
/// "<owner name>/Microsoft.Insights/<setting>": its unit id, or nullopt
/// when the name is unknown.
std::optional<std::string> nestedOwnerId(const Resource &Setting) {
  llvm::StringRef Type = Setting.Type;
  llvm::StringRef OwnerType =
      Type.drop_back(NestedDiagnostics.size()); // caller checked the suffix
  if (!Setting.Name.is(ValueKind::String))
    return std::nullopt;
  llvm::StringRef Name = Setting.Name.asString();
  size_t At = Name.find_insensitive("/Microsoft.Insights/");
  if (At == llvm::StringRef::npos)
    return std::nullopt;
  return (OwnerType + "/" + Name.take_front(At)).str();
}

} // namespace

const Resource *armParentOf(const model::DeploymentUnit &U, const Resource &R) {
  llvm::StringRef ParentType = llvm::StringRef(R.Type).rsplit('/').first;
  if (!isArmResource(R) || !ParentType.contains('/'))
    return nullptr;
  for (const Resource *Parent : deployedOfType(U, {ParentType}))
    if (llvm::is_contained(childrenOf(U, *Parent, {R.Type}), &R))
      return Parent;
  return nullptr;
}

Related privateEndpointsOf(const model::DeploymentUnit &U, const Resource &X) {
  Related Out;
  llvm::StringSet<> Attached = attachedTo(U, X.Id);
  for (const Resource *Pe : deployedOfType(U, {"Microsoft.Network/"
                                               "privateEndpoints",
                                               "azurerm_private_endpoint"})) {
    bool Arm = isArmResource(*Pe);
    std::vector<const Value *> Links;
    if (Arm) {
      for (llvm::StringRef List : {"properties.privateLinkServiceConnections",
                                   "properties.manualPrivateLinkService"
                                   "Connections"})
        for (const Value *C : elementsOf(valueAt(Pe->Properties, List, true)))
          Links.push_back(
              C->is(ValueKind::Object)
                  ? valueAt(*C, "properties.privateLinkServiceId", true)
                  : C);
    } else {
      for (const Value *C :
           elementsOf(Pe->Properties.get("private_service_connection")))
        Links.push_back(C->is(ValueKind::Object)
                            ? C->get("private_connection_resource_id")
                            : C);
    }
    joinByLinks(*Pe, Links, X.Id, Attached, Out);
  }
  return Out;
}

Related diagSettingsOf(const model::DeploymentUnit &U,
                       llvm::StringRef ArmUnitId) {
  Related Out;
  for (const Resource &R : U.Graph.resources()) {
    if (!isDeployed(R) || !isArmResource(R))
      continue;
    llvm::StringRef Type = R.Type;
    if (Type.equals_insensitive(DiagnosticSettings)) {
      const Value *Scope = R.Properties.getInsensitive("scope");
      // Without a scope the setting is the deployment scope's own.
      if (Scope && !Scope->isNull())
        joinByLinks(R, {Scope}, ArmUnitId, {}, Out);
      continue;
    }
    if (!Type.endswith_insensitive(NestedDiagnostics))
      continue;
    std::optional<std::string> Owner = nestedOwnerId(R);
    if (Owner && llvm::StringRef(*Owner).equals_insensitive(ArmUnitId))
      Out.Resources.push_back(&R);
    else if (!Owner &&
             ArmUnitId.startswith_insensitive(
                 Type.drop_back(NestedDiagnostics.size()).str() + "/") &&
             !Out.Undecided)
      Out.Undecided = &R.Name;
  }
  return Out;
}

Related diagSettingsOf(const model::DeploymentUnit &U, const Resource &X) {
  if (isArmResource(X))
    return diagSettingsOf(U, X.Id);
  Related Out;
  llvm::StringSet<> Attached = attachedTo(U, X.Id);
  for (const Resource *D :
       deployedOfType(U, {"azurerm_monitor_diagnostic_setting"}))
    joinByLinks(*D, {D->Properties.get("target_resource_id")}, X.Id, Attached,
                Out);
  return Out;
}

Related auditSettingsOf(const model::DeploymentUnit &U, const Resource &Sql) {
  Related Out;
  if (isArmResource(Sql)) {
    Out.Resources =
        childrenOf(U, Sql,
                   {"Microsoft.Sql/servers/auditingSettings",
                    "Microsoft.Sql/servers/extendedAuditingSettings"});
    return Out;
  }
  llvm::StringSet<> Attached = attachedTo(U, Sql.Id);
  for (const Resource *P :
       deployedOfType(U, {"azurerm_mssql_server_extended_auditing_policy"}))
    joinByLinks(*P, {P->Properties.get("server_id")}, Sql.Id, Attached, Out);
  return Out;
}

Target assignedPrincipal(const model::DeploymentUnit &U,
                         const Resource &Assignment) {
  bool Arm = isArmResource(Assignment);
  const Value *Id =
      valueAt(Assignment.Properties,
              Arm ? "properties.principalId" : "principal_id", Arm);
  // A literal object id is a known principal that no resource declares.
  if (Id && Id->is(ValueKind::String))
    return {Target::State::Outside, nullptr, Id, {}};
  return resolveReference(U, Id);
}

Related roleAssignmentsTo(const model::DeploymentUnit &U,
                          const Resource &Principal) {
  Related Out;
  for (const Resource *A :
       deployedOfType(U, {"Microsoft.Authorization/roleAssignments",
                          "azurerm_role_assignment"})) {
    Target T = assignedPrincipal(U, *A);
    if (T.Result == Target::State::Resolved && T.Resource == &Principal)
      Out.Resources.push_back(A);
    else if (T.Result == Target::State::Unknown && !Out.Undecided)
      Out.Undecided = T.Via;
  }
  return Out;
}

bool isManagedIdentity(const Target &Principal) {
  if (Principal.Result != Target::State::Resolved || !Principal.Resource)
    return false;
  if (hasType(*Principal.Resource,
              {"Microsoft.ManagedIdentity/userAssignedIdentities",
               "azurerm_user_assigned_identity"}))
    return true;
  return !Principal.Attribute.empty() &&
         llvm::StringRef(Principal.Attribute.front())
             .equals_insensitive("identity");
}

llvm::StringRef scopeKindName(ScopeKind K) {
  switch (K) {
  case ScopeKind::Resource:
    return "resource";
  case ScopeKind::ResourceGroup:
    return "resource group";
  case ScopeKind::Subscription:
    return "subscription";
  case ScopeKind::ManagementGroup:
    return "management group";
  case ScopeKind::Tenant:
    return "tenant";
  case ScopeKind::Unknown:
    break;
  }
  return "unknown scope";
}

namespace {

/// "/subscriptions/s", "/subscriptions/s/resourceGroups/g",
/// "/providers/Microsoft.Management/managementGroups/m", "/", or a longer
/// (resource) id.
ScopeKind scopeOfId(llvm::StringRef Id) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Id.split(Parts, '/', -1, /*KeepEmpty=*/false);
  if (Parts.empty())
    return Id == "/" ? ScopeKind::Tenant : ScopeKind::Unknown;
  if (Parts.size() == 2 && Parts[0].equals_insensitive("subscriptions"))
    return ScopeKind::Subscription;
  if (Parts.size() == 4 && Parts[0].equals_insensitive("subscriptions") &&
      Parts[2].equals_insensitive("resourceGroups"))
    return ScopeKind::ResourceGroup;
  if (Parts.size() == 4 && Parts[0].equals_insensitive("providers") &&
      Parts[1].equals_insensitive("Microsoft.Management") &&
      Parts[2].equals_insensitive("managementGroups"))
    return ScopeKind::ManagementGroup;
  return ScopeKind::Resource;
}

ScopeKind scopeOfResource(const Resource &R) {
  if (hasType(R, {"azurerm_subscription", "Microsoft.Subscription/aliases"}))
    return ScopeKind::Subscription;
  if (hasType(R, {"azurerm_management_group",
                  "Microsoft.Management/managementGroups"}))
    return ScopeKind::ManagementGroup;
  if (hasType(R,
              {"azurerm_resource_group", "Microsoft.Resources/resourceGroups"}))
    return ScopeKind::ResourceGroup;
  return ScopeKind::Resource;
}

/// The source text a value was evaluated from, or "".
llvm::StringRef sourceTextOf(const Value &V) {
  const model::Origin &O = V.origin();
  if (!O.hasFile())
    return "";
  return O.File->text().slice(O.Range.Start.Offset, O.Range.End.Offset);
}

/// A Bicep scope function call: `subscription()`, `managementGroup('m')`.
ScopeKind scopeOfFunction(llvm::StringRef Text) {
  Text = Text.trim();
  llvm::StringRef Name =
      Text.take_while([](char C) { return llvm::isAlnum(C) || C == '_'; });
  if (Name.empty() || !Text.drop_front(Name.size()).ltrim().startswith("("))
    return ScopeKind::Unknown;
  if (Name == "subscription")
    return ScopeKind::Subscription;
  if (Name == "managementGroup")
    return ScopeKind::ManagementGroup;
  if (Name == "resourceGroup")
    return ScopeKind::ResourceGroup;
  if (Name == "tenant")
    return ScopeKind::Tenant;
  return ScopeKind::Unknown;
}

} // namespace

ScopeKind scopeKindOf(const model::DeploymentUnit &U, const Value &Scope) {
  if (Scope.is(ValueKind::String)) {
    llvm::StringRef S = Scope.asString();
    if (S.startswith("/"))
      return scopeOfId(S);
    // A Bicep `scope: x` or a compiled ARM relative id names a resource.
    return ScopeKind::Resource;
  }
  if (Scope.is(ValueKind::Expression) && !Scope.refersTo().empty()) {
    Target T = resolveReference(U, &Scope);
    if (T.Resource)
      return scopeOfResource(*T.Resource);
    return ScopeKind::Resource;
  }
  if (Scope.is(ValueKind::Unknown) || Scope.is(ValueKind::Expression))
    return scopeOfFunction(sourceTextOf(Scope));
  return ScopeKind::Unknown;
}

ScopeKind deploymentScopeOf(const model::DeploymentUnit &U, const Resource &R) {
  if (!R.Declaration.hasFile())
    return ScopeKind::Unknown;
  llvm::StringRef Text = R.Declaration.File->text();
  llvm::SmallVector<llvm::StringRef, 2> M;
  if (R.TheDialect == Dialect::Bicep) {
    llvm::Regex TargetScope(
        "(^|\n)[ \t]*targetScope[ \t]*=[ \t]*'([A-Za-z]+)'");
    if (!TargetScope.match(Text, &M))
      return ScopeKind::ResourceGroup;
    return scopeOfFunction((M[2] + "()").str());
  }
  if (R.TheDialect != Dialect::Arm)
    return ScopeKind::Unknown;
  // A nested deployment's resources deploy where the deployment says.
  for (const Resource &D : U.Graph.resources())
    if (hasType(D, {"Microsoft.Resources/deployments"}) &&
        D.Declaration.File == R.Declaration.File)
      return ScopeKind::Unknown;
  llvm::Regex Schema("\"\\$schema\"[ \t\r\n]*:[ \t\r\n]*\"[^\"]*/"
                     "([A-Za-z]+)\\.json#?\"");
  if (!Schema.match(Text, &M))
    return ScopeKind::Unknown;
  llvm::StringRef Kind = M[1];
  if (Kind.equals_insensitive("deploymentTemplate"))
    return ScopeKind::ResourceGroup;
  if (Kind.equals_insensitive("subscriptionDeploymentTemplate"))
    return ScopeKind::Subscription;
  if (Kind.equals_insensitive("managementGroupDeploymentTemplate"))
    return ScopeKind::ManagementGroup;
  if (Kind.equals_insensitive("tenantDeploymentTemplate"))
    return ScopeKind::Tenant;
  return ScopeKind::Unknown;
}

} // namespace rampart::check
