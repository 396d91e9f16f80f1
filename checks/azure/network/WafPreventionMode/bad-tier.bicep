resource agw 'Microsoft.Network/applicationGateways@2023-09-01' = {
  name: 'agw-app'
  location: 'westeurope'
  properties: {
    sku: { name: 'Standard_v2', tier: 'Standard_v2', capacity: 2 }
//                                    ^^^^^^^^^^^^^ AZ-NET-009
  }
}
