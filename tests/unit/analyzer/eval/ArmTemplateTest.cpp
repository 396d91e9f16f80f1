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
    const model::Resource *R = Unit.Graph.find(Id);
    INFO("resource " << Id.str());
    REQUIRE(R);
    return *R;
  }
  bool hasEdge(llvm::StringRef From, llvm::StringRef To, EdgeKind K) const {
    for (const model::Edge &E : Unit.Graph.edges())
      if (E.From == From && E.To == To && E.Kind == K)
        return true;
    return false;
  }
  bool hasDiagnostic(llvm::StringRef Fragment) const {
    for (const model::FileDiagnostic &D : Unit.Diagnostics)
      if (llvm::StringRef(D.D.Message).contains(Fragment))
        return true;
    return false;
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
  SECTION("without deployment context: resourceId() is unknown") {
    auto E = evaluate(Text);
    Check(*E);
    model::Value Id =
        at(E->resource("Microsoft.Network/networkInterfaces/nic").Properties,
           "properties.subnet.id");
    CHECK(Id.is(ValueKind::Unknown));
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
                                                   "value": "[parameters('p')]"}}}}}
  ]
})");
  const model::Resource &R =
      E->resource("Microsoft.Resources/deployments/nested");
  CHECK(at(R.Properties, "properties.parameters.p.value").asString() ==
        "disk1");
  model::Value Inner = at(R.Properties, "properties.template.outputs.o.value");
  REQUIRE(Inner.is(ValueKind::Unknown));
  CHECK(Inner.asString() == "evaluated in the scope of the nested deployment");
  CHECK(at(R.Properties, "properties.template.outputs.o.type").asString() ==
        "string");
  CHECK(E->Unit.Diagnostics.empty());
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
