//===- Registry.cpp - The built-in AWS checks -----------------------------===//
#include "analyzer/check/Check.h"

#include <vector>

namespace rampart::checks {

using check::Check;

// One declaration and one line per check, sorted by id.
const Check &apigatewayRequireAuthorization();
const Check &cloudfrontViewerHttpsTls12();
const Check &cloudfrontWafEnabled();
const Check &cloudtrailMultiRegionLogging();
const Check &cloudtrailLogFileValidation();
const Check &cloudtrailLogsEncryptedWithKms();
const Check &dynamodbPointInTimeRecovery();
const Check &ec2NoSshFromInternet();
const Check &ec2NoRdpFromInternet();
const Check &ec2NoHighRiskPortsFromInternet();
const Check &ec2DefaultSecurityGroupClosed();
const Check &ec2NoPublicIp();
const Check &ec2EbsEncrypted();
const Check &ec2EbsEncryptionByDefault();
const Check &ec2ImdsV2Required();
const Check &ecrScanOnPush();
const Check &ecsNoPrivilegedContainers();
const Check &efsEncryptedAtRest();
const Check &eksRestrictedEndpoint();
const Check &eksSecretsEncrypted();
const Check &eksAuditLogging();
const Check &elasticacheEncryptedInTransit();
const Check &elasticacheEncryptedAtRest();
const Check &elbHttpRedirectsToHttps();
const Check &elbTlsSecurityPolicy();
const Check &elbAccessLogs();
const Check &elbDropInvalidHeaderFields();
const Check &elbWafProtected();
const Check &opensearchEncryptedAtRest();
const Check &opensearchEncryptedInTransit();
const Check &opensearchInsideVpc();
const Check &guarddutyDetectorEnabled();
const Check &iamNoAdminPolicies();
const Check &iamNoUserPolicies();
const Check &iamNoPublicAssumeRole();
const Check &iamStrongPasswordPolicy();
const Check &iamNoAccessKeys();
const Check &iamConsoleUsersRequireMfa();
const Check &kmsKeyRotation();
const Check &kmsNoPublicKeyPolicy();
const Check &lambdaNoPublicInvocation();
const Check &lambdaFunctionUrlRequiresIam();
const Check &rdsStorageEncrypted();
const Check &rdsNotPubliclyAccessible();
const Check &rdsAutoMinorVersionUpgrade();
const Check &rdsIamDatabaseAuthentication();
const Check &rdsLogExports();
const Check &redshiftNotPubliclyAccessible();
const Check &redshiftEncryptedAtRest();
const Check &s3BlockPublicAccess();
const Check &s3NoPublicAcl();
const Check &s3NoPublicBucketPolicy();
const Check &s3AclsDisabled();
const Check &s3RequireTls();
const Check &s3KmsEncryption();
const Check &s3AccessLogging();
const Check &s3Versioning();
const Check &secretsmanagerRotation();
const Check &sqsEncryptedAtRest();
const Check &vpcFlowLogs();
const Check &vpcNoAutoAssignPublicIp();
const Check &vpcNaclNoAdminPortsFromInternet();

void appendAwsChecks(std::vector<const Check *> &Out) {
  Out.push_back(&apigatewayRequireAuthorization());  // AWS-APIGW-001
  Out.push_back(&cloudfrontViewerHttpsTls12());      // AWS-CF-001
  Out.push_back(&cloudfrontWafEnabled());            // AWS-CF-002
  Out.push_back(&cloudtrailMultiRegionLogging());    // AWS-CT-001
  Out.push_back(&cloudtrailLogFileValidation());     // AWS-CT-002
  Out.push_back(&cloudtrailLogsEncryptedWithKms());  // AWS-CT-003
  Out.push_back(&dynamodbPointInTimeRecovery());     // AWS-DDB-001
  Out.push_back(&ec2NoSshFromInternet());            // AWS-EC2-001
  Out.push_back(&ec2NoRdpFromInternet());            // AWS-EC2-002
  Out.push_back(&ec2NoHighRiskPortsFromInternet());  // AWS-EC2-003
  Out.push_back(&ec2DefaultSecurityGroupClosed());   // AWS-EC2-004
  Out.push_back(&ec2NoPublicIp());                   // AWS-EC2-005
  Out.push_back(&ec2EbsEncrypted());                 // AWS-EC2-006
  Out.push_back(&ec2EbsEncryptionByDefault());       // AWS-EC2-007
  Out.push_back(&ec2ImdsV2Required());               // AWS-EC2-008
  Out.push_back(&ecrScanOnPush());                   // AWS-ECR-001
  Out.push_back(&ecsNoPrivilegedContainers());       // AWS-ECS-001
  Out.push_back(&efsEncryptedAtRest());              // AWS-EFS-001
  Out.push_back(&eksRestrictedEndpoint());           // AWS-EKS-001
  Out.push_back(&eksSecretsEncrypted());             // AWS-EKS-002
  Out.push_back(&eksAuditLogging());                 // AWS-EKS-003
  Out.push_back(&elasticacheEncryptedInTransit());   // AWS-ELASTICACHE-001
  Out.push_back(&elasticacheEncryptedAtRest());      // AWS-ELASTICACHE-002
  Out.push_back(&elbHttpRedirectsToHttps());         // AWS-ELB-001
  Out.push_back(&elbTlsSecurityPolicy());            // AWS-ELB-002
  Out.push_back(&elbAccessLogs());                   // AWS-ELB-003
  Out.push_back(&elbDropInvalidHeaderFields());      // AWS-ELB-004
  Out.push_back(&elbWafProtected());                 // AWS-ELB-005
  Out.push_back(&opensearchEncryptedAtRest());       // AWS-ES-001
  Out.push_back(&opensearchEncryptedInTransit());    // AWS-ES-002
  Out.push_back(&opensearchInsideVpc());             // AWS-ES-003
  Out.push_back(&guarddutyDetectorEnabled());        // AWS-GD-001
  Out.push_back(&iamNoAdminPolicies());              // AWS-IAM-001
  Out.push_back(&iamNoUserPolicies());               // AWS-IAM-002
  Out.push_back(&iamNoPublicAssumeRole());           // AWS-IAM-003
  Out.push_back(&iamStrongPasswordPolicy());         // AWS-IAM-004
  Out.push_back(&iamNoAccessKeys());                 // AWS-IAM-005
  Out.push_back(&iamConsoleUsersRequireMfa());       // AWS-IAM-006
  Out.push_back(&kmsKeyRotation());                  // AWS-KMS-001
  Out.push_back(&kmsNoPublicKeyPolicy());            // AWS-KMS-002
  Out.push_back(&lambdaNoPublicInvocation());        // AWS-LAMBDA-001
  Out.push_back(&lambdaFunctionUrlRequiresIam());    // AWS-LAMBDA-002
  Out.push_back(&rdsStorageEncrypted());             // AWS-RDS-001
  Out.push_back(&rdsNotPubliclyAccessible());        // AWS-RDS-002
  Out.push_back(&rdsAutoMinorVersionUpgrade());      // AWS-RDS-003
  Out.push_back(&rdsIamDatabaseAuthentication());    // AWS-RDS-004
  Out.push_back(&rdsLogExports());                   // AWS-RDS-005
  Out.push_back(&redshiftNotPubliclyAccessible());   // AWS-REDSHIFT-001
  Out.push_back(&redshiftEncryptedAtRest());         // AWS-REDSHIFT-002
  Out.push_back(&s3BlockPublicAccess());             // AWS-S3-001
  Out.push_back(&s3NoPublicAcl());                   // AWS-S3-002
  Out.push_back(&s3NoPublicBucketPolicy());          // AWS-S3-003
  Out.push_back(&s3AclsDisabled());                  // AWS-S3-004
  Out.push_back(&s3RequireTls());                    // AWS-S3-005
  Out.push_back(&s3KmsEncryption());                 // AWS-S3-006
  Out.push_back(&s3AccessLogging());                 // AWS-S3-007
  Out.push_back(&s3Versioning());                    // AWS-S3-008
  Out.push_back(&secretsmanagerRotation());          // AWS-SM-001
  Out.push_back(&sqsEncryptedAtRest());              // AWS-SQS-001
  Out.push_back(&vpcFlowLogs());                     // AWS-VPC-001
  Out.push_back(&vpcNoAutoAssignPublicIp());         // AWS-VPC-002
  Out.push_back(&vpcNaclNoAdminPortsFromInternet()); // AWS-VPC-003
}

} // namespace rampart::checks
