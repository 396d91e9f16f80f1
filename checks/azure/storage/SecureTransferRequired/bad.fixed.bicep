resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    supportsHttpsTrafficOnly: true
//                            ^^^^^ AZ-STORAGE-001
  }
}
