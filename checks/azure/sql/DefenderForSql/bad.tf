resource "azurerm_mssql_server" "orders" {
  name                = "sql-orders"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_security_alert_policy" "orders" {
  resource_group_name = "rg"
  server_name         = azurerm_mssql_server.orders.name
  state               = "Disabled"
  #                     ^^^^^^^^^^ AZ-SQL-005
}

resource "azurerm_mssql_server" "billing" {
  name                = "sql-billing"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

# Joined by name within the unit.
resource "azurerm_mssql_server_security_alert_policy" "billing" {
  resource_group_name = "rg"
  server_name         = "sql-billing"
  state               = "Disabled"
  #                     ^^^^^^^^^^ AZ-SQL-005
}
