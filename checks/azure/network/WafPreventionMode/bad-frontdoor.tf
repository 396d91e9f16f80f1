resource "azurerm_frontdoor_firewall_policy" "app" {
  name                = "wafapp"
  resource_group_name = "rg-app"
  mode                = "Detection"
  #                     ^^^^^^^^^^^ AZ-NET-009
}

resource "azurerm_frontdoor" "app" {
  name                = "fd-app"
  resource_group_name = "rg-app"

  frontend_endpoint {
    name                                    = "default"
    host_name                               = "fd-app.azurefd.net"
    web_application_firewall_policy_link_id = azurerm_frontdoor_firewall_policy.app.id
  }
}
