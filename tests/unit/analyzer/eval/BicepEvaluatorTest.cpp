//===- BicepEvaluatorTest.cpp - Bicep files to deployment units -----------===//
//
// Small Bicep files (with their modules and parameter files kept in memory),
// evaluated into units. Expected values follow what the Bicep compiler emits
// and what Azure then deploys: full child types and names, module
// deployments, parameter precedence, loops and conditions.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/bicep/BicepEvaluator.h"

#include "analyzer/model/ValueJson.h"
#include "parsers/bicep/BicepParser.h"
#include "parsers/common/JsonParser.h"

#include "tests/support/UnitQueries.h"

#include <catch2/catch.hpp>

#include <map>
#include <memory>

using namespace rampart;
using namespace rampart::eval::bicep;
using model::EdgeKind;
using model::Value;
using model::ValueKind;

namespace {

/// In-memory files: "main.bicep" is the entry file; others are modules or
/// parameter files.
struct Files {
  std::map<std::string, std::unique_ptr<SourceFile>> Sources;
  std::map<std::string, std::unique_ptr<Document>> Docs;

  const Document *add(const std::string &Path, llvm::StringRef Text) {
    auto &F = Sources[Path] = SourceFile::fromText(Path, Text);
    llvm::StringRef P = Path;
    std::unique_ptr<Document> D;
    if (P.endswith(".json"))
      D = std::make_unique<Document>(parsers::parseJson(
          *F, Dialect::Arm, FileRole::Parameters, parsers::JsonSyntax::Azure));
    else
      D = std::make_unique<Document>(parsers::parseBicep(
          *F, P.endswith(".bicepparam") ? FileRole::Parameters
                                        : FileRole::Template));
    INFO(Path);
    REQUIRE(D->diagnostics().empty());
    return (Docs[Path] = std::move(D)).get();
  }
};

struct Evaluated {
  Files Fs;
  model::DeploymentUnit Unit;
  unsigned Loads = 0;

  const model::Resource &resource(llvm::StringRef Id) const {
    return testing::resourceIn(Unit, Id);
  }
  bool hasEdge(llvm::StringRef From, llvm::StringRef To, EdgeKind K) const {
    return testing::hasEdge(Unit, From, To, K);
  }
  bool hasDiagnostic(llvm::StringRef Fragment) const {
    return testing::hasDiagnostic(Unit, Fragment);
  }
  size_t errorCount() const {
    size_t N = 0;
    for (const model::FileDiagnostic &D : Unit.Diagnostics)
      N += D.D.Level == Severity::Error;
    return N;
  }
};

struct Options {
  std::map<std::string, std::string> Modules;
  /// Files for load*Content(), by path.
  std::map<std::string, std::string> Texts;
  std::string ParamPath, ParamText;
  std::vector<std::pair<std::string, std::string>> Overrides, Context;
};

std::unique_ptr<Evaluated> evaluate(llvm::StringRef Main, Options O = {}) {
  auto E = std::make_unique<Evaluated>();
  BicepInputs In;
  In.Template = E->Fs.add("main.bicep", Main);
  for (const auto &[Path, Text] : O.Modules)
    E->Fs.add(Path, Text);
  if (!O.ParamPath.empty())
    In.Parameters = E->Fs.add(O.ParamPath, O.ParamText);
  In.ParamOverrides = O.Overrides;
  In.Context = O.Context;
  Evaluated *Self = E.get();
  In.LoadModule = [Self](const std::string &Path) {
    ++Self->Loads;
    ModuleFile M;
    auto It = Self->Fs.Docs.find(Path);
    if (It == Self->Fs.Docs.end())
      M.Error = "'" + Path + "' does not exist";
    else
      M.Doc = It->second.get();
    return M;
  };
  In.ReadFile = [Texts = O.Texts](const std::string &Path) {
    ReadResult R;
    auto It = Texts.find(Path);
    if (It == Texts.end())
      R.Error = "'" + Path + "' does not exist";
    else
      R.File = SourceFile::fromText(Path, It->second);
    return R;
  };
  E->Unit = evaluateBicep(In);
  return E;
}

using testing::at;
using testing::json;

/// The value of `var out = <Expr>` in a file with the given declarations.
Value evaluateVar(llvm::StringRef Decls, llvm::StringRef Expr, Options O = {}) {
  std::string Text = Decls.str() + "\nvar out = " + Expr.str() +
                     "\nresource r 'Microsoft.Resources/tags@2022-09-01' = {"
                     " name: 'default', properties: { v: out } }\n";
  auto E = evaluate(Text, std::move(O));
  const model::Resource *R =
      E->Unit.Graph.find("Microsoft.Resources/tags/default");
  REQUIRE(R);
  return at(R->Properties, {"properties", "v"});
}

const char *Storage = R"(param name string = 'stdemo'
param location string = 'westeurope'
resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: name
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    supportsHttpsTrafficOnly: false
    minimumTlsVersion: 'TLS1_2'
  }
}
)";

} // namespace

