//===- ScanOnPush.cpp - AWS-ECR-001 ---------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Environment.h"
#include "analyzer/check/Predicates.h"
#include "analyzer/check/Relations.h"
#include "checks/aws/common/Common.h"

#include "llvm/Support/GlobPattern.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {

/// Field names of a registry scanning configuration in one dialect.
struct RegistryShape {
  const char *Type, *ScanType, *Rules, *Frequency, *Filters, *Filter;
};
const RegistryShape CfnRegistry{"AWS::ECR::RegistryScanningConfiguration",
                                "ScanType",
                                "Rules",
                                "ScanFrequency",
                                "RepositoryFilters",
                                "Filter"};
const RegistryShape TfRegistry{"aws_ecr_registry_scanning_configuration",
                               "scan_type",
                               "rule",
                               "scan_frequency",
                               "repository_filter",
                               "filter"};

/// Whether a registry-level configuration of the unit scans the
/// repository named Name: enhanced scanning scans every repository; basic
/// scanning the repositories a scan-on-push or continuous rule's wildcard
/// filter matches.
Truth registryScans(const Subject &S, const RegistryShape &Shape,
                    const Value *Name) {
  Truth T = Truth::False;
  for (const model::Resource *R : check::deployedOfType(S.Unit, {Shape.Type})) {
    const Value *Type = R->Properties.get(Shape.ScanType);
    if (Type)
      T = truthOr(T, equalsInsensitive(*Type, "ENHANCED").T);
    const Value *Rules = R->Properties.get(Shape.Rules);
    if (!Rules || !Rules->is(model::ValueKind::Array))
      continue;
    for (const Value &Rule : Rules->items()) {
      const Value *Freq = Rule.get(Shape.Frequency);
      if (!Freq)
        continue;
      Truth Scans = truthOr(equalsInsensitive(*Freq, "SCAN_ON_PUSH").T,
                            equalsInsensitive(*Freq, "CONTINUOUS_SCAN").T);
      if (Scans == Truth::False)
        continue;
      const Value *Filters = Rule.get(Shape.Filters);
      if (!Filters || !Filters->is(model::ValueKind::Array))
        continue;
      for (const Value &F : Filters->items()) {
        const Value *Pattern = F.get(Shape.Filter);
        if (!Pattern || !Pattern->is(model::ValueKind::String) || !Name ||
            !Name->is(model::ValueKind::String)) {
          T = truthOr(T, Truth::Unknown);
          continue;
        }
        llvm::Expected<llvm::GlobPattern> G =
            llvm::GlobPattern::create(Pattern->asString());
        if (!G) {
          llvm::consumeError(G.takeError());
          T = truthOr(T, Truth::Unknown);
          continue;
        }
        T = truthOr(T, truthAnd(Scans, fromBool(G->match(Name->asString()))));
      }
    }
  }
  return T;
}

Predicate scanned(std::string ScanOnPush, std::string NameProp,
                  const RegistryShape &Shape) {
  PropertyRule Rule = property(ScanOnPush)
                          .mustEqual(Value::boolean(true))
                          .defaultsTo(Value::boolean(false));
  return [=, &Shape](const Subject &S) -> Evaluation {
    Evaluation E = Rule.evaluate(S);
    if (E.Result == Outcome::Healthy)
      return E;
    // Registry-level scanning set up outside the templates (catalog).
    if (environmentSays(S.Unit, "aws.ecr_registry_scanning"))
      return Evaluation::healthy();
    Truth Registry =
        registryScans(S, Shape, S.Resource.Properties.get(NameProp));
    if (Registry == Truth::True)
      return Evaluation::healthy();
    if (Registry == Truth::Unknown && E.Result == Outcome::Unhealthy)
      return {Outcome::Unknown,
              nullptr,
              {ScanOnPush},
              "whether the registry's scanning configuration covers the "
              "repository is not known"};
    return E;
  };
}

} // namespace

const Check &ecrScanOnPush() {

  static const Check C =
      CheckBuilder("AWS-ECR-001", __FILE__)
          .title("ECR repositories should scan images on push")
          .severity(Level::High)
          .control("Remediate vulnerabilities")
          .compliance("MCSB", "PV-5")
          .compliance("FSBP", "ECR.1")
          .why("Images pushed without scanning reach clusters with known CVEs.")
          .remediation("Turn on scan-on-push for the repository, or better, "
                       "enhanced scanning for the registry")
          .reference("Checkov CKV_AWS_163")
          .onCloudFormation({"AWS::ECR::Repository"},
                            scanned("ImageScanningConfiguration.ScanOnPush",
                                    "RepositoryName", CfnRegistry))
          .onTerraform("aws", {"aws_ecr_repository"},
                       scanned("image_scanning_configuration.scan_on_push",
                               "name", TfRegistry))
          .fix(FixAvailability::Always, Applicability::Safe,
               setTo(Value::boolean(true)))
          .build();
  return C;
}

} // namespace rampart::checks
