//===- ConfigTest.cpp - .rampart.yaml with scopes -------------------------===//
#include "analyzer/posture/Config.h"
#include "tests/support/TempDir.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::posture;
using check::Level;

namespace {

/// A repository: `.git` at its root, so no file above the temp dir can
/// leak into a test.
struct Repo {
  testing::TempDir Dir;
  Repo() { Dir.mkdir(".git"); }

  std::string write(llvm::StringRef Relative, llvm::StringRef Text) const {
    return Dir.write(Relative, Text);
  }
  std::string path(llvm::StringRef Relative) const {
    return Dir.path() + "/" + Relative.str();
  }
  /// "FILE:LINE:COLUMN" for the config file at Relative.
  std::string at(llvm::StringRef Relative, unsigned Line,
                 unsigned Column) const {
    return path(Relative) + ":" + std::to_string(Line) + ":" +
           std::to_string(Column);
  }
};

std::vector<std::string> keysOf(const SourcedMap<Level> &Map) {
  std::vector<std::string> Out;
  for (const auto &E : Map)
    Out.push_back(E.first);
  return Out;
}

const Sourced<std::string> *entry(const SourcedMap<std::string> &Map,
                                  llvm::StringRef Key) {
  for (const auto &E : Map)
    if (E.first == Key)
      return &E.second;
  return nullptr;
}

/// The only error the resolver reported.
const ConfigDiagnostic &onlyError(const ConfigResolver &R) {
  std::vector<const ConfigDiagnostic *> Errors;
  for (const ConfigDiagnostic &D : R.diagnostics())
    if (D.D.Level == Severity::Error)
      Errors.push_back(&D);
  REQUIRE(Errors.size() == 1);
  return *Errors.front();
}

} // namespace

TEST_CASE("config: the closest file up the tree applies", "[config]") {
  Repo R;
  R.write(".rampart.yaml", "fail-on: high\n");
  R.write("teams/payments/.rampart.yaml", "# payments\nfail-on: critical\n");
  R.write("teams/payments/infra/main.tf", "");
  R.write("teams/web/main.bicep", "");

  ConfigResolver Resolver;
  const Config *Payments =
      Resolver.forPath(R.path("teams/payments/infra/main.tf"));
  REQUIRE(Payments);
  CHECK(Payments->FailOn.Value == Level::Critical);
  CHECK(Payments->FailOn.From == R.at("teams/payments/.rampart.yaml", 2, 1));
  CHECK(Payments->Files ==
        std::vector<std::string>{R.path("teams/payments/.rampart.yaml")});

  const Config *Web = Resolver.forPath(R.path("teams/web/main.bicep"));
  REQUIRE(Web);
  CHECK(Web->FailOn.Value == Level::High);
  CHECK(Web->FailOn.From == R.at(".rampart.yaml", 1, 1));
  // Without `extends`, a closer file does not inherit from a farther one.
  CHECK(Payments->SeverityThreshold.isDefault());

  // A directory asks for itself, and the same directory gives the same
  // config object.
  CHECK(Resolver.forPath(R.path("teams/payments")) == Payments);
  CHECK(Resolver.forPath(R.path("teams/payments/infra")) == Payments);
  CHECK(Resolver.diagnostics().empty());
}

TEST_CASE("config: no file gives the defaults", "[config]") {
  Repo R;
  R.write("main.tf", "");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("main.tf"));
  REQUIRE(C);
  CHECK(C->Files.empty());
  CHECK(C->FailOn.Value == Level::Low);
  CHECK(C->FailOn.From == "default");
  CHECK(C->SeverityThreshold.Value == Level::Low);
  CHECK_FALSE(C->EnabledChecks.Value);
  CHECK(C->checkEnabled("AZ-STORAGE-001"));
  CHECK(C->AllowInline.Value);
  CHECK_FALSE(C->RequireReason.Value);
  CHECK_FALSE(C->excludes(R.path("main.tf")));
}

