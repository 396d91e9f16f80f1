resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-orders'
  location: 'westeurope'
}

resource alerts 'Microsoft.Sql/servers/securityAlertPolicies@2023-05-01-preview' = {
  parent: sql
  name: 'Default'
  properties: {
    state: 'Disabled'
  }
}
