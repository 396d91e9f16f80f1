resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-app'
}

resource key 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: kv
  name: 'cmk'
  properties: {
//^^^^^^^^^^ AZ-KV-005
    kty: 'RSA'
    keySize: 3072
  }
}
