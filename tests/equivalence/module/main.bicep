// A local module with parameters and an output used by the caller.
param env string = 'dev'

module net 'network.bicep' = {
  name: 'network-${env}'
  params: {
    vnetName: 'vnet-${env}'
    addressPrefix: '10.1.0.0/16'
  }
}

resource pip 'Microsoft.Network/publicIPAddresses@2023-04-01' = {
  name: 'pip-${env}'
  properties: {
    publicIPAllocationMethod: 'Static'
    dnsSettings: {
      domainNameLabel: net.outputs.subnetName
    }
  }
}
