param endAddress string

resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-orders'
  location: 'westeurope'
}

resource clients 'Microsoft.Sql/servers/firewallRules@2023-05-01-preview' = {
  parent: sql
  name: 'clients'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: endAddress
  }
}
