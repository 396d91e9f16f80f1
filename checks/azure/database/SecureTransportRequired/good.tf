resource "azurerm_mysql_flexible_server_configuration" "transport" {
  name                = "require_secure_transport"
  resource_group_name = "rg"
  server_name         = "mysql-orders"
  value               = "ON"
}

resource "azurerm_postgresql_server" "legacy" {
  name                    = "pg-legacy"
  location                = "westeurope"
  resource_group_name     = "rg"
  sku_name                = "GP_Gen5_2"
  version                 = "11"
  ssl_enforcement_enabled = true
}
