# policy_settings defaults: enabled, Prevention.
resource "azurerm_web_application_firewall_policy" "app" {
  name                = "waf-app"
  location            = "westeurope"
  resource_group_name = "rg-app"

  policy_settings {
    request_body_check = true
  }

  managed_rules {
    managed_rule_set {
      version = "3.2"
    }
  }
}

resource "azurerm_application_gateway" "app" {
  name                = "agw-app"
  location            = "westeurope"
  resource_group_name = "rg-app"
  firewall_policy_id  = azurerm_web_application_firewall_policy.app.id

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }
}
