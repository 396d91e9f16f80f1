// The account is declared elsewhere: whether it allows anonymous access is
// not known here.
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'stshared'
}

resource blob 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: st
  name: 'default'
}

resource images 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blob
  name: 'images'
  properties: {
    publicAccess: 'Blob'
  }
}
