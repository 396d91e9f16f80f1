resource "azurerm_security_center_subscription_pricing" "vms" {
  tier          = "Free"
#                 ^^^^^^ AZ-DEFENDER-001
  resource_type = "VirtualMachines"
}