TEST_CASE("a Bicep resource is the ARM resource the compiler emits",
          "[bicep]") {
  auto E = evaluate(Storage);
  REQUIRE(E->Unit.Graph.resources().size() == 1);
  const model::Resource &R =
      E->resource("Microsoft.Storage/storageAccounts/stdemo");
  CHECK(R.TheDialect == Dialect::Bicep);
  CHECK(R.Type == "Microsoft.Storage/storageAccounts");
  CHECK(R.ApiVersion == "2023-01-01");
  CHECK(R.SymbolicName == "stg");
  CHECK(json(R.Name) == R"("stdemo")");
  CHECK(json(R.Properties) ==
        R"({"type":"Microsoft.Storage/storageAccounts","apiVersion":)"
        R"("2023-01-01","name":"stdemo","location":"westeurope","kind":)"
        R"("StorageV2","sku":{"name":"Standard_LRS"},"properties":)"
        R"({"supportsHttpsTrafficOnly":false,"minimumTlsVersion":"TLS1_2"}})");
  // The declaration is the type string; values keep their own ranges.
  CHECK(R.Declaration.Range.Start.Line == 3);
  CHECK(R.Declaration.Range.Start.Column == 14);
  const Value &Https =
      at(R.Properties, {"properties", "supportsHttpsTrafficOnly"});
  CHECK(Https.origin().Range.Start.Line == 9);
  CHECK(Https.origin().Range.Start.Column == 31);
  CHECK(Https.origin().Range.End.Column == 36);
  // The location came from the parameter's default, on line 2.
  CHECK(at(R.Properties, {"location"}).origin().Range.Start.Line == 2);
  const model::Member *Key =
      R.Properties.get("properties")->memberNamed("minimumTlsVersion", false);
  REQUIRE(Key);
  CHECK(Key->KeyOrigin.Range.Start.Line == 10);
  CHECK(Key->KeyOrigin.Range.Start.Column == 5);
  CHECK(E->Unit.Diagnostics.empty());
}

TEST_CASE("Bicep parameters: override, parameter file, default, nullable",
          "[bicep]") {
  const char *Main = R"(@minLength(4)
@maxLength(24)
param name string
param tier string = 'Standard'
@minValue(1)
@maxValue(5)
param count int = 1
param tags object?
@allowed(['Hot', 'Cool'])
param access string = 'Hot'
resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: name
  sku: { name: '${tier}_LRS' }
  tags: tags
  properties: { accessTier: access, n: count }
}
)";
  SECTION("without values: Unknown with a reason, nullable is null") {
    auto E = evaluate(Main);
    const model::Resource &R = E->resource("stg");
    CHECK(json(R.Name) == R"({"$unknown":"parameter 'name' has no value"})");
    CHECK(json(at(R.Properties, {"tags"})) == "null");
    CHECK(json(at(R.Properties, {"sku", "name"})) == R"("Standard_LRS")");
  }
  SECTION("a .bicepparam with using") {
    Options O;
    O.ParamPath = "main.bicepparam";
    O.ParamText = "using 'main.bicep'\nvar prefix = 'st'\n"
                  "param name = '${prefix}p'\nparam tier = 'Premium'\n"
                  "param access = 'Archive'\nparam extra = 1\n";
    auto E = evaluate(Main, O);
    const model::Resource &R =
        E->resource("Microsoft.Storage/storageAccounts/stp");
    CHECK(json(at(R.Properties, {"sku", "name"})) == R"("Premium_LRS")");
    // The value keeps its place in the parameter file.
    CHECK(R.Name.origin().File->path() == "main.bicepparam");
    CHECK(R.Name.origin().Range.Start.Line == 3);
    CHECK(E->hasDiagnostic("'access' is not one of its @allowed values"));
    CHECK(E->hasDiagnostic("'name' is shorter than its @minLength(4)"));
    CHECK(E->hasDiagnostic("parameter 'extra' is not declared"));
  }
  SECTION("an ARM JSON parameter file, then --param wins") {
    Options O;
    O.ParamPath = "main.parameters.json";
    O.ParamText = R"({"parameters": {"name": {"value": "fromfile"},
                      "count": {"value": 3}}})";
    O.Overrides = {{"count", "6"}, {"tier", "007"}};
    auto E = evaluate(Main, O);
    const model::Resource &R =
        E->resource("Microsoft.Storage/storageAccounts/fromfile");
    CHECK(json(at(R.Properties, {"properties", "n"})) == "6");
    CHECK(E->hasDiagnostic("'count' is more than its @maxValue(5)"));
    // tier is a string: the override is not read as JSON.
    CHECK(json(at(R.Properties, {"sku", "name"})) == R"("007_LRS")");
  }
}

