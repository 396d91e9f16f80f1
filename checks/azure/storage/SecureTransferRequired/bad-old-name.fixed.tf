resource "azurerm_storage_account" "logs" {
  name                      = "stlogs"
  resource_group_name       = "rg"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  enable_https_traffic_only = true
  #                           ^^^^^ AZ-STORAGE-001
}
