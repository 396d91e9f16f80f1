// A web app with storage, a virtual network whose subnets come from a loop,
// and a monitoring module: a quickstart-shaped deployment.
@description('Prefix of every resource name.')
@minLength(3)
param prefix string

@allowed([
  'Standard_LRS'
  'Standard_GRS'
])
param storageSku string = 'Standard_LRS'

param location string = resourceGroup().location
param subnetNames array = [
  'web'
  'data'
]

var vnetName = '${prefix}-vnet'
var tags = {
  project: prefix
  managedBy: 'bicep'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: '${prefix}stg'
  location: location
  tags: tags
  sku: {
    name: storageSku
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: {
        enabled: true
        days: 7
      }
    }
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    subnets: [for (name, i) in subnetNames: {
      name: name
      properties: {
        addressPrefix: '10.0.${i}.0/24'
      }
    }]
  }
}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: '${prefix}-plan'
  location: location
  sku: {
    name: 'B1'
  }
}

resource app 'Microsoft.Web/sites@2022-09-01' = {
  name: '${prefix}-app'
  location: location
  tags: tags
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: vnet.properties.subnets[0].id
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        {
          name: 'STORAGE_ACCOUNT'
          value: storage.name
        }
        {
          name: 'LOG_WORKSPACE'
          value: monitoring.outputs.workspaceName
        }
      ]
    }
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    prefix: prefix
    location: location
    retentionInDays: 30
  }
}
