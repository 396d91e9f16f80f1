//===- ArmTemplateTest.cpp - ARM templates to deployment units ------------===//
//
// Small inline templates, evaluated into units; the expected values follow
// Azure Resource Manager's documented behaviour for parameters, variables,
// nested child resources, dependsOn, copy loops and conditions.
//
//===----------------------------------------------------------------------===//
#include "analyzer/eval/arm/TemplateEvaluator.h"

#include "analyzer/model/ValueJson.h"
#include "parsers/common/JsonParser.h"

#include "tests/support/UnitQueries.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>

using namespace rampart;
using namespace rampart::eval::arm;
using model::EdgeKind;
using model::ValueKind;

namespace {

struct Parsed {
  std::unique_ptr<SourceFile> File;
  std::optional<Document> Doc;
};

Parsed parse(llvm::StringRef Path, llvm::StringRef Text, FileRole Role) {
  Parsed P;
  P.File = SourceFile::fromText(Path, Text);
  P.Doc.emplace(parsers::parseJson(*P.File, Dialect::Arm, Role,
                                   parsers::JsonSyntax::Azure));
  REQUIRE(P.Doc->diagnostics().empty());
  return P;
}

struct Evaluated {
  Parsed Template, Params;
  model::DeploymentUnit Unit;

  const model::Resource &resource(llvm::StringRef Id) const {
    return testing::resourceIn(Unit, Id);
  }
  bool hasEdge(llvm::StringRef From, llvm::StringRef To, EdgeKind K) const {
    return testing::hasEdge(Unit, From, To, K);
  }
  bool hasDiagnostic(llvm::StringRef Fragment) const {
    return testing::hasDiagnostic(Unit, Fragment);
  }
};

std::unique_ptr<Evaluated>
evaluate(llvm::StringRef Text, llvm::StringRef ParamText = {},
         std::vector<std::pair<std::string, std::string>> Overrides = {},
         std::vector<std::pair<std::string, std::string>> Context = {}) {
  auto E = std::make_unique<Evaluated>();
  E->Template = parse("main.json", Text, FileRole::Template);
  TemplateInputs In;
  In.Template = &*E->Template.Doc;
  if (!ParamText.empty()) {
    E->Params = parse("main.parameters.json", ParamText, FileRole::Parameters);
    In.Parameters = &*E->Params.Doc;
  }
  In.ParamOverrides = std::move(Overrides);
  In.Context = std::move(Context);
  E->Unit = evaluateTemplate(In);
  return E;
}

/// The value at a '.'-separated path of object members.
model::Value at(const model::Value &V, llvm::StringRef Path) {
  model::Value Cur = V;
  while (!Path.empty()) {
    auto [Key, Rest] = Path.split('.');
    const model::Value *Next = Cur.get(Key);
    INFO("member " << Key.str());
    REQUIRE(Next);
    Cur = *Next;
    Path = Rest;
  }
  return Cur;
}

std::string json(const model::Value &V) { return model::valueToJson(V).dump(); }

const char *StorageTemplate = R"({
  "parameters": {
    "location": {"type": "string", "defaultValue": "westeurope"},
    "sku": {"type": "string"},
    "count": {"type": "int", "defaultValue": 2},
    "prefix": {"type": "string", "defaultValue": "[concat('st', parameters('location'))]"}
  },
  "resources": [
    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
     "name": "[parameters('prefix')]", "location": "[parameters('location')]",
     "sku": {"name": "[parameters('sku')]"},
     "properties": {"supportsHttpsTrafficOnly": true, "count": "[parameters('count')]"}}
  ]
})";

const char *StorageParameters = R"({
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "parameters": {"sku": {"value": "Standard_LRS"}, "LOCATION": {"value": "northeurope"}}
})";

} // namespace

TEST_CASE("arm template: parameters with defaults and without value",
          "[armtpl]") {
  auto E = evaluate(StorageTemplate);
  REQUIRE(E->Unit.Graph.resources().size() == 1);
  const model::Resource &R =
      E->resource("Microsoft.Storage/storageAccounts/stwesteurope");
  CHECK(R.Type == "Microsoft.Storage/storageAccounts");
  CHECK(R.Name.asString() == "stwesteurope");
  CHECK(R.ApiVersion == "2022-09-01");
  CHECK(!R.Condition);
  CHECK(R.Loop.Kind == model::LoopInfo::LoopKind::None);
  // The declaration is the `type` value string, quotes included.
  REQUIRE(R.Declaration.File == &E->Template.Doc->file());
  CHECK(R.Declaration.Range.Start.Line == 9);
  CHECK(R.Declaration.Range.Start.Column == 14);
  CHECK(R.Declaration.Range.End.Line == 9);
  CHECK(R.Declaration.Range.End.Column == 49);

  CHECK(at(R.Properties, "properties.supportsHttpsTrafficOnly").asBool());
  model::Value Count = at(R.Properties, "properties.count");
  REQUIRE(Count.is(ValueKind::Int));
  CHECK(Count.asInt() == 2);
  // The default value keeps its own origin (line 5, `2`).
  CHECK(Count.origin().Range.Start.Line == 5);
  CHECK(Count.origin().Range.Start.Column == 46);

  model::Value Sku = at(R.Properties, "sku.name");
  REQUIRE(Sku.is(ValueKind::Unknown));
  CHECK(Sku.asString() == "parameter 'sku' has no value");
  // The origin of the cause: the parameter's declaration.
  CHECK(Sku.origin().Range.Start.Line == 4);
  CHECK(Sku.origin().Range.Start.Column == 5);
  CHECK(json(at(R.Properties, "location")) == "\"westeurope\"");
}

