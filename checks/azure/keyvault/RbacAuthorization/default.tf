# Required in azurerm 5.x; 3.x and 4.x default to false.
resource "azurerm_key_vault" "app" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-KV-004
  name                = "kv-app"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

}
