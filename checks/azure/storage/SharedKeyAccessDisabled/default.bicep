// A missing allowSharedKeyAccess is null, which the service treats as true.
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stlogs'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
//^^^^^^^^^^ AZ-STORAGE-007
    minimumTlsVersion: 'TLS1_2'
  }
}
