// A missing minimumTlsVersion is healthy (TLS 1.2).
resource r 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
  }
}
