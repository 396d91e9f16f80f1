param autoUpgrade bool

resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2023-09-01' = {
  name: 'vmss-app'
  location: 'westeurope'
  sku: { name: 'Standard_B2s', capacity: 2 }
  properties: {
    upgradePolicy: {
      mode: 'Automatic'
      automaticOSUpgradePolicy: {
        enableAutomaticOSUpgrade: autoUpgrade
      }
    }

  }
}
