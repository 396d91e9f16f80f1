//===- PolicyTest.cpp - User checks from declarative YAML -----------------===//
#include "analyzer/check/Policy.h"

#include "checks/Registry.h"
#include "tests/support/Fixtures.h"
#include "tests/support/TempDir.h"

#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::check;
using rampart::testing::Outcomes;
using rampart::testing::runOnFixture;
using rampart::testing::TempDir;

namespace {

PolicySet loadText(llvm::StringRef Text,
                   llvm::ArrayRef<const Check *> Reserved = {}) {
  PolicySet P;
  P.loadFile(SourceFile::fromText("policy.yaml", Text), Reserved);
  return P;
}

/// The only diagnostic of a file that should have exactly one.
const PolicyDiagnostic &onlyDiagnostic(const PolicySet &P) {
  for (const PolicyDiagnostic &D : P.diagnostics())
    UNSCOPED_INFO(D.File << ':' << D.D.Range.Start.Line << ':'
                         << D.D.Range.Start.Column << ": " << D.D.Message);
  REQUIRE(P.diagnostics().size() == 1);
  return P.diagnostics().front();
}

struct Pos {
  unsigned Line, Column, EndLine, EndColumn;
};

void checkRange(const PolicyDiagnostic &D, Pos Want) {
  INFO(D.D.Message);
  CHECK(D.D.Range.Start.Line == Want.Line);
  CHECK(D.D.Range.Start.Column == Want.Column);
  CHECK(D.D.Range.End.Line == Want.EndLine);
  CHECK(D.D.Range.End.Column == Want.EndColumn);
}

const char *HttpsOnly = R"(id: ORG-STORAGE-001
title: Storage accounts should require HTTPS
severity: high
control: Encrypt data in transit
compliance:
  - {framework: MCSB, id: DP-3}
why: |
  Plain HTTP can be read on the wire.
  Really.
remediation: Require HTTPS
references: [Checkov CKV_AZURE_3]
bindings:
  - family: arm
    types: [Microsoft.Storage/storageAccounts]
    property:
      path: properties.supportsHttpsTrafficOnly
      equals: true
      defaults:
        - value: true
          when: {apiVersionSince: "2019-04-01"}
        - value: false
  - family: terraform
    provider: azurerm
    types: [azurerm_storage_account]
    property:
      path: https_traffic_only_enabled
      aliases: [enable_https_traffic_only]
      equals: true
      defaults: [{value: true}]
)";

Outcomes scanOne(const Check &C, const TempDir &Dir, llvm::StringRef Name,
                 llvm::StringRef Text) {
  return runOnFixture(C, Dir.write(Name, Text));
}

} // namespace

TEST_CASE("a policy file becomes a check with its metadata", "[policy]") {
  PolicySet P = loadText(HttpsOnly);
  CHECK(P.diagnostics().empty());
  REQUIRE(P.checks().size() == 1);
  const Check &C = *P.checks()[0];
  CHECK(C.Id == "ORG-STORAGE-001");
  CHECK(C.Title == "Storage accounts should require HTTPS");
  CHECK(C.Severity == Level::High);
  CHECK(C.Control == "Encrypt data in transit");
  REQUIRE(C.Compliance.size() == 1);
  CHECK(C.Compliance[0].Framework == "MCSB");
  CHECK(C.Compliance[0].Id == "DP-3");
  // A literal block keeps its line breaks (and, clipped, one final one).
  CHECK(C.Why == "Plain HTTP can be read on the wire.\nReally.\n");
  CHECK(C.Remediation == "Require HTTPS");
  CHECK(C.References == std::vector<std::string>{"Checkov CKV_AZURE_3"});
  CHECK(C.Source == "policy.yaml");
  REQUIRE(C.Bindings.size() == 2);
  CHECK(C.Bindings[0].TheFamily == Family::Arm);
  CHECK(C.Bindings[0].Types ==
        std::vector<std::string>{"Microsoft.Storage/storageAccounts"});
  CHECK(C.Bindings[1].TheFamily == Family::Terraform);
  CHECK(C.Bindings[1].Provider == "azurerm");
  // One property rule alone is kept as the binding's rule.
  REQUIRE(C.Bindings[1].Rule);
  CHECK(C.Bindings[1].Rule->paths().size() == 2);
  CHECK(P.find("org-storage-001") == &C);
}

