resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
//            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-NET-007
  name: 'vnet-app'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [
      { name: 'app', properties: { addressPrefix: '10.0.1.0/24' } }
    ]
  }
}

resource watcher 'Microsoft.Network/networkWatchers@2023-09-01' = {
  name: 'nw-westeurope'
  location: 'westeurope'
}

// Disabled: it does not count.
resource flowLog 'Microsoft.Network/networkWatchers/flowLogs@2023-09-01' = {
  parent: watcher
  name: 'fl-vnet-app'
  location: 'westeurope'
  properties: {
    targetResourceId: vnet.id
    storageId: '/subscriptions/0/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/stflowlogs'
    enabled: false
  }
}
