//===- InsideVpc.cpp - AWS-ES-003 -----------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"

namespace rampart::checks {

using namespace check;
using model::Value;

namespace {
std::optional<bool> nonEmpty(const Value &V) {
  Match M = isNonEmpty(V);
  if (M.isUnknown())
    return std::nullopt;
  return M.isTrue();
}
} // namespace

const Check &opensearchInsideVpc() {

  static const Check C =
      CheckBuilder("AWS-ES-003", __FILE__)
          .title("OpenSearch domains should be deployed inside a VPC")
          .severity(Level::High)
          .control("Restrict unauthorized network access")
          .compliance("MCSB", "NS-2")
          .compliance("FSBP", "Opensearch.2")
          .compliance("FSBP", "ES.2")
          .why("Public domains rely solely on access policies; a single "
               "wildcard policy exposes all indexed data.")
          .remediation("Create domains in private subnets (this cannot be "
                       "changed later)")
          .reference("Checkov CKV_AWS_137")
          .onCloudFormation(
              {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"},
              property("VPCOptions.SubnetIds")
                  .must(nonEmpty, "at least one subnet")
                  .missingIsUnhealthy())
          .onTerraform("aws",
                       {"aws_opensearch_domain", "aws_elasticsearch_domain"},
                       property("vpc_options.subnet_ids")
                           .must(nonEmpty, "at least one subnet")
                           .missingIsUnhealthy())
          .build();
  return C;
}

} // namespace rampart::checks
