param wafPolicyId string

resource agw 'Microsoft.Network/applicationGateways@2023-09-01' = {
  name: 'agw-app'
  location: 'westeurope'
  properties: {
    sku: { name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 }
    firewallPolicy: { id: wafPolicyId }
  }
}
