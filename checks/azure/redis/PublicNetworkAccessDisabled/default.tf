# A missing public_network_access_enabled is true.
resource "azurerm_redis_cache" "this" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-REDIS-002
  name                = "redis-app"
  location            = "westeurope"
  resource_group_name = "rg"
  capacity            = 1
  family              = "P"
  sku_name            = "Premium"
}
