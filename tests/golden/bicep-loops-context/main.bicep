// Loops with index and filter, a condition, an existing resource and a lock
// scoped to a resource, with the deployment context supplied in `args`.
param zones array = [
  '1'
  '2'
  '3'
]
param deployBastion bool = false

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'shared-kv'
}

resource ips 'Microsoft.Network/publicIPAddresses@2023-04-01' = [for (zone, i) in zones: if (zone != '2') {
  name: 'pip-${i}'
  location: resourceGroup().location
  zones: [
    zone
  ]
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}]

resource bastion 'Microsoft.Network/bastionHosts@2023-04-01' = if (deployBastion) {
  name: 'bastion'
  location: resourceGroup().location
  properties: {
    ipConfigurations: [
      {
        name: 'ip'
        properties: {
          publicIPAddress: {
            id: ips[0].id
          }
        }
      }
    ]
  }
}

resource lock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'keep-vault'
  scope: vault
  properties: {
    level: 'CanNotDelete'
    notes: 'Vault ${vault.id}'
  }
}
