variable "tier" {}

resource "azurerm_security_center_subscription_pricing" "vms" {
  tier          = var.tier
  resource_type = "VirtualMachines"
}
