resource app 'Microsoft.Web/sites/slots@2023-01-01' = {
  name: 'app-web/staging'
  location: 'westeurope'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id': {} } }
  properties: {
    serverFarmId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan'
  }
}
