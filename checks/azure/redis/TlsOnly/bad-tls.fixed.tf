resource "azurerm_redis_cache" "this" {
  name                = "redis-app"
  location            = "westeurope"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = "1.2"
#                       ^^^^^ AZ-REDIS-001
}
