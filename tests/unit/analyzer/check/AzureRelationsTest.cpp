//===- AzureRelationsTest.cpp - The catalog's named Azure relations -------===//
#include "analyzer/check/AzureRelations.h"

#include "tests/support/EvaluateFile.h"
#include "tests/support/UnitQueries.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::check;
using rampart::testing::resourceIn;

namespace {

using rampart::testing::evaluateFile;

std::vector<std::string> ids(const Related &R) {
  std::vector<std::string> Out;
  for (const model::Resource *X : R.Resources)
    Out.push_back(X->Id);
  return Out;
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("azure relations: private endpoints of an ARM resource",
          "[relations]") {
  auto E = evaluateFile("main.bicep", R"(
param elsewhere string
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st1'
  location: 'westeurope'
}
resource other 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'st2'
  location: 'westeurope'
}
resource bySymbol 'Microsoft.Network/privateEndpoints@2023-04-01' = {
  name: 'pe-symbol'
  location: 'westeurope'
  properties: {
    privateLinkServiceConnections: [
      { name: 'c', properties: { privateLinkServiceId: other.id } }
      { name: 'd', properties: { privateLinkServiceId: st.id } }
    ]
  }
}
resource manual 'Microsoft.Network/privateEndpoints@2023-04-01' = {
  name: 'pe-manual'
  location: 'westeurope'
  properties: {
    manualPrivateLinkServiceConnections: [
      { name: 'c', properties: { privateLinkServiceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/ST1' } }
    ]
  }
}
resource unresolved 'Microsoft.Network/privateEndpoints@2023-04-01' = {
  name: 'pe-unknown'
  location: 'westeurope'
  properties: {
    privateLinkServiceConnections: [
      { name: 'c', properties: { privateLinkServiceId: elsewhere } }
    ]
  }
}
)");
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &St =
      resourceIn(U, "Microsoft.Storage/storageAccounts/st1");
  const model::Resource &Other =
      resourceIn(U, "Microsoft.Storage/storageAccounts/st2");
  // A symbol's id in the second connection and a literal id differing in
  // case both connect; the parameter may connect to either account.
  Related Pe = privateEndpointsOf(U, St);
  CHECK(ids(Pe) == Ids{"Microsoft.Network/privateEndpoints/pe-symbol",
                       "Microsoft.Network/privateEndpoints/pe-manual"});
  REQUIRE(Pe.Undecided);
  CHECK(Pe.Undecided->is(model::ValueKind::Unknown));
  CHECK(ids(privateEndpointsOf(U, Other)) ==
        Ids{"Microsoft.Network/privateEndpoints/pe-symbol"});
}

TEST_CASE("azure relations: private endpoints of a Terraform resource",
          "[relations]") {
  auto E = evaluateFile("main.tf", R"(
resource "azurerm_storage_account" "a" {
  name = "sta"
}
resource "azurerm_storage_account" "b" {
  name = "stb"
}
resource "azurerm_private_endpoint" "a" {
  name      = "pe-a"
  subnet_id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/x"
  private_service_connection {
    name                           = "a"
    private_connection_resource_id = azurerm_storage_account.a.id
    is_manual_connection           = false
  }
}
)");
  const model::DeploymentUnit &U = E->unit();
  Related A = privateEndpointsOf(U, resourceIn(U, "azurerm_storage_account.a"));
  CHECK(ids(A) == Ids{"azurerm_private_endpoint.a"});
  CHECK_FALSE(A.Undecided);
  // The subnet id is not a connection: b has no endpoint.
  CHECK(privateEndpointsOf(U, resourceIn(U, "azurerm_storage_account.b"))
            .Resources.empty());
}

TEST_CASE("azure relations: diagnostic settings by scope and nested name",
          "[relations]") {
  auto E = evaluateFile("main.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv1", "location": "westeurope" },
    { "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv2", "location": "westeurope" },
    { "type": "Microsoft.KeyVault/vaults/providers/diagnosticSettings", "apiVersion": "2021-05-01-preview",
      "name": "kv1/Microsoft.Insights/nested" },
    { "type": "Microsoft.Insights/diagnosticSettings", "apiVersion": "2021-05-01-preview", "name": "scoped",
      "scope": "[format('Microsoft.KeyVault/vaults/{0}', 'KV1')]" },
    { "type": "Microsoft.Insights/diagnosticSettings", "apiVersion": "2021-05-01-preview", "name": "master",
      "scope": "Microsoft.Sql/servers/sql1/databases/master" },
    { "type": "Microsoft.Insights/diagnosticSettings", "apiVersion": "2021-05-01-preview", "name": "subscription-wide" }
  ]
})");
  const model::DeploymentUnit &U = E->unit();
  CHECK(
      ids(diagSettingsOf(U, resourceIn(U, "Microsoft.KeyVault/vaults/kv1"))) ==
      Ids{"Microsoft.KeyVault/vaults/providers/diagnosticSettings/kv1/"
          "Microsoft.Insights/nested",
          "Microsoft.Insights/diagnosticSettings/scoped"});
  CHECK(diagSettingsOf(U, resourceIn(U, "Microsoft.KeyVault/vaults/kv2"))
            .Resources.empty());
  // A resource the unit does not declare, named by its unit id: the
  // relative id of a child resource reads as its type and name.
  CHECK(ids(diagSettingsOf(U, "Microsoft.Sql/servers/databases/sql1/master")) ==
        Ids{"Microsoft.Insights/diagnosticSettings/master"});
}

