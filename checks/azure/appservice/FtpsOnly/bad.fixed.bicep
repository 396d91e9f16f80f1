resource app 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app-web'
  location: 'westeurope'
  properties: {
    serverFarmId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan'
    siteConfig: {
      ftpsState: 'FtpsOnly'
//               ^^^^^^^^^^^^ AZ-APP-003
    }
  }
}
