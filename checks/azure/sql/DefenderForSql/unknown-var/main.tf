variable "state" {
  type = string
}

resource "azurerm_mssql_server" "orders" {
  name                = "sql-orders"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_security_alert_policy" "orders" {
  resource_group_name = "rg"
  server_name         = azurerm_mssql_server.orders.name
  state               = var.state
}
