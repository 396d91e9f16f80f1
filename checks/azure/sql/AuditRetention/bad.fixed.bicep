resource sql 'Microsoft.Sql/servers@2023-08-01-preview' existing = {
  name: 'sql-app'
}

resource audit 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {
  parent: sql
  name: 'default'
  properties: {
    state: 'Enabled'
    storageEndpoint: 'https://staudit.blob.core.windows.net/'
    retentionDays: 90
//                 ^^ AZ-SQL-006
  }
}
