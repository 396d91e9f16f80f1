// notActions removes the role-assignment rights.
targetScope = 'subscription'

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid('deployer')
  properties: {
    roleName: 'Deployer'
    type: 'CustomRole'
    permissions: [
      {
        actions: [ '*' ]
        notActions: [ 'Microsoft.Authorization/*' ]
      }
    ]
    assignableScopes: [ '/subscriptions/00000000-0000-0000-0000-000000000000' ]
  }
}
