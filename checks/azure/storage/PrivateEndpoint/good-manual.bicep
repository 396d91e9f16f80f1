resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stdata'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}

resource pe 'Microsoft.Network/privateEndpoints@2023-04-01' = {
  name: 'pe-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/data' }
    manualPrivateLinkServiceConnections: [
      {
        name: 'file'
        properties: {
          privateLinkServiceId: resourceId('Microsoft.Storage/storageAccounts', 'STDATA')
          groupIds: [ 'file' ]
        }
      }
    ]
  }
}
