# azurerm <= 3.x: log blocks, enabled by default.
resource "azurerm_servicebus_namespace" "orders" {
  name                = "sb-orders"
  location            = "westeurope"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_monitor_diagnostic_setting" "orders" {
  name               = "logs"
  target_resource_id = azurerm_servicebus_namespace.orders.id
  storage_account_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlogs"

  log {
    category = "OperationalLogs"
  }
}
