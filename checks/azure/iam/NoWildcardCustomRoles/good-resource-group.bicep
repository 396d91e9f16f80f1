// Assignable only within one resource group.
targetScope = 'subscription'

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid('deployer')
  properties: {
    roleName: 'Deployer'
    type: 'CustomRole'
    permissions: [
      {
        actions: [ '*' ]
        notActions: []
      }
    ]
    assignableScopes: [ '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-app' ]
  }
}
