variable "account_id" {
  type = string
}

resource "azurerm_storage_account" "data" {
  name                     = "stdata"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

# May be this account's firewall: which account it applies to is unknown.
resource "azurerm_storage_account_network_rules" "data" {
  storage_account_id = var.account_id
  default_action     = "Deny"
}
