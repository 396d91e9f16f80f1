resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-app'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
  }
}

resource watcher 'Microsoft.Network/networkWatchers@2023-09-01' = {
  name: 'nw-westeurope'
  location: 'westeurope'
}

resource flowLog 'Microsoft.Network/networkWatchers/flowLogs@2023-09-01' = {
  parent: watcher
  name: 'fl-vnet-app'
  location: 'westeurope'
  properties: {
    targetResourceId: vnet.id
    storageId: '/subscriptions/0/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/stflowlogs'
    enabled: true
  }
}