TEST_CASE("policy property rules apply defaults by apiVersion", "[policy]") {
  PolicySet P = loadText(HttpsOnly);
  REQUIRE(P.checks().size() == 1);
  const Check &C = *P.checks()[0];
  TempDir Dir;
  auto Bicep = [](llvm::StringRef Api, llvm::StringRef Props) {
    return "resource st 'Microsoft.Storage/storageAccounts@" + Api.str() +
           "' = {\n  name: 'st'\n  location: 'westeurope'\n  kind: "
           "'StorageV2'\n  sku: { name: 'Standard_LRS' }\n  properties: {" +
           Props.str() + "}\n}\n";
  };
  // From 2019-04-01 a missing property is true; before it, false.
  Outcomes New = scanOne(C, Dir, "new.bicep", Bicep("2023-01-01", ""));
  CHECK(New.Findings.empty());
  CHECK(New.Healthy == 1);
  Outcomes Old = scanOne(C, Dir, "old.bicep", Bicep("2018-07-01", ""));
  REQUIRE(Old.Findings.size() == 1);
  CHECK(Old.Findings[0].Message ==
        "storageAccounts 'st': properties.supportsHttpsTrafficOnly is not "
        "set (the default is false)");
  Outcomes Off = scanOne(C, Dir, "off.bicep",
                         Bicep("2023-01-01", "\n    supportsHttpsTrafficOnly: "
                                             "false\n  "));
  REQUIRE(Off.Findings.size() == 1);
  // The finding points at `false` on line 7.
  CHECK(Off.Findings[0].Range.Start.Line == 7);
  CHECK(Off.Findings[0].Range.Start.Column == 31);
  CHECK(Off.Findings[0].Range.End.Column == 36);
  // Terraform: the old argument name is an alias.
  Outcomes Alias =
      scanOne(C, Dir, "alias.tf",
              "resource \"azurerm_storage_account\" \"s\" {\n"
              "  name = \"s\"\n  enable_https_traffic_only = false\n}\n");
  REQUIRE(Alias.Findings.size() == 1);
  CHECK(Alias.Findings[0].Message ==
        "azurerm_storage_account 's': enable_https_traffic_only is false");
}

TEST_CASE("policy defaults by provider major version and anyOf rules",
          "[policy]") {
  PolicySet P = loadText(R"(id: ORG-RS-001
title: Redshift clusters should not be public
severity: high
bindings:
  - family: terraform
    provider: aws
    types: [aws_redshift_cluster]
    property:
      path: publicly_accessible
      equals: false
      defaults:
        - {value: false, when: {providerMajorSince: 6}}
        - {value: true}
  - family: arm
    types: [Microsoft.Cache/redis]
    anyOf:
      - {path: properties.publicNetworkAccess, equals: Disabled, defaults: [{value: Enabled}]}
      - {path: properties.subnetId, predicate: isConfigured, missing: unhealthy}
)");
  for (const PolicyDiagnostic &D : P.diagnostics())
    UNSCOPED_INFO(D.D.Message);
  REQUIRE(P.diagnostics().empty());
  REQUIRE(P.checks().size() == 1);
  const Check &C = *P.checks()[0];
  TempDir Dir;
  auto Tf = [](llvm::StringRef Version) {
    std::string Out;
    if (!Version.empty())
      Out = "terraform {\n  required_providers {\n    aws = {\n      source "
            "= \"hashicorp/aws\"\n      version = \"" +
            Version.str() + "\"\n    }\n  }\n}\n";
    return Out + "resource \"aws_redshift_cluster\" \"dw\" {\n  "
                 "cluster_identifier = \"dw\"\n}\n";
  };
  // Each major version's default decides when the constraint pins it.
  CHECK(scanOne(C, Dir, "v6/main.tf", Tf("~> 6.0")).Healthy == 1);
  Outcomes V5 = scanOne(C, Dir, "v5/main.tf", Tf("~> 5.0"));
  REQUIRE(V5.Findings.size() == 1);
  CHECK(V5.Findings[0].Message ==
        "aws_redshift_cluster 'dw': publicly_accessible is not set (the "
        "default is true)");
  // 5 and 6 allowed, or no constraint at all: the defaults disagree.
  for (const char *Range : {">= 5.0", ""}) {
    INFO(Range);
    Outcomes Both =
        scanOne(C, Dir, std::string("r") + (*Range ? "1" : "2") + "/main.tf",
                Tf(Range));
    CHECK(Both.Findings.empty());
    CHECK(Both.Unknown == 1);
  }

  auto Redis = [](llvm::StringRef Props) {
    return "resource r 'Microsoft.Cache/redis@2023-08-01' = {\n  name: "
           "'r'\n  location: 'westeurope'\n  properties: {\n" +
           Props.str() + "  }\n}\n";
  };
  // Healthy when either rule holds; else the first rule's finding.
  CHECK(scanOne(C, Dir, "a.bicep", Redis("    subnetId: 'x'\n")).Healthy == 1);
  CHECK(
      scanOne(C, Dir, "b.bicep", Redis("    publicNetworkAccess: 'Disabled'\n"))
          .Healthy == 1);
  Outcomes Open = scanOne(C, Dir, "c.bicep", Redis(""));
  REQUIRE(Open.Findings.size() == 1);
  CHECK(Open.Findings[0].Message ==
        "redis 'r': properties.publicNetworkAccess is not set (the default "
        "is 'Enabled')");
  Outcomes Maybe =
      scanOne(C, Dir, "d.bicep",
              "param subnet string\n" + Redis("    subnetId: subnet\n"));
  CHECK(Maybe.Findings.empty());
  CHECK(Maybe.Unknown == 1);
}

