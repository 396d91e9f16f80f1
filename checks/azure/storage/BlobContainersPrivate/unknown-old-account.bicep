// Before 2023-01-01 the account's default is not certain.
resource st 'Microsoft.Storage/storageAccounts@2022-09-01' = {
  name: 'stold'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}

resource blob 'Microsoft.Storage/storageAccounts/blobServices@2022-09-01' = {
  parent: st
  name: 'default'
}

resource images 'Microsoft.Storage/storageAccounts/blobServices/containers@2022-09-01' = {
  parent: blob
  name: 'images'
  properties: {
    publicAccess: 'Blob'
  }
}
