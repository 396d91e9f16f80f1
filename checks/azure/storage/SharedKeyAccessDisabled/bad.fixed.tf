resource "azurerm_storage_account" "logs" {
  name                     = "stlogs"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  shared_access_key_enabled = false
#                             ^^^^ AZ-STORAGE-007
}
