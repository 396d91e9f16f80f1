resource r 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-app'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    apiServerAccessProfile: {
      enablePrivateCluster: false
//                          ^^^^^ AZ-AKS-002
      authorizedIPRanges: [ '0.0.0.0/0' ]
    }
  }
}
