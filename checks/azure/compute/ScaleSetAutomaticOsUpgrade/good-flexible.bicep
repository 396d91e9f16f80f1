// A Flexible scale set without an upgrade policy is not applicable; the
// second scale set proves the binding applies.
resource flex 'Microsoft.Compute/virtualMachineScaleSets@2023-09-01' = {
  name: 'vmss-flex'
  location: 'westeurope'
  properties: {
    orchestrationMode: 'Flexible'
    platformFaultDomainCount: 1
  }
}

resource uniform 'Microsoft.Compute/virtualMachineScaleSets@2023-09-01' = {
  name: 'vmss-app'
  location: 'westeurope'
  properties: {
    upgradePolicy: {
      mode: 'Automatic'
      automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true }
    }
  }
}
