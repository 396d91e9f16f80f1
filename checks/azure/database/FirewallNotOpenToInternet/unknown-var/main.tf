variable "start_address" {
  type = string
}

resource "azurerm_mysql_flexible_server_firewall_rule" "clients" {
  name                = "clients"
  resource_group_name = "rg"
  server_name         = "mysql-orders"
  start_ip_address    = var.start_address
  end_ip_address      = "255.255.255.255"
}
