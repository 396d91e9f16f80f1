resource "azurerm_mssql_server" "orders" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-SQL-001
  name                = "sql-orders"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server" "billing" {
  name                = "sql-billing"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "billing" {
  server_id = azurerm_mssql_server.billing.id
  enabled   = false
  #           ^^^^^ AZ-SQL-001
}
