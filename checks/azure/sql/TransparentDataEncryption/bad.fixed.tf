resource "azurerm_mssql_database" "app" {
  name      = "appdb"
  server_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-app"
#                                       ^^^^^ AZ-SQL-004
}