TEST_CASE("azure relations: a Bicep scope names a child resource",
          "[relations]") {
  auto E = evaluateFile("main.bicep", R"(
resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql1'
  location: 'westeurope'
}
resource master 'Microsoft.Sql/servers/databases@2023-05-01-preview' existing = {
  parent: sql
  name: 'master'
}
resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: master
  name: 'audit'
}
)");
  const model::DeploymentUnit &U = E->unit();
  CHECK(ids(diagSettingsOf(U, "Microsoft.Sql/servers/databases/sql1/master")) ==
        Ids{"Microsoft.Insights/diagnosticSettings/audit"});
  CHECK(diagSettingsOf(U, resourceIn(U, "Microsoft.Sql/servers/sql1"))
            .Resources.empty());
}

TEST_CASE("azure relations: Terraform diagnostic settings and audit policies",
          "[relations]") {
  auto E = evaluateFile("main.tf", R"(
variable "target" {
  type = string
}
resource "azurerm_key_vault" "kv" {
  name = "kv1"
}
resource "azurerm_mssql_server" "sql" {
  name = "sql1"
}
resource "azurerm_monitor_diagnostic_setting" "kv" {
  name               = "kv"
  target_resource_id = azurerm_key_vault.kv.id
}
resource "azurerm_monitor_diagnostic_setting" "maybe" {
  name               = "maybe"
  target_resource_id = var.target
}
resource "azurerm_mssql_server_extended_auditing_policy" "sql" {
  server_id = azurerm_mssql_server.sql.id
}
)");
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &Kv = resourceIn(U, "azurerm_key_vault.kv");
  const model::Resource &Sql = resourceIn(U, "azurerm_mssql_server.sql");
  Related Diag = diagSettingsOf(U, Kv);
  CHECK(ids(Diag) == Ids{"azurerm_monitor_diagnostic_setting.kv"});
  CHECK(Diag.Undecided);
  CHECK(ids(diagSettingsOf(U, Sql)).empty());
  CHECK(ids(auditSettingsOf(U, Sql)) ==
        Ids{"azurerm_mssql_server_extended_auditing_policy.sql"});
  CHECK(auditSettingsOf(U, Kv).Resources.empty());
}

TEST_CASE("azure relations: ARM audit settings are the server's children",
          "[relations]") {
  auto E = evaluateFile("main.bicep", R"(
resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql1'
  location: 'westeurope'
}
resource audit 'Microsoft.Sql/servers/auditingSettings@2023-05-01-preview' = {
  parent: sql
  name: 'default'
}
resource extended 'Microsoft.Sql/servers/extendedAuditingSettings@2023-05-01-preview' = {
  parent: sql
  name: 'default'
}
resource db 'Microsoft.Sql/servers/databases@2023-05-01-preview' = {
  parent: sql
  name: 'db'
  location: 'westeurope'
}
)");
  const model::DeploymentUnit &U = E->unit();
  CHECK(ids(auditSettingsOf(U, resourceIn(U, "Microsoft.Sql/servers/sql1"))) ==
        Ids{"Microsoft.Sql/servers/auditingSettings/sql1/default",
            "Microsoft.Sql/servers/extendedAuditingSettings/sql1/default"});
}

TEST_CASE("azure relations: role assignments and their principals",
          "[relations]") {
  auto E = evaluateFile("main.bicep", R"(
targetScope = 'subscription'
param principal string
resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id1'
  scope: resourceGroup('rg')
}
resource toIdentity 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: 'a1'
  properties: { roleDefinitionId: 'r', principalId: id.properties.principalId }
}
resource toGuid 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: 'a2'
  properties: { roleDefinitionId: 'r', principalId: '11111111-1111-1111-1111-111111111111' }
}
resource toParam 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: 'a3'
  scope: subscription()
  properties: { roleDefinitionId: 'r', principalId: principal }
}
)");
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &Id =
      resourceIn(U, "Microsoft.ManagedIdentity/userAssignedIdentities/id1");
  Related R = roleAssignmentsTo(U, Id);
  CHECK(ids(R) == Ids{"Microsoft.Authorization/roleAssignments/a1"});
  CHECK(R.Undecided); // the parameter may be id1's principal id

  Target ToIdentity = assignedPrincipal(
      U, resourceIn(U, "Microsoft.Authorization/roleAssignments/a1"));
  CHECK(ToIdentity.Resource == &Id);
  CHECK(isManagedIdentity(ToIdentity));
  Target ToGuid = assignedPrincipal(
      U, resourceIn(U, "Microsoft.Authorization/roleAssignments/a2"));
  CHECK(ToGuid.Result == Target::State::Outside);
  CHECK_FALSE(isManagedIdentity(ToGuid));

  // No scope property: the file's targetScope; `subscription()` read from
  // its text.
  const model::Resource &A3 =
      resourceIn(U, "Microsoft.Authorization/roleAssignments/a3");
  CHECK(deploymentScopeOf(U, A3) == ScopeKind::Subscription);
  CHECK(scopeKindOf(U, *A3.Properties.get("scope")) == ScopeKind::Subscription);
}

