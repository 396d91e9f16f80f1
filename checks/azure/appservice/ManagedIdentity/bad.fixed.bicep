resource app 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app-web'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
//                  ^^^^^^ AZ-APP-006
  properties: {
    serverFarmId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan'
  }
}