TEST_CASE("arm template: parameter file and --param overrides", "[armtpl]") {
  SECTION("parameter file") {
    auto E = evaluate(StorageTemplate, StorageParameters);
    const model::Resource &R =
        E->resource("Microsoft.Storage/storageAccounts/stnortheurope");
    model::Value Sku = at(R.Properties, "sku.name");
    CHECK(Sku.asString() == "Standard_LRS");
    CHECK(Sku.origin().File == &E->Params.Doc->file());
    CHECK(Sku.origin().Range.Start.Line == 3);
    CHECK(Sku.origin().Range.Start.Column == 35);
  }
  SECTION("CLI overrides beat the parameter file") {
    auto E = evaluate(StorageTemplate, StorageParameters,
                      {{"location", "eastus"}, {"count", "5"}, {"sku", "42"}});
    const model::Resource &R =
        E->resource("Microsoft.Storage/storageAccounts/steastus");
    CHECK(at(R.Properties, "properties.count").asInt() == 5);
    // A string parameter takes the text as it is, even when it looks like
    // JSON.
    model::Value Sku = at(R.Properties, "sku.name");
    REQUIRE(Sku.is(ValueKind::String));
    CHECK(Sku.asString() == "42");
    CHECK(!Sku.origin().hasFile());
  }
}

TEST_CASE("arm template: variables", "[armtpl]") {
  auto E = evaluate(R"({
  "variables": {
    "base": "[toLower('ABC')]",
    "Full": "[concat(variables('BASE'), '-x')]",
    "loopA": "[variables('loopB')]",
    "loopB": "[variables('loopA')]",
    "obj": {"k": "[variables('base')]", "n": [1, 2.5, null, false]}
  },
  "resources": [
    {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "app",
     "properties": {"a": "[variables('full')]", "b": "[variables('loopA')]",
                    "c": "[variables('obj')]", "d": "[variables('nope')]"}}
  ]
})");
  const model::Resource &R = E->resource("Microsoft.Web/sites/app");
  CHECK(at(R.Properties, "properties.a").asString() == "abc-x");
  model::Value B = at(R.Properties, "properties.b");
  REQUIRE(B.is(ValueKind::Unknown));
  CHECK(B.asString() == "variable 'loopA' needs itself");
  CHECK(E->hasDiagnostic("variable 'loopA' needs itself"));
  CHECK(json(at(R.Properties, "properties.c")) ==
        R"({"k":"abc","n":[1,2.5,null,false]})");
  CHECK(at(R.Properties, "properties.d").asString() ==
        "variable 'nope' is not declared");
  // The object keeps member key origins: "k" on line 7.
  const model::Member *K =
      at(R.Properties, "properties.c").memberNamed("k", false);
  REQUIRE(K);
  CHECK(K->KeyOrigin.Range.Start.Line == 7);
  CHECK(K->KeyOrigin.Range.Start.Column == 13);
}

TEST_CASE("arm template: nested child resources", "[armtpl]") {
  auto E = evaluate(R"({
  "resources": [
    {"type": "Microsoft.Sql/servers", "apiVersion": "2021-11-01",
     "name": "sqlsrv1", "properties": {"minimalTlsVersion": "1.2"},
     "resources": [
       {"type": "databases", "apiVersion": "2021-11-01", "name": "db1",
        "dependsOn": ["sqlsrv1"]},
       {"type": "firewallRules", "apiVersion": "2021-11-01",
        "name": "sqlsrv1/allowAll"}
     ]}
  ]
})");
  REQUIRE(E->Unit.Graph.resources().size() == 3);
  const model::Resource &Server = E->resource("Microsoft.Sql/servers/sqlsrv1");
  CHECK(!Server.Properties.getInsensitive("resources"));
  const model::Resource &Db =
      E->resource("Microsoft.Sql/servers/databases/sqlsrv1/db1");
  CHECK(Db.Type == "Microsoft.Sql/servers/databases");
  CHECK(Db.Name.asString() == "sqlsrv1/db1");
  CHECK(Db.Declaration.Range.Start.Line == 6);
  CHECK(Db.Declaration.Range.Start.Column == 17);
  const model::Resource &Rule =
      E->resource("Microsoft.Sql/servers/firewallRules/sqlsrv1/allowAll");
  CHECK(Rule.Name.asString() == "sqlsrv1/allowAll");
  CHECK(E->hasEdge(Db.Id, Server.Id, EdgeKind::Parent));
  CHECK(E->hasEdge(Rule.Id, Server.Id, EdgeKind::Parent));
  CHECK(E->hasEdge(Db.Id, Server.Id, EdgeKind::DependsOn));
  CHECK(E->Unit.Graph.edges().size() == 3);
}

TEST_CASE("arm template: child type and name forms", "[armtpl]") {
  // A relative child type may have several segments, with one name segment
  // each; a type with a provider namespace is not relative.
  auto E = evaluate(R"({
  "resources": [
    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
     "name": "st1",
     "resources": [
       {"type": "blobServices/containers", "apiVersion": "2022-09-01",
        "name": "default/logs"},
       {"type": "fileServices/shares", "apiVersion": "2022-09-01",
        "name": "st1/default/share"},
       {"type": "Microsoft.Authorization/locks", "apiVersion": "2020-05-01",
        "name": "lock"}
     ]}
  ]
})");
  const model::Resource &Container = E->resource(
      "Microsoft.Storage/storageAccounts/blobServices/containers/st1/default/"
      "logs");
  CHECK(Container.Name.asString() == "st1/default/logs");
  CHECK(E->resource("Microsoft.Storage/storageAccounts/fileServices/shares/"
                    "st1/default/share")
            .Name.asString() == "st1/default/share");
  CHECK(E->resource("Microsoft.Authorization/locks/lock").Type ==
        "Microsoft.Authorization/locks");
}