TEST_CASE("policy rules name domain predicates", "[policy]") {
  PolicySet P = loadText(R"(id: ORG-TLS-001
title: Storage accounts should require TLS 1.2
severity: medium
bindings:
  - family: terraform
    provider: azurerm
    types: [azurerm_storage_account]
    property:
      path: min_tls_version
      predicate: {name: tlsAtLeast, args: {minimum: "1.2"}}
      missing: unhealthy
  - family: cloudformation
    types: ["AWS::EC2::SecurityGroupIngress"]
    property:
      path: CidrIp
      predicate: {name: isInternetCidr, negate: true}
      missing: healthy
)");
  REQUIRE(P.diagnostics().empty());
  REQUIRE(P.checks().size() == 1);
  const Check &C = *P.checks()[0];
  TempDir Dir;
  auto Tf = [](llvm::StringRef Tls) {
    return "resource \"azurerm_storage_account\" \"s\" {\n  name = \"s\"\n" +
           (Tls.empty() ? std::string()
                        : "  min_tls_version = \"" + Tls.str() + "\"\n") +
           "}\n";
  };
  CHECK(scanOne(C, Dir, "a/main.tf", Tf("TLS1_2")).Healthy == 1);
  Outcomes Old = scanOne(C, Dir, "b/main.tf", Tf("TLS1_0"));
  REQUIRE(Old.Findings.size() == 1);
  CHECK(Old.Findings[0].Message ==
        "azurerm_storage_account 's': min_tls_version is 'TLS1_0'");
  // missing: unhealthy
  Outcomes Unset = scanOne(C, Dir, "c/main.tf", Tf(""));
  REQUIRE(Unset.Findings.size() == 1);
  CHECK(Unset.Findings[0].Message ==
        "azurerm_storage_account 's': min_tls_version is not set");
  // A spelling tlsAtLeast does not read is unknown, not a finding.
  Outcomes Odd = scanOne(C, Dir, "d/main.tf", Tf("modern"));
  CHECK(Odd.Findings.empty());
  CHECK(Odd.Unknown == 1);

  auto Cfn = [](llvm::StringRef Cidr) {
    return "Resources:\n  In:\n    Type: AWS::EC2::SecurityGroupIngress\n"
           "    Properties:\n      IpProtocol: tcp\n      CidrIp: " +
           Cidr.str() + "\n";
  };
  Outcomes World = scanOne(C, Dir, "world.yaml", Cfn("0.0.0.0/0"));
  REQUIRE(World.Findings.size() == 1);
  CHECK(World.Findings[0].Range.Start.Line == 6);
  CHECK(scanOne(C, Dir, "office.yaml", Cfn("10.0.0.0/8")).Healthy == 1);
}

