//===- IpForwardingDisabled.cpp - AZ-NET-005 ------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &networkIpForwardingDisabled() {
  static const Check C =
      CheckBuilder("AZ-NET-005", __FILE__)
          .title("Network interfaces should have IP forwarding disabled")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-3")
          .why("A NIC that forwards packets can route traffic around network "
               "security groups and route tables.")
          .remediation("Keep IP forwarding off except on network virtual "
                       "appliances, and suppress those with a reason")
          .reference("Policy: IP Forwarding on your virtual machine should be "
                     "disabled")
          .reference("Checkov CKV_AZURE_118")
          .reference("Trivy AVD-AZU-0075")
          .onArm({"Microsoft.Network/networkInterfaces"},
                 property("properties.enableIPForwarding")
                     .mustEqual(Value::boolean(false))
                     .defaultsTo(Value::boolean(false)))
          // azurerm 3.x spelled it enable_ip_forwarding.
          .onTerraform("azurerm", {"azurerm_network_interface"},
                       property("ip_forwarding_enabled")
                           .alias("enable_ip_forwarding")
                           .mustEqual(Value::boolean(false))
                           .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Safe, setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
