# A missing public_network_access_enabled is true.
resource "azurerm_mssql_server" "this" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-DB-002
  name                = "sql-app"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}
