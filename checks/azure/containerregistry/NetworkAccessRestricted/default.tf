# A missing public_network_access_enabled is true.
resource "azurerm_container_registry" "this" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-ACR-002
  name                = "crapp"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
