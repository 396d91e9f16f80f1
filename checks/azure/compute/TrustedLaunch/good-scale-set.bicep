resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2023-09-01' = {
  name: 'vmss-app'
  location: 'westeurope'
  properties: {
    virtualMachineProfile: {
      securityProfile: {
        securityType: 'ConfidentialVM'
        uefiSettings: { secureBootEnabled: true, vTpmEnabled: true }
      }
    }
  }
}