TEST_CASE("arm template: children declared at the top level", "[armtpl]") {
  auto E = evaluate(R"({
  "resources": [
    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
     "name": "st1"},
    {"type": "Microsoft.Storage/storageAccounts/blobServices",
     "apiVersion": "2022-09-01", "name": "st1/default"},
    {"type": "Microsoft.Storage/storageAccounts/blobServices/containers",
     "apiVersion": "2022-09-01", "name": "[concat('st1/default/', 'logs')]"},
    {"type": "Microsoft.Storage/storageAccounts/fileServices",
     "apiVersion": "2022-09-01", "name": "other/default"}
  ]
})");
  CHECK(E->hasEdge("Microsoft.Storage/storageAccounts/blobServices/st1/default",
                   "Microsoft.Storage/storageAccounts/st1", EdgeKind::Parent));
  CHECK(E->hasEdge(
      "Microsoft.Storage/storageAccounts/blobServices/containers/st1/default/"
      "logs",
      "Microsoft.Storage/storageAccounts/blobServices/st1/default",
      EdgeKind::Parent));
  // A parent that the template does not declare: no edge.
  CHECK(E->Unit.Graph.edges().size() == 2);
}

TEST_CASE("arm template: dependsOn and references", "[armtpl]") {
  const char *Text = R"({
  "resources": [
    {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01",
     "name": "vnet"},
    {"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-04-01",
     "name": "nic",
     "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]",
                   "missingThing"],
     "properties": {"subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]"}}},
    {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2023-03-01",
     "name": "vm", "dependsOn": ["Microsoft.Network/networkInterfaces/NIC"],
     "properties": {"x": "[reference('vnet').addressSpace]"}}
  ]
})";
  auto Check = [](const Evaluated &E) {
    const char *Vnet = "Microsoft.Network/virtualNetworks/vnet";
    const char *Nic = "Microsoft.Network/networkInterfaces/nic";
    const char *Vm = "Microsoft.Compute/virtualMachines/vm";
    CHECK(E.hasEdge(Nic, Vnet, EdgeKind::DependsOn));
    CHECK(E.hasEdge(Nic, Vnet, EdgeKind::Reference));
    CHECK(E.hasEdge(Vm, Nic, EdgeKind::DependsOn));
    CHECK(E.hasEdge(Vm, Vnet, EdgeKind::Reference));
    CHECK(E.Unit.Graph.edges().size() == 4);
    CHECK(E.hasDiagnostic(
        "dependsOn entry 'missingThing' does not match a resource"));
  };
  SECTION("without deployment context: resourceId() refers to the vnet") {
    auto E = evaluate(Text);
    Check(*E);
    model::Value Id =
        at(E->resource("Microsoft.Network/networkInterfaces/nic").Properties,
           "properties.subnet.id");
    REQUIRE(Id.is(ValueKind::Expression));
    CHECK(Id.refersTo() == "Microsoft.Network/virtualNetworks/vnet");
  }
  SECTION("with context") {
    auto E = evaluate(Text, {}, {},
                      {{"subscription().subscriptionId", "sub1"},
                       {"resourceGroup().name", "rg1"}});
    Check(*E);
    model::Value Id =
        at(E->resource("Microsoft.Network/networkInterfaces/nic").Properties,
           "properties.subnet.id");
    CHECK(Id.asString() == "/subscriptions/sub1/resourceGroups/rg1/providers/"
                           "Microsoft.Network/virtualNetworks/vnet");
  }
}

TEST_CASE("arm template: copy loops", "[armtpl]") {
  auto E = evaluate(R"({
  "parameters": {"n": {"type": "int"}},
  "resources": [
    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
     "name": "[concat('st', copyIndex())]", "copy": {"name": "stLoop", "count": 3},
     "properties": {"copy": [{"name": "disks", "count": 2,
                              "input": {"lun": "[add(copyIndex('disks'), copyIndex('stLoop'))]"}}]}},
    {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01",
     "name": "[concat('app', copyIndex(1))]",
     "copy": {"name": "appLoop", "count": "[parameters('n')]"},
     "dependsOn": ["stLoop"]},
    {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01",
     "name": "[concat('huge', copyIndex())]", "copy": {"name": "hugeLoop", "count": 100000}}
  ]
})");
  REQUIRE(E->Unit.Graph.resources().size() == 5);
  for (int I = 0; I < 3; ++I) {
    std::string Id = "Microsoft.Storage/storageAccounts/st" + std::to_string(I);
    const model::Resource &R = E->resource(Id);
    CHECK(R.Loop.Kind == model::LoopInfo::LoopKind::Copy);
    CHECK(R.Loop.Expanded);
    CHECK(R.Loop.Index == I);
    CHECK(json(at(R.Properties, "properties.disks")) ==
          "[{\"lun\":" + std::to_string(I) +
              "},{\"lun\":" + std::to_string(I + 1) + "}]");
  }
  const model::Resource &App = E->resource("resources[1]");
  CHECK(App.Loop.Kind == model::LoopInfo::LoopKind::Copy);
  CHECK(!App.Loop.Expanded);
  CHECK(!App.Loop.Index);
  REQUIRE(App.Name.is(ValueKind::Unknown));
  CHECK(App.Name.asString() == "the count of copy loop 'appLoop' is unknown");
  for (int I = 0; I < 3; ++I)
    CHECK(E->hasEdge(App.Id,
                     "Microsoft.Storage/storageAccounts/st" + std::to_string(I),
                     EdgeKind::DependsOn));
  const model::Resource &Huge = E->resource("resources[2]");
  CHECK(!Huge.Loop.Expanded);
  CHECK(E->hasDiagnostic("copy count 100000 is outside Azure's limits"));
}

