param identityType string

resource app 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app-web'
  location: 'westeurope'
  identity: { type: identityType }
  properties: {
    serverFarmId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan'
  }
}