TEST_CASE("Bicep operators lower to ARM functions with ARM semantics",
          "[bicep]") {
  const char *Decls = "param a int = 7\nparam s string = 'MiXed'\n"
                      "param o object = { x: { y: 1 } }\nparam n object?\n";
  CHECK(json(evaluateVar(Decls, "a + 3 * 2")) == "13");
  CHECK(json(evaluateVar(Decls, "a / 2 - a % 2")) == "2");
  CHECK(json(evaluateVar(Decls, "-a")) == "-7");
  CHECK(json(evaluateVar(Decls, "s == 'mixed'")) == "false");
  CHECK(json(evaluateVar(Decls, "s =~ 'mixed'")) == "true");
  CHECK(json(evaluateVar(Decls, "s !~ 'mixed'")) == "false");
  CHECK(json(evaluateVar(Decls, "a != 7 || !(a >= 7 && a < 8)")) == "false");
  CHECK(json(evaluateVar(Decls, "a > 5 ? 'big' : 'small'")) == R"("big")");
  CHECK(json(evaluateVar(Decls, "n ?? 'fallback'")) == R"("fallback")");
  CHECK(json(evaluateVar(Decls, "'${s}-${a}-${true}'")) == R"("MiXed-7-True")");
  CHECK(json(evaluateVar(Decls, "o.x.y")) == "1");
  CHECK(json(evaluateVar(Decls, "o.?z")) == "null");
  CHECK(json(evaluateVar(Decls, "n.?a.b.c")) == "null");
  CHECK(json(evaluateVar(Decls, "o[?'missing']")) == "null");
  CHECK(json(evaluateVar(Decls, "o.x!.y")) == "1");
  CHECK(json(evaluateVar(Decls, "{ ...o, z: 2 }")) == R"({"x":{"y":1},"z":2})");
  CHECK(json(evaluateVar(Decls, "[0, ...[1, 2], 3]")) == "[0,1,2,3]");
  CHECK(json(evaluateVar(Decls, "[for (x, i) in ['a', 'b']: '${x}${i}']")) ==
        R"(["a0","b1"])");
  CHECK(json(evaluateVar(Decls, "[for x in range(0, 5): if (x % 2 == 0) x]")) ==
        "[0,2,4]");
  CHECK(json(evaluateVar(Decls, "filter([1, 2, 3], x => x > a - 6)")) ==
        "[2,3]");
  CHECK(json(evaluateVar(Decls, "map(['a'], (x, i) => '${x}${i}')")) ==
        R"(["a0"])");
  CHECK(json(evaluateVar(Decls, "sys.toUpper(az.toLower(s))")) == R"("MIXED")");
  CHECK(json(evaluateVar(Decls, "any(a)")) == "7");
  CHECK(json(evaluateVar("func twice(x int) int => x * 2\n", "twice(21)")) ==
        "42");
  // Compile-time file reads are not evaluated.
  Value Load = evaluateVar(Decls, "loadTextContent('x.txt')");
  CHECK(Load.is(ValueKind::Unknown));
  // Deployment context is Unknown unless supplied.
  CHECK(evaluateVar(Decls, "resourceGroup().location").is(ValueKind::Unknown));
  Options O;
  O.Context = {{"resourceGroup().location", "westus"}};
  CHECK(json(evaluateVar(Decls, "resourceGroup().location", O)) ==
        R"("westus")");
}

