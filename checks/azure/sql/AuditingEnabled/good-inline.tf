# azurerm <= 3.x: the deprecated inline block.
resource "azurerm_mssql_server" "orders" {
  name                = "sql-orders"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"

  extended_auditing_policy {
    storage_endpoint  = "https://staudit.blob.core.windows.net/"
    retention_in_days = 90
  }
}
