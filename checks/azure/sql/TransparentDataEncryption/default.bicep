// No transparentDataEncryption child: TDE is on by default.
resource sql 'Microsoft.Sql/servers@2023-08-01-preview' existing = {
  name: 'sql-app'
}

resource db 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sql
  name: 'appdb'
  location: 'westeurope'
  sku: { name: 'S0' }
}
