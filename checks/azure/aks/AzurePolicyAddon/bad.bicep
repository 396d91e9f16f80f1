resource r 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-app'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    addonProfiles: {
      azurepolicy: { enabled: false }
//                            ^^^^^ AZ-AKS-003
    }
  }
}
