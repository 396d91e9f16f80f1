variable "scope" {
  type = string
}

resource "azurerm_user_assigned_identity" "deployer" {
  name                = "id-deployer"
  location            = "westeurope"
  resource_group_name = "rg-identities"
}

resource "azurerm_role_assignment" "deployer" {
  scope                = var.scope
  role_definition_name = "Owner"
  principal_id         = azurerm_user_assigned_identity.deployer.principal_id
}