TEST_CASE("Bicep names that are not declared are errors at their range",
          "[bicep]") {
  auto E = evaluate("resource r 'Microsoft.Resources/tags@2022-09-01' = {\n"
                    "  name: nope\n}\n");
  REQUIRE(E->Unit.Diagnostics.size() == 1);
  CHECK(E->Unit.Diagnostics[0].D.Message == "'nope' is not declared");
  CHECK(E->Unit.Diagnostics[0].D.Range.Start.Line == 2);
  CHECK(E->Unit.Diagnostics[0].D.Range.Start.Column == 9);
  CHECK(E->resource("r").Name.is(ValueKind::Unknown));
}

TEST_CASE("Bicep child resources: nested and parent:", "[bicep]") {
  auto E = evaluate(
      R"(resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'acct'
  resource blobs 'blobServices' = {
    name: 'default'
    resource logs 'containers' = {
      name: 'logs'
    }
  }
}
resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-01-01' = {
  parent: files
  name: 'data'
}
resource files 'Microsoft.Storage/storageAccounts/fileServices@2023-01-01' = {
  parent: stg
  name: 'default'
  properties: { c: stg::blobs::logs.name }
}
)");
  const char *Blob =
      "Microsoft.Storage/storageAccounts/blobServices/acct/default";
  const model::Resource &B = E->resource(Blob);
  CHECK(B.Type == "Microsoft.Storage/storageAccounts/blobServices");
  CHECK(B.ApiVersion == "2023-01-01"); // inherited from the parent
  CHECK(json(B.Name) == R"("acct/default")");
  const char *Logs = "Microsoft.Storage/storageAccounts/blobServices/"
                     "containers/acct/default/logs";
  CHECK(E->resource(Logs).SymbolicName == "stg::blobs::logs");
  CHECK(E->hasEdge(Blob, "Microsoft.Storage/storageAccounts/acct",
                   EdgeKind::Parent));
  CHECK(E->hasEdge(Logs, Blob, EdgeKind::Parent));
  const char *Files =
      "Microsoft.Storage/storageAccounts/fileServices/acct/default";
  const model::Resource &F = E->resource(Files);
  // `parent` is not part of the compiled resource.
  CHECK(F.Properties.get("parent") == nullptr);
  CHECK(json(at(F.Properties, {"properties", "c"})) ==
        R"("acct/default/logs")");
  CHECK(E->hasEdge(Files, "Microsoft.Storage/storageAccounts/acct",
                   EdgeKind::Parent));
  CHECK(E->hasEdge(Files, Logs, EdgeKind::Reference));
  // Declared before its parent: still "acct/default/data".
  CHECK(json(E->resource("Microsoft.Storage/storageAccounts/fileServices/"
                         "shares/acct/default/data")
                 .Name) == R"("acct/default/data")");
  CHECK(E->errorCount() == 0);
}

