// Every subnet's NSG has an (older style) NSG flow log.
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-app'
  location: 'westeurope'
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-app'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [
      { name: 'app', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: nsg.id } } }
    ]
  }
}

resource data 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
  parent: vnet
  name: 'data'
  properties: { addressPrefix: '10.0.2.0/24', networkSecurityGroup: { id: nsg.id } }
}

resource watcher 'Microsoft.Network/networkWatchers@2023-09-01' = {
  name: 'nw-westeurope'
  location: 'westeurope'
}

resource flowLog 'Microsoft.Network/networkWatchers/flowLogs@2023-09-01' = {
  parent: watcher
  name: 'fl-nsg-app'
  location: 'westeurope'
  properties: {
    targetResourceId: nsg.id
    storageId: '/subscriptions/0/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/stflowlogs'
  }
}
