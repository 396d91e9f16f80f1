resource "azurerm_mssql_server" "orders" {
  name                = "sql-orders"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "everyone"
  server_id        = azurerm_mssql_server.orders.id
  start_ip_address = "0.0.0.0"
  #                  ^^^^^^^^^ AZ-DB-001
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "azure" {
  name             = "AllowAzure"
  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg"
  start_ip_address = "0.0.0.0"
  #                  ^^^^^^^^^ AZ-DB-001
  end_ip_address   = "0.0.0.0"
}
