resource "azurerm_mssql_server_extended_auditing_policy" "app" {
  server_id        = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-app"
  storage_endpoint = "https://staudit.blob.core.windows.net/"
  retention_in_days = 90
#                     ^^ AZ-SQL-006
}