TEST_CASE("arm template: conditions and languageVersion 2.0", "[armtpl]") {
  auto E = evaluate(R"({
  "languageVersion": "2.0",
  "parameters": {"env": {"type": "string", "defaultValue": "dev"},
                 "name": {"type": "string"}},
  "resources": {
    "st": {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
           "name": "[parameters('name')]"},
    "blob": {"type": "Microsoft.Storage/storageAccounts/blobServices",
             "apiVersion": "2022-09-01", "name": "x/default",
             "condition": "[equals(parameters('env'), 'prod')]",
             "dependsOn": ["st"]}
  }
})");
  REQUIRE(E->Unit.Graph.resources().size() == 2);
  const model::Resource &St = E->resource("st");
  CHECK(St.SymbolicName == "st");
  CHECK(St.Name.is(ValueKind::Unknown));
  const model::Resource &Blob =
      E->resource("Microsoft.Storage/storageAccounts/blobServices/x/default");
  CHECK(Blob.SymbolicName == "blob");
  REQUIRE(Blob.Condition);
  REQUIRE(Blob.Condition->is(ValueKind::Bool));
  CHECK(!Blob.Condition->asBool());
  CHECK(E->hasEdge(Blob.Id, "st", EdgeKind::DependsOn));
}

// The AVM pattern: a resource guarded by a condition on an optional id. Azure
// does not evaluate it when the condition is false, and neither do we report
// its errors; the same body under an unknown condition is reported.
TEST_CASE("arm template: errors in a resource that is not deployed are not "
          "reported",
          "[armtpl]") {
  const char *Template = R"({
  "parameters": {"id": {"type": "string", "defaultValue": ""}},
  "resources": [
    {"condition": "[not(empty(parameters('id')))]",
     "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
     "apiVersion": "2023-01-31", "name": "[split(null(), '/')[8]]"}
  ]
})";
  auto E = evaluate(Template);
  REQUIRE(E->Unit.Graph.resources().size() == 1);
  CHECK(E->Unit.Diagnostics.empty());
  auto Given = evaluate(R"({
  "parameters": {"id": {"type": "string"}},
  "resources": [
    {"condition": "[not(empty(parameters('id')))]",
     "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
     "apiVersion": "2023-01-31", "name": "[split(null(), '/')[8]]"}
  ]
})");
  CHECK(Given->hasDiagnostic("split()"));
}

TEST_CASE("arm template: exponential growth ends quickly", "[armtpl]") {
  std::string Vars = "\"v0\": \"ab\", \"a0\": [1]";
  for (int I = 1; I <= 60; ++I) {
    std::string P = std::to_string(I - 1), N = std::to_string(I);
    Vars += ", \"v" + N + "\": \"[concat(variables('v" + P +
            "'), variables('v" + P + "'))]\"";
    Vars += ", \"a" + N + "\": \"[createArray(variables('a" + P +
            "'), variables('a" + P + "'))]\"";
  }
  std::string Text =
      "{\"variables\": {" + Vars +
      "},\n\"resources\": [{\"type\": \"Microsoft.Web/sites\", "
      "\"apiVersion\": \"2022-03-01\", \"name\": \"app\", \"properties\": "
      "{\"s\": \"[variables('v60')]\", \"a\": \"[variables('a60')]\"}}]}";
  auto Start = std::chrono::steady_clock::now();
  auto E = evaluate(Text);
  auto Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  CHECK(Seconds < 10);
  const model::Resource &R = E->resource("Microsoft.Web/sites/app");
  CHECK(at(R.Properties, "properties.s").is(ValueKind::Unknown));
  // The outer arrays stay known; what grew too large is Unknown inside.
  CHECK(!at(R.Properties, "properties.a").isFullyKnown());
  CHECK(E->hasDiagnostic("variable 'a19' is too large to evaluate"));
  CHECK(!E->Unit.Diagnostics.empty());
}

TEST_CASE("arm template: exponential templates end with Unknown values",
          "[armtpl]") {
  // Strings that double per variable, copy counts that double per variable,
  // property copy loops inside one another (800^3 values) and a resource
  // copy count far past Azure's limit.
  std::string Vars = "\"v0\": \"ab\", \"c0\": 1";
  for (int I = 1; I <= 60; ++I) {
    std::string P = std::to_string(I - 1), N = std::to_string(I);
    Vars += ", \"v" + N + "\": \"[concat(variables('v" + P +
            "'), variables('v" + P + "'))]\"";
    Vars += ", \"c" + N + "\": \"[mul(variables('c" + P + "'), 2)]\"";
  }
  std::string Text = "{\"variables\": {" + Vars + R"(},
  "resources": [
    {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01",
     "name": "[concat('app', copyIndex())]",
     "copy": {"name": "apps", "count": 100000},
     "properties": {
       "s": "[variables('v60')]",
       "copy": [{"name": "doubled", "count": "[variables('c60')]", "input": 1},
                {"name": "cube", "count": 800, "input": {
                  "copy": [{"name": "square", "count": 800, "input": {
                    "copy": [{"name": "line", "count": 800,
                              "input": "[copyIndex('line')]"}]}}]}}]
     }}
  ]
})";
  auto E = evaluate(Text);
  REQUIRE(E->Unit.Graph.resources().size() == 1);
  const model::Resource &R = E->resource("resources[0]");
  CHECK(!R.Loop.Expanded);
  CHECK(E->hasDiagnostic("copy count 100000 is outside Azure's limits"));
  model::Value S = at(R.Properties, "properties.s");
  CHECK(S.is(ValueKind::Unknown));
  CHECK(E->hasDiagnostic("concat() result exceeds the string size limit"));
  model::Value Doubled = at(R.Properties, "properties.doubled");
  REQUIRE(Doubled.is(ValueKind::Unknown));
  CHECK(Doubled.asString() ==
        "the count of copy loop 'doubled' is outside Azure's limits");
  CHECK(E->hasDiagnostic("copy count 1152921504606846976 is outside"));
  // The cube is cut off by the conversion budget: known at the start,
  // Unknown past the budget.
  model::Value Cube = at(R.Properties, "properties.cube");
  CHECK(!Cube.isFullyKnown());
  CHECK(E->hasDiagnostic("the template needs more than 2000000 values"));
}