TEST_CASE("config: the search stops at the directory holding .git",
          "[config]") {
  testing::TempDir Outer;
  Outer.write(".git/HEAD", "");
  Outer.write(".rampart.yaml", "fail-on: critical\n");
  // A nested checkout (a submodule's .git is a file).
  Outer.write("vendor/lib/.git", "gitdir: ../../.git/modules/lib\n");
  Outer.write("vendor/lib/infra/main.tf", "");
  Outer.write("src/main.tf", "");

  ConfigResolver Resolver;
  const Config *Inner = Resolver.forPath(Outer.path() + "/vendor/lib/infra");
  REQUIRE(Inner);
  CHECK(Inner->Files.empty());
  CHECK(Inner->FailOn.isDefault());
  // Inside the outer checkout the root file still applies.
  const Config *Src = Resolver.forPath(Outer.path() + "/src/main.tf");
  REQUIRE(Src);
  CHECK(Src->FailOn.Value == Level::Critical);
}

TEST_CASE("config: extends merges scalars, maps per entry, replaces lists",
          "[config]") {
  Repo R;
  R.write(".rampart.yaml", "checks:\n"
                           "  enable: [\"AZ-*\"]\n"
                           "  disable: [AZ-STORAGE-001]\n"
                           "severity:\n"
                           "  \"AZ-*\": high\n"
                           "  AZ-STORAGE-001: low\n"
                           "fail-on: high\n"
                           "severity-threshold: medium\n"
                           "exclude: [legacy]\n"
                           "vars: {region: eu-west-1, size: small}\n"
                           "environment:\n"
                           "  aws: {ebs_encryption_by_default: true}\n"
                           "suppressions:\n"
                           "  require-reason: true\n"
                           "  max-days: 90\n");
  R.write("infra/.rampart.yaml", "extends: ../.rampart.yaml\n"
                                 "checks:\n"
                                 "  disable: [AZ-STORAGE-004]\n"
                                 "severity:\n"
                                 "  \"az-*\": medium\n"
                                 "fail-on: critical\n"
                                 "exclude: [fixtures]\n"
                                 "vars:\n"
                                 "  size: large\n"
                                 "  zones: [1, 2]\n"
                                 "suppressions:\n"
                                 "  max-days: 30\n");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("infra/main.tf"));
  INFO((Resolver.diagnostics().empty()
            ? ""
            : Resolver.diagnostics().front().D.Message));
  REQUIRE(C);
  CHECK(C->Files == std::vector<std::string>{R.path("infra/.rampart.yaml"),
                                             R.path(".rampart.yaml")});

  // Scalars: the child wins where it says something.
  CHECK(C->FailOn.Value == Level::Critical);
  CHECK(C->FailOn.From == R.at("infra/.rampart.yaml", 6, 1));
  CHECK(C->SeverityThreshold.Value == Level::Medium);
  CHECK(C->SeverityThreshold.From == R.at(".rampart.yaml", 8, 1));

  // Lists: the child's replaces the parent's, per key.
  REQUIRE(C->EnabledChecks.Value);
  CHECK(*C->EnabledChecks.Value == std::vector<std::string>{"AZ-*"});
  CHECK(C->EnabledChecks.From == R.at(".rampart.yaml", 2, 3));
  CHECK(C->DisabledChecks.Value == std::vector<std::string>{"AZ-STORAGE-004"});
  CHECK(C->checkEnabled("AZ-STORAGE-001")); // the parent's disable is gone
  CHECK_FALSE(C->checkEnabled("AZ-STORAGE-004"));
  CHECK(C->Exclude.Value == std::vector<std::string>{"fixtures"});
  CHECK(C->ExcludeDir == R.path("infra"));

  // Maps: per entry, ids compared ignoring case, the child's first.
  CHECK(keysOf(C->Severity) ==
        std::vector<std::string>{"az-*", "AZ-STORAGE-001"});
  CHECK(C->severityFor("AZ-KEYVAULT-001") == Level::Medium);
  CHECK(C->severityFor("AZ-STORAGE-001") == Level::Low);
  REQUIRE(entry(C->Vars, "size"));
  CHECK(entry(C->Vars, "size")->Value == "large");
  CHECK(entry(C->Vars, "size")->From == R.at("infra/.rampart.yaml", 9, 3));
  REQUIRE(entry(C->Vars, "region"));
  CHECK(entry(C->Vars, "region")->Value == "eu-west-1");
  CHECK(entry(C->Vars, "region")->From == R.at(".rampart.yaml", 10, 8));
  REQUIRE(entry(C->Vars, "zones"));
  CHECK(entry(C->Vars, "zones")->Value == "[1,2]");
  const nlohmann::ordered_json *Ebs =
      C->environmentFact("aws", "ebs_encryption_by_default");
  REQUIRE(Ebs);
  CHECK(*Ebs == true);
  CHECK_FALSE(C->environmentFact("aws", "s3_account_public_access_block"));

  // The suppression policy merges per key too.
  CHECK(C->MaxDays.Value == 30u);
  CHECK(C->RequireReason.Value);
  CHECK(C->RequireReason.From == R.at(".rampart.yaml", 14, 3));
  SuppressionPolicy P = C->suppressionPolicy();
  CHECK(P.RequireReason);
  CHECK_FALSE(P.RequireExpiry);
  CHECK(P.MaxDays == 30u);
  CHECK(P.AllowInline);
}

