resource "azurerm_application_gateway" "app" {
  name                = "agw-app"
  location            = "westeurope"
  resource_group_name = "rg-app"

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  waf_configuration {
    enabled          = true
    #                  ^^^^^ AZ-NET-009
    firewall_mode    = "Prevention"
    rule_set_version = "3.2"
  }
}
