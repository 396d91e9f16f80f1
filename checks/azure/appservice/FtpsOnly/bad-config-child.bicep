// The config/web child overrides siteConfig.
resource app 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app-web'
  location: 'westeurope'
  properties: {
    serverFarmId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan'
    siteConfig: {
      ftpsState: 'Disabled'
    }
  }
}

resource web 'Microsoft.Web/sites/config@2023-01-01' = {
  parent: app
  name: 'web'
  properties: {
    ftpsState: 'AllAllowed'
//             ^^^^^^^^^^^^ AZ-APP-003
  }
}
