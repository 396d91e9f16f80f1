variable "tls_version" {
  type = string
}

resource "azurerm_mysql_flexible_server_configuration" "tls" {
  name                = "tls_version"
  resource_group_name = "rg"
  server_name         = "mysql-orders"
  value               = var.tls_version
}
