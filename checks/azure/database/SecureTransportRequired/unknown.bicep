param secureTransport string

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: 'pg-orders'
  location: 'westeurope'
}

resource transport 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2022-12-01' = {
  parent: pg
  name: 'require_secure_transport'
  properties: {
    value: secureTransport
    source: 'user-override'
  }
}
