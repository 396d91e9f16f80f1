resource "azurerm_key_vault" "this" {
  name                = "kv-app"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  public_network_access_enabled = false
#                                 ^^^^ AZ-KV-003

  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }
}
