resource "azurerm_mssql_server" "this" {
  name                = "sql-app"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
  minimum_tls_version = "1.2"
#                       ^^^^^ AZ-SQL-003
}
