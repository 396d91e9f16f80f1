# A missing minimum_tls_version is healthy (1.2).
resource "azurerm_mssql_server" "this" {
  name                = "sql-app"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}
