// Without securityType and uefiSettings the platform default depends on the
// image generation and the API version.
resource vm 'Microsoft.Compute/virtualMachines@2023-09-01' = {
  name: 'vm-app'
  location: 'westeurope'
  properties: {
    hardwareProfile: { vmSize: 'Standard_B2s' }
    securityProfile: {
      encryptionAtHost: true
    }
  }
}
