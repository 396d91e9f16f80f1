resource r 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
//                     ^^^^^^^^ AZ-STORAGE-002
  }
}
