//===- RdpClosedToInternet.cpp - AZ-NET-001 -------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/network/NsgPorts.h"

namespace rampart::checks {

using namespace check;

namespace {

// Remote Desktop listens on TCP 3389 and, for RDP's UDP transport, UDP 3389.
const std::vector<azure::InternetPort> &rdpPorts() {
  static const std::vector<azure::InternetPort> Ports = {
      {IpProtocol::Tcp, 3389}, {IpProtocol::Udp, 3389}};
  return Ports;
}

Evaluation rdpClosed(const Subject &S) {
  return azure::nsgClosesToInternet(S, rdpPorts());
}

} // namespace

const Check &networkRdpClosedToInternet() {
  static const Check C =
      CheckBuilder("AZ-NET-001", __FILE__)
          .title("Network security groups should not allow RDP (3389) from "
                 "the internet")
          .severity(Level::High)
          .control("Secure management ports")
          .compliance("MCSB", "NS-3")
          .compliance("CIS-Azure", "6.1")
          .why("Remote Desktop exposed to the internet is scanned and "
               "brute-forced within minutes of deployment.")
          .remediation("Remove the rule or restrict its source to a known "
                       "administrative range, and reach machines through "
                       "Azure Bastion, a VPN or just-in-time access")
          .reference("Policy: Management ports should be closed on your "
                     "virtual machines")
          .reference("Checkov CKV_AZURE_9")
          .reference("Trivy AVD-AZU-0048")
          // Inline rules and child securityRules are merged (AzureNetwork.h).
          .onArm({"Microsoft.Network/networkSecurityGroups"}, rdpClosed)
          // security_rule blocks and azurerm_network_security_rule
          // resources joined by expression or by name and resource group.
          .onTerraform("azurerm", {"azurerm_network_security_group"}, rdpClosed)
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               azure::denyInlineRuleAllowing(rdpPorts()))
          .build();
  return C;
}

} // namespace rampart::checks