TEST_CASE("policy graph conditions follow attachments and references",
          "[policy]") {
  PolicySet P = loadText(R"(checks:
  - id: ORG-S3-001
    title: Buckets should have a public access block
    severity: high
    bindings:
      - family: terraform
        provider: aws
        types: [aws_s3_bucket]
        graph:
          - relation: attached
            types: [aws_s3_bucket_public_access_block]
            exists: true
            property:
              - {path: block_public_acls, equals: true, missing: unhealthy}
              - {path: restrict_public_buckets, equals: true, missing: unhealthy}
  - id: ORG-S3-002
    title: Buckets should not be referenced by a website configuration
    severity: low
    bindings:
      - family: terraform
        provider: aws
        types: [aws_s3_bucket]
        graph:
          - relation: referencedBy
            types: [aws_s3_bucket_website_configuration]
            exists: false
)");
  for (const PolicyDiagnostic &D : P.diagnostics())
    UNSCOPED_INFO(D.D.Range.Start.Line << ": " << D.D.Message);
  REQUIRE(P.diagnostics().empty());
  REQUIRE(P.checks().size() == 2);
  const Check &Block = *P.find("ORG-S3-001");
  const Check &Website = *P.find("ORG-S3-002");
  TempDir Dir;
  std::string Bucket = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = "
                       "\"logs\"\n}\n";
  std::string Pab = "resource \"aws_s3_bucket_public_access_block\" \"p\" {\n"
                    "  bucket = aws_s3_bucket.b.id\n"
                    "  block_public_acls = true\n"
                    "  restrict_public_buckets = RESTRICT\n}\n";
  auto WithPab = [&](llvm::StringRef Restrict) {
    std::string T = Pab;
    T.replace(T.find("RESTRICT"), 8, Restrict.str());
    return Bucket + T;
  };

  Outcomes None = scanOne(Block, Dir, "none/main.tf", Bucket);
  REQUIRE(None.Findings.size() == 1);
  CHECK(None.Findings[0].Message ==
        "aws_s3_bucket 'b': has no attached "
        "aws_s3_bucket_public_access_block with block_public_acls true and "
        "restrict_public_buckets true");
  // The finding is on the bucket's declaration.
  CHECK(None.Findings[0].Range.Start.Line == 1);

  CHECK(scanOne(Block, Dir, "full/main.tf", WithPab("true")).Healthy == 1);
  CHECK(scanOne(Block, Dir, "half/main.tf", WithPab("false")).Findings.size() ==
        1);
  // A rule on the related resource that cannot be judged: unknown.
  Outcomes Var = scanOne(Block, Dir, "var/main.tf",
                         "variable \"r\" { type = bool }\n" + WithPab("var.r"));
  CHECK(Var.Findings.empty());
  CHECK(Var.Unknown == 1);

  // exists: false over references from the other side.
  std::string Site = "resource \"aws_s3_bucket_website_configuration\" \"w\" "
                     "{\n  bucket = aws_s3_bucket.b.id\n}\n";
  Outcomes Hosted = scanOne(Website, Dir, "site/main.tf", Bucket + Site);
  REQUIRE(Hosted.Findings.size() == 1);
  CHECK(Hosted.Findings[0].Message ==
        "aws_s3_bucket 'b': has an aws_s3_bucket_website_configuration "
        "referring to it ('w')");
  CHECK(scanOne(Website, Dir, "plain/main.tf", Bucket).Healthy == 1);
}