TEST_CASE("config: extends chains through several files", "[config]") {
  Repo R;
  R.write("org.yaml", "fail-on: critical\nseverity-threshold: high\n"
                      "params: {location: westeurope}\n");
  R.write(".rampart.yaml", "extends: org.yaml\nseverity-threshold: medium\n");
  R.write("app/.rampart.yaml", "extends: ../.rampart.yaml\n"
                               "params: {sku: Standard_LRS}\n");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("app"));
  REQUIRE(C);
  CHECK(C->Files == std::vector<std::string>{R.path("app/.rampart.yaml"),
                                             R.path(".rampart.yaml"),
                                             R.path("org.yaml")});
  CHECK(C->FailOn.Value == Level::Critical);
  CHECK(C->FailOn.From == R.at("org.yaml", 1, 1));
  CHECK(C->SeverityThreshold.Value == Level::Medium);
  CHECK(C->SeverityThreshold.From == R.at(".rampart.yaml", 2, 1));
  REQUIRE(C->Params.size() == 2);
  CHECK(C->Params[0].first == "sku");
  CHECK(C->Params[1].first == "location");
  CHECK(C->Params[1].second.Value == "westeurope");
}

TEST_CASE("config: ignore entries are appended through extends", "[config]") {
  Repo R;
  R.write(".rampart.yaml",
          "ignore:\n"
          "  - id: AZ-STORAGE-004\n"
          "    resource: \"Microsoft.Storage/storageAccounts/legacy*\"\n"
          "    path: \"legacy/**\"\n"
          "    reason: decommissioned in Q1\n"
          "    until: 2027-03-31\n"
          "    category: accepted\n");
  R.write("teams/a/.rampart.yaml", "extends: ../../.rampart.yaml\n"
                                   "ignore:\n"
                                   "  - id: \"AWS-S3-*\"\n"
                                   "    reason: logs bucket\n"
                                   "    category: mitigated\n");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("teams/a/main.tf"));
  REQUIRE(C);
  REQUIRE(C->Ignores.size() == 2);

  const Suppression &Parent = C->Ignores[0];
  CHECK(Parent.TheForm == Suppression::Form::Config);
  CHECK(Parent.File == R.path(".rampart.yaml"));
  CHECK(Parent.Range.Start.Line == 2);
  CHECK(Parent.Range.Start.Column == 5);
  CHECK(Parent.Ids == std::vector<std::string>{"AZ-STORAGE-004"});
  CHECK(Parent.Reason == "decommissioned in Q1");
  REQUIRE(Parent.Until);
  CHECK(*Parent.Until == Date{2027, 3, 31});
  CHECK(Parent.Category == Exemption::Accepted);

  const Suppression &Child = C->Ignores[1];
  CHECK(Child.File == R.path("teams/a/.rampart.yaml"));
  CHECK(Child.Category == Exemption::Mitigated);
  CHECK_FALSE(Child.Until);

  // The parent's path glob is relative to the parent's directory.
  CHECK(ignoreMatchesPath(Parent, R.path("legacy/storage/main.bicep")));
  CHECK_FALSE(ignoreMatchesPath(Parent, R.path("teams/a/legacy/main.bicep")));
  CHECK(ignoreMatchesResource(Parent,
                              "microsoft.storage/storageAccounts/legacyLogs"));
  CHECK_FALSE(
      ignoreMatchesResource(Parent, "Microsoft.Storage/storageAccounts/app"));
  CHECK(ignoreMatchesId(Parent, "az-storage-004"));
  CHECK(ignoreMatchesId(Child, "AWS-S3-002"));
  CHECK(ignoreMatchesPath(Child, R.path("anywhere/at/all.tf")));

  // The parent's own scope does not see the child's entries.
  const Config *Root = Resolver.forPath(R.path("main.tf"));
  REQUIRE(Root);
  CHECK(Root->Ignores.size() == 1);
}

