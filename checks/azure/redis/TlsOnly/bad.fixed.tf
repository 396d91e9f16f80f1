resource "azurerm_redis_cache" "this" {
  name                = "redis-app"
  location            = "westeurope"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  non_ssl_port_enabled = false
#                        ^^^^ AZ-REDIS-001
}
