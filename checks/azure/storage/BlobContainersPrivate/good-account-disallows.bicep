// The account switch wins: the container's level has no effect.
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stprivate'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
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
    publicAccess: 'Container'
  }
}
