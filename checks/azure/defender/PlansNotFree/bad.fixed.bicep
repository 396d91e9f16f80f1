targetScope = 'subscription'

resource r 'Microsoft.Security/pricings@2023-01-01' = {
  name: 'VirtualMachines'
  properties: {
    pricingTier: 'Standard'
//               ^^^^^^ AZ-DEFENDER-001
  }
}
