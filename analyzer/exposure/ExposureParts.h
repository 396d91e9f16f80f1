//===- ExposureParts.h - Shared steps of the exposure passes ---*- C++ -*-===//
//
// What the per-cloud exposure passes (AzureExposure.cpp, AwsExposure.cpp,
// GoogleExposure.cpp) share: hops with the most precise origin, and the
// gate machinery that turns per-port decisions into port ranges.
//
// A gate is one filter the traffic crosses (an NSG, the union of an
// instance's security groups, a NACL, a VPC firewall). Its decision is a
// step function of the port: it can only change at the bounds of the port
// ranges its rules name (its cuts). So the passes evaluate each gate once
// per segment between cuts instead of once per port, and join the gates
// with a three-valued "and": traffic reaches the resource only when every
// gate on the way lets it through.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_EXPOSURE_EXPOSUREPARTS_H
#define RAMPART_ANALYZER_EXPOSURE_EXPOSUREPARTS_H

#include "analyzer/check/AzureNetwork.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/exposure/Exposure.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rampart::exposure::detail {

/// The Internet node, first hop of every chain.
Hop internetHop();

/// A hop on R, placed at Where when it came from text, else at R's
/// declaration.
Hop hopAt(const model::Resource &R, std::string Label,
          const model::Value *Where);

/// The resource's known name, else its id.
std::string nameOf(const model::Resource &R);
/// "'name'" for messages: the resource's known name, else its id.
std::string quotedName(const model::Resource &R);

/// The reason an unknown value gives ("parameter 'x' has no default"), or
/// Fallback when V is known or null.
std::string unknownReason(const model::Value *V, llvm::StringRef Fallback);

/// What one gate does with traffic to one port.
struct GateVerdict {
  check::Truth Allowed = check::Truth::False;
  /// The step that decided (the allowing rule), shown in the chain; none
  /// when the gate lets everything through by default (no NSG).
  std::optional<Hop> Step;
  /// Unknown: what would decide it.
  std::string Reason;
};

struct Gate {
  /// Ports at which the decision may change (the first port of a range,
  /// and the one after its last).
  std::vector<int> Cuts;
  std::function<GateVerdict(int Port, check::IpProtocol Protocol)> Decide;
};

/// A gate that lets everything through (a missing NSG, a subnet without a
/// NACL, which gets the default ACL that allows all).
Gate openGate();
/// A gate whose every decision is Unknown for Reason, shown at Step.
Gate unknownGate(std::string Reason, std::optional<Hop> Step);

/// Adds the cuts of a port spec: "*", "22", "20-25", an int, or a list of
/// these (Azure NSG ports, GCP firewall ports). Anything else adds none.
void addPortSpecCuts(const model::Value *Spec, std::vector<int> &Cuts);
/// Adds the cuts of an inclusive range whose ends may be unknown.
void addRangeCuts(const model::Value *From, const model::Value *To,
                  std::vector<int> &Cuts);

/// Which protocols an exposure is computed for.
enum class Protocols : uint8_t { TcpOnly, TcpAndUdp };

/// The exposures of TargetId through Gates: for every port segment and
/// protocol, the gates' verdicts joined by "and". Segments with the same
/// steps and certainty form one Exposure, whose chain is Before, the gates'
/// steps, then After. Base is Possible (with BaseReason) when the path
/// itself is uncertain (a public IP that may not be attached).
void exposeThroughGates(NetworkModel &Out, const std::string &TargetId,
                        const std::vector<Hop> &Before,
                        const std::vector<Hop> &After,
                        const std::vector<Gate> &Gates, Certainty Base,
                        const std::string &BaseReason,
                        Protocols Which = Protocols::TcpAndUdp);

/// Adds an exposure without ports (a data store's public endpoint) or with
/// the given ones.
void exposeEndpoint(NetworkModel &Out, const std::string &TargetId,
                    std::vector<Hop> Chain, Certainty State, std::string Reason,
                    std::vector<PortRange> Ports = {});

/// Truth of "V equals Text ignoring case", with the provider's Default
/// when V is missing or null.
check::Truth equalsOr(const model::Value *V, llvm::StringRef Text,
                      bool Default);
/// Truth of "V is true" (a bool or "true"), with Default when missing.
check::Truth isTrueOr(const model::Value *V, bool Default);

// The per-cloud passes, in Exposure.cpp's order.
void addAzureExposures(const model::DeploymentUnit &U, NetworkModel &Out);
void addAwsExposures(const model::DeploymentUnit &U, NetworkModel &Out);
void addGoogleExposures(const model::DeploymentUnit &U, NetworkModel &Out);

} // namespace rampart::exposure::detail

#endif
