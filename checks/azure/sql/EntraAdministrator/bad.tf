# No azuread_administrator block.
resource "azurerm_mssql_server" "app" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-SQL-002
  name                = "sql-app"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "P@ssw0rd1234!"
}
