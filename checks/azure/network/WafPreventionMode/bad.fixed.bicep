resource agw 'Microsoft.Network/applicationGateways@2023-09-01' = {
  name: 'agw-app'
  location: 'westeurope'
  properties: {
    sku: { name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 }
    webApplicationFirewallConfiguration: {
      enabled: true
      firewallMode: 'Prevention'
//                  ^^^^^^^^^^^ AZ-NET-009
      ruleSetType: 'OWASP'
      ruleSetVersion: '3.2'
    }
  }
}
