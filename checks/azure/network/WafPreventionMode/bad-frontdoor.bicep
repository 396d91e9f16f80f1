resource fd 'Microsoft.Network/frontDoors@2021-06-01' = {
  name: 'fd-app'
  location: 'global'
  properties: {
    frontendEndpoints: [
      { name: 'default', properties: { hostName: 'fd-app.azurefd.net' } }
//    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-NET-009
    ]
  }
}
