resource "azurerm_cdn_frontdoor_profile" "app" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-NET-009
  name                = "afd-app"
  resource_group_name = "rg-app"
  sku_name            = "Standard_AzureFrontDoor"
}

resource "azurerm_cdn_frontdoor_endpoint" "app" {
  name                     = "app"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.app.id
}
