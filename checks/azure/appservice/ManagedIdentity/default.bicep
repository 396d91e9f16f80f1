// No identity block: the identity type is None.
resource app 'Microsoft.Web/sites@2023-01-01' = {
//           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-APP-006
  name: 'app-web'
  location: 'westeurope'
  properties: {
    serverFarmId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan'
  }
}
