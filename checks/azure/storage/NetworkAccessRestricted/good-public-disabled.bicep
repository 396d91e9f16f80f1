resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stdata'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
