# Public access on and no network_acls block.
resource "azurerm_key_vault" "this" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-KV-003
  name                = "kv-app"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
