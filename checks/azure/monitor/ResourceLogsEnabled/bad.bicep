resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-MON-001
  name: 'kv-orders'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-orders'
  location: 'westeurope'
}

// Metrics only: no log category.
resource busDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: bus
  name: 'metrics'
  properties: {
    workspaceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs'
    logs: [ { categoryGroup: 'allLogs', enabled: false } ]
//                                               ^^^^^ AZ-MON-001
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}