TEST_CASE("config: excludes are relative to the config's directory",
          "[config]") {
  Repo R;
  R.write("infra/.rampart.yaml",
          "exclude: [\"**/fixtures/**\", legacy, modules/old]\n");
  R.write("infra/child/.rampart.yaml", "extends: ../.rampart.yaml\n");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("infra"));
  REQUIRE(C);
  CHECK(C->excludes(R.path("infra/app/fixtures/bad.tf")));
  CHECK(C->excludes(R.path("infra/fixtures/bad.tf")));
  CHECK(C->excludes(R.path("infra/legacy/main.tf")));
  CHECK(C->excludes(R.path("infra/app/legacy")));
  CHECK(C->excludes(R.path("infra/modules/old/main.tf")));
  CHECK_FALSE(C->excludes(R.path("infra/modules/new/main.tf")));
  CHECK_FALSE(C->excludes(R.path("infra/app/main.tf")));
  // Outside the config's directory nothing is excluded.
  CHECK_FALSE(C->excludes(R.path("legacy/main.tf")));
  // "." and ".." are resolved first.
  CHECK(C->excludes(R.path("infra/app/../legacy/./x.tf")));

  // An inherited list keeps the directory of the file that wrote it.
  const Config *Child = Resolver.forPath(R.path("infra/child/main.tf"));
  REQUIRE(Child);
  CHECK(Child->ExcludeDir == R.path("infra"));
  CHECK(Child->excludes(R.path("infra/child/legacy/main.tf")));
  CHECK(Child->excludes(R.path("infra/modules/old/x.tf")));
  CHECK_FALSE(Child->excludes(R.path("infra/child/modules/old/x.tf")));
}

TEST_CASE("config: severity overrides prefer an exact id over globs",
          "[config]") {
  Repo R;
  R.write(".rampart.yaml", "severity:\n"
                           "  \"AZ-*\": low\n"
                           "  \"AZ-STORAGE-*\": high\n"
                           "  az-storage-004: critical\n");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("."));
  REQUIRE(C);
  CHECK(C->severityFor("AZ-STORAGE-004") == Level::Critical);
  // No exact entry: the first glob in file order.
  CHECK(C->severityFor("AZ-STORAGE-001") == Level::Low);
  CHECK(C->severityFor("az-keyvault-002") == Level::Low);
  CHECK(C->severityFor("AWS-S3-001") == std::nullopt);
}

TEST_CASE("config: enabled and disabled checks", "[config]") {
  Repo R;
  R.write(".rampart.yaml", "checks:\n"
                           "  enable: [\"AZ-*\", \"AWS-S3-*\"]\n"
                           "  disable: [AZ-STORAGE-004]\n");
  R.write("all/.rampart.yaml", "checks: {disable: \"GCP-*\"}\n");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("x.tf"));
  REQUIRE(C);
  CHECK(C->checkEnabled("AZ-STORAGE-001"));
  CHECK(C->checkEnabled("az-storage-001"));
  CHECK(C->checkEnabled("AWS-S3-002"));
  CHECK_FALSE(C->checkEnabled("AZ-STORAGE-004"));
  CHECK_FALSE(C->checkEnabled("az-storage-004"));
  CHECK_FALSE(C->checkEnabled("AWS-EC2-001"));
  CHECK_FALSE(C->checkEnabled("GCP-COMPUTE-001"));

  const Config *All = Resolver.forPath(R.path("all/x.tf"));
  REQUIRE(All);
  CHECK(All->checkEnabled("AWS-EC2-001"));
  CHECK_FALSE(All->checkEnabled("GCP-COMPUTE-001"));
}

TEST_CASE("config: paths resolve against the file's directory", "[config]") {
  Repo R;
  R.write("infra/policies/extra.yaml", "");
  R.write("infra/params/prod.parameters.json", "{}");
  R.write("infra/env/prod.tfvars", "");
  R.write("infra/.rampart.yaml",
          "policy-dirs: [policies]\n"
          "parameters: params/prod.parameters.json\n"
          "var-files: [env/prod.tfvars]\n"
          "context: {\"resourceGroup().location\": westeurope, "
          "\"AWS::Region\": eu-west-1}\n");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("infra/main.bicep"));
  REQUIRE(C);
  CHECK(C->PolicyDirs.Value ==
        std::vector<std::string>{R.path("infra/policies")});
  CHECK(C->ParameterFile.Value == R.path("infra/params/prod.parameters.json"));
  CHECK(C->VarFiles.Value ==
        std::vector<std::string>{R.path("infra/env/prod.tfvars")});
  REQUIRE(entry(C->Context, "resourceGroup().location"));
  CHECK(entry(C->Context, "resourceGroup().location")->Value == "westeurope");
  REQUIRE(entry(C->Context, "AWS::Region"));
  CHECK(entry(C->Context, "AWS::Region")->Value == "eu-west-1");
}

