resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
//           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-SQL-001
  name: 'sql-orders'
  location: 'westeurope'
}

resource auditing 'Microsoft.Sql/servers/auditingSettings@2023-05-01-preview' = {
  parent: sql
  name: 'default'
  properties: {
    state: 'Enabled'
    isAzureMonitorTargetEnabled: true
  }
}
