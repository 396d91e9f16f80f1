resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-orders'
  location: 'westeurope'
}

resource everyone 'Microsoft.Sql/servers/firewallRules@2023-05-01-preview' = {
  parent: sql
  name: 'everyone'
  properties: {
    startIpAddress: '0.0.0.0'
//                  ^^^^^^^^^ AZ-DB-001
    endIpAddress: '255.255.255.255'
  }
}

resource azure 'Microsoft.Sql/servers/firewallRules@2023-05-01-preview' = {
  parent: sql
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
//                  ^^^^^^^^^ AZ-DB-001
    endIpAddress: '0.0.0.0'
  }
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: 'pg-orders'
  location: 'westeurope'
}

resource pgAll 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: pg
  name: 'all'
  properties: {
    startIpAddress: '0.0.0.0'
//                  ^^^^^^^^^ AZ-DB-001
    endIpAddress: '255.255.255.255'
  }
}
