resource "azurerm_mssql_server" "this" {
  name                = "sql-app"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
  public_network_access_enabled = false
#                                 ^^^^ AZ-DB-002
}
