data "azurerm_subscription" "current" {}

resource "azurerm_user_assigned_identity" "deployer" {
  name                = "id-deployer"
  location            = "westeurope"
  resource_group_name = "rg-identities"
}

resource "azurerm_role_assignment" "deployer" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner"
  #                      ^^^^^^^ AZ-IAM-002
  principal_id         = azurerm_user_assigned_identity.deployer.principal_id
}

resource "azurerm_role_assignment" "pipeline" {
  scope              = "/providers/Microsoft.Management/managementGroups/mg-prod"
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168"
  #                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-IAM-002
  principal_id       = "11111111-1111-1111-1111-111111111111"
  principal_type     = "ServicePrincipal"
}
