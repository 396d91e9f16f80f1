# A missing admin_enabled is false.
resource "azurerm_container_registry" "this" {
  name                = "crapp"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
