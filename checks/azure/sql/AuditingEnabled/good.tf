resource "azurerm_mssql_server" "orders" {
  name                = "sql-orders"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "orders" {
  server_id         = azurerm_mssql_server.orders.id
  storage_endpoint  = "https://staudit.blob.core.windows.net/"
  retention_in_days = 90
}
