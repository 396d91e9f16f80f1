//===- Cases.cpp - The hostile workspaces and what a scan must say --------===//
//
// Each case writes a workspace under ws/ (with, in most, a "witness"
// template that has a finding, so the scan is seen to go on with the other
// files) and says what the report must hold. What is outside ws/ must never
// be read: several cases put a secret there and require that it appears
// nowhere in the output.
//
//===----------------------------------------------------------------------===//
#include "tests/hostile/Cases.h"
#include "tests/hostile/Sandbox.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace rampart::hostile {

namespace fs = llvm::sys::fs;

namespace {
/// Open to all (LLVM's default leaves others out): one case scans as nobody.
std::error_code createParents(llvm::StringRef Path) {
  return fs::create_directories(llvm::sys::path::parent_path(Path),
                                /*IgnoreExisting=*/true,
                                fs::all_read | fs::all_exe | fs::owner_write);
}
} // namespace

std::string Workspace::path(const std::string &Relative) const {
  return Root + "/" + Relative;
}

std::string Workspace::write(const std::string &Relative,
                             const std::string &Text) const {
  std::string Full = path(Relative);
  if (std::error_code EC = createParents(Full))
    return Full + ": " + EC.message();
  std::ofstream Out(Full, std::ios::binary);
  Out << Text;
  return Out.good() ? "" : Full + ": cannot write";
}

std::string Workspace::link(const std::string &Target,
                            const std::string &Relative) const {
  std::string Full = path(Relative);
  if (std::error_code EC = createParents(Full))
    return Full + ": " + EC.message();
  return symlink(Target.c_str(), Full.c_str()) == 0 ? ""
                                                    : Full + ": cannot link";
}

void Workspace::cleanUp() const {
  std::error_code EC;
  for (fs::recursive_directory_iterator It(Root, EC, /*follow=*/false), End;
       It != End && !EC; It.increment(EC))
    chmod(It->path().c_str(), 0755);
  fs::remove_directories(Root, /*IgnoreErrors=*/true);
}

Limits limitsFor(const Case &) {
  using namespace std::chrono_literals;
  return sanitized() ? Limits{240s, 4096} : Limits{60s, 1024};
}

namespace {

// Shared pieces ----------------------------------------------------------

constexpr unsigned Deep = 100'000;
constexpr const char *Secret = "RAMPART-HOSTILE-SECRET-7f3a";
constexpr const char *ArmSchema =
    "https://schema.management.azure.com/schemas/2019-04-01/"
    "deploymentTemplate.json#";

std::string repeat(llvm::StringRef S, size_t N) {
  std::string Out;
  Out.reserve(S.size() * N);
  for (size_t I = 0; I < N; ++I)
    Out += S;
  return Out;
}

/// A Bicep storage account that allows plain HTTP: AZ-STORAGE-001 fires.
constexpr const char *WitnessBicep = R"(
resource witness 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'witnessaccount'
  location: 'westeurope'
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: { supportsHttpsTrafficOnly: false }
}
)";

/// Writes Files and the witness template.
std::function<std::string(const Workspace &)>
withWitness(std::vector<std::pair<std::string, std::string>> Files) {
  return [Files = std::move(Files)](const Workspace &W) -> std::string {
    for (const auto &[Path, Text] : Files)
      if (std::string E = W.write(Path, Text); !E.empty())
        return E;
    return W.write("ws/witness.bicep", WitnessBicep);
  };
}

/// The report has a finding on the witness: the scan went on.
void witnessFound(const Outcome &, const nlohmann::json &Report,
                  const Workspace &, Verdict &V) {
  for (const nlohmann::json &F : Report["findings"])
    if (llvm::StringRef(F.value("file", "")).endswith("witness.bicep"))
      return;
  V.fail("no finding on witness.bicep: the scan did not go on");
}

/// The secret of ws/../outside appears nowhere in what rampart printed.
void secretKept(const Outcome &O, const nlohmann::json &Report,
                const Workspace &W, Verdict &V) {
  if (O.Stdout.find(Secret) != std::string::npos ||
      O.Stderr.find(Secret) != std::string::npos)
    V.fail("a file outside the scanned directory was read: its text is in "
           "the output");
  witnessFound(O, Report, W, V);
}

