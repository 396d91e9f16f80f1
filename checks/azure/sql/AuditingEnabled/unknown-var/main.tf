variable "server_id" {
  type = string
}

resource "azurerm_mssql_server" "orders" {
  name                = "sql-orders"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

# May audit this server: which server it applies to is unknown.
resource "azurerm_mssql_server_extended_auditing_policy" "orders" {
  server_id = var.server_id
}
