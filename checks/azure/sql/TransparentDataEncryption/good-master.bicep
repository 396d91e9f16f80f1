// master is not applicable; the second database proves the binding.
resource sql 'Microsoft.Sql/servers@2023-08-01-preview' existing = {
  name: 'sql-app'
}

resource db 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sql
  name: 'master'
  location: 'westeurope'
  sku: { name: 'S0' }
}

resource tde 'Microsoft.Sql/servers/databases/transparentDataEncryption@2023-08-01-preview' = {
  parent: db
  name: 'current'
  properties: {
    state: 'Disabled'
  }
}
resource other 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sql
  name: 'appdb'
  location: 'westeurope'
}
