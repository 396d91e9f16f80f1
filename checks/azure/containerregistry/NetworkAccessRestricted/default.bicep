// Missing values are Enabled and Allow.
resource r 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crapp'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {
//^^^^^^^^^^ AZ-ACR-002
    adminUserEnabled: false
  }
}
