//===- WafEnabled.cpp - AWS-CF-002 ----------------------------------------===//
#include "analyzer/check/CheckBuilder.h"
#include "analyzer/check/Predicates.h"
#include "checks/aws/common/IsSet.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &cloudfrontWafEnabled() {

  static const Check C =
      CheckBuilder("AWS-CF-002", __FILE__)
          .title("CloudFront distributions should be protected with AWS WAF")
          .severity(Level::Medium)
          .control("Protect applications against DDoS attacks")
          .compliance("MCSB", "NS-6")
          .compliance("FSBP", "CloudFront.6")
          .why("Without a web ACL, malicious requests reach the origin "
               "unfiltered.")
          .remediation("Associate a global (CLOUDFRONT-scope) web ACL to "
                       "filter malicious requests at the edge")
          .reference("Checkov CKV_AWS_68")
          .onCloudFormation(
              {"AWS::CloudFront::Distribution"},
              aws::mustBeSet("DistributionConfig.WebACLId",
                             "DistributionConfig.WebACLId is not set"))
          .onTerraform("aws", {"aws_cloudfront_distribution"},
                       aws::mustBeSet("web_acl_id", "web_acl_id is not set"))
          .build();
  return C;
}

} // namespace rampart::checks
