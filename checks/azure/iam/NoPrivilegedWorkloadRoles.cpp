//===- NoPrivilegedWorkloadRoles.cpp - AZ-IAM-002 -------------------------===//
#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

struct PrivilegedRole {
  llvm::StringLiteral Name, Guid;
};

// Built-in roles that can take over everything in their scope.
constexpr PrivilegedRole PrivilegedRoles[] = {
    {"Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"},
    {"Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c"},
    {"User Access Administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"},
    {"Role Based Access Control Administrator",
     "f58310d9-a9f6-439a-9e8d-f62e7b41a168"},
};

/// A three-valued part of the rule, with the value that decided it.
struct Part {
  Truth T = Truth::Unknown;
  const Value *Where = nullptr;
  std::string What; ///< For messages: "Owner", "a managed identity".
};

const Value *member(const Resource &R, llvm::StringRef Path, bool Arm) {
  Lookup L = lookupPath(R.Properties, Path, Arm);
  return L.Result == Lookup::State::Missing ? nullptr : L.Value;
}

/// A role definition id (a literal, or the resourceId() an expression
/// refers to) that ends in a privileged role's GUID.
Part roleById(const Value *Id) {
  llvm::StringRef Text;
  if (Id && Id->is(model::ValueKind::String))
    Text = Id->asString();
  else if (Id && Id->is(model::ValueKind::Expression) &&
           !Id->refersTo().empty())
    Text = Id->refersTo();
  else
    return {Id ? Truth::Unknown : Truth::False, Id, ""};
  for (const PrivilegedRole &R : PrivilegedRoles)
    if (Text.endswith_insensitive(R.Guid))
      return {Truth::True, Id, R.Name.str()};
  return {Truth::False, Id, ""};
}

Part roleByName(const Value *Name) {
  if (!Name)
    return {Truth::False, nullptr, ""};
  if (!Name->is(model::ValueKind::String))
    return {Truth::Unknown, Name, ""};
  for (const PrivilegedRole &R : PrivilegedRoles)
    if (Name->asString().equals_insensitive(R.Name))
      return {Truth::True, Name, R.Name.str()};
  return {Truth::False, Name, ""};
}

/// The principal is a workload: principalType ServicePrincipal, or a
/// principal id that leads to a managed identity (user-assigned, or a
/// resource's system-assigned `identity`).
Part workloadPrincipal(const Subject &S, const Value *Type) {
  if (Type && !Type->isNull()) {
    Match M = equalsInsensitive(*Type, "ServicePrincipal");
    return {M.T, Type, "a service principal"};
  }
  Target P = assignedPrincipal(S.Unit, S.Resource);
  if (isManagedIdentity(P))
    return {Truth::True, P.Via, "a managed identity"};
  if (P.Result == Target::State::Resolved)
    return {Truth::False, P.Via, ""};
  return {Truth::Unknown, P.Via, ""};
}

Part broadScope(const Subject &S, const Value *Scope, bool Arm) {
  ScopeKind K =
      Scope && !Scope->isNull()
          ? scopeKindOf(S.Unit, *Scope)
          : (Arm ? deploymentScopeOf(S.Unit, S.Resource) : ScopeKind::Unknown);
  if (K == ScopeKind::Unknown)
    return {Truth::Unknown, Scope, ""};
  // A tenant-scope assignment covers more still.
  bool Broad = K == ScopeKind::Subscription ||
               K == ScopeKind::ManagementGroup || K == ScopeKind::Tenant;
  return {fromBool(Broad), Scope, scopeKindName(K).str()};
}

Evaluation judge(const Part &Role, const Part &Principal, const Part &Scope) {
  Truth All = truthAnd(Role.T, truthAnd(Principal.T, Scope.T));
  if (All == Truth::False)
    return Evaluation::healthy();
  if (All == Truth::True)
    return {Outcome::Unhealthy,
            Role.Where,
            {},
            "grants " + Role.What + " to " + Principal.What + " at " +
                Scope.What + " scope"};
  const Part &Open = Role.T == Truth::Unknown        ? Role
                     : Principal.T == Truth::Unknown ? Principal
                                                     : Scope;
  std::string What = &Open == &Role        ? "role"
                     : &Open == &Principal ? "principal's kind"
                                           : "scope";
  return {Outcome::Unknown,
          Open.Where,
          {},
          "the assignment's " + What +
              " is unknown, so whether it gives a workload identity an "
              "Owner-level role at subscription scope is unknown"};
}

Evaluation armAssignment(const Subject &S) {
  return judge(
      roleById(member(S.Resource, "properties.roleDefinitionId", true)),
      workloadPrincipal(S,
                        member(S.Resource, "properties.principalType", true)),
      broadScope(S, member(S.Resource, "scope", true), true));
}

Evaluation terraformAssignment(const Subject &S) {
  const Value *Name = member(S.Resource, "role_definition_name", false);
  Part Role = Name ? roleByName(Name)
                   : roleById(member(S.Resource, "role_definition_id", false));
  return judge(
      Role, workloadPrincipal(S, member(S.Resource, "principal_type", false)),
      broadScope(S, member(S.Resource, "scope", false), false));
}

} // namespace

const Check &iamNoPrivilegedWorkloadRoles() {
  static const Check C =
      CheckBuilder("AZ-IAM-002", __FILE__)
          .title("Workload identities should not hold Owner-level roles at "
                 "subscription or management-group scope")
          .severity(Level::Medium)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .why("A compromised app, VM or pipeline with Owner or Contributor "
               "on a subscription can take over everything in it.")
          .remediation("Grant data-plane or resource-group-scoped roles that "
                       "match what the workload touches")
          .onArm({"Microsoft.Authorization/roleAssignments"}, armAssignment)
          .onTerraform("azurerm", {"azurerm_role_assignment"},
                       terraformAssignment)
          .build();
  return C;
}

} // namespace rampart::checks
