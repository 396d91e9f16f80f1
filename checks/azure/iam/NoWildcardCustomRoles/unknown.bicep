param scope string

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
    assignableScopes: [ scope ]
  }
}
