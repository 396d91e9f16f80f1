//===- EncryptedAtRest.cpp - AWS-ES-001 -----------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &opensearchEncryptedAtRest() {

  static const Check C =
      CheckBuilder("AWS-ES-001", __FILE__)
          .title("OpenSearch domains should be encrypted at rest")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-4")
          .compliance("FSBP", "Opensearch.1")
          .compliance("FSBP", "ES.1")
          .why("Index data, logs and automated snapshots are stored "
               "unencrypted otherwise.")
          .remediation("Enable encryption at rest (a blue/green update on "
                       "current engine versions)")
          .reference("Checkov CKV_AWS_5")
          .onCloudFormation(
              {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"},
              property("EncryptionAtRestOptions.Enabled")
                  .mustEqual(Value::boolean(true))
                  .defaultsTo(Value::boolean(false)))
          .onTerraform("aws",
                       {"aws_opensearch_domain", "aws_elasticsearch_domain"},
                       property("encrypt_at_rest.enabled")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Suggested,
               setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
