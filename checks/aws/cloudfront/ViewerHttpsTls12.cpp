//===- ViewerHttpsTls12.cpp - AWS-CF-001 ----------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/Common.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Field names of a distribution in one dialect.
struct DistributionShape {
  const char *Default, *Behaviors, *Policy, *Certificate, *MinimumVersion;
  std::vector<const char *> CustomCertificate;
};
const DistributionShape Cfn{"DistributionConfig.DefaultCacheBehavior",
                            "DistributionConfig.CacheBehaviors",
                            "ViewerProtocolPolicy",
                            "DistributionConfig.ViewerCertificate",
                            "MinimumProtocolVersion",
                            {"AcmCertificateArn", "IamCertificateId"}};
const DistributionShape Tf{
    "default_cache_behavior",   "ordered_cache_behavior",
    "viewer_protocol_policy",   "viewer_certificate",
    "minimum_protocol_version", {"acm_certificate_arn", "iam_certificate_id"}};

Evaluation behaviorPolicy(const Value &Behavior, const char *Policy,
                          const std::string &Path) {
  // A Terraform block is a list of one object.
  if (Behavior.is(model::ValueKind::Array) && Behavior.items().size() == 1)
    return behaviorPolicy(Behavior.items()[0], Policy, Path);
  const Value *P = Behavior.isKnown() ? Behavior.get(Policy) : &Behavior;
  if (!P || P->isNull())
    return {Outcome::Unknown,
            &Behavior,
            {Path},
            Path + " has no " + std::string(Policy)};
  Truth Https = truthOr(equalsInsensitive(*P, "https-only").T,
                        equalsInsensitive(*P, "redirect-to-https").T);
  if (Https == Truth::True)
    return Evaluation::healthy();
  if (Https == Truth::Unknown)
    return {Outcome::Unknown, P, {Path}, Path + " is unknown"};
  return {Outcome::Unhealthy,
          P,
          {Path},
          std::string(Policy) + " is " + describeValue(*P) +
              " (content is served over HTTP)"};
}

/// HTTPS between viewers and CloudFront on every cache behavior, and TLS
/// 1.2+ on custom certificates (the default certificate is judged on the
/// protocol policy only): one part per behavior and one for the
/// certificate.
std::vector<Evaluation> viewerTlsParts(const Subject &S,
                                       const DistributionShape &D) {
  std::vector<Evaluation> Parts;
  Lookup Default = aws::lookup(S, D.Default);
  if (Default.Result == Lookup::State::Missing)
    Parts.push_back({Outcome::Unknown,
                     nullptr,
                     {D.Default},
                     std::string(D.Default) + " is not set"});
  else
    Parts.push_back(behaviorPolicy(*Default.Value, D.Policy, D.Default));
  Lookup Others = aws::lookup(S, D.Behaviors);
  if (Others.Result == Lookup::State::Unknown)
    Parts.push_back({Outcome::Unknown,
                     Others.Value,
                     {D.Behaviors},
                     std::string(D.Behaviors) + " is unknown"});
  else if (Others.Result == Lookup::State::Found &&
           Others.Value->is(model::ValueKind::Array))
    for (const Value &B : Others.Value->items())
      Parts.push_back(behaviorPolicy(B, D.Policy, D.Behaviors));
  Lookup Cert = aws::lookup(S, D.Certificate);
  if (Cert.Result == Lookup::State::Unknown) {
    Parts.push_back({Outcome::Unknown,
                     Cert.Value,
                     {D.Certificate},
                     std::string(D.Certificate) + " is unknown"});
  } else if (Cert.Result == Lookup::State::Found) {
    const Value &C = Cert.Value->is(model::ValueKind::Array) &&
                             Cert.Value->items().size() == 1
                         ? Cert.Value->items()[0]
                         : *Cert.Value;
    Truth Custom = Truth::False;
    for (const char *K : D.CustomCertificate)
      if (const Value *V = C.get(K); V && !V->isNull())
        Custom = truthOr(Custom, isConfigured(V).T);
    if (Custom != Truth::False) {
      static const Value Tls1 = Value::string("TLSv1");
      const Value *Min = C.get(D.MinimumVersion);
      bool Missing = !Min || Min->isNull();
      Match M = tlsAtLeast(Missing ? Tls1 : *Min, "1.2");
      std::string Path = std::string(D.Certificate) + "." + D.MinimumVersion;
      if (M.isFalse() && Custom == Truth::True)
        Parts.push_back({Outcome::Unhealthy,
                         Missing ? nullptr : Min,
                         {Path},
                         Missing ? Path + " is not set (the default is "
                                          "TLSv1)"
                                 : Path + " is " + describeValue(*Min)});
      else if (!M.isTrue())
        Parts.push_back({Outcome::Unknown,
                         Missing ? nullptr : Min,
                         {Path},
                         Path + " cannot be judged"});
    }
  }
  return Parts;
}

Predicate viewerTls(const DistributionShape &D) {
  return [&D](const Subject &S) { return aws::allOf(viewerTlsParts(S, D)); };
}

/// Every failing part fixed at once: the default behavior redirects to
/// HTTPS, the custom certificate gets TLSv1.2_2021. No fix when an ordered
/// cache behavior fails: it is a list element.
FixRecipe viewerTlsFix(const DistributionShape &D) {
  return [&D](const Subject &S, const Evaluation &,
              const Binding &) -> std::vector<FixIntent> {
    std::vector<FixIntent> Out;
    for (const Evaluation &Part : viewerTlsParts(S, D)) {
      if (Part.Result != Outcome::Unhealthy)
        continue;
      if (Part.Path.front() == D.Default)
        Out.push_back({FixIntent::Action::Set,
                       std::string(D.Default) + "." + D.Policy,
                       Value::string("redirect-to-https")});
      else if (Part.Path.front() == D.Behaviors)
        return {};
      else
        Out.push_back({FixIntent::Action::Set, Part.Path.front(),
                       Value::string("TLSv1.2_2021")});
    }
    return Out;
  };
}

} // namespace

const Check &cloudfrontViewerHttpsTls12() {

  static const Check C =
      CheckBuilder("AWS-CF-001", __FILE__)
          .title("CloudFront distributions should require HTTPS and TLS 1.2 or "
                 "later from viewers")
          .severity(Level::Medium)
          .control("Encrypt data in transit")
          .compliance("MCSB", "DP-3")
          .compliance("FSBP", "CloudFront.3")
          .why("allow-all serves content and cookies over HTTP, and old TLS "
               "versions are open to downgrade attacks.")
          .remediation("Redirect viewers to HTTPS and set TLSv1.2_2021 as the "
                       "minimum on custom-certificate distributions")
          .reference("Checkov CKV_AWS_34")
          .reference("Checkov CKV_AWS_174")
          .onCloudFormation({"AWS::CloudFront::Distribution"}, viewerTls(Cfn))
          .onTerraform("aws", {"aws_cloudfront_distribution"}, viewerTls(Tf))
          .fix(FixAvailability::Sometimes, Applicability::Safe,
               viewerTlsFix(Cfn))
          .fixFor(Family::Terraform, viewerTlsFix(Tf))
          .build();
  return C;
}

} // namespace rampart::checks
