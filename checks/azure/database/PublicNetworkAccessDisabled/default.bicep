// A missing publicNetworkAccess is Enabled.
resource r 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-app'
  location: 'westeurope'
  properties: {
//^^^^^^^^^^ AZ-DB-002
    minimalTlsVersion: '1.2'
  }
}
