variable "waf_mode" {
  type = string
}

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
    firewall_mode    = var.waf_mode
    rule_set_version = "3.2"
  }
}
