//===- NoWildcardCustomRoles.cpp - AZ-IAM-001 -----------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// "*", "Microsoft.Authorization/*" and the assignment write itself all let
// the role holder grant any role, which makes the role an Owner.
constexpr llvm::StringRef Escalation =
    "Microsoft.Authorization/roleAssignments/write";

/// Whether some permission block grants the escalating action.
Match permissionsGrantAll(const Value &Permissions, bool Arm,
                          const char *Actions, const char *NotActions) {
  Match Result{Truth::False, &Permissions, {}};
  if (!Permissions.isKnown() || !Permissions.is(model::ValueKind::Array))
    return {Truth::Unknown, &Permissions, {}};
  for (const Value &P : Permissions.items()) {
    if (!P.isKnown())
      return {Truth::Unknown, &P, {}};
    const model::Member *A = P.memberNamed(Actions, Arm);
    if (!A)
      continue;
    const model::Member *N = P.memberNamed(NotActions, Arm);
    Match M = azureActionsGrant(A->V, N ? &N->V : nullptr, Escalation);
    if (M.isTrue())
      return M;
    if (M.isUnknown())
      Result = M;
  }
  return Result;
}

/// "/", a management group or a whole subscription.
Match scopeIsBroad(const Value &Scope) {
  if (!Scope.isKnown())
    return {Truth::Unknown, &Scope, {}};
  if (!Scope.is(model::ValueKind::String))
    return {Truth::Unknown, &Scope, "the scope is not a string"};
  std::string S = llvm::StringRef(Scope.asString()).rtrim('/').lower();
  if (S.empty())
    return {Truth::True, &Scope, {}};
  llvm::StringRef R(S);
  if (R.startswith("/providers/microsoft.management/managementgroups/"))
    return {Truth::True, &Scope, {}};
  if (R.consume_front("/subscriptions/") && !R.empty() && !R.contains('/'))
    return {Truth::True, &Scope, {}};
  return {Truth::False, &Scope, {}};
}

Match anyScopeIsBroad(const Value &Scopes) {
  if (!Scopes.isKnown() || !Scopes.is(model::ValueKind::Array))
    return scopeIsBroad(Scopes);
  Match Result{Truth::False, &Scopes, {}};
  for (const Value &S : Scopes.items()) {
    Match M = scopeIsBroad(S);
    if (M.isTrue())
      return M;
    if (M.isUnknown())
      Result = M;
  }
  return Result;
}

Evaluation judge(const Match &Grants, const Match &Broad,
                 const std::string &PermissionsPath) {
  Truth T = truthAnd(Grants.T, Broad.T);
  if (T == Truth::False)
    return Evaluation::healthy();
  if (T == Truth::True)
    return {Outcome::Unhealthy,
            Grants.Where,
            {PermissionsPath},
            "the role grants every action (including role assignments) and "
            "is assignable at subscription or management-group scope"};
  const Match &Why = Grants.isUnknown() ? Grants : Broad;
  return {Outcome::Unknown,
          Why.Where,
          {PermissionsPath},
          Why.Reason.empty() ? "the role's actions or assignable scopes are "
                               "unknown"
                             : Why.Reason};
}

Evaluation armWildcardRole(const Subject &S) {
  const Value &Props = S.Resource.Properties;
  Lookup Perms = lookupPath(Props, "properties.permissions", true);
  if (Perms.Result == Lookup::State::Missing)
    return Evaluation::healthy();
  Match Grants =
      permissionsGrantAll(*Perms.Value, true, "actions", "notActions");
  if (Grants.isFalse())
    return Evaluation::healthy();
  Lookup Scopes = lookupPath(Props, "properties.assignableScopes", true);
  if (Scopes.Result == Lookup::State::Missing)
    return Evaluation::healthy();
  return judge(Grants, anyScopeIsBroad(*Scopes.Value),
               "properties.permissions");
}

// A missing assignable_scopes is [scope].
Evaluation terraformWildcardRole(const Subject &S) {
  const Value &Props = S.Resource.Properties;
  Lookup Perms = lookupPath(Props, "permissions", false);
  if (Perms.Result == Lookup::State::Missing)
    return Evaluation::healthy();
  Match Grants =
      permissionsGrantAll(*Perms.Value, false, "actions", "not_actions");
  if (Grants.isFalse())
    return Evaluation::healthy();
  Lookup Scopes = lookupPath(Props, "assignable_scopes", false);
  if (Scopes.Result == Lookup::State::Missing)
    Scopes = lookupPath(Props, "scope", false);
  if (Scopes.Result == Lookup::State::Missing)
    return Evaluation::healthy();
  return judge(Grants, anyScopeIsBroad(*Scopes.Value), "permissions");
}

} // namespace

const Check &iamNoWildcardCustomRoles() {
  static const Check C =
      CheckBuilder("AZ-IAM-001", __FILE__)
          .title("Custom roles should not grant all actions at subscription "
                 "or management-group scope")
          .severity(Level::High)
          .control("Manage access and permissions")
          .compliance("MCSB", "PA-7")
          .compliance("CIS-Azure", "1.23")
          .why("A custom role with * is an Owner in disguise and escapes "
               "reviews that only look for the built-in Owner.")
          .remediation("Enumerate the actions the role really needs, or use a "
                       "built-in role")
          .reference("Policy: Audit usage of custom RBAC roles")
          .reference("Checkov CKV_AZURE_39")
          .reference("Trivy AVD-AZU-0030")
          .onArm({"Microsoft.Authorization/roleDefinitions"}, armWildcardRole)
          .onTerraform("azurerm", {"azurerm_role_definition"},
                       terraformWildcardRole)
          .build();
  return C;
}

} // namespace rampart::checks
