resource "azurerm_storage_account" "web" {
  name                            = "stpublic"
  resource_group_name             = "rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
}

resource "azurerm_storage_container" "images" {
  name                  = "images"
  storage_account_id    = azurerm_storage_account.web.id
  container_access_type = "private"
  #                       ^^^^^^^^^^^ AZ-STORAGE-004
}