TEST_CASE("config: an unknown key is an error at the key, with a suggestion",
          "[config]") {
  Repo R;
  R.write(".rampart.yaml", "fail-on: high\n"
                           "severty:\n"
                           "  \"AZ-*\": high\n");
  ConfigResolver Resolver;
  CHECK(Resolver.forPath(R.path("main.tf")) == nullptr);
  CHECK(Resolver.hasErrors());
  const ConfigDiagnostic &E = onlyError(Resolver);
  CHECK(E.File == R.path(".rampart.yaml"));
  CHECK(E.D.Range.Start.Line == 2);
  CHECK(E.D.Range.Start.Column == 1);
  CHECK(E.D.Range.End.Line == 2);
  CHECK(E.D.Range.End.Column == 8);
  CHECK(E.D.Message ==
        "unknown key 'severty' in the config; did you mean 'severity'?");
}

TEST_CASE("config: unknown nested keys, and keys too far to suggest",
          "[config]") {
  Repo R;
  R.write("a/.rampart.yaml", "suppressions:\n"
                             "  require-reasons: true\n");
  R.write("b/.rampart.yaml", "colour: blue\n");
  ConfigResolver Resolver;
  CHECK(Resolver.forPath(R.path("a")) == nullptr);
  const ConfigDiagnostic &A = onlyError(Resolver);
  CHECK(A.D.Range.Start.Line == 2);
  CHECK(A.D.Range.Start.Column == 3);
  CHECK(A.D.Message == "unknown key 'require-reasons' in 'suppressions'; did "
                       "you mean 'require-reason'?");

  ConfigResolver Other;
  CHECK(Other.forPath(R.path("b")) == nullptr);
  // Too far from any key to guess: the known keys are listed instead.
  CHECK(onlyError(Other).D.Message ==
        "unknown key 'colour' in the config (expected extends, checks, "
        "severity, severity-threshold, fail-on, exclude, policy-dirs, "
        "parameters, var-files, vars, params, context, environment, "
        "suppressions, ignore)");
}

TEST_CASE("config: bad values are errors at the value", "[config]") {
  Repo R;
  struct Case {
    const char *Text;
    unsigned Line, Column;
    const char *Message;
  };
  const Case Cases[] = {
      {"fail-on: hgh\n", 1, 10,
       "'fail-on' must be one of low, medium, high, critical, not 'hgh'"},
      {"severity:\n  AZ-STORAGE-001: severe\n", 2, 19,
       "the severity of 'AZ-STORAGE-001' must be one of low, medium, high, "
       "critical, not 'severe'"},
      {"exclude: {a: b}\n", 1, 10,
       "'exclude' must be a list of strings, not a mapping"},
      {"suppressions:\n  allow-inline: maybe\n", 2, 17,
       "'suppressions.allow-inline' must be true or false, not a string"},
      {"suppressions:\n  max-days: -5\n", 2, 13,
       "'suppressions.max-days' must be a whole number of days above 0, not "
       "'-5'"},
      {"ignore:\n  - id: AZ-STORAGE-004\n    until: 2027-02-30\n", 3, 12,
       "'until' must be a date written YYYY-MM-DD, not '2027-02-30'"},
      {"ignore:\n  - id: AZ-STORAGE-004\n    category: ignored\n", 3, 15,
       "'category' must be accepted or mitigated, not 'ignored'"},
      {"ignore:\n  - reason: no id\n", 2, 5,
       "an 'ignore' entry needs 'id' (a check id or glob)"},
      {"extends: ../missing.yaml\n", 1, 10, nullptr},
      {"parameters: nowhere.json\n", 1, 13, nullptr},
      {"environment:\n  aws: {ebs_encryption_by_default: [true]}\n", 2, 36,
       "'environment.aws.ebs_encryption_by_default' must be a string, number "
       "or boolean, not a list"},
  };
  for (const Case &C : Cases) {
    INFO(C.Text);
    std::string File = R.write("case/.rampart.yaml", C.Text);
    ConfigResolver Resolver;
    CHECK(Resolver.forPath(R.path("case")) == nullptr);
    const ConfigDiagnostic &E = onlyError(Resolver);
    CHECK(E.File == File);
    CHECK(E.D.Range.Start.Line == C.Line);
    CHECK(E.D.Range.Start.Column == C.Column);
    if (C.Message)
      CHECK(E.D.Message == C.Message);
  }
}