TEST_CASE("policy errors name the file, line and column", "[policy]") {
  SECTION("YAML syntax") {
    PolicySet P = loadText("id: X-1\ntitle: [unclosed\n");
    REQUIRE(P.errorCount() >= 1);
    CHECK(P.checks().empty());
    CHECK(P.diagnostics()[0].File == "policy.yaml");
    CHECK(P.diagnostics()[0].D.Range.Start.Line >= 2);
  }
  SECTION("an unknown key, at the key") {
    PolicySet P = loadText(R"(id: X-1
title: T should t
severity: low
bindings:
  - family: arm
    types: [Microsoft.Web/sites]
    property: {path: properties.httpsOnly, equal: true}
)");
    CHECK(P.checks().empty());
    // The rule also lacks a test; both are reported.
    REQUIRE(P.errorCount() == 2);
    const PolicyDiagnostic &D = P.diagnostics()[0];
    CHECK(D.D.Message ==
          "unknown key 'equal' in a property rule; did you mean 'equals'?");
    checkRange(D, {7, 44, 7, 49});
  }
  SECTION("a missing key, at the mapping") {
    PolicySet P = loadText("id: X-1\nseverity: low\nbindings:\n"
                           "  - {family: arm, types: [A/b], property: {path: "
                           "x, equals: 1}}\n");
    const PolicyDiagnostic &D = onlyDiagnostic(P);
    CHECK(D.D.Message == "a check needs 'title'");
    CHECK(D.D.Range.Start.Line == 1);
    CHECK(D.D.Range.Start.Column == 1);
  }
  SECTION("a value of the wrong kind") {
    PolicySet P = loadText("id: X-1\ntitle: T\nseverity: 3\nbindings: []\n");
    REQUIRE(P.errorCount() == 2);
    CHECK(P.diagnostics()[0].D.Message ==
          "'severity' must be a string, not a number");
    checkRange(P.diagnostics()[0], {3, 11, 3, 12});
    CHECK(P.diagnostics()[1].D.Message ==
          "'bindings' must be a non-empty list of bindings");
    checkRange(P.diagnostics()[1], {4, 11, 4, 13});
  }
  SECTION("an unknown severity, family and predicate") {
    PolicySet P = loadText(R"(id: X-1
title: T
severity: severe
bindings:
  - family: bicep
    types: [A/b]
    property: {path: x, equals: 1}
  - family: arm
    types: [A/b]
    property: {path: x, predicate: {name: tlsAtleast}}
  - family: arm
    types: [A/b]
    property: {path: x, predicate: {name: portCovers, args: {port: "22"}}}
)");
    REQUIRE(P.errorCount() == 4);
    checkRange(P.diagnostics()[0], {3, 11, 3, 17});
    CHECK(P.diagnostics()[1].D.Message ==
          "family 'bicep' is not one of arm, terraform, cloudformation");
    checkRange(P.diagnostics()[1], {5, 13, 5, 18});
    CHECK(llvm::StringRef(P.diagnostics()[2].D.Message)
              .startswith("no predicate named 'tlsAtleast' (known: "));
    checkRange(P.diagnostics()[2], {10, 43, 10, 53});
    CHECK(P.diagnostics()[3].D.Message ==
          "'port' of predicate 'portCovers' must be an integer");
    checkRange(P.diagnostics()[3], {13, 68, 13, 72});
  }
  SECTION("a bad apiVersion date") {
    PolicySet P = loadText(R"(id: X-1
title: T
severity: low
bindings:
  - family: arm
    types: [A/b]
    property:
      path: x
      equals: true
      defaults: [{value: true, when: {apiVersionSince: 2019-4-1}}]
)");
    const PolicyDiagnostic &D = onlyDiagnostic(P);
    CHECK(D.D.Message == "'2019-4-1' is not an apiVersion date (YYYY-MM-DD)");
    checkRange(D, {10, 56, 10, 64});
  }
  SECTION("a provider version that is not a major version") {
    PolicySet P = loadText(R"(id: X-1
title: T
severity: low
bindings:
  - family: terraform
    provider: aws
    types: [aws_x]
    property:
      path: x
      equals: true
      defaults: [{value: true, when: {providerMajorSince: 6.1}}]
)");
    const PolicyDiagnostic &D = onlyDiagnostic(P);
    CHECK(D.D.Message ==
          "'providerMajorSince' must be a provider major version (6, not 6.0)");
    checkRange(D, {11, 59, 11, 62});
  }
  SECTION("anyOf needs two rules") {
    PolicySet P = loadText(R"(id: X-1
title: T
severity: low
bindings:
  - family: arm
    types: [A/b]
    anyOf: [{path: x, equals: true}]
)");
    const PolicyDiagnostic &D = onlyDiagnostic(P);
    CHECK(D.D.Message ==
          "'anyOf' must be a list of at least two property rules");
    checkRange(D, {7, 12, 7, 37});
  }
  SECTION("a built-in check's id") {
    PolicySet P = loadText("id: az-storage-001\ntitle: T\nseverity: low\n"
                           "bindings:\n  - {family: arm, types: [A/b], "
                           "property: {path: x, equals: 1}}\n",
                           checks::builtinChecks());
    const PolicyDiagnostic &D = onlyDiagnostic(P);
    CHECK(D.D.Message == "check id 'az-storage-001' is a built-in check's id");
    checkRange(D, {1, 5, 1, 19});
    CHECK(P.checks().empty());
  }
  SECTION("provider only on terraform bindings, required there") {
    PolicySet P = loadText(R"(id: X-1
title: T
severity: low
bindings:
  - {family: arm, provider: azurerm, types: [A/b], property: {path: x, equals: 1}}
  - {family: terraform, types: [a_b], property: {path: x, equals: 1}}
)");
    REQUIRE(P.errorCount() == 2);
    CHECK(P.diagnostics()[0].D.Message ==
          "'provider' applies to terraform bindings only");
    checkRange(P.diagnostics()[0], {5, 29, 5, 36});
    CHECK(P.diagnostics()[1].D.Message ==
          "a terraform binding needs 'provider'");
    CHECK(P.diagnostics()[1].D.Range.Start.Line == 6);
    CHECK(P.diagnostics()[1].D.Range.Start.Column == 5);
  }
}

