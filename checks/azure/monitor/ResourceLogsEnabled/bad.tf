resource "azurerm_key_vault" "orders" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-MON-001
  name                = "kv-orders"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
