resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: 'pg-orders'
  location: 'westeurope'
}

resource secureTransport 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2022-12-01' = {
  parent: pg
  name: 'require_secure_transport'
  properties: {
    value: 'on'
    source: 'user-override'
  }
}

resource minTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2022-12-01' = {
  parent: pg
  name: 'ssl_min_protocol_version'
  properties: {
    value: 'TLSv1.3'
    source: 'user-override'
  }
}

resource legacy 'Microsoft.DBforMySQL/servers@2017-12-01' = {
  name: 'mysql-legacy'
  location: 'westeurope'
  properties: {
    createMode: 'Default'
    sslEnforcement: 'Enabled'
  }
}
