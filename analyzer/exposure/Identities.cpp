//===- Identities.cpp - Who a workload runs as, and what it may do --------===//
#include "analyzer/exposure/Identities.h"

#include "analyzer/check/AzureRelations.h"
#include "analyzer/check/Engine.h"
#include "analyzer/check/Environment.h"
#include "analyzer/exposure/IamPolicy.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace rampart::exposure {

using check::Target;
using model::Resource;
using model::Value;
using model::ValueKind;

Hop stepAt(const Resource &R, std::string Label, const Value *V) {
  model::Origin Where =
      V && V->origin().hasFile() ? V->origin() : R.Declaration;
  return {R.Id, std::move(Label), Where};
}

llvm::StringRef grantScopeName(GrantScope S) {
  switch (S) {
  case GrantScope::ManagementGroup:
    return "management group";
  case GrantScope::Subscription:
    return "subscription";
  case GrantScope::ResourceGroup:
    return "resource group";
  case GrantScope::Tenant:
    return "tenant";
  case GrantScope::Project:
    return "project";
  case GrantScope::Account:
    return "account";
  case GrantScope::Resource:
    return "resource";
  case GrantScope::Unknown:
    return "unknown scope";
  }
  return "unknown scope";
}

namespace {

const Value *at(const Resource &R, llvm::StringRef Path) {
  return check::valueAt(R.Properties, Path, check::isArmResource(R));
}

bool isUnresolved(const Value *V) {
  return V && (V->is(ValueKind::Unknown) || V->is(ValueKind::Expression));
}

std::string quoted(const Resource &R) {
  return "'" + check::resourceLabel(R) + "'";
}

//===----------------------------------------------------------------------===//
// runs_as
//===----------------------------------------------------------------------===//

const llvm::StringRef AzureCompute[] = {
    "Microsoft.Compute/virtualMachines",
    "Microsoft.Compute/virtualMachineScaleSets",
    "Microsoft.Web/sites",
    "Microsoft.ContainerInstance/containerGroups",
    "azurerm_linux_virtual_machine",
    "azurerm_windows_virtual_machine",
    "azurerm_virtual_machine",
    "azurerm_linux_virtual_machine_scale_set",
    "azurerm_windows_virtual_machine_scale_set",
    "azurerm_linux_web_app",
    "azurerm_windows_web_app",
    "azurerm_linux_function_app",
    "azurerm_windows_function_app",
    "azurerm_container_group",
};

} // namespace

llvm::ArrayRef<llvm::StringRef> azureComputeTypes() { return AzureCompute; }

namespace {

/// Azure: `identity.type` naming SystemAssigned gives the resource's own
/// principal; `identity.userAssignedIdentities` keys (ARM) and
/// `identity.identity_ids` (Terraform) name user-assigned identities.
void azureIdentities(const model::DeploymentUnit &U, const Resource &C,
                     std::vector<Identity> &Out) {
  bool Arm = check::isArmResource(C);
  const Value *Type = at(C, "identity.type");
  if (Type && Type->is(ValueKind::String) &&
      Type->asString().contains_insensitive("SystemAssigned"))
    Out.push_back(
        {&C,
         true,
         false,
         {stepAt(C, "system-assigned identity of " + quoted(C), Type)},
         Certainty::Definite,
         ""});
  else if (isUnresolved(Type))
    Out.push_back(
        {&C,
         true,
         false,
         {stepAt(C, "system-assigned identity of " + quoted(C), Type)},
         Certainty::Possible,
         "the identity type of " + quoted(C) + " is unknown"});

  auto AddUserAssigned = [&](const Value &Link) {
    Target T = check::resolveReference(U, &Link);
    if (T.Result != Target::State::Resolved)
      return;
    Out.push_back(
        {T.Resource,
         false,
         false,
         {stepAt(*T.Resource, "user-assigned identity " + quoted(*T.Resource),
                 &Link)},
         Certainty::Definite,
         ""});
  };
  if (Arm) {
    const Value *Assigned = at(C, "identity.userAssignedIdentities");
    if (Assigned && Assigned->is(ValueKind::Object))
      for (const model::Member &M : Assigned->members())
        AddUserAssigned(Value::string(M.Key, M.KeyOrigin));
    return;
  }
  for (const Value *Link : check::elementsOf(at(C, "identity.identity_ids")))
    AddUserAssigned(*Link);
}

} // namespace

