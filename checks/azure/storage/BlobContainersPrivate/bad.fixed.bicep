resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stpublic'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
  }
}

resource blob 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: st
  name: 'default'
}

resource images 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blob
  name: 'images'
  properties: {
    publicAccess: 'None'
//                ^^^^^^ AZ-STORAGE-004
  }
}