TEST_CASE("Bicep symbol access: id, name, runtime properties, edges",
          "[bicep]") {
  std::string Main = std::string(Storage) + R"(
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv'
}
resource app 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app'
  properties: {
    storageId: stg.id
    storageName: stg.name
    blob: stg.properties.primaryEndpoints.blob
    key: stg.listKeys().keys[0].value
    secret: vault.getSecret('s')
    lockId: lock.id
  }
  dependsOn: [ vault ]
}
resource lock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'nodelete'
  scope: stg
  properties: { level: 'CanNotDelete' }
}
)";
  const char *App = "Microsoft.Web/sites/app";
  const char *Stg = "Microsoft.Storage/storageAccounts/stdemo";
  const char *Vault = "Microsoft.KeyVault/vaults/kv";
  SECTION("without context the id is an expression naming the resource") {
    auto E = evaluate(Main);
    const model::Resource &A = E->resource(App);
    const Value &Id = at(A.Properties, {"properties", "storageId"});
    REQUIRE(Id.is(ValueKind::Expression));
    CHECK(Id.refersTo() == Stg);
    CHECK(json(at(A.Properties, {"properties", "storageName"})) ==
          R"("stdemo")");
    const Value &Blob = at(A.Properties, {"properties", "blob"});
    REQUIRE(Blob.is(ValueKind::Expression));
    CHECK(Blob.refersTo() == Stg);
    CHECK(std::vector<std::string>(Blob.attribute().begin(),
                                   Blob.attribute().end()) ==
          std::vector<std::string>{"properties", "primaryEndpoints", "blob"});
    CHECK(at(A.Properties, {"properties", "key"}).is(ValueKind::Unknown));
    CHECK(at(A.Properties, {"properties", "secret"}).is(ValueKind::Unknown));
    CHECK(E->hasEdge(App, Stg, EdgeKind::Reference));
    CHECK(E->hasEdge(App, Vault, EdgeKind::DependsOn));
    CHECK(E->resource(Vault).Existing);
    CHECK(json(at(E->resource(Vault).Properties, {"existing"})) == "true");
    const model::Resource &Lock =
        E->resource("Microsoft.Authorization/locks/nodelete");
    CHECK(json(at(Lock.Properties, {"scope"})) ==
          R"("Microsoft.Storage/storageAccounts/stdemo")");
    CHECK(E->hasEdge("Microsoft.Authorization/locks/nodelete", Stg,
                     EdgeKind::Reference));
    CHECK(E->errorCount() == 0);
  }
  SECTION("with context the id is exact") {
    Options O;
    O.Context = {{"subscription().subscriptionId", "sub1"},
                 {"resourceGroup().name", "rg1"}};
    auto E = evaluate(Main, O);
    CHECK(json(at(E->resource(App).Properties, {"properties", "storageId"})) ==
          R"("/subscriptions/sub1/resourceGroups/rg1/providers/)"
          R"(Microsoft.Storage/storageAccounts/stdemo")");
    // An extension resource's id hangs below its scope's.
    CHECK(json(at(E->resource(App).Properties, {"properties", "lockId"})) ==
          R"("/subscriptions/sub1/resourceGroups/rg1/providers/)"
          R"(Microsoft.Storage/storageAccounts/stdemo/providers/)"
          R"(Microsoft.Authorization/locks/nodelete")");
    CHECK(json(at(E->resource(App).Properties, {"dependsOn"})) ==
          R"(["/subscriptions/sub1/resourceGroups/rg1/providers/)"
          R"(Microsoft.KeyVault/vaults/kv"])");
  }
}

TEST_CASE("Bicep loops and conditions", "[bicep]") {
  auto E = evaluate(R"(param names array = ['a', 'b', 'c']
param deploy bool = false
param unknownList array
resource accts 'Microsoft.Storage/storageAccounts@2023-01-01' = [for (n, i) in names: if (n != 'b') {
  name: 'st${n}${i}'
}]
resource maybe 'Microsoft.Network/publicIPAddresses@2023-04-01' = if (deploy) {
  name: 'pip'
  properties: { ip: split(null, '/') }
}
resource many 'Microsoft.Network/publicIPAddresses@2023-04-01' = [for x in unknownList: {
  name: x
}]
resource huge 'Microsoft.Network/publicIPAddresses@2023-04-01' = [for x in range(0, 801): {
  name: 'h${x}'
}]
resource user 'Microsoft.Resources/tags@2022-09-01' = {
  name: 'default'
  properties: { second: accts[1].name, count: length(accts) }
}
)");
  const model::Resource &A0 =
      E->resource("Microsoft.Storage/storageAccounts/sta0");
  CHECK(A0.Loop.Kind == model::LoopInfo::LoopKind::For);
  CHECK(A0.Loop.Expanded);
  CHECK(A0.Loop.Index == 0);
  CHECK(json(*A0.Condition) == "true");
  const model::Resource &B1 =
      E->resource("Microsoft.Storage/storageAccounts/stb1");
  CHECK(json(*B1.Condition) == "false");
  E->resource("Microsoft.Storage/storageAccounts/stc2");
  // Not deployed: kept with its condition, and its body's errors are not
  // reported (Azure does not evaluate it).
  const model::Resource &Maybe =
      E->resource("Microsoft.Network/publicIPAddresses/pip");
  CHECK(json(*Maybe.Condition) == "false");
  CHECK_FALSE(E->hasDiagnostic("split()"));
  // An unknown loop keeps one representative.
  const model::Resource &Many = E->resource("many");
  CHECK_FALSE(Many.Loop.Expanded);
  CHECK(Many.Name.is(ValueKind::Unknown));
  const model::Resource &Huge = E->resource("huge");
  CHECK_FALSE(Huge.Loop.Expanded);
  CHECK(E->hasDiagnostic("more than Azure's 800"));
  const model::Resource &User = E->resource("Microsoft.Resources/tags/default");
  CHECK(json(at(User.Properties, {"properties", "second"})) == R"("stb1")");
  CHECK(json(at(User.Properties, {"properties", "count"})) == "3");
  for (const char *To : {"Microsoft.Storage/storageAccounts/sta0",
                         "Microsoft.Storage/storageAccounts/stb1",
                         "Microsoft.Storage/storageAccounts/stc2"})
    CHECK(E->hasEdge("Microsoft.Resources/tags/default", To,
                     EdgeKind::Reference));
}

