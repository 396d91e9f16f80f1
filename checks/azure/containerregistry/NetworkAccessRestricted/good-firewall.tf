resource "azurerm_container_registry" "this" {
  name                = "crapp"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"

  network_rule_set {
    default_action = "Deny"
  }
}