TEST_CASE("arm template: --param and --context values", "[armtpl]") {
  std::pair<std::string, std::string> P;
  REQUIRE(splitAssignment("resourceGroup().location=west=europe", P));
  CHECK(P.first == "resourceGroup().location");
  CHECK(P.second == "west=europe");
  CHECK(!splitAssignment("novalue", P));
  CHECK(!splitAssignment("=x", P));

  auto E = evaluate(R"({
  "parameters": {"tags": {"type": "object"}},
  "resources": [
    {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "app",
     "location": "[resourceGroup().location]", "tags": "[parameters('tags')]"}
  ]
})",
                    {}, {{"tags", R"({"env": "prod"})"}},
                    {{"resourceGroup().location", "westeurope"}});
  const model::Resource &R = E->resource("Microsoft.Web/sites/app");
  CHECK(at(R.Properties, "location").asString() == "westeurope");
  CHECK(json(at(R.Properties, "tags")) == R"({"env":"prod"})");
}

TEST_CASE("arm template: long variable chains stop early", "[armtpl]") {
  std::string Vars;
  for (int I = 0; I < 5000; ++I)
    Vars += "\"v" + std::to_string(I) + "\": \"[variables('v" +
            std::to_string(I + 1) + "')]\", ";
  Vars += "\"v5000\": \"end\", \"w0\": \"[variables('w1')]\", "
          "\"w1\": \"[variables('w2')]\", \"w2\": \"end\"";
  auto E = evaluate("{\"variables\": {" + Vars +
                    "}, \"resources\": [{\"type\": \"Microsoft.Web/sites\", "
                    "\"apiVersion\": \"2022-03-01\", \"name\": "
                    "\"[variables('w0')]\", \"properties\": {\"deep\": "
                    "\"[variables('v0')]\"}}]}");
  const model::Resource &R = E->resource("Microsoft.Web/sites/end");
  model::Value Deep = at(R.Properties, "properties.deep");
  REQUIRE(Deep.is(ValueKind::Unknown));
  CHECK(llvm::StringRef(Deep.asString()).contains("nested too deeply"));
  CHECK(E->hasDiagnostic("more than 64 levels deep"));
}

TEST_CASE("arm template: variable copy and inner-scope nested deployments",
          "[armtpl]") {
  auto E = evaluate(R"({
  "parameters": {"n": {"type": "int", "defaultValue": 3}},
  "variables": {
    "copy": [{"name": "names", "count": "[parameters('n')]",
              "input": "[concat('disk', copyIndex('names'))]"}]
  },
  "resources": [
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
     "name": "nested",
     "properties": {"mode": "Incremental",
                    "expressionEvaluationOptions": {"scope": "inner"},
                    "parameters": {"p": {"value": "[variables('names')[1]]"}},
                    "template": {"parameters": {"p": {"type": "string"}},
                                 "resources": [],
                                 "outputs": {"o": {"type": "string",
                                                   "value": "[parameters('p')]"}}}}},
    {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "app",
     "properties": {"fromNested": "[reference('nested').outputs.o.value]",
                    "byId": "[reference(resourceId('Microsoft.Resources/deployments', 'nested'), '2022-09-01').outputs.o.value]"}}
  ]
})");
  const model::Resource &R =
      E->resource("Microsoft.Resources/deployments/nested");
  CHECK(at(R.Properties, "properties.parameters.p.value").asString() ==
        "disk1");
  CHECK(at(R.Properties, "properties.mode").asString() == "Incremental");
  // The expanded template is not a property any more.
  CHECK(!at(R.Properties, "properties").get("template"));
  // The inner parameter's value flows out through the output.
  const model::Resource &App = E->resource("Microsoft.Web/sites/app");
  CHECK(at(App.Properties, "properties.fromNested").asString() == "disk1");
  // As Bicep writes it: the id is Unknown without deployment context, but
  // resourceId()'s type and name say which deployment is meant.
  CHECK(at(App.Properties, "properties.byId").asString() == "disk1");
  CHECK(E->hasEdge(App.Id, R.Id, EdgeKind::Reference));
  CHECK(E->Unit.Diagnostics.empty());
}

TEST_CASE("arm template: nested deployment, outer scope", "[armtpl]") {
  auto E = evaluate(R"({
  "parameters": {"prefix": {"type": "string", "defaultValue": "outer"}},
  "variables": {"sku": "Standard_LRS"},
  "resources": [
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
     "name": "nestedOuter",
     "properties": {
       "mode": "Incremental",
       "template": {
         "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
         "parameters": {"prefix": {"type": "string", "defaultValue": "inner"}},
         "variables": {"onlyInner": "x"},
         "resources": [
           {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01",
            "name": "[concat(parameters('prefix'), 'st')]",
            "sku": {"name": "[variables('sku')]"},
            "properties": {"v": "[variables('onlyInner')]"},
            "resources": [
              {"type": "blobServices", "apiVersion": "2022-09-01",
               "name": "default"}
            ]},
           {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",
            "name": "[concat('ip', copyIndex())]", "copy": {"name": "ips", "count": 2},
            "dependsOn": ["[resourceId('Microsoft.Storage/storageAccounts', concat(parameters('prefix'), 'st'))]"]}
         ]
       }
     }}
  ]
})");
  REQUIRE(E->Unit.Graph.resources().size() == 5);
  const model::Resource &D =
      E->resource("Microsoft.Resources/deployments/nestedOuter");
  CHECK(D.Type == "Microsoft.Resources/deployments");
  CHECK(!at(D.Properties, "properties").get("template"));
  CHECK(at(D.Properties, "properties.mode").asString() == "Incremental");

  // The outer template's parameters and variables; the nested template's
  // own sections are ignored, as Azure does with the outer scope.
  const model::Resource &St =
      E->resource("Microsoft.Storage/storageAccounts/outerst");
  CHECK(at(St.Properties, "sku.name").asString() == "Standard_LRS");
  CHECK(at(St.Properties, "properties.v").asString() ==
        "variable 'onlyInner' is not declared");
  CHECK(E->hasDiagnostic("variable 'onlyInner' is not declared"));
  // Positions are the nested declaration's, in the same file.
  CHECK(St.Declaration.File == &E->Template.Doc->file());
  CHECK(St.Declaration.Range.Start.Line == 14);

  const model::Resource &Blob = E->resource(
      "Microsoft.Storage/storageAccounts/blobServices/outerst/default");
  const model::Resource &Ip0 =
      E->resource("Microsoft.Network/publicIPAddresses/ip0");
  const model::Resource &Ip1 =
      E->resource("Microsoft.Network/publicIPAddresses/ip1");
  CHECK(Ip1.Loop.Index == 1);
  // Top-level resources of the nested template are declared by the
  // deployment; the child keeps its own parent.
  CHECK(E->hasEdge(St.Id, D.Id, EdgeKind::Parent));
  CHECK(E->hasEdge(Ip0.Id, D.Id, EdgeKind::Parent));
  CHECK(E->hasEdge(Ip1.Id, D.Id, EdgeKind::Parent));
  CHECK(E->hasEdge(Blob.Id, St.Id, EdgeKind::Parent));
  CHECK(!E->hasEdge(Blob.Id, D.Id, EdgeKind::Parent));
  CHECK(E->hasEdge(Ip0.Id, St.Id, EdgeKind::DependsOn));
  CHECK(E->Unit.Graph.edges().size() == 6);
}