TEST_CASE("Bicep modules join the unit as deployments", "[bicep]") {
  Options O;
  O.Modules["modules/storage.bicep"] = R"(param name string
param httpsOnly bool = true
resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: name
  properties: { supportsHttpsTrafficOnly: httpsOnly }
}
output blobEndpoint string = 'https://${name}.blob.core.windows.net'
output accountName string = stg.name
)";
  auto E = evaluate(R"(param prefix string = 'app'
module store 'modules/storage.bicep' = {
  name: 'store'
  params: {
    name: '${prefix}data'
    httpsOnly: false
  }
}
module copies './modules/storage.bicep' = [for i in range(0, 2): if (i > 0) {
  name: 'copy${i}'
  params: { name: 'copy${i}' }
}]
resource site 'Microsoft.Web/sites@2023-01-01' = {
  name: 'site'
  properties: {
    endpoint: store.outputs.blobEndpoint
    account: store.outputs.accountName
  }
}
)",
                    O);
  const char *Dep = "Microsoft.Resources/deployments/store";
  const model::Resource &D = E->resource(Dep);
  CHECK(D.Type == "Microsoft.Resources/deployments");
  CHECK(json(at(D.Properties, {"properties", "parameters"})) ==
        R"({"name":{"value":"appdata"},"httpsOnly":{"value":false}})");
  CHECK(json(at(D.Properties, {"properties", "expressionEvaluationOptions",
                               "scope"})) == R"("inner")");
  const model::Resource &S =
      E->resource("Microsoft.Storage/storageAccounts/appdata");
  // The module's resource keeps its own file and positions; the input
  // value keeps the position where the caller wrote it.
  CHECK(S.Declaration.File->path() == "modules/storage.bicep");
  CHECK(S.Declaration.Range.Start.Line == 3);
  const Value &Https =
      at(S.Properties, {"properties", "supportsHttpsTrafficOnly"});
  CHECK(json(Https) == "false");
  CHECK(Https.origin().File->path() == "main.bicep");
  CHECK(Https.origin().Range.Start.Line == 6);
  CHECK(E->hasEdge("Microsoft.Storage/storageAccounts/appdata", Dep,
                   EdgeKind::Parent));
  const model::Resource &Site = E->resource("Microsoft.Web/sites/site");
  CHECK(json(at(Site.Properties, {"properties", "endpoint"})) ==
        R"("https://appdata.blob.core.windows.net")");
  CHECK(json(at(Site.Properties, {"properties", "account"})) == R"("appdata")");
  CHECK(E->hasEdge("Microsoft.Web/sites/site", Dep, EdgeKind::Reference));
  // A module loop: both instances, and the condition reaches inside.
  const model::Resource &Copy0 =
      E->resource("Microsoft.Storage/storageAccounts/copy0");
  CHECK(json(*Copy0.Condition) == "false");
  CHECK(
      json(*E->resource("Microsoft.Storage/storageAccounts/copy1").Condition) ==
      "true");
  CHECK(E->errorCount() == 0);
}

TEST_CASE("Bicep modules that cannot be evaluated", "[bicep]") {
  SECTION("a missing file is a warning at the path") {
    auto E = evaluate("module m 'missing.bicep' = { name: 'm' }\n");
    E->resource("Microsoft.Resources/deployments/m");
    CHECK(E->hasDiagnostic("module not evaluated"));
    CHECK(E->Unit.Graph.resources().size() == 1);
  }
  SECTION("registry modules are not loaded") {
    auto E = evaluate(
        "module m 'br/public:avm/res/storage/storage-account:0.9.0' = {\n"
        "  name: 'm'\n}\n");
    CHECK(E->Loads == 0);
    E->resource("Microsoft.Resources/deployments/m");
  }
  SECTION("a module that uses itself stops at the depth limit") {
    Options O;
    O.Modules["self.bicep"] = "param n int = 0\n"
                              "module again 'self.bicep' = [for i in "
                              "range(0, 3): { name: 'again${n}${i}'"
                              ", params: { n: n + 1 } }]\n";
    auto E = evaluate("module m 'self.bicep' = { name: 'm' }\n", O);
    CHECK(E->hasDiagnostic("modules nest more than"));
    CHECK(E->Loads <= MaxModuleInstances);
  }
}

