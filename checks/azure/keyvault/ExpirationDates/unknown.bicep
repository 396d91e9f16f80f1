param expiry int

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-app'
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: kv
  name: 'db-password'
  properties: {
    value: 'not-a-real-secret'
    attributes: { exp: expiry }
  }
}
