resource "azurerm_storage_account" "logs" {
  name                     = "stlogs"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  allow_blob_public_access = false
#                            ^^^^ AZ-STORAGE-003
}