const Resource *resolveNamed(const model::DeploymentUnit &U, const Value *Link,
                             llvm::ArrayRef<llvm::StringRef> Types,
                             llvm::StringRef NameProp) {
  Target T = check::resolveReference(U, Link);
  if (T.Result == Target::State::Resolved && check::hasType(*T.Resource, Types))
    return T.Resource;
  if (!Link || !Link->is(ValueKind::String))
    return nullptr;
  // Terraform evaluates `aws_iam_role.r.name` to its literal; an ARN ends
  // in the name.
  llvm::StringRef Text = Link->asString();
  llvm::StringRef Last = Text.rsplit('/').second;
  for (const Resource *R : check::deployedOfType(U, Types)) {
    const Value *Name =
        at(*R, R->TheDialect == Dialect::Terraform ? llvm::StringRef("name")
                                                   : NameProp);
    if (Name && Name->is(ValueKind::String) &&
        (Name->asString() == Text || Name->asString() == Last))
      return R;
  }
  return nullptr;
}

namespace {

/// Follows a role reference (a Lambda's `Role`, an instance profile's
/// role) to a role of the unit.
void awsRole(const model::DeploymentUnit &U, const Value *Link,
             std::vector<Hop> Chain, std::vector<Identity> &Out) {
  const Resource *Role =
      resolveNamed(U, Link, {"AWS::IAM::Role", "aws_iam_role"}, "RoleName");
  if (!Role)
    return;
  Chain.push_back(stepAt(*Role, "IAM role " + quoted(*Role), Link));
  Out.push_back(
      {Role, false, false, std::move(Chain), Certainty::Definite, ""});
}

/// The instance profile an EC2 instance names, by reference or, for a
/// literal name, by the profile's declared name.
const Resource *instanceProfile(const model::DeploymentUnit &U,
                                const Value *Link) {
  return resolveNamed(U, Link,
                      {"AWS::IAM::InstanceProfile", "aws_iam_instance_profile"},
                      "InstanceProfileName");
}

void awsIdentities(const model::DeploymentUnit &U, const Resource &C,
                   std::vector<Identity> &Out) {
  bool Tf = C.TheDialect == Dialect::Terraform;
  if (check::hasType(C, {"AWS::EC2::Instance", "aws_instance"})) {
    const Value *Link =
        at(C, Tf ? "iam_instance_profile" : "IamInstanceProfile");
    const Resource *Profile = instanceProfile(U, Link);
    if (!Profile)
      return;
    std::vector<Hop> Chain{
        stepAt(*Profile, "instance profile " + quoted(*Profile), Link)};
    if (Tf) {
      awsRole(U, at(*Profile, "role"), Chain, Out);
      return;
    }
    for (const Value *Role : check::elementsOf(at(*Profile, "Roles")))
      awsRole(U, Role, Chain, Out);
    return;
  }
  if (check::hasType(C, {"AWS::Lambda::Function", "aws_lambda_function",
                         "AWS::Serverless::Function"}))
    awsRole(U, at(C, Tf ? "role" : "Role"), {}, Out);
  else if (check::hasType(
               C, {"AWS::ECS::TaskDefinition", "aws_ecs_task_definition"}))
    awsRole(U, at(C, Tf ? "task_role_arn" : "TaskRoleArn"), {}, Out);
}

/// GCP: `service_account.email`; a block without an email runs as the
/// project's default compute service account.
void googleIdentities(const model::DeploymentUnit &U, const Resource &C,
                      std::vector<Identity> &Out) {
  if (!check::hasType(C, {"google_compute_instance"}))
    return;
  const Value *Block = at(C, "service_account");
  if (!Block || Block->isNull())
    return;
  const Value *Email = at(C, "service_account.email");
  bool Default =
      !Email || Email->isNull() ||
      (Email->is(ValueKind::String) &&
       Email->asString().endswith("-compute@developer.gserviceaccount.com"));
  if (Default) {
    Out.push_back({nullptr,
                   false,
                   true,
                   {stepAt(C, "the default compute service account",
                           Email ? Email : Block)},
                   Certainty::Definite,
                   ""});
    return;
  }
  Target T = check::resolveReference(U, Email);
  if (T.Result == Target::State::Resolved)
    Out.push_back(
        {T.Resource,
         false,
         false,
         {stepAt(*T.Resource, "service account " + quoted(*T.Resource), Email)},
         Certainty::Definite,
         ""});
}

//===----------------------------------------------------------------------===//
// Azure grants
//===----------------------------------------------------------------------===//

struct AzureRole {
  llvm::StringLiteral Name, Guid;
};

// Owner-level roles (as AZ-IAM-002) and the data-plane roles of
// AZ-PATH-003; GUIDs from Azure's built-in roles reference.
constexpr AzureRole AzureRoles[] = {
    {"Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"},
    {"Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c"},
    {"User Access Administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"},
    {"Role Based Access Control Administrator",
     "f58310d9-a9f6-439a-9e8d-f62e7b41a168"},
    {"Storage Blob Data Reader", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"},
    {"Storage Blob Data Contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe"},
    {"Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"},
    {"Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6"},
    {"Key Vault Secrets Officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"},
    {"Key Vault Administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483"},
};

/// The role an assignment gives: its name, "" for a role no path reads, or
/// nullopt when the value cannot be resolved.
std::optional<std::string> azureRoleOf(const Resource &A) {
  bool Arm = check::isArmResource(A);
  const Value *Name = Arm ? nullptr : at(A, "role_definition_name");
  if (Name && !Name->isNull()) {
    if (!Name->is(ValueKind::String))
      return std::nullopt;
    for (const AzureRole &R : AzureRoles)
      if (Name->asString().equals_insensitive(R.Name))
        return R.Name.str();
    return std::string();
  }
  const Value *Id =
      at(A, Arm ? "properties.roleDefinitionId" : "role_definition_id");
  llvm::StringRef Text;
  if (Id && Id->is(ValueKind::String))
    Text = Id->asString();
  else if (Id && Id->is(ValueKind::Expression) && !Id->refersTo().empty())
    Text = Id->refersTo();
  else if (Id && !Id->isNull())
    return std::nullopt;
  for (const AzureRole &R : AzureRoles)
    if (Text.endswith_insensitive(R.Guid))
      return R.Name.str();
  return std::string();
}

const Value *roleValueOf(const Resource &A) {
  if (check::isArmResource(A))
    return at(A, "properties.roleDefinitionId");
  const Value *Name = at(A, "role_definition_name");
  return Name ? Name : at(A, "role_definition_id");
}

GrantScope fromScopeKind(check::ScopeKind K) {
  switch (K) {
  case check::ScopeKind::Resource:
    return GrantScope::Resource;
  case check::ScopeKind::ResourceGroup:
    return GrantScope::ResourceGroup;
  case check::ScopeKind::Subscription:
    return GrantScope::Subscription;
  case check::ScopeKind::ManagementGroup:
    return GrantScope::ManagementGroup;
  case check::ScopeKind::Tenant:
    return GrantScope::Tenant;
  case check::ScopeKind::Unknown:
    return GrantScope::Unknown;
  }
  return GrantScope::Unknown;
}

/// An ARM `reference(resourceId('<type>', '<name>'), ...).identity.
/// principalId` (or a user-assigned identity's `.principalId`) is unknown
/// to the evaluator, which resolves reference() at deployment only; its
/// text still names the resource, so it is read from there, as the scope
/// functions are (AzureRelations.h).
bool referenceTextNames(const Value *Principal, const Resource &R) {
  if (!Principal || !Principal->is(ValueKind::Unknown) ||
      !Principal->origin().hasFile() || !R.Name.is(ValueKind::String))
    return false;
  // The unknown value is the reference() call; the attribute path after
  // it (".identity.principalId") follows on the same line.
  const model::Origin &O = Principal->origin();
  llvm::StringRef Text =
      O.File->text().substr(O.Range.Start.Offset).split('\n').first;
  return Text.contains_insensitive("reference(") &&
         Text.contains_insensitive("principalId") &&
         Text.contains_insensitive(R.Type) &&
         Text.contains("'" + R.Name.asString().str() + "'");
}

/// role_assignments_to(id), and the ARM assignments whose principal is a
/// reference() naming it.
std::vector<const Resource *> assignmentsTo(const model::DeploymentUnit &U,
                                            const Identity &Id) {
  std::vector<const Resource *> Out;
  for (const Resource *A : check::roleAssignmentsTo(U, *Id.Principal).Resources)
    // A system-assigned identity is the resource's `identity` principal; a
    // reference to another of its attributes is not an identity.
    if (!Id.SystemAssigned ||
        check::isManagedIdentity(check::assignedPrincipal(U, *A)))
      Out.push_back(A);
  for (const Resource *A :
       check::deployedOfType(U, {"Microsoft.Authorization/roleAssignments"})) {
    Target P = check::assignedPrincipal(U, *A);
    if (P.Result == Target::State::Unknown &&
        referenceTextNames(P.Via, *Id.Principal) && !llvm::is_contained(Out, A))
      Out.push_back(A);
  }
  return Out;
}

void azureGrants(const model::DeploymentUnit &U, const Identity &Id,
                 std::vector<Grant> &Out) {
  for (const Resource *A : assignmentsTo(U, Id)) {
    bool Arm = check::isArmResource(*A);
    std::optional<std::string> Role = azureRoleOf(*A);
    if (Role && Role->empty())
      continue;
    const Value *ScopeValue = at(*A, "scope");
    check::ScopeKind Kind = ScopeValue && !ScopeValue->isNull()
                                ? check::scopeKindOf(U, *ScopeValue)
                                : (Arm ? check::deploymentScopeOf(U, *A)
                                       : check::ScopeKind::Unknown);
    Grant G;
    G.Kind = PrivilegeKind::Role;
    G.Privilege = Role.value_or("an unknown role");
    G.Scope = fromScopeKind(Kind);
    if (G.Scope == GrantScope::Resource) {
      Target T = check::resolveReference(U, ScopeValue);
      G.Target = T.Result == Target::State::Resolved ? T.Resource : nullptr;
    }
    std::string Label = "role assignment gives " + G.Privilege + " at " +
                        grantScopeName(G.Scope).str();
    if (G.Target)
      Label += " " + quoted(*G.Target);
    G.Chain.push_back(stepAt(*A, Label, roleValueOf(*A)));
    if (!Role) {
      G.State = Certainty::Possible;
      G.Reason = "the role of " + quoted(*A) + " is unknown";
    } else if (G.Scope == GrantScope::Unknown) {
      G.State = Certainty::Possible;
      G.Reason = "the scope of " + quoted(*A) + " is unknown";
      if (ScopeValue)
        G.Chain.back().Where = ScopeValue->origin().hasFile()
                                   ? ScopeValue->origin()
                                   : G.Chain.back().Where;
    }
    Out.push_back(std::move(G));
  }
}

//===----------------------------------------------------------------------===//
// GCP grants
//===----------------------------------------------------------------------===//

bool namesServiceAccount(const Value &Member, const Resource &Sa) {
  llvm::StringSet<> Refs;
  model::collectReferences(Member, Refs);
  return Refs.contains(Sa.Id);
}

bool namesDefaultAccount(const Value &Member) {
  return Member.is(ValueKind::String) &&
         Member.asString().endswith("-compute@developer.gserviceaccount.com");
}

void googleGrants(const model::DeploymentUnit &U, const Identity &Id,
                  std::vector<Grant> &Out) {
  if (Id.DefaultServiceAccount &&
      !check::environmentSays(U, "google.automatic_iam_grants_disabled")) {
    // Granted by Google at project creation, not in any template (catalog
    // §4.3); the environment says when the organization policy stops it.
    Grant G;
    G.Privilege = "roles/editor";
    G.Scope = GrantScope::Project;
    G.Chain.push_back(
        {"",
         "roles/editor on the project (granted to the default compute "
         "service account unless iam.automaticIamGrantsForDefaultService"
         "Accounts is enforced)",
         Id.Chain.back().Where});
    Out.push_back(std::move(G));
  }
  for (const Resource *B : check::deployedOfType(
           U, {"google_project_iam_member", "google_project_iam_binding"})) {
    const Value *Role = at(*B, "role");
    std::vector<const Value *> Members =
        B->Type == "google_project_iam_member"
            ? std::vector<const Value *>{at(*B, "member")}
            : check::elementsOf(at(*B, "members"));
    bool Names = llvm::any_of(Members, [&](const Value *M) {
      return M && (Id.Principal ? namesServiceAccount(*M, *Id.Principal)
                                : namesDefaultAccount(*M));
    });
    if (!Names)
      continue;
    Grant G;
    G.Scope = GrantScope::Project;
    if (Role && Role->is(ValueKind::String)) {
      G.Privilege = Role->asString().str();
    } else {
      G.Privilege = "an unknown role";
      G.State = Certainty::Possible;
      G.Reason = "the role of " + quoted(*B) + " is unknown";
    }
    G.Chain.push_back(stepAt(*B, "project IAM gives " + G.Privilege, Role));
    Out.push_back(std::move(G));
  }
}

} // namespace

std::vector<Identity> identitiesOf(const model::DeploymentUnit &U,
                                   const Resource &Compute) {
  std::vector<Identity> Out;
  if (check::hasType(Compute, AzureCompute))
    azureIdentities(U, Compute, Out);
  else
    awsIdentities(U, Compute, Out);
  googleIdentities(U, Compute, Out);
  return Out;
}

std::vector<Grant> grantsOf(const model::DeploymentUnit &U,
                            const Identity &Id) {
  std::vector<Grant> Out;
  if (Id.DefaultServiceAccount ||
      (Id.Principal &&
       check::hasType(*Id.Principal, {"google_service_account"}))) {
    googleGrants(U, Id, Out);
    return Out;
  }
  if (!Id.Principal)
    return Out;
  if (check::hasType(*Id.Principal, {"AWS::IAM::Role", "aws_iam_role"}))
    return awsRoleGrants(U, *Id.Principal);
  azureGrants(U, Id, Out);
  return Out;
}

} // namespace rampart::exposure
