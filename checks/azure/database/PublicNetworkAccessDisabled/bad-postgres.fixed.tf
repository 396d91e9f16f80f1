resource "azurerm_postgresql_flexible_server" "pg" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-DB-002
  name                          = "pg-app"
  resource_group_name           = "rg"
  location                      = "westeurope"
  version                       = "16"
  sku_name                      = "B_Standard_B1ms"
  public_network_access_enabled = false
}
