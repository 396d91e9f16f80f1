resource "azurerm_mssql_server" "orders" {
  name                = "sql-orders"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_security_center_subscription_pricing" "sql" {
  tier          = "Free"
  #               ^^^^^^ AZ-SQL-005
  resource_type = "SqlServers"
}

# The VirtualMachines plan (the default resource_type) says nothing of SQL.
resource "azurerm_security_center_subscription_pricing" "vms" {
  tier = "Standard"
}
