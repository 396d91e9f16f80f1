resource "azurerm_storage_account" "logs" {
  name                     = "stlogs"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  allow_nested_items_to_be_public = false
#                                   ^^^^ AZ-STORAGE-003
}
