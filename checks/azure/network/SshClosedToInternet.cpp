//===- SshClosedToInternet.cpp - AZ-NET-002 -------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/azure/network/NsgPorts.h"

namespace rampart::checks {

using namespace check;

namespace {

Evaluation sshClosed(const Subject &S) {
  static const azure::InternetPort Ssh[] = {{IpProtocol::Tcp, 22}};
  return azure::nsgClosesToInternet(S, Ssh);
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
          // No automated fix: the allowing rule is an element of the rule
          // list or a rule resource of its own, and neither is a property
          // of the NSG that an intent can set.
          .build();
  return C;
}

} // namespace rampart::checks
