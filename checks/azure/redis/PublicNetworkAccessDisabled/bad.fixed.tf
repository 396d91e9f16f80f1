resource "azurerm_redis_cache" "this" {
  name                = "redis-app"
  location            = "westeurope"
  resource_group_name = "rg"
  capacity            = 1
  family              = "P"
  sku_name            = "Premium"
  public_network_access_enabled = false
#                                 ^^^^ AZ-REDIS-002
}
