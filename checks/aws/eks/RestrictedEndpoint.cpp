//===- RestrictedEndpoint.cpp - AWS-EKS-001 -------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Private endpoint only, or a public one limited to CIDRs that are not
/// the internet. Missing: public, from 0.0.0.0/0.
Predicate restrictedEndpoint(std::string Public, std::string Cidrs) {
  PropertyRule Private = property(Public)
                             .mustEqual(Value::boolean(false))
                             .defaultsTo(Value::boolean(true));
  return [=](const Subject &S) -> Evaluation {
    Evaluation E = Private.evaluate(S);
    if (E.Result != Outcome::Unhealthy)
      return E;
    Lookup L = aws::lookup(S, Cidrs);
    if (L.Result == Lookup::State::Missing)
      return {Outcome::Unhealthy, E.Where, E.Path,
              "the API endpoint is public and " + Cidrs +
                  " is not set (the default is 0.0.0.0/0)"};
    Match Internet = L.Result == Lookup::State::Found
                         ? isInternetCidr(*L.Value)
                         : Match{Truth::Unknown, L.Value, {}};
    return aws::violation(Internet, Cidrs,
                          "the API endpoint is public to the internet (FSBP "
                          "EKS.1 fails any public endpoint)");
  };
}

/// The public endpoint off and the private one on: EKS needs one of them,
/// and nodes and tools inside the VPC keep reaching the API.
FixRecipe privateEndpoint(std::string Public, std::string Private) {
  return [=](const Subject &S, const Evaluation &,
             const Binding &) -> std::vector<FixIntent> {
    std::vector<FixIntent> Out{
        {FixIntent::Action::Set, Public, Value::boolean(false)}};
    Lookup On = aws::lookup(S, Private);
    if (On.Result != Lookup::State::Found ||
        !valueEquals(*On.Value, Value::boolean(true), true).isTrue())
      Out.push_back({FixIntent::Action::Set, Private, Value::boolean(true)});
    return Out;
  };
}

} // namespace

const Check &eksRestrictedEndpoint() {

  static const Check C =
      CheckBuilder("AWS-EKS-001", __FILE__)
          .title(
              "EKS clusters should restrict public access to the API endpoint")
          .severity(Level::High)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("FSBP", "EKS.1")
          .why("A public API endpoint open to the internet leaves the cluster "
               "control plane one leaked credential away from compromise.")
          .remediation("Turn on the private endpoint and disable the public "
                       "one, or restrict it to build and admin ranges")
          .reference("Checkov CKV_AWS_38")
          .reference("Checkov CKV_AWS_39")
          .onCloudFormation(
              {"AWS::EKS::Cluster"},
              restrictedEndpoint("ResourcesVpcConfig.EndpointPublicAccess",
                                 "ResourcesVpcConfig.PublicAccessCidrs"))
          .onTerraform("aws", {"aws_eks_cluster"},
                       restrictedEndpoint("vpc_config.endpoint_public_access",
                                          "vpc_config.public_access_cidrs"))
          // Suggested: clients outside the VPC lose access to the API.
          .fix(FixAvailability::Always, Applicability::Suggested,
               privateEndpoint("ResourcesVpcConfig.EndpointPublicAccess",
                               "ResourcesVpcConfig.EndpointPrivateAccess"))
          .fixFor(Family::Terraform,
                  privateEndpoint("vpc_config.endpoint_public_access",
                                  "vpc_config.endpoint_private_access"))
          .fixTitle("Make the API endpoint private")
          .build();
  return C;
}

} // namespace rampart::checks
