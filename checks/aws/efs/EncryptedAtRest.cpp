//===- EncryptedAtRest.cpp - AWS-EFS-001 ----------------------------------===//
#include "analyzer/check/CheckBuilder.h"

namespace rampart::checks {

using namespace check;
using model::Value;

const Check &efsEncryptedAtRest() {

  static const Check C =
      CheckBuilder("AWS-EFS-001", __FILE__)
          .title("EFS file systems should be encrypted at rest")
          .severity(Level::Medium)
          .control("Enable encryption at rest")
          .compliance("MCSB", "DP-4")
          .compliance("FSBP", "EFS.1")
          .why("Encryption must be chosen at creation; the API and templates "
               "default to unencrypted file systems.")
          .remediation("Create file systems encrypted and migrate data to a "
                       "new encrypted one with DataSync or AWS Backup")
          .reference("Checkov CKV_AWS_42")
          .onCloudFormation({"AWS::EFS::FileSystem"},
                            property("Encrypted")
                                .mustEqual(Value::boolean(true))
                                .defaultsTo(Value::boolean(false)))
          .onTerraform("aws", {"aws_efs_file_system"},
                       property("encrypted")
                           .mustEqual(Value::boolean(true))
                           .defaultsTo(Value::boolean(false)))
          .fix(FixAvailability::Always, Applicability::Suggested,
               setToExpected())
          .build();
  return C;
}

} // namespace rampart::checks
