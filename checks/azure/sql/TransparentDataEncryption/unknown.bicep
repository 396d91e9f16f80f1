param state string

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' existing = {
  name: 'sql-app'
}

resource db 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sql
  name: 'appdb'
  location: 'westeurope'
  sku: { name: 'S0' }
}

resource tde 'Microsoft.Sql/servers/databases/transparentDataEncryption@2023-08-01-preview' = {
  parent: db
  name: 'current'
  properties: {
    state: state
  }
}