TEST_CASE("arm template: nested deployment, inner scope", "[armtpl]") {
  auto E = evaluate(R"({
  "parameters": {"env": {"type": "string", "defaultValue": "prod"}},
  "variables": {"names": ["alpha", "beta"]},
  "resources": [
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
     "name": "[concat('inner', copyIndex())]",
     "copy": {"name": "deployLoop", "count": 2},
     "resourceGroup": "otherRg",
     "properties": {
       "mode": "Incremental",
       "expressionEvaluationOptions": {"scope": "INNER"},
       "parameters": {
         "name": {"value": "[variables('names')[copyIndex()]]"},
         "secret": {"reference": {"keyVault": {"id": "kv"}, "secretName": "s"}}
       },
       "template": {
         "parameters": {
           "name": {"type": "string"},
           "env": {"type": "string", "defaultValue": "dev"},
           "secret": {"type": "securestring"},
           "unset": {"type": "string"}
         },
         "variables": {"full": "[concat(parameters('name'), '-', parameters('env'))]"},
         "functions": [{"namespace": "n", "members": {"up": {
           "parameters": [{"name": "s", "type": "string"}],
           "output": {"type": "string", "value": "[toUpper(parameters('s'))]"}}}}],
         "resources": [
           {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01",
            "name": "[variables('full')]",
            "properties": {"secret": "[parameters('secret')]",
                           "upper": "[n.up(parameters('name'))]",
                           "deployment": "[deployment().name]",
                           "group": "[resourceGroup().name]",
                           "location": "[resourceGroup().location]",
                           "sub": "[subscription().subscriptionId]",
                           "copyIndex": "[copyIndex()]"}},
           {"type": "Microsoft.Web/serverfarms", "apiVersion": "2022-03-01",
            "name": "[parameters('unset')]"}
         ],
         "outputs": {"siteName": {"type": "string", "value": "[variables('full')]"},
                     "hidden": {"type": "string", "condition": false, "value": "x"}}
       }
     }},
    {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "consumer",
     "dependsOn": ["deployLoop"],
     "properties": {"first": "[reference('inner0').outputs.siteName.value]",
                    "second": "[reference('inner1').outputs['siteName'].value]",
                    "state": "[reference('inner0').provisioningState]"}}
  ]
})",
                    {}, {{"env", "ignored"}},
                    {{"subscription().subscriptionId", "sub1"},
                     {"resourceGroup().name", "rg1"}});
  // One expansion per copy instance; the inner template's own parameters,
  // variables and functions; --param does not reach the nested template.
  const model::Resource &D0 =
      E->resource("Microsoft.Resources/deployments/inner0");
  const model::Resource &D1 =
      E->resource("Microsoft.Resources/deployments/inner1");
  const model::Resource &A = E->resource("Microsoft.Web/sites/alpha-dev");
  const model::Resource &B = E->resource("Microsoft.Web/sites/beta-dev");
  CHECK(E->hasEdge(A.Id, D0.Id, EdgeKind::Parent));
  CHECK(E->hasEdge(B.Id, D1.Id, EdgeKind::Parent));
  CHECK(at(A.Properties, "properties.upper").asString() == "ALPHA");
  model::Value Secret = at(A.Properties, "properties.secret");
  REQUIRE(Secret.is(ValueKind::Unknown));
  CHECK(Secret.asString() ==
        "parameter 'secret' comes from a Key Vault reference");
  // The deployment's own context: its name and target resource group; the
  // rest of resourceGroup() is unknown there, the subscription is shared.
  CHECK(at(A.Properties, "properties.deployment").asString() == "inner0");
  CHECK(at(A.Properties, "properties.group").asString() == "otherRg");
  CHECK(at(A.Properties, "properties.location").is(ValueKind::Unknown));
  CHECK(at(A.Properties, "properties.sub").asString() == "sub1");
  // The outer copy loop means nothing in the nested template.
  CHECK(at(A.Properties, "properties.copyIndex").is(ValueKind::Unknown));
  // An inner resource whose name is unknown: "<deployment id>/<path>".
  const model::Resource &Farm =
      E->resource("Microsoft.Resources/deployments/inner0/resources[1]");
  CHECK(Farm.Name.asString() == "parameter 'unset' has no value");
  E->resource("Microsoft.Resources/deployments/inner1/resources[1]");

  const model::Resource &C = E->resource("Microsoft.Web/sites/consumer");
  CHECK(at(C.Properties, "properties.first").asString() == "alpha-dev");
  CHECK(at(C.Properties, "properties.second").asString() == "beta-dev");
  CHECK(at(C.Properties, "properties.state").asString() ==
        "reference('inner0').provisioningState is known only at deployment");
  CHECK(E->hasEdge(C.Id, D0.Id, EdgeKind::Reference));
  CHECK(E->hasEdge(C.Id, D1.Id, EdgeKind::Reference));
  CHECK(E->hasEdge(C.Id, D0.Id, EdgeKind::DependsOn));
  CHECK(E->hasEdge(C.Id, D1.Id, EdgeKind::DependsOn));
}

