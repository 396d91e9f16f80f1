//===- HighRiskPortsClosedToInternet.cpp - AZ-NET-004 ---------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/network/NsgPorts.h"

namespace rampart::checks {

using namespace check;

namespace {

// The catalog's list: file transfer, telnet, SMTP, RPC, NetBIOS, SMB,
// databases, Docker, WinRM, Redis, Elasticsearch, kubelet, memcached and
// MongoDB (22 and 3389 are AZ-NET-001/002).
const std::vector<azure::InternetPort> &highRiskPorts() {
  using azure::InternetPort;
  static const std::vector<InternetPort> Ports = [] {
    std::vector<InternetPort> Out;
    for (int Port : {20,   21,   23,   25,   135,  137,   138,   139,
                     445,  1433, 1434, 1521, 2375, 2376,  3306,  5432,
                     5985, 5986, 6379, 9200, 9300, 10250, 11211, 27017})
      Out.push_back({IpProtocol::Tcp, Port});
    for (int Port : {137, 138, 139, 11211})
      Out.push_back({IpProtocol::Udp, Port});
    return Out;
  }();
  return Ports;
}

Evaluation highRiskPortsClosed(const Subject &S) {
  return azure::nsgClosesToInternet(S, highRiskPorts());
}

} // namespace

const Check &networkHighRiskPortsClosed() {
  static const Check C =
      CheckBuilder("AZ-NET-004", __FILE__)
          .title("Network security groups should not allow high-risk service "
                 "ports from the internet")
          .severity(Level::High)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-1")
          .why("Databases, file sharing, remote management and container "
               "daemons should never listen on the internet.")
          .remediation("Reach these services through private endpoints, VPN "
                       "or peering, and keep the NSG to the application's "
                       "public ports")
          .reference("Policy: All network ports should be restricted on "
                     "network security groups associated to your virtual "
                     "machine")
          .reference("Trivy AVD-AZU-0047")
          .reference("Trivy AVD-AZU-0074")
          .onArm({"Microsoft.Network/networkSecurityGroups"},
                 highRiskPortsClosed)
          .onTerraform("azurerm", {"azurerm_network_security_group"},
                       highRiskPortsClosed)
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               azure::denyInlineRuleAllowing(highRiskPorts()))
          .build();
  return C;
}

} // namespace rampart::checks
