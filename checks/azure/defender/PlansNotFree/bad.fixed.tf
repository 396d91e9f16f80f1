resource "azurerm_security_center_subscription_pricing" "vms" {
  tier          = "Standard"
#                 ^^^^^^ AZ-DEFENDER-001
  resource_type = "VirtualMachines"
}
