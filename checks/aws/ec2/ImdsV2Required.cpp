//===- ImdsV2Required.cpp - AWS-EC2-008 -----------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Engine.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

struct MetadataPaths {
  std::string Tokens, Endpoint, LaunchTemplate;
};

/// The instance's own setting: healthy with tokens required or the
/// endpoint off, unhealthy with tokens optional, nullopt when neither is
/// set (the AMI or the account default decides).
std::optional<Evaluation> ownSetting(const Subject &S, const MetadataPaths &P) {
  Lookup Endpoint = aws::lookup(S, P.Endpoint);
  if (Endpoint.Result == Lookup::State::Found &&
      equalsInsensitive(*Endpoint.Value, "disabled").isTrue())
    return Evaluation::healthy();
  Lookup T = aws::lookup(S, P.Tokens);
  if (T.Result == Lookup::State::Missing) {
    if (Endpoint.Result == Lookup::State::Unknown)
      return Evaluation{Outcome::Unknown,
                        Endpoint.Value,
                        {P.Endpoint},
                        P.Endpoint + " is unknown"};
    return std::nullopt;
  }
  return property(P.Tokens).mustEqual(Value::string("required")).evaluate(S);
}

/// What decides a missing setting: the launch template the instance uses,
/// or an account default declared in the unit.
Evaluation inherited(const Subject &S, const MetadataPaths &P,
                     llvm::StringRef TemplateType,
                     const MetadataPaths &TemplatePaths) {
  if (!P.LaunchTemplate.empty())
    if (const Value *LT = S.Resource.Properties.get(P.LaunchTemplate))
      for (const model::Resource *T :
           aws::referencedOfType(S.Unit, *LT, {TemplateType}))
        if (std::optional<Evaluation> E =
                ownSetting({*T, S.Unit}, TemplatePaths)) {
          if (E->Result != Outcome::Healthy)
            E->Detail = "its launch template '" + resourceLabel(*T) + "' has " +
                        E->Detail;
          return *E;
        }
  for (const model::Resource *D :
       check::deployedOfType(S.Unit, {"aws_ec2_instance_metadata_defaults"}))
    if (const Value *Tokens = D->Properties.get("http_tokens");
        Tokens && equalsInsensitive(*Tokens, "required").isTrue())
      return Evaluation::healthy();
  return {Outcome::Unknown,
          nullptr,
          {P.Tokens},
          P.Tokens + " is not set: the AMI's ImdsSupport or the account "
                     "default decides whether tokens are required"};
}

Predicate imdsV2(MetadataPaths P, std::string TemplateType = {},
                 MetadataPaths TemplatePaths = {}) {
  return [=](const Subject &S) {
    if (std::optional<Evaluation> E = ownSetting(S, P))
      return *E;
    return inherited(S, P, TemplateType, TemplatePaths);
  };
}

/// The resource's own HttpTokens set to required. An instance that inherits
/// optional tokens from its launch template does not set them (the path
/// read is the template's): it gets no fix, as the template's own fix
/// repairs both.
std::vector<FixIntent> requireTokens(const Subject &S, const Evaluation &E,
                                     const Binding &) {
  if (E.Path.empty() ||
      aws::lookup(S, E.Path.front()).Result == Lookup::State::Missing)
    return {};
  return {{FixIntent::Action::Set, E.Path.front(), Value::string("required")}};
}

const MetadataPaths CfnInstance{"MetadataOptions.HttpTokens",
                                "MetadataOptions.HttpEndpoint",
                                "LaunchTemplate"};
const MetadataPaths CfnTemplate{
    "LaunchTemplateData.MetadataOptions.HttpTokens",
    "LaunchTemplateData.MetadataOptions.HttpEndpoint", ""};
const MetadataPaths CfnLaunchConfiguration{"MetadataOptions.HttpTokens",
                                           "MetadataOptions.HttpEndpoint", ""};
const MetadataPaths TfInstance{"metadata_options.http_tokens",
                               "metadata_options.http_endpoint",
                               "launch_template"};
const MetadataPaths TfTemplate{"metadata_options.http_tokens",
                               "metadata_options.http_endpoint", ""};

} // namespace

const Check &ec2ImdsV2Required() {
  static const Check C =
      CheckBuilder("AWS-EC2-008", __FILE__)
          .title("Instances, launch templates and launch configurations "
                 "should require IMDSv2")
          .severity(Level::High)
          .control("Remediate security configurations")
          .compliance("MCSB", "PV-4")
          .compliance("FSBP", "EC2.8")
          .compliance("FSBP", "AutoScaling.3")
          .why("IMDSv1 answers plain GET requests, so an SSRF bug in the "
               "workload can read the instance role's credentials.")
          .remediation("Require session tokens (HttpTokens required); test "
                       "that SDKs on the image are recent enough")
          .reference("Checkov CKV_AWS_79")
          .onCloudFormation(
              {"AWS::EC2::Instance"},
              imdsV2(CfnInstance, "AWS::EC2::LaunchTemplate", CfnTemplate))
          .onCloudFormation({"AWS::EC2::LaunchTemplate"}, imdsV2(CfnTemplate))
          .onCloudFormation({"AWS::AutoScaling::LaunchConfiguration"},
                            imdsV2(CfnLaunchConfiguration))
          .onTerraform("aws", {"aws_instance"},
                       imdsV2(TfInstance, "aws_launch_template", TfTemplate))
          .onTerraform("aws",
                       {"aws_launch_template", "aws_launch_configuration"},
                       imdsV2(TfTemplate))
          .fix(FixAvailability::Sometimes, Applicability::Safe, requireTokens)
          .build();
  return C;
}

} // namespace rampart::checks
