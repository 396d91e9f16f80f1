// A missing minimalTlsVersion is healthy (1.2).
resource r 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-app'
  location: 'westeurope'
  properties: {
  }
}
