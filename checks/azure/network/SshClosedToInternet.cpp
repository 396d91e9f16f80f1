//===- SshClosedToInternet.cpp - AZ-NET-002 -------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/network/NsgPorts.h"

namespace rampart::checks {

using namespace check;

namespace {

const std::vector<azure::InternetPort> &sshPorts() {
  static const std::vector<azure::InternetPort> Ports = {{IpProtocol::Tcp, 22}};
  return Ports;
}

Evaluation sshClosed(const Subject &S) {
  return azure::nsgClosesToInternet(S, sshPorts());
}

} // namespace

const Check &networkSshClosedToInternet() {
  static const Check C =
      CheckBuilder("AZ-NET-002", __FILE__)
          .title("Network security groups should not allow SSH (22) from "
                 "the internet")
          .severity(Level::High)
          .control("Secure management ports")
          .compliance("MCSB", "NS-3")
          .compliance("CIS-Azure", "6.2")
          .why("SSH open to all addresses invites credential stuffing and "
               "exploit scanning.")
          .remediation("Allow SSH only from a management network or bastion, "
                       "or rely on just-in-time access")
          .reference("Policy: Management ports should be closed on your "
                     "virtual machines")
          .reference("Checkov CKV_AZURE_10")
          .reference("Trivy AVD-AZU-0050")
          .onArm({"Microsoft.Network/networkSecurityGroups"}, sshClosed)
          .onTerraform("azurerm", {"azurerm_network_security_group"}, sshClosed)
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               azure::denyInlineRuleAllowing(sshPorts()))
          .build();
  return C;
}

} // namespace rampart::checks
