resource r 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crapp'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {
    publicNetworkAccess: 'Disabled'
//                       ^^^^^^^^^ AZ-ACR-002
    networkRuleSet: { defaultAction: 'Allow' }
  }
}
