resource "azurerm_container_registry" "this" {
  name                = "crapp"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
  anonymous_pull_enabled = false
#                          ^^^^ AZ-ACR-003
}
