//===- FlowLogsEnabled.cpp - AZ-NET-007 -----------------------------------===//
#include "analyzer/check/AzureNetwork.h"
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Resource;
using model::Value;

namespace {

/// Whether the flow log Log is enabled and targets X. ARM reads
/// properties.targetResourceId; azurerm target_resource_id, or
/// network_security_group_id (azurerm <= 4.x, NSG flow logs).
Truth flowLogCovers(const model::DeploymentUnit &U, const Resource &Log,
                    const Resource &X) {
  bool Arm = isArmResource(Log);
  Truth Targets = Truth::False;
  for (llvm::StringRef Path :
       Arm ? std::vector<llvm::StringRef>{"properties.targetResourceId"}
           : std::vector<llvm::StringRef>{"target_resource_id",
                                          "network_security_group_id"}) {
    Target T = referenceAt(U, Log.Properties, Path, Arm);
    if (T.Result == Target::State::Resolved)
      Targets = truthOr(Targets, fromBool(T.Resource == &X));
    else if (T.Result == Target::State::Unknown)
      Targets = truthOr(Targets, Truth::Unknown);
  }
  // A flow log is enabled unless `enabled` is false (azurerm requires the
  // argument; ARM defaults it to true).
  Lookup Enabled =
      lookupPath(Log.Properties, Arm ? "properties.enabled" : "enabled", Arm);
  Truth On = Truth::True;
  if (Enabled.Result != Lookup::State::Missing)
    On = truthNot(valueEquals(*Enabled.Value, Value::boolean(false)).T);
  return truthAnd(Targets, On);
}

/// Whether some enabled flow log of the unit targets X.
Truth hasFlowLog(const model::DeploymentUnit &U, const Resource &X) {
  Truth Out = Truth::False;
  for (const Resource *Log :
       deployedOfType(U, {"Microsoft.Network/networkWatchers/flowLogs",
                          "azurerm_network_watcher_flow_log"}))
    Out = truthOr(Out, flowLogCovers(U, *Log, X));
  return Out;
}

/// Whether every subnet has an NSG with an enabled (NSG) flow log. A
/// network without subnets has no NSG to log.
Truth everySubnetNsgLogged(const model::DeploymentUnit &U,
                           const Resource &Vnet) {
  SubnetList Subnets = subnetsOf(U, Vnet);
  if (Subnets.Unknown)
    return Truth::Unknown;
  if (Subnets.Subnets.empty())
    return Truth::False;
  Truth Out = Truth::True;
  for (const Subnet &S : Subnets.Subnets) {
    Target Nsg = nsgOfSubnet(U, S);
    switch (Nsg.Result) {
    case Target::State::Resolved:
      Out = truthAnd(Out, hasFlowLog(U, *Nsg.Resource));
      break;
    case Target::State::Missing:
      return Truth::False;
    case Target::State::Outside:
    case Target::State::Unknown:
      Out = truthAnd(Out, Truth::Unknown);
      break;
    }
  }
  return Out;
}

Evaluation vnetHasFlowLogs(const Subject &S) {
  Truth Logged = truthOr(hasFlowLog(S.Unit, S.Resource),
                         everySubnetNsgLogged(S.Unit, S.Resource));
  if (Logged == Truth::True)
    return Evaluation::healthy();
  if (Logged == Truth::Unknown)
    return {Outcome::Unknown,
            nullptr,
            {},
            "whether an enabled flow log covers the virtual network is "
            "unknown: a flow log's target or a subnet's network security "
            "group cannot be resolved in this deployment"};
  return {Outcome::Unhealthy,
          nullptr,
          {},
          "no enabled flow log targets the virtual network or the network "
          "security groups of all its subnets; enable a VNet flow log (NSG "
          "flow logs can no longer be created since 30 June 2025)"};
}

} // namespace

const Check &networkFlowLogsEnabled() {
  static const Check C =
      CheckBuilder("AZ-NET-007", __FILE__)
          .title("Virtual networks should have flow logs enabled")
          .severity(Level::Low)
          .control("Enable auditing and logging")
          .compliance("MCSB", "LT-4")
          .compliance("CIS-Azure", "5.1.6")
          .why("Flow logs are the only record of which addresses talked to "
               "which workloads.")
          .remediation("Enable VNet flow logs with traffic analytics and a "
                       "retention that covers your investigation window")
          .reference("Policy: Flow logs should be configured for every "
                     "network security group")
          .reference("Trivy AVD-AZU-0073")
          .onArm({"Microsoft.Network/virtualNetworks"}, vnetHasFlowLogs)
          .onTerraform("azurerm", {"azurerm_virtual_network"}, vnetHasFlowLogs)
          .build();
  return C;
}

} // namespace rampart::checks
