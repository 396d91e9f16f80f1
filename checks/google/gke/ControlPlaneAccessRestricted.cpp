//===- ControlPlaneAccessRestricted.cpp - GCP-GKE-001 ---------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "checks/google/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;
using model::ValueKind;

namespace {

/// An answer and the argument it is about.
struct Answer {
  Match M;
  std::string Path;
};

/// Some `cidr_blocks.cidr_block` of the authorized networks is an internet
/// CIDR. Where is that CIDR.
Match authorizesInternet(const Subject &S) {
  return google::authorizesInternet(
      S, "master_authorized_networks_config.cidr_blocks", "cidr_block");
}

/// The public endpoint admits only the authorized networks: the block
/// exists, lists no internet CIDR, and does not also admit every Google
/// Cloud public address. False points at what lets the internet in.
Answer onlyAuthorizedNetworks(const Subject &S) {
  const std::string Config = "master_authorized_networks_config";
  Lookup Block = google::lookup(S, Config);
  // A dynamic block with nothing to iterate gives an empty list: no block.
  if (Block.Result == Lookup::State::Missing ||
      (Block.Result == Lookup::State::Found &&
       Block.Value->is(ValueKind::Array) && Block.Value->items().empty()))
    return {{Truth::False, nullptr, {}}, Config};
  if (Block.Result == Lookup::State::Unknown)
    return {{Truth::Unknown, Block.Value, {}}, Config};
  Match Internet = authorizesInternet(S);
  if (Internet.isTrue())
    return {{Truth::False, Internet.Where, {}}, Config + ".cidr_blocks"};
  Match GoogleCidrs = google::lookupEquals(
      google::lookup(S, Config + ".gcp_public_cidrs_access_enabled"),
      Value::boolean(true), Truth::False);
  if (GoogleCidrs.isTrue())
    return {{Truth::False, GoogleCidrs.Where, {}},
            Config + ".gcp_public_cidrs_access_enabled"};
  if (Internet.isUnknown())
    return {Internet, Config + ".cidr_blocks"};
  if (GoogleCidrs.isUnknown())
    return {GoogleCidrs, Config + ".gcp_public_cidrs_access_enabled"};
  return {{Truth::True, nullptr, {}}, Config};
}

std::string whyOpen(const Answer &A) {
  if (llvm::StringRef(A.Path).endswith(".cidr_blocks"))
    return A.M.Where && A.M.Where->is(ValueKind::String)
               ? "the authorized networks include " +
                     google::quoted(A.M.Where->asString())
               : "the authorized networks include an internet CIDR";
  if (llvm::StringRef(A.Path).endswith(".gcp_public_cidrs_access_enabled"))
    return "gcp_public_cidrs_access_enabled admits every Google Cloud public "
           "address";
  return "no master_authorized_networks_config limits who reaches it";
}

/// A private endpoint, or a public one limited to authorized networks.
Evaluation controlPlaneRestricted(const Subject &S) {
  Answer Private{
      google::lookupEquals(
          google::lookup(S, "private_cluster_config.enable_private_endpoint"),
          Value::boolean(true), Truth::False),
      "private_cluster_config.enable_private_endpoint"};
  Answer Authorized = onlyAuthorizedNetworks(S);
  if (Private.M.isTrue() || Authorized.M.isTrue())
    return Evaluation::healthy();
  if (Private.M.isUnknown())
    return google::unknownOutcome(Private.M, Private.Path);
  if (Authorized.M.isUnknown())
    return google::unknownOutcome(Authorized.M, Authorized.Path);
  return {Outcome::Unhealthy,
          Authorized.M.Where,
          {Authorized.Path},
          "the control plane endpoint is public and " + whyOpen(Authorized)};
}

/// Only the access of every Google Cloud public address can be taken away
/// without asking: the authorized networks, or a private endpoint, are the
/// user's to choose.
std::vector<FixIntent> noGoogleCloudCidrs(const Subject &, const Evaluation &E,
                                          const Binding &) {
  if (E.Path.empty() || !llvm::StringRef(E.Path.front())
                             .endswith(".gcp_public_cidrs_access_enabled"))
    return {};
  return {{FixIntent::Action::Set, E.Path.front(), Value::boolean(false)}};
}

} // namespace

const Check &gkeControlPlaneAccessRestricted() {
  static const Check C =
      CheckBuilder("GCP-GKE-001", __FILE__)
          .title("GKE clusters should restrict access to the control plane")
          .severity(Level::High)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .why("A control plane endpoint open to the internet exposes the "
               "Kubernetes API to credential attacks and to any API server "
               "vulnerability.")
          .remediation("Limit the control plane to authorized networks or "
                       "make the endpoint private")
          .reference("Checkov CKV_GCP_20, CKV_GCP_18")
          .reference("Trivy AVD-GCP-0061, AVD-GCP-0053")
          .onTerraform("google", {"google_container_cluster"},
                       controlPlaneRestricted)
          // Suggested: clients on Google Cloud public addresses lose access.
          .fix(FixAvailability::Sometimes, Applicability::Suggested,
               noGoogleCloudCidrs)
          .build();
  return C;
}

} // namespace rampart::checks
