// A storage account with a nested child, children by `parent:` in a loop, an
// existing resource, and a conditional extension resource.
param prefix string = 'contoso'
param environments array = [
  'dev'
  'prod'
]
param enableLogs bool = true

var location = 'westeurope'
var storageName = '${prefix}stg'

resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: [for (env, i) in environments: {
        value: '10.0.${i}.0/24'
        action: 'Allow'
      }]
    }
  }

  resource blobs 'blobServices' = {
    name: 'default'
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = [for env in environments: {
  parent: stg::blobs
  name: 'data-${env}'
  properties: {
    publicAccess: env == 'prod' ? 'None' : 'Blob'
  }
}]

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' existing = {
  name: 'shared-logs'
}

resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (enableLogs) {
  name: 'to-logs'
  scope: stg
  properties: {
    workspaceId: workspace.id
    storageAccountId: stg.id
  }
}
