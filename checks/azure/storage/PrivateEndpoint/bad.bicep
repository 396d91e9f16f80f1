resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-STORAGE-006
  name: 'stdata'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}

resource other 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stother'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}

// An endpoint to another account does not count.
resource pe 'Microsoft.Network/privateEndpoints@2023-04-01' = {
  name: 'pe-other'
  location: 'westeurope'
  properties: {
    subnet: { id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/data' }
    privateLinkServiceConnections: [
      {
        name: 'blob'
        properties: { privateLinkServiceId: other.id, groupIds: [ 'blob' ] }
      }
    ]
  }
}