TEST_CASE("usingPath and localModulePaths resolve against the file",
          "[bicep]") {
  Files Fs;
  const Document *P =
      Fs.add("env/prod.bicepparam", "using '../main.bicep'\nparam a = 1\n");
  CHECK(usingPath(*P) == "main.bicep");
  const Document *M = Fs.add(
      "infra/main.bicep", "module a './mods/a.bicep' = { name: 'a' }\n"
                          "module b 'br:x.azurecr.io/b:1' = { name: 'b' }\n");
  CHECK(localModulePaths(*M) == std::vector<std::string>{"infra/mods/a.bicep"});
}

// Each variable doubles the previous one: without bounds the values (and
// the work) grow as 2^60. Evaluation must end with Unknowns and diagnostics.
TEST_CASE("Bicep evaluation is bounded on exponential templates", "[bicep]") {
  std::string Main = "var s0 = 'ab'\nvar a0 = [1, 2]\n";
  for (int I = 1; I <= 60; ++I) {
    std::string P = std::to_string(I - 1), N = std::to_string(I);
    Main += "var s" + N + " = '${s" + P + "}${s" + P + "}'\n";
    Main += "var a" + N + " = [a" + P + ", a" + P + "]\n";
  }
  Main += "var loops = [for x in range(0, 800): [for y in range(0, 800): "
          "[for z in range(0, 800): x + y + z]]]\n"
          "resource r 'Microsoft.Resources/tags@2022-09-01' = {\n"
          "  name: 'default'\n"
          "  properties: { s: s60, a: a60, n: loops[799] }\n}\n";
  auto E = evaluate(Main);
  const model::Resource &R = E->resource("Microsoft.Resources/tags/default");
  CHECK(at(R.Properties, {"properties", "s"}).is(ValueKind::Unknown));
  // The array is cut where it grew too large: known on top, Unknown below.
  CHECK_FALSE(at(R.Properties, {"properties", "a"}).isFullyKnown());
  CHECK(at(R.Properties, {"properties", "n"}).is(ValueKind::Unknown));
  CHECK(E->hasDiagnostic("string size limit"));
  CHECK(E->hasDiagnostic("too large to evaluate"));
  CHECK(E->hasDiagnostic("evaluation steps"));
}

TEST_CASE("Bicep load*Content() reads files beside the template", "[bicep]") {
  Options O;
  O.Texts["rules/nsg.json"] =
      "{\n  \"rules\": [\n    {\"name\": \"ssh\", \"port\": 22}\n  ]\n}\n";
  O.Texts["script.sh"] = "echo hi\n";
  auto E = evaluate(R"(var rules = loadJsonContent('rules/nsg.json')
resource r 'Microsoft.Resources/tags@2022-09-01' = {
  name: 'default'
  properties: {
    port: rules.rules[0].port
    name: loadJsonContent('rules/nsg.json', '$.rules[0].name')
    script: loadTextContent('script.sh')
    b64: loadFileAsBase64('script.sh')
    missing: loadTextContent('nope.txt')
    yaml: loadYamlContent('x.yaml')
  }
}
)",
                    O);
  const Value &P =
      at(E->resource("Microsoft.Resources/tags/default").Properties,
         {"properties"});
  CHECK(json(at(P, {"port"})) == "22");
  // The value keeps its place in the JSON file.
  CHECK(at(P, {"port"}).origin().File->path() == "rules/nsg.json");
  CHECK(at(P, {"port"}).origin().Range.Start.Line == 3);
  CHECK(json(at(P, {"name"})) == R"("ssh")");
  CHECK(json(at(P, {"script"})) == R"("echo hi\n")");
  CHECK(json(at(P, {"b64"})) == R"("ZWNobyBoaQo=")");
  CHECK(at(P, {"missing"}).is(ValueKind::Unknown));
  CHECK(E->hasDiagnostic("'nope.txt' does not exist"));
  CHECK(at(P, {"yaml"}).is(ValueKind::Unknown));
}
