resource "azurerm_cdn_frontdoor_profile" "app" {
  name                = "afd-app"
  resource_group_name = "rg-app"
  sku_name            = "Premium_AzureFrontDoor"
}

resource "azurerm_cdn_frontdoor_endpoint" "app" {
  name                     = "app"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.app.id
}

resource "azurerm_cdn_frontdoor_firewall_policy" "app" {
  name                = "wafapp"
  resource_group_name = "rg-app"
  sku_name            = "Premium_AzureFrontDoor"
  mode                = "Prevention"
}

resource "azurerm_cdn_frontdoor_security_policy" "app" {
  name                     = "waf"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.app.id

  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = azurerm_cdn_frontdoor_firewall_policy.app.id

      association {
        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_endpoint.app.id
        }
        patterns_to_match = ["/*"]
      }
    }
  }
}
