targetScope = 'subscription'

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid('deployer')
  properties: {
    roleName: 'Deployer'
    type: 'CustomRole'
    permissions: [
      {
        actions: [ 'Microsoft.Compute/*', 'Microsoft.Authorization/*' ]
//                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-IAM-001
        notActions: []
      }
    ]
    assignableScopes: [ '/providers/Microsoft.Management/managementGroups/contoso' ]
  }
}
