resource r 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crapp'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {
    adminUserEnabled: false
//                    ^^^^ AZ-ACR-001
  }
}