TEST_CASE("a malformed policy file is skipped, the others load", "[policy]") {
  TempDir Dir;
  Dir.write("a-good.yaml", HttpsOnly);
  Dir.write("b-bad.yml", "id: ORG-X-1\ntitle: T\nseverity: low\nbindings:\n"
                         "  - family: arm\n    types: [A/b]\n");
  std::string Same = HttpsOnly;
  Dir.write("nested/c-dup.yaml", Same);
  Dir.write("notes.txt", "not a policy");
  PolicySet P;
  REQUIRE(P.loadDirectory(Dir.path(), checks::builtinChecks()));
  REQUIRE(P.checks().size() == 1);
  CHECK(P.checks()[0]->Id == "ORG-STORAGE-001");
  REQUIRE(P.diagnostics().size() == 2);
  CHECK(P.diagnostics()[0].File == Dir.path() + "/b-bad.yml");
  CHECK(P.diagnostics()[0].D.Message ==
        "a binding needs 'property' rules, 'anyOf' rules, 'graph' conditions "
        "or a combination");
  CHECK(P.diagnostics()[0].D.Range.Start.Line == 5);
  CHECK(P.diagnostics()[0].D.Range.Start.Column == 5);
  CHECK(P.diagnostics()[1].File == Dir.path() + "/nested/c-dup.yaml");
  CHECK(P.diagnostics()[1].D.Message ==
        "check id 'ORG-STORAGE-001' is already declared in " + Dir.path() +
            "/a-good.yaml");
  checkRange(P.diagnostics()[1], {1, 5, 1, 20});

  PolicySet Missing;
  CHECK_FALSE(Missing.loadDirectory(Dir.path() + "/nowhere", {}));
  CHECK(Missing.errorCount() == 1);
}

TEST_CASE("a loaded policy exports back to the same text", "[policy]") {
  PolicySet P = loadText(HttpsOnly);
  REQUIRE(P.checks().size() == 1);
  std::string Error;
  std::optional<std::string> Yaml = exportPolicy(*P.checks()[0], Error);
  REQUIRE(Yaml);
  PolicySet Again = loadText(*Yaml);
  REQUIRE(Again.diagnostics().empty());
  std::optional<std::string> Twice = exportPolicy(*Again.checks()[0], Error);
  REQUIRE(Twice);
  CHECK(*Twice == *Yaml);
  CHECK(Again.checks()[0]->Why == P.checks()[0]->Why);
}

TEST_CASE("a check with a C++ predicate is not exportable", "[policy]") {
  const Check *Rds = checks::findBuiltinCheck("AWS-RDS-002");
  REQUIRE(Rds);
  std::string Error;
  CHECK_FALSE(exportPolicy(*Rds, Error));
  CHECK(Error == "check AWS-RDS-002 cannot be exported: its cloudformation "
                 "binding (AWS::RDS::DBInstance): it is a C++ predicate, not "
                 "a property rule");
}

TEST_CASE("the documented example loads", "[policy]") {
  auto Doc = llvm::MemoryBuffer::getFile(RAMPART_SOURCE_DIR
                                         "/checks/policy-format.md");
  REQUIRE(Doc);
  llvm::StringRef Text = (*Doc)->getBuffer();
  size_t Start = Text.find("```yaml\n# policies/storage.yaml");
  REQUIRE(Start < Text.size());
  Start = Text.find('\n', Start) + 1;
  llvm::StringRef Example = Text.slice(Start, Text.find("```", Start));
  PolicySet P = loadText(Example, checks::builtinChecks());
  for (const PolicyDiagnostic &D : P.diagnostics())
    UNSCOPED_INFO(D.D.Range.Start.Line << ": " << D.D.Message);
  CHECK(P.diagnostics().empty());
  REQUIRE(P.checks().size() == 1);
  CHECK(P.checks()[0]->Bindings.size() == 3);
  CHECK(P.checks()[0]->Compliance[1].Id == "3.1");
}
