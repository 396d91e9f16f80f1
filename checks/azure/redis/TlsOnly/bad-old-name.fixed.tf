# azurerm 3.x spelling.
resource "azurerm_redis_cache" "this" {
  name                = "redis-app"
  location            = "westeurope"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  enable_non_ssl_port = false
#                       ^^^^ AZ-REDIS-001
}
