resource "azurerm_postgresql_flexible_server" "pg" {
  name                          = "pg-app"
  resource_group_name           = "rg"
  location                      = "westeurope"
  version                       = "16"
  sku_name                      = "B_Standard_B1ms"
  delegated_subnet_id           = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/db"
  public_network_access_enabled = false
}