TEST_CASE("config: a YAML syntax error is an error, and the file is not used",
          "[config]") {
  Repo R;
  R.write(".rampart.yaml", "fail-on: high\nchecks: [unclosed\n");
  ConfigResolver Resolver;
  CHECK(Resolver.forPath(R.path(".")) == nullptr);
  const ConfigDiagnostic &E = onlyError(Resolver);
  CHECK(E.File == R.path(".rampart.yaml"));
  CHECK(E.Source != nullptr);
}

TEST_CASE("config: a .rampart.yaml that is not a file is an error, not a "
          "reason to use the parent's",
          "[config]") {
  Repo R;
  R.write(".rampart.yaml", "fail-on: high\n");
  R.Dir.mkdir("sub/.rampart.yaml");
  ConfigResolver Resolver;
  CHECK(Resolver.forPath(R.path("sub/main.tf")) == nullptr);
  const ConfigDiagnostic &E = onlyError(Resolver);
  CHECK(E.File == R.path("sub/.rampart.yaml"));
  CHECK(E.D.Message == "not a regular file; a config must be one");
}

TEST_CASE("config: an extends cycle is an error", "[config]") {
  Repo R;
  R.write("a/.rampart.yaml", "extends: ../b/.rampart.yaml\n");
  R.write("b/.rampart.yaml", "fail-on: high\nextends: ../a/.rampart.yaml\n");
  ConfigResolver Resolver;
  CHECK(Resolver.forPath(R.path("a")) == nullptr);
  const ConfigDiagnostic &E = onlyError(Resolver);
  // Reported where the cycle closes: b's `extends` value.
  CHECK(E.File == R.path("b/.rampart.yaml"));
  CHECK(E.D.Range.Start.Line == 2);
  CHECK(E.D.Range.Start.Column == 10);
  CHECK(E.D.Message == "'extends' makes a cycle: " + R.path("a/.rampart.yaml") +
                           " -> " + R.path("b/.rampart.yaml") + " -> " +
                           R.path("a/.rampart.yaml"));
  // b is in the cycle too: not used, and not reported twice.
  CHECK(Resolver.forPath(R.path("b")) == nullptr);
  CHECK(Resolver.diagnostics().size() == 2); // the error and a's note

  Repo Self;
  Self.write(".rampart.yaml", "extends: ./.rampart.yaml\n");
  ConfigResolver Other;
  CHECK(Other.forPath(Self.path(".")) == nullptr);
  CHECK(onlyError(Other).D.Range.Start.Column == 10);
}

TEST_CASE("config: an explicit file applies to every path", "[config]") {
  Repo R;
  R.write(".rampart.yaml", "fail-on: high\n");
  std::string Explicit = R.write("ci/strict.yaml", "fail-on: low\n");
  ConfigResolver Resolver(Explicit);
  const Config *C = Resolver.forPath(R.path("main.tf"));
  REQUIRE(C);
  CHECK(C->FailOn.From == R.at("ci/strict.yaml", 1, 1));
  CHECK(Resolver.forPath("/") == C);

  ConfigResolver Missing(R.path("ci/none.yaml"));
  CHECK(Missing.forPath(R.path("main.tf")) == nullptr);
  CHECK(onlyError(Missing).Source == nullptr);
}

TEST_CASE("config: command-line flags override, and say so", "[config]") {
  Repo R;
  R.write(".rampart.yaml", "fail-on: high\nvars: {region: eu-west-1, "
                           "size: small}\n");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("."));
  REQUIRE(C);
  ConfigOverrides O;
  O.FailOn = Level::Critical;
  O.Vars = {{"size", "large"}};
  O.EnabledChecks = std::vector<std::string>{"AWS-*"};
  Config Final = withOverrides(*C, O);
  CHECK(Final.FailOn.Value == Level::Critical);
  CHECK(Final.FailOn.From == "command line");
  CHECK(Final.EnabledChecks.From == "command line");
  CHECK_FALSE(Final.checkEnabled("AZ-STORAGE-001"));
  REQUIRE(Final.Vars.size() == 2);
  CHECK(Final.Vars[0].first == "size");
  CHECK(Final.Vars[0].second.Value == "large");
  CHECK(Final.Vars[0].second.From == "command line");
  CHECK(Final.Vars[1].second.From == R.at(".rampart.yaml", 2, 8));
  CHECK(Final.SeverityThreshold.From == "default");
}

