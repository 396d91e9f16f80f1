targetScope = 'subscription'

// The subscription plan covers every server, whatever a server says.
resource plan 'Microsoft.Security/pricings@2023-01-01' = {
  name: 'SqlServers'
  properties: {
    pricingTier: 'Standard'
  }
}

module data 'modules/sql.bicep' = {
  name: 'data'
  scope: resourceGroup('rg-data')
}