TEST_CASE("arm template: nested deployment outputs and conditions",
          "[armtpl]") {
  auto E = evaluate(R"({
  "parameters": {"deploy": {"type": "bool"}},
  "resources": [
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
     "name": "off", "condition": false,
     "properties": {"mode": "Incremental", "template": {"resources": [
       {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "a"},
       {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "b",
        "condition": true}]}}},
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
     "name": "maybe", "condition": "[parameters('deploy')]",
     "properties": {"mode": "Incremental", "template": {"resources": [
       {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "c"},
       {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "d",
        "condition": true},
       {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "e",
        "condition": false}]}}},
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
     "name": "linked",
     "properties": {"mode": "Incremental",
                    "templateLink": {"relativePath": "child.json"}}}
  ]
})");
  auto Cond = [&](llvm::StringRef Id) {
    const model::Resource &R = E->resource(Id);
    REQUIRE(R.Condition);
    return *R.Condition;
  };
  CHECK(json(Cond("Microsoft.Web/sites/a")) == "false");
  CHECK(json(Cond("Microsoft.Web/sites/b")) == "false");
  CHECK(Cond("Microsoft.Web/sites/c").asString() ==
        "parameter 'deploy' has no value");
  CHECK(Cond("Microsoft.Web/sites/d").is(ValueKind::Unknown));
  CHECK(json(Cond("Microsoft.Web/sites/e")) == "false");
  // A templateLink deployment stays as it is.
  const model::Resource &L =
      E->resource("Microsoft.Resources/deployments/linked");
  CHECK(at(L.Properties, "properties.templateLink.relativePath").asString() ==
        "child.json");
  CHECK(E->Unit.Graph.resources().size() == 8);
}

TEST_CASE("arm template: inner scopes inside inner scopes", "[armtpl]") {
  auto E = evaluate(R"({
  "parameters": {"base": {"type": "string", "defaultValue": "app"}},
  "resources": [
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
     "name": "level1",
     "properties": {
       "mode": "Incremental",
       "expressionEvaluationOptions": {"scope": "inner"},
       "parameters": {"p": {"value": "[parameters('base')]"}},
       "template": {
         "parameters": {"p": {"type": "string"}},
         "resources": [
           {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
            "name": "level2",
            "properties": {
              "mode": "Incremental",
              "expressionEvaluationOptions": {"scope": "inner"},
              "parameters": {"q": {"value": "[concat(parameters('p'), '-2')]"}},
              "template": {
                "parameters": {"q": {"type": "string"}},
                "resources": [
                  {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01",
                   "name": "[parameters('q')]"}
                ],
                "outputs": {"site": {"type": "string", "value": "[parameters('q')]"}}
              }
            }}
         ],
         "outputs": {"site": {"type": "string",
                              "value": "[reference('level2').outputs.site.value]"}}
       }
     }},
    {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "front",
     "properties": {"backend": "[reference('level1').outputs.site.value]"}}
  ]
})");
  const model::Resource &L1 =
      E->resource("Microsoft.Resources/deployments/level1");
  const model::Resource &L2 =
      E->resource("Microsoft.Resources/deployments/level2");
  const model::Resource &Site = E->resource("Microsoft.Web/sites/app-2");
  CHECK(E->hasEdge(L2.Id, L1.Id, EdgeKind::Parent));
  CHECK(E->hasEdge(Site.Id, L2.Id, EdgeKind::Parent));
  CHECK(at(E->resource("Microsoft.Web/sites/front").Properties,
           "properties.backend")
            .asString() == "app-2");
  CHECK(E->Unit.Diagnostics.empty());
}

TEST_CASE("arm template: nested deployments stop at a depth limit",
          "[armtpl]") {
  // Deployment dI declares site sI and deployment d(I+1), ten levels deep.
  std::string Tpl = R"({"resources": []})";
  for (int I = 10; I >= 1; --I) {
    std::string N = std::to_string(I);
    Tpl = R"({"resources": [
      {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01", "name": "s)" +
          N + R"("},
      {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
       "name": "d)" +
          N + R"(", "properties": {"mode": "Incremental", "template": )" + Tpl +
          "}}]}";
  }
  auto E = evaluate(Tpl);
  // s1 is top level; d1..d8 are expanded, so s2..s9 exist; d9 is kept but
  // not expanded.
  for (int I = 1; I <= 9; ++I)
    E->resource("Microsoft.Web/sites/s" + std::to_string(I));
  E->resource("Microsoft.Resources/deployments/d9");
  CHECK(!E->Unit.Graph.find("Microsoft.Web/sites/s10"));
  CHECK(!E->Unit.Graph.find("Microsoft.Resources/deployments/d10"));
  CHECK(E->hasDiagnostic("nested deployments go deeper than 8 levels"));
  CHECK(E->hasEdge("Microsoft.Resources/deployments/d9",
                   "Microsoft.Resources/deployments/d8", EdgeKind::Parent));
}