TEST_CASE("config: show as JSON and text with provenance", "[config]") {
  Repo R;
  R.write(".rampart.yaml", "fail-on: high\n"
                           "severity:\n"
                           "  \"AZ-STORAGE-*\": critical\n"
                           "ignore:\n"
                           "  - id: AZ-STORAGE-004\n"
                           "    reason: \"decommissioned: Q1\"\n");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("."));
  REQUIRE(C);
  nlohmann::ordered_json J = configToJson(*C);
  CHECK(J["fail-on"]["value"] == "high");
  CHECK(J["fail-on"]["from"] == R.at(".rampart.yaml", 1, 1));
  CHECK(J["severity-threshold"]["value"] == "low");
  CHECK(J["severity-threshold"]["from"] == "default");
  CHECK(J["severity"]["AZ-STORAGE-*"]["value"] == "critical");
  CHECK(J["severity"]["AZ-STORAGE-*"]["from"] == R.at(".rampart.yaml", 3, 3));
  CHECK(J["checks"]["enable"]["value"].is_null());
  CHECK(J["ignore"][0]["value"]["id"] == "AZ-STORAGE-004");
  CHECK(J["ignore"][0]["from"] == R.at(".rampart.yaml", 5, 5));

  std::string Text = configToText(*C);
  CHECK_THAT(Text, Catch::Contains("fail-on: high   # " +
                                   R.at(".rampart.yaml", 1, 1) + "\n"));
  CHECK_THAT(Text, Catch::Contains("  \"AZ-STORAGE-*\": critical   # " +
                                   R.at(".rampart.yaml", 3, 3) + "\n"));
  CHECK_THAT(Text, Catch::Contains("severity-threshold: low   # default\n"));
  CHECK_THAT(Text, Catch::Contains("  enable: null   # default\n"));
  CHECK_THAT(
      Text, Catch::Contains("  - {id: AZ-STORAGE-004, reason: "
                            "\"decommissioned: Q1\", category: accepted}   # " +
                            R.at(".rampart.yaml", 5, 5) + "\n"));
}

TEST_CASE("config: an empty file is a scope that sets nothing", "[config]") {
  Repo R;
  R.write(".rampart.yaml", "fail-on: critical\n");
  R.write("sandbox/.rampart.yaml", "# nothing here: the defaults apply\n");
  ConfigResolver Resolver;
  const Config *C = Resolver.forPath(R.path("sandbox/main.tf"));
  REQUIRE(C);
  CHECK(C->Files == std::vector<std::string>{R.path("sandbox/.rampart.yaml")});
  CHECK(C->FailOn.Value == Level::Low);
  CHECK(C->FailOn.isDefault());
  CHECK(Resolver.diagnostics().empty());
}

TEST_CASE("config: an unknown environment provider is an error", "[config]") {
  Repo R;
  R.write(".rampart.yaml", "environment:\n  asw: {ebs_encryption_by_default: "
                           "true}\n");
  ConfigResolver Resolver;
  CHECK(Resolver.forPath(R.path(".")) == nullptr);
  const ConfigDiagnostic &E = onlyError(Resolver);
  CHECK(E.D.Range.Start.Line == 2);
  CHECK(E.D.Range.Start.Column == 3);
  CHECK(E.D.Message ==
        "unknown key 'asw' in 'environment'; did you mean 'aws'?");
}

TEST_CASE("config: a moved resolver keeps its answers", "[config]") {
  Repo R;
  R.write("a/main.tf", "");
  ConfigResolver First;
  const Config *Before = First.forPath(R.path("a/main.tf"));
  REQUIRE(Before);
  ConfigResolver Moved = std::move(First);
  const Config *After = Moved.forPath(R.path("a/main.tf"));
  REQUIRE(After);
  CHECK(After == Before);
  CHECK(After->Files.empty());
}