std::string armTemplate(llvm::StringRef Body) {
  return std::string("{\n  \"$schema\": \"") + ArmSchema +
         "\",\n  \"contentVersion\": \"1.0.0.0\",\n" + Body.str() + "\n}\n";
}

// Size and depth ----------------------------------------------------------

std::string hugeTerraform() {
  return repeat("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n",
                100u << 20 >> 5);
}

std::string hugeArm() {
  return armTemplate("  \"resources\": [" +
                     repeat("{\"type\": \"Microsoft.Storage/storageAccounts\", "
                            "\"name\": \"a\"},\n",
                            100u << 20 >> 6) +
                     "{}]");
}

std::string nested(llvm::StringRef Head, llvm::StringRef Open,
                   llvm::StringRef Inner, llvm::StringRef Close,
                   llvm::StringRef Tail) {
  return Head.str() + repeat(Open, Deep) + Inner.str() + repeat(Close, Deep) +
         Tail.str();
}

std::vector<Case> sizeAndDepthCases() {
  std::vector<Case> Out;
  // Generated when the case runs: cases() lives as long as the driver, and
  // the child's peak memory counts what the driver held when it forked.
  Out.push_back({"huge-file-terraform",
                 [](const Workspace &W) {
                   return withWitness({{"ws/main.tf", hugeTerraform()}})(W);
                 },
                 {},
                 {{"main.tf", "over the 16.0 MB limit"}},
                 {},
                 witnessFound});
  Out.push_back({"huge-file-arm",
                 [](const Workspace &W) {
                   return withWitness({{"ws/azuredeploy.json", hugeArm()}})(W);
                 },
                 {},
                 {{"azuredeploy.json", "over the 16.0 MB limit"}},
                 {},
                 witnessFound});
  struct Nest {
    const char *Name, *File;
    std::string Text;
  };
  const Nest Nests[] = {
      {"deep-brackets-bicep", "main.bicep",
       nested("var x = ", "[", "", "]", "\n")},
      {"deep-parens-bicep", "main.bicep",
       nested("var x = ", "(", "1", ")", "\n")},
      {"deep-brackets-terraform", "main.tf",
       nested("locals {\n  x = ", "[", "", "]", "\n}\n")},
      {"deep-parens-terraform", "main.tf",
       nested("locals {\n  x = ", "(", "1", ")", "\n}\n")},
      {"deep-brackets-arm", "azuredeploy.json",
       armTemplate(nested("  \"variables\": {\"x\": ", "[", "", "]", "}"))},

      {"deep-brackets-cloudformation-json", "template.json",
       nested("{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": "
              "{\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": "
              "{\"Tags\": ",
              "[", "", "]", "}}}}\n")},
      {"deep-brackets-cloudformation-yaml", "template.yaml",
       nested("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n"
              "    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ",
              "[", "", "]", "\n")},
      {"deep-maps-cloudformation-yaml", "template.yaml",
       nested("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n"
              "    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ",
              "{a: ", "1", "}", "\n")},
  };
  for (const Nest &N : Nests)
    Out.push_back({N.Name,
                   withWitness({{std::string("ws/") + N.File, N.Text}}),
                   {},
                   {{N.File, "nest"}},
                   {},
                   witnessFound});
  // An ARM expression is parsed when it is evaluated: one in a resource
  // name, nested as deep as the rest.
  Out.push_back(
      {"deep-expression-arm",
       withWitness({{"ws/azuredeploy.json",
                     armTemplate(nested(R"(  "resources": [{
    "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
    "location": "westeurope", "name": "[)",
                                        "concat(", "'a'", ")", "]\"}]"))}}),
       {},
       {},
       {{"azuredeploy.json", "not evaluated"}},
       witnessFound});
  return Out;
}

// Expansion ---------------------------------------------------------------

std::string billionLaughs() {
  std::string Y = "AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n";
  Y += "  a: &a [" + repeat("\"lol\", ", 9) + "\"lol\"]\n";
  for (char C = 'b'; C <= 'j'; ++C)
    Y += std::string("  ") + C + ": &" + C + " [" +
         repeat(std::string("*") + char(C - 1) + ", ", 9) + "*" + char(C - 1) +
         "]\n";
  Y += "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
       "      Tags: *j\n";
  return Y;
}

