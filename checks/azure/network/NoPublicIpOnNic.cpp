//===- NoPublicIpOnNic.cpp - AZ-NET-006 -----------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/Combine.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

// Unhealthy when some IP configuration carries a public IP: the first one
// found decides; an unresolved one makes the NIC unknown.
Evaluation noPublicIp(const Subject &S, const char *Configs,
                      const char *PublicIpPath, bool Arm) {
  Lookup L = lookupPath(S.Resource.Properties, Configs, Arm);
  if (L.Result == Lookup::State::Missing)
    return Evaluation::healthy();
  if (L.Result == Lookup::State::Unknown ||
      !L.Value->is(model::ValueKind::Array))
    return {Outcome::Unknown,
            L.Value,
            {Configs},
            std::string(Configs) + " is unknown"};
  Evaluation Unknown;
  for (const Value &Config : L.Value->items()) {
    Lookup Ip = lookupPath(Config, PublicIpPath, Arm);
    if (Ip.Result == Lookup::State::Missing)
      continue;
    Match Set = isConfigured(Ip.Value);
    if (Set.isTrue())
      return {Outcome::Unhealthy,
              Ip.Value,
              {Configs},
              std::string(Configs) + " attaches a public IP address"};
    if (Set.isUnknown() && Unknown.Result != Outcome::Unknown)
      Unknown = {Outcome::Unknown,
                 Ip.Value,
                 {Configs},
                 "whether an IP configuration has a public IP address is "
                 "unknown"};
  }
  return Unknown.Result == Outcome::Unknown ? Unknown : Evaluation::healthy();
}

Evaluation armNoPublicIp(const Subject &S) {
  return noPublicIp(S, "properties.ipConfigurations",
                    "properties.publicIPAddress.id", true);
}

Evaluation terraformNoPublicIp(const Subject &S) {
  return noPublicIp(S, "ip_configuration", "public_ip_address_id", false);
}

} // namespace

const Check &networkNoPublicIpOnNic() {
  static const Check C =
      CheckBuilder("AZ-NET-006", __FILE__)
          .title("Virtual machine NICs should not have public IP addresses "
                 "attached directly")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .why("A per-VM public IP puts the machine's whole port surface one "
               "NSG mistake away from the internet.")
          .remediation("Publish services through a load balancer, "
                       "Application Gateway or Front Door and administer "
                       "through Bastion")
          .reference("Policy: Network interfaces should not have public IPs")
          .reference("Checkov CKV_AZURE_119")
          .reference("Trivy AVD-AZU-0076")
          .onArm({"Microsoft.Network/networkInterfaces"}, armNoPublicIp)
          .onTerraform("azurerm", {"azurerm_network_interface"},
                       terraformNoPublicIp)
          .build();
  return C;
}

} // namespace rampart::checks
