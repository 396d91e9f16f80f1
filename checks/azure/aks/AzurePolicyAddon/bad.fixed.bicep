resource r 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-app'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    addonProfiles: {
      azurepolicy: { enabled: true }
//                            ^^^^^ AZ-AKS-003
    }
  }
}