std::vector<Case> expansionCases() {
  std::vector<Case> Out;
  Out.push_back({"yaml-billion-laughs",
                 withWitness({{"ws/template.yaml", billionLaughs()}}),
                 {},
                 {{"template.yaml", "alias"}},
                 {},
                 witnessFound});
  Out.push_back(
      {"arm-copy-count-1e9",
       withWitness({{"ws/azuredeploy.json", armTemplate(R"(  "resources": [{
    "type": "Microsoft.Storage/storageAccounts",
    "apiVersion": "2023-01-01",
    "name": "[concat('st', copyIndex())]",
    "location": "westeurope",
    "sku": {"name": "Standard_LRS"},
    "kind": "StorageV2",
    "copy": {"name": "many", "count": 1000000000}
  }])")}}),
       {},
       {},
       {{"azuredeploy.json", "outside Azure's limits"}},
       witnessFound});
  Out.push_back(
      {"bicep-loop-1e9",
       withWitness({{"ws/main.bicep", R"(
resource many 'Microsoft.Storage/storageAccounts@2023-01-01' = [for i in range(0, 1000000000): {
  name: 'st${i}'
  location: 'westeurope'
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
}]
)"}}),
       {},
       {},
       {{"main.bicep", "range(): the count must be between 0 and 10000"}},
       witnessFound});
  Out.push_back({"terraform-count-1e9",
                 withWitness({{"ws/main.tf", R"(
resource "aws_s3_bucket" "many" {
  count  = 1000000000
  bucket = "b-${count.index}"
}
resource "aws_s3_bucket" "each" {
  for_each = toset([for i in range(1000000000) : tostring(i)])
  bucket   = each.key
}
)"}}),
                 {},
                 {},
                 {{"main.tf", "outside 0..1000"}, {"main.tf", "range"}},
                 witnessFound});
  return Out;
}

// Cycles -------------------------------------------------------------------

std::vector<Case> cycleCases() {
  std::vector<Case> Out;
  Out.push_back(
      {"recursive-modules-terraform",
       withWitness({{"ws/main.tf", "module \"self\" { source = \"./\" }\n"
                                   "module \"a\" { source = \"./a\" }\n"},
                    {"ws/a/main.tf", "module \"b\" { source = \"../b\" }\n"},
                    {"ws/b/main.tf", "module \"a\" { source = \"../a\" }\n"}}),
       {},
       {},
       {{"main.tf", "calls itself"}},
       witnessFound});
  Out.push_back(
      {"recursive-modules-bicep",
       withWitness(
           {{"ws/main.bicep", "module self 'main.bicep' = { name: 'self' }\n"
                              "module a 'a.bicep' = { name: 'a' }\n"},
            {"ws/a.bicep", "module b 'b.bicep' = { name: 'b' }\n"},
            {"ws/b.bicep", "module a 'a.bicep' = { name: 'a' }\n"}}),
       {},
       {},
       {{"main.bicep", "modules nest more than"},
        {"a.bicep", "modules nest more than"}},
       witnessFound});
  Out.push_back(
      {"recursive-templates-arm",
       withWitness({{"ws/azuredeploy.json", armTemplate(R"(  "resources": [{
    "type": "Microsoft.Resources/deployments",
    "apiVersion": "2022-09-01",
    "name": "self",
    "properties": {"mode": "Incremental",
                   "templateLink": {"relativePath": "azuredeploy.json"}}
  }])")}}),
       {},
       {},
       // Linked templates are not followed (TemplateEvaluator.h), so this
       // cannot recurse; the deployment is still in the graph, unread.
       {},
       witnessFound});
  Out.push_back(
      {"circular-references",
       withWitness(
           {{"ws/tf/main.tf",
             "locals {\n  a = local.b\n  b = local.a\n}\n"
             "resource \"aws_s3_bucket\" \"b\" { bucket = local.a }\n"},
            {"ws/main.bicep",
             "var a = b\nvar b = a\n"
             "resource s 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
             "  name: a\n  location: 'westeurope'\n}\n"},
            {"ws/azuredeploy.json",
             armTemplate(
                 R"(  "variables": {"a": "[variables('b')]", "b": "[variables('a')]"},
  "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                 "name": "[variables('a')]", "location": "westeurope"}])")},
            {"ws/template.yaml", R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  A:
    Type: AWS::S3::Bucket
    DependsOn: B
    Properties:
      BucketName: !GetAtt B.Arn
  B:
    Type: AWS::S3::Bucket
    DependsOn: A
    Properties:
      BucketName: !Ref A
)"}}),
       {},
       {},
       {{"tf/main.tf", "local.a refers to itself"},
        {"main.bicep", "variable 'a' needs itself"},
        {"azuredeploy.json", "variable 'a' needs itself"}},
       // CloudFormation's DependsOn, Ref and GetAtt cycles end because a
       // resource's attributes are not evaluated from its properties (no
       // diagnostic: CloudFormation itself rejects such a stack).
       witnessFound});
  return Out;
}

// Encodings ----------------------------------------------------------------

/// UTF-16LE with a byte-order mark, as Windows PowerShell 5 writes.
std::string utf16(llvm::StringRef Ascii) {
  std::string Out = "\xFF\xFE";
  for (char C : Ascii) {
    Out += C;
    Out += '\0';
  }
  return Out;
}

std::vector<Case> encodingCases() {
  const std::string Nul(1, '\0');
  std::vector<Case> Out;
  Out.push_back(
      {"invalid-utf8",
       withWitness({{"ws/main.tf", "locals {\n  a = \"ok\xC3\x28\"\n}\n"},
                    {"ws/azuredeploy.json",
                     armTemplate("  \"variables\": {\"a\": \"\xE2\x82\"}")}}),
       {},
       {{"main.tf", "invalid UTF-8"}, {"azuredeploy.json", "UTF-8"}},
       {},
       witnessFound});
  Out.push_back({"utf16-files",
                 withWitness({{"ws/azuredeploy.json",
                               utf16(armTemplate("  \"resources\": []"))},
                              {"ws/main.tf", utf16("locals {\n  a = 1\n}\n")}}),
                 {},
                 {{"azuredeploy.json", "UTF-16"}, {"main.tf", "UTF-16"}},
                 {},
                 witnessFound});
  Out.push_back(
      {"nul-byte",
       withWitness({{"ws/main.bicep", "var a = 'x'\nvar b = '" + Nul + "'\n"},
                    {"ws/template.yaml",
                     "AWSTemplateFormatVersion: '2010-09-09'\n" + Nul + "\n"}}),
       {},
       {{"main.bicep", "NUL byte"}, {"template.yaml", "NUL"}},
       {},
       witnessFound});
  return Out;
}

// The file system ----------------------------------------------------------

std::string secretArm() {
  // Broken JSON: a parse error quoting its line would show the secret.
  return std::string("{\"$schema\": \"") + ArmSchema + "\", " + Secret + "\n";
}

std::vector<Case> fileSystemCases() {
  std::vector<Case> Out;
  Out.push_back({"symlink-loops",
                 [](const Workspace &W) -> std::string {
                   std::string E = withWitness({})(W);
                   for (std::string Step :
                        {W.link("loop-b.tf", "ws/loop-a.tf"),
                         W.link("loop-a.tf", "ws/loop-b.tf"),
                         W.link("..", "ws/sub/up"), W.link(".", "ws/sub/self")})
                     E += Step;
                   return E;
                 },
                 {},
                 {{"loop-a.tf", "symbolic links", false}},
                 {},
                 witnessFound});
  Out.push_back(
      {"symlinks-outside-root",
       [](const Workspace &W) -> std::string {
         return withWitness({{"outside/secret.json", secretArm()},
                             {"outside/dir/azuredeploy.json", secretArm()}})(
                    W) +
                W.link(W.path("outside/secret.json"), "ws/azuredeploy.json") +
                W.link("../outside/dir", "ws/shared");
       },
       {},
       {{"azuredeploy.json", "outside the scanned directory", false},
        {"shared", "outside the scanned directory", false}},
       {},
       secretKept});
  Out.push_back(
      {"unreadable-file",
       [](const Workspace &W) -> std::string {
         std::string E = withWitness({{"ws/main.tf", "locals {}\n"}})(W);
         if (chmod(W.path("ws/main.tf").c_str(), 0) != 0)
           E += "chmod failed";
         return E;
       },
       {},
       {{"main.tf", "Permission denied", false}},
       {},
       witnessFound,
       dropRootPrivileges});
  return Out;
}

// Leaving the root ------------------------------------------------------------

std::vector<Case> escapeCases() {
  std::vector<Case> Out;
  Out.push_back(
      {"paths-escaping-root",
       withWitness(
           {{"outside/secret.txt", Secret},
            {"outside/mod/main.tf",
             std::string("output \"s\" { value = \"") + Secret + "\" }\n"},
            {"outside/mod.bicep",
             std::string("output s string = '") + Secret + "'\n"},
            {"outside/nested.json",
             armTemplate(std::string("  \"outputs\": {\"s\": {\"type\": "
                                     "\"string\", \"value\": \"") +
                         Secret + "\"}}")},
            {"outside/nested.yaml",
             std::string("AWSTemplateFormatVersion: '2010-09-09'\nOutputs:\n  "
                         "S:\n    Value: ") +
                 Secret + "\n"},
            {"ws/tf/main.tf", R"(
module "out" { source = "../../outside/mod" }
locals {
  a = file("../../outside/secret.txt")
  b = file("/etc/passwd")
  c = templatefile("../../outside/secret.txt", {})
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
  tags   = { a = local.a, b = local.b, c = local.c, d = module.out.s }
}
)"},
            {"ws/main.bicep",
             "module out '../outside/mod.bicep' = { name: 'out' }\n"},
            {"ws/azuredeploy.json", armTemplate(R"(  "resources": [{
    "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
    "name": "out",
    "properties": {"mode": "Incremental",
                   "templateLink": {"relativePath": "../outside/nested.json"}}
  }])")},
            {"ws/template.yaml", R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Out:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../outside/nested.yaml
)"}}),
       {},
       {},
       {{"tf/main.tf", "leaves the scanned directory"},
        {"main.bicep", "outside the scanned directory"},
        {"template.yaml", "outside the scanned directory"}},
       // ARM's linked templates are never followed, inside or out.
       secretKept});
  return Out;
}

// Never write, never execute, no network
// ----------------------------------------

std::vector<Case> sandboxCases() {
  std::vector<Case> Out;
  Out.push_back(
      {"sandboxed-scan",
       withWitness({{"ws/tf/main.tf", R"(
module "m" { source = "./mod" }
locals {
  policy = file("${path.module}/policy.json")
  script = templatefile("${path.module}/init.tpl", { name = "x" })
}
resource "aws_s3_bucket" "b" {
  bucket = "b"
  tags   = { p = local.policy, s = local.script }
}
)"},
                    {"ws/tf/policy.json", "{\"Version\": \"2012-10-17\"}"},
                    {"ws/tf/init.tpl", "hello ${name}"},
                    {"ws/tf/mod/main.tf",
                     "resource \"aws_s3_bucket\" \"m\" { bucket = \"m\" }\n"},
                    {"ws/main.bicep", "module m 'mod.bicep' = { name: 'm' }\n"},
                    {"ws/mod.bicep", WitnessBicep},
                    {"ws/template.yaml",
                     "AWSTemplateFormatVersion: '2010-09-09'\n"
                     "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"}}),
       {},
       {},
       {},
       witnessFound,
       forbidWritesProcessesAndSockets,
       {1}});
  // The sandbox itself must catch what it forbids: asked to write its
  // report to a file, or to start git, rampart is killed.
  for (auto [Name, Args] :
       {std::pair<const char *, std::vector<std::string>>{
            "sandbox-kills-a-write", {"--output", "report.json"}},
        {"sandbox-kills-a-process", {"--changed-since", "HEAD"}}})
    Out.push_back({Name,
                   withWitness({}),
                   Args,
                   {},
                   {},
                   nullptr,
                   forbidWritesProcessesAndSockets,
                   {},
                   SIGSYS});
  return Out;
}

} // namespace

const std::vector<Case> &cases() {
  static const std::vector<Case> All = [] {
    std::vector<Case> Out;
    for (auto Make :
         {sizeAndDepthCases, expansionCases, cycleCases, encodingCases,
          fileSystemCases, escapeCases, sandboxCases})
      for (Case &C : Make())
        Out.push_back(std::move(C));
    return Out;
  }();
  return All;
}

} // namespace rampart::hostile
