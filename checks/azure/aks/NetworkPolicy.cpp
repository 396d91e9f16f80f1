//===- NetworkPolicy.cpp - AZ-AKS-005 -------------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

PropertyRule networkPolicyAt(std::string Path) {
  return property(std::move(Path))
      .mustBeOneOf({Value::string("azure"), Value::string("calico"),
                    Value::string("cilium")})
      .defaultsTo(Value::string("none"));
}

// The engine that fits the cluster's networking: Cilium policies need the
// Cilium dataplane, Calico runs on kubenet and Azure CNI alike (Azure's own
// engine needs Azure CNI). A cluster that brings its own CNI (plugin
// "none") has no managed engine, and a Terraform network_profile block
// cannot be added without the network_plugin it requires: both are the
// user's choice, as is anything that cannot be read.
FixRecipe engineFitting(std::string Profile, std::string Dataplane,
                        std::string Plugin) {
  return [=](const Subject &S, const Evaluation &E,
             const Binding &) -> std::vector<FixIntent> {
    bool Arm = S.Resource.TheDialect != Dialect::Terraform;
    if (E.Path.empty())
      return {};
    Lookup P = lookupPath(S.Resource.Properties, Profile, Arm);
    if (P.Result == Lookup::State::Unknown ||
        (P.Result == Lookup::State::Missing && !Arm))
      return {};
    Value Engine = Value::string("calico");
    if (P.Result == Lookup::State::Found) {
      auto Says = [&](const std::string &Key, llvm::StringRef Text) {
        Lookup L = lookupPath(*P.Value, Key, Arm);
        return L.Result == Lookup::State::Missing
                   ? Match{}
                   : equalsInsensitive(*L.Value, Text);
      };
      Match Cilium = Says(Dataplane, "cilium");
      Match ByoCni = Says(Plugin, "none");
      if (Cilium.isUnknown() || ByoCni.isUnknown() || ByoCni.isTrue())
        return {};
      if (Cilium.isTrue())
        Engine = Value::string("cilium");
    }
    return {{FixIntent::Action::Set, E.Path.front(), Engine}};
  };
}

} // namespace

const Check &aksNetworkPolicy() {
  static const Check C =
      CheckBuilder("AZ-AKS-005", __FILE__)
          .title("AKS clusters should enforce Kubernetes network policies")
          .severity(Level::Medium)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-1")
          .why("Without a policy engine every pod can reach every other pod, "
               "so one compromised workload reaches all.")
          .remediation("Enable a network policy engine (azure, calico or "
                       "cilium) at creation and ship default-deny policies "
                       "per namespace")
          .reference("Checkov CKV_AZURE_7")
          .reference("Trivy AVD-AZU-0043")
          .onArm({"Microsoft.ContainerService/managedClusters"},
                 networkPolicyAt("properties.networkProfile.networkPolicy"))
          .onTerraform("azurerm", {"azurerm_kubernetes_cluster"},
                       networkPolicyAt("network_profile.network_policy"))
          // Suggested: the engine is chosen at creation, so changing it may
          // recreate the cluster.
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               engineFitting("properties.networkProfile", "networkDataplane",
                             "networkPlugin"))
          .fixFor(Family::Terraform,
                  engineFitting("network_profile", "network_data_plane",
                                "network_plugin"))
          .build();
  return C;
}

} // namespace rampart::checks