TEST_CASE("azure relations: system-assigned identities in Terraform",
          "[relations]") {
  auto E = evaluateFile("main.tf", R"(
data "azurerm_subscription" "current" {}
resource "azurerm_linux_virtual_machine" "vm" {
  name = "vm"
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_role_assignment" "vm" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner"
  principal_id         = azurerm_linux_virtual_machine.vm.identity[0].principal_id
}
resource "azurerm_role_assignment" "vm_id" {
  scope                = "/subscriptions/s/resourceGroups/g"
  role_definition_name = "Reader"
  principal_id         = azurerm_linux_virtual_machine.vm.id
}
)");
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &Vm = resourceIn(U, "azurerm_linux_virtual_machine.vm");
  const model::Resource &A = resourceIn(U, "azurerm_role_assignment.vm");
  CHECK(ids(roleAssignmentsTo(U, Vm)) ==
        Ids{"azurerm_role_assignment.vm", "azurerm_role_assignment.vm_id"});
  CHECK(isManagedIdentity(assignedPrincipal(U, A)));
  // The VM's id is not its identity's principal.
  CHECK_FALSE(isManagedIdentity(
      assignedPrincipal(U, resourceIn(U, "azurerm_role_assignment.vm_id"))));
  CHECK(scopeKindOf(U, *A.Properties.get("scope")) == ScopeKind::Subscription);
  CHECK(scopeKindOf(U, *resourceIn(U, "azurerm_role_assignment.vm_id")
                            .Properties.get("scope")) ==
        ScopeKind::ResourceGroup);
}

TEST_CASE("azure relations: scope ids and ARM template schemas",
          "[relations]") {
  auto E = evaluateFile("main.json", R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01", "name": "a" }
  ]
})");
  const model::DeploymentUnit &U = E->unit();
  CHECK(deploymentScopeOf(
            U, resourceIn(U, "Microsoft.Authorization/roleAssignments/a")) ==
        ScopeKind::ManagementGroup);
  auto Kind = [&](const char *Id) {
    return scopeKindOf(U, model::Value::string(Id));
  };
  CHECK(Kind("/subscriptions/s") == ScopeKind::Subscription);
  CHECK(Kind("/subscriptions/s/resourceGroups/g") == ScopeKind::ResourceGroup);
  CHECK(Kind("/providers/Microsoft.Management/managementGroups/m") ==
        ScopeKind::ManagementGroup);
  CHECK(Kind("/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/"
             "vaults/kv") == ScopeKind::Resource);
  CHECK(Kind("Microsoft.KeyVault/vaults/kv") == ScopeKind::Resource);
  CHECK(scopeKindOf(U, model::Value::unknown("parameter 'x' has no value")) ==
        ScopeKind::Unknown);
}

TEST_CASE("azure relations: linkedTo follows expression links", "[relations]") {
  auto E = evaluateFile("main.tf", R"(
variable "vm" {
  type = string
}
resource "azurerm_linux_virtual_machine" "vm" {
  name = "vm"
}
resource "azurerm_virtual_machine_extension" "ade" {
  name               = "ade"
  virtual_machine_id = azurerm_linux_virtual_machine.vm.id
}
resource "azurerm_virtual_machine_extension" "other" {
  name               = "other"
  virtual_machine_id = var.vm
}
)");
  const model::DeploymentUnit &U = E->unit();
  Related R =
      linkedTo(U, resourceIn(U, "azurerm_linux_virtual_machine.vm"),
               {"azurerm_virtual_machine_extension"}, {"virtual_machine_id"});
  CHECK(ids(R) == Ids{"azurerm_virtual_machine_extension.ade"});
  CHECK(R.Undecided);
}

TEST_CASE("azure relations: an ARM child's parent", "[relations]") {
  auto E = evaluateFile("main.bicep", R"(
resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql1'
  location: 'westeurope'
}
resource rule 'Microsoft.Sql/servers/firewallRules@2023-05-01-preview' = {
  parent: sql
  name: 'office'
}
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'st1'
}
resource blob 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: st
  name: 'default'
}
)");
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &Sql = resourceIn(U, "Microsoft.Sql/servers/sql1");
  CHECK(armParentOf(U, resourceIn(U, "Microsoft.Sql/servers/firewallRules/"
                                     "sql1/office")) == &Sql);
  CHECK(armParentOf(U, Sql) == nullptr);
  // An `existing` parent is not deployed by the unit.
  CHECK(armParentOf(U, resourceIn(U, "Microsoft.Storage/storageAccounts/"
                                     "blobServices/st1/default")) == nullptr);
}
