resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-orders'
  location: 'westeurope'
}

resource master 'Microsoft.Sql/servers/databases@2023-05-01-preview' existing = {
  parent: sql
  name: 'master'
}

resource auditing 'Microsoft.Sql/servers/auditingSettings@2023-05-01-preview' = {
  parent: sql
  name: 'default'
  properties: {
    state: 'Enabled'
    isAzureMonitorTargetEnabled: true
  }
}

resource masterDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: master
  name: 'audit'
  properties: {
    workspaceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs'
    logs: [ { category: 'SQLSecurityAuditEvents', enabled: true } ]
  }
}
