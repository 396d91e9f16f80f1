resource "azurerm_mysql_flexible_server" "my" {
  name                  = "my-app"
  resource_group_name   = "rg"
  location              = "westeurope"
  sku_name              = "B_Standard_B1ms"
  public_network_access = "Disabled"
#                         ^^^^^^^^^ AZ-DB-002
}
