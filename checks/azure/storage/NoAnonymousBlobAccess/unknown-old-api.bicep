// Older apiVersions documented true: a missing value is unknown.
resource st 'Microsoft.Storage/storageAccounts@2021-09-01' = {
  name: 'stlogs'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
  }
}