TEST_CASE("arm template: parameter constraints", "[armtpl]") {
  const char *Text = R"({
  "parameters": {
    "sku": {"type": "string", "defaultValue": "Premium_LRS",
            "allowedValues": ["Standard_LRS", "Standard_GRS"]},
    "tier": {"type": "string", "allowedValues": ["Hot", "Cool"]},
    "zones": {"type": "array", "allowedValues": ["1", "2", "3"]},
    "count": {"type": "int", "minValue": 1, "maxValue": 5},
    "name": {"type": "string", "minLength": 3, "maxLength": 4},
    "tags": {"type": "array", "maxLength": 1}
  },
  "resources": []
})";
  SECTION("defaults and the parameter file") {
    auto E = evaluate(Text, R"({"parameters": {
      "tier": {"value": "cool"},
      "zones": {"value": ["1", "4"]},
      "count": {"value": 9},
      "name": {"value": "ab"},
      "tags": {"value": ["x", "y"]}
    }})");
    std::vector<std::string> Messages;
    for (const model::FileDiagnostic &D : E->Unit.Diagnostics) {
      CHECK(D.D.Level == Severity::Warning);
      Messages.push_back(D.File + ":" + std::to_string(D.D.Range.Start.Line) +
                         ": " + D.D.Message);
    }
    // A string that differs in case only is allowed (Azure compares
    // allowedValues ignoring case), so 'tier' has no warning.
    CHECK(Messages ==
          std::vector<std::string>{
              "main.json:3: parameter 'sku' is \"Premium_LRS\", which is not "
              "one of its allowedValues [\"Standard_LRS\",\"Standard_GRS\"]",
              "main.parameters.json:3: parameter 'zones' has element \"4\", "
              "which is not one of its allowedValues [\"1\",\"2\",\"3\"]",
              "main.parameters.json:4: parameter 'count' is 9, more than its "
              "maxValue 5",
              "main.parameters.json:5: parameter 'name' has length 2, less "
              "than its minLength 3",
              "main.parameters.json:6: parameter 'tags' has length 2, more "
              "than its maxLength 1"});
  }
  SECTION("--param values are reported at the declaration") {
    auto E = evaluate(
        Text, {},
        {{"sku", "Standard_GRS"},
         {"count", "0"},
         {"name", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80"}});
    REQUIRE(E->Unit.Diagnostics.size() == 2);
    const model::FileDiagnostic &Count = E->Unit.Diagnostics[0];
    CHECK(Count.D.Message ==
          "parameter 'count' is 0, less than its minValue 1");
    CHECK(Count.D.Range.Start.Line == 7);
    // Three emoji are six UTF-16 code units, as .NET counts them.
    CHECK(E->Unit.Diagnostics[1].D.Message ==
          "parameter 'name' has length 6, more than its maxLength 4");
  }
}

TEST_CASE("arm template: nested deployment parameter constraints", "[armtpl]") {
  auto E = evaluate(R"({
  "resources": [
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
     "name": "nested",
     "properties": {"mode": "Incremental",
                    "expressionEvaluationOptions": {"scope": "inner"},
                    "parameters": {"size": {"value": "XL"}, "extra": {"value": 1}},
                    "template": {"parameters": {"size": {"type": "string",
                                                         "allowedValues": ["S", "M"]}},
                                 "resources": []}}}
  ]
})");
  REQUIRE(E->Unit.Diagnostics.size() == 2);
  // At the value the deployment passes (line 7).
  CHECK(E->Unit.Diagnostics[0].D.Message ==
        "parameter 'extra' is not declared in the nested template");
  CHECK(E->Unit.Diagnostics[1].D.Message ==
        "parameter 'size' is \"XL\", which is not one of its allowedValues "
        "[\"S\",\"M\"]");
  CHECK(E->Unit.Diagnostics[1].D.Range.Start.Line == 7);
}

TEST_CASE("arm template: resourceId() with unknown names", "[armtpl]") {
  auto E = evaluate(R"({
  "parameters": {"vnetName": {"type": "string"}},
  "resources": [
    {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01",
     "name": "[parameters('vnetName')]"},
    {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01",
     "name": "known"},
    {"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-04-01",
     "name": "nic",
     "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]",
                   "[resourceId('Microsoft.Network/virtualNetworks', 'other')]"]},
    {"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-04-01",
     "name": "nic2",
     "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', 'known')]"]}
  ]
})");
  const char *Nic = "Microsoft.Network/networkInterfaces/nic";
  // The only virtual network whose name is unknown.
  CHECK(E->hasEdge(Nic, "resources[0]", EdgeKind::DependsOn));
  CHECK(E->hasEdge("Microsoft.Network/networkInterfaces/nic2",
                   "Microsoft.Network/virtualNetworks/known",
                   EdgeKind::DependsOn));
  CHECK(E->Unit.Graph.edges().size() == 2);
}

TEST_CASE("arm template: user-defined functions", "[armtpl]") {
  auto E = evaluate(R"({
  "parameters": {"prefix": {"type": "string", "defaultValue": "Contoso"}},
  "functions": [{"namespace": "contoso", "members": {
    "uniqueName": {"parameters": [{"name": "namePrefix", "type": "string"}],
                   "output": {"type": "string",
                              "value": "[toLower(concat(parameters('namePrefix'), '-app'))]"}}}}],
  "resources": [
    {"type": "Microsoft.Web/sites", "apiVersion": "2022-03-01",
     "name": "[contoso.uniqueName(parameters('prefix'))]",
     "properties": {"bad": "[contoso.missing()]",
                    "arity": "[contoso.uniqueName()]"}}
  ]
})");
  const model::Resource &R = E->resource("Microsoft.Web/sites/contoso-app");
  CHECK(at(R.Properties, "properties.bad").asString() ==
        "user function 'contoso.missing' is not declared");
  CHECK(at(R.Properties, "properties.arity").is(ValueKind::Unknown));
  CHECK(E->hasDiagnostic("takes 1 argument(s), found 0"));
}
