resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: 'pg-orders'
  location: 'westeurope'
}

resource secureTransport 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2022-12-01' = {
  parent: pg
  name: 'require_secure_transport'
  properties: {
    value: 'OFF'
//         ^^^^^ AZ-DB-003
    source: 'user-override'
  }
}

resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-06-30' = {
  name: 'mysql-orders'
  location: 'westeurope'
}

resource tls 'Microsoft.DBforMySQL/flexibleServers/configurations@2023-06-30' = {
  parent: mysql
  name: 'tls_version'
  properties: {
    value: 'TLSv1,TLSv1.1,TLSv1.2'
//         ^^^^^^^^^^^^^^^^^^^^^^^ AZ-DB-003
    source: 'user-override'
  }
}

resource legacy 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {
  name: 'pg-legacy'
  location: 'westeurope'
  properties: {
    createMode: 'Default'
    sslEnforcement: 'Enabled'
//                  ^^^^^^^^^^ AZ-DB-003
  }
}
