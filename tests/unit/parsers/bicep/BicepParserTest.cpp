//===- BicepParserTest.cpp - Bicep and .bicepparam parsing ----------------===//
#include "parsers/bicep/BicepParser.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

using namespace rampart;

namespace {

struct Parsed {
  std::unique_ptr<SourceFile> File;
  Document Doc;

  const Node &root() const { return *Doc.root(); }
  const Node &stmt(size_t I) const {
    REQUIRE(Doc.root());
    REQUIRE(I < Doc.root()->Items.size());
    return *Doc.root()->Items[I];
  }
  size_t errorCount() const {
    size_t N = 0;
    for (const Diagnostic &D : Doc.diagnostics())
      N += D.Level == Severity::Error;
    return N;
  }
};

Parsed parse(llvm::StringRef Text, FileRole Role = FileRole::Template) {
  auto File = SourceFile::fromText(
      Role == FileRole::Parameters ? "main.bicepparam" : "main.bicep", Text);
  Document Doc = parsers::parseBicep(*File, Role);
  return Parsed{std::move(File), std::move(Doc)};
}

std::string str(const SourceRange &R) {
  return std::to_string(R.Start.Line) + ":" + std::to_string(R.Start.Column) +
         "-" + std::to_string(R.End.Line) + ":" + std::to_string(R.End.Column);
}

const Node &get(const Node &N, llvm::StringRef Key) {
  const Node *V = N.get(Key);
  INFO("missing entry " << Key.str());
  REQUIRE(V);
  return *V;
}

const Node &item(const Node &N, size_t I) {
  REQUIRE(I < N.Items.size());
  return *N.Items[I];
}

std::string diags(const Parsed &P) {
  std::string Out;
  for (const Diagnostic &D : P.Doc.diagnostics())
    Out += std::string(severityName(D.Level)) + " " + str(D.Range) + " " +
           D.Message + "\n";
  return Out;
}

unsigned treeDepth(const Node *Root) {
  unsigned Max = 0;
  std::vector<std::pair<const Node *, unsigned>> Stack{{Root, 1}};
  while (!Stack.empty()) {
    auto [N, D] = Stack.back();
    Stack.pop_back();
    Max = std::max(Max, D);
    for (const Node *I : N->Items)
      Stack.push_back({I, D + 1});
    for (const MapEntry &E : N->Entries)
      Stack.push_back({E.Value, D + 1});
  }
  return Max;
}

} // namespace

TEST_CASE("bicep: parameters with decorators and exact positions", "[bicep]") {
  Parsed P = parse("@description('Storage SKU')\n"
                   "@allowed([\n"
                   "  'Standard_LRS'\n"
                   "])\n"
                   "param sku string = 'Standard_LRS'\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  CHECK(P.root().isExpression("program"));
  REQUIRE(P.root().Items.size() == 1);
  const Node &Param = P.stmt(0);
  CHECK(Param.isExpression("param"));
  CHECK(Param.Text == "sku");
  CHECK(str(Param.Range) == "5:1-5:34");
  const Node &Name = get(Param, "name");
  CHECK(Name.is(NodeKind::String));
  CHECK(Name.Text == "sku");
  CHECK(str(Name.Range) == "5:7-5:10");
  const Node &Type = get(Param, "type");
  CHECK(Type.isExpression("type-ref"));
  CHECK(Type.Text == "string");
  CHECK(str(Type.Range) == "5:11-5:17");
  const Node &Value = get(Param, "value");
  CHECK(Value.is(NodeKind::String));
  CHECK(Value.Text == "Standard_LRS");
  CHECK(str(Value.Range) == "5:20-5:34");

  const Node &Decorators = get(Param, "decorators");
  CHECK(Decorators.is(NodeKind::List));
  REQUIRE(Decorators.Items.size() == 2);
  const Node &Description = item(Decorators, 0);
  CHECK(Description.isExpression("decorator"));
  CHECK(Description.Text == "description");
  CHECK(str(Description.Range) == "1:1-1:28");
  REQUIRE(Description.Items.size() == 1);
  CHECK(item(Description, 0).Text == "Storage SKU");
  CHECK(str(item(Description, 0).Range) == "1:14-1:27");
  const Node &Allowed = item(Decorators, 1);
  CHECK(Allowed.Text == "allowed");
  CHECK(str(Allowed.Range) == "2:1-4:3");
  const Node &List = item(Allowed, 0);
  CHECK(List.is(NodeKind::List));
  CHECK(str(List.Range) == "2:10-4:2");
  REQUIRE(List.Items.size() == 1);
  CHECK(str(item(List, 0).Range) == "3:3-3:17");
}

TEST_CASE("bicep: namespaced decorators and nullable custom types", "[bicep]") {
  Parsed P =
      parse("@sys.description('x')\n"
            "param lock lockType?\n"
            "param tags resourceInput<'Microsoft.Web/sites@2024-04-01'>.tags?\n"
            "param mode\n"
            "  | 'A'\n"
            "  | 'B'\n"
            "param items string[] = []\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  REQUIRE(P.root().Items.size() == 4);
  const Node &Decorator = item(get(P.stmt(0), "decorators"), 0);
  CHECK(Decorator.Text == "description");
  CHECK(get(Decorator, "target").isExpression("identifier"));
  CHECK(get(Decorator, "target").Text == "sys");

  const Node &Lock = get(P.stmt(0), "type");
  CHECK(Lock.isExpression("nullable-type"));
  CHECK(str(Lock.Range) == "2:12-2:21");
  CHECK(item(Lock, 0).isExpression("type-ref"));
  CHECK(item(Lock, 0).Text == "lockType");

  const Node &Tags = get(P.stmt(1), "type");
  CHECK(Tags.isExpression("nullable-type"));
  const Node &Member = item(Tags, 0);
  CHECK(Member.isExpression("type-member"));
  CHECK(Member.Text == "tags");
  const Node &Resource = item(Member, 0);
  CHECK(Resource.isExpression("resource-type"));
  CHECK(Resource.Text == "resourceInput");
  CHECK(str(Resource.Range) == "3:12-3:59");
  CHECK(item(Resource, 0).Text == "Microsoft.Web/sites@2024-04-01");

  const Node &Union = get(P.stmt(2), "type");
  CHECK(Union.isExpression("union-type"));
  CHECK(str(Union.Range) == "5:3-6:8");
  REQUIRE(Union.Items.size() == 2);
  CHECK(item(Union, 0).Text == "A");
  CHECK(item(Union, 1).Text == "B");

  const Node &Array = get(P.stmt(3), "type");
  CHECK(Array.isExpression("array-type"));
  CHECK(item(Array, 0).Text == "string");
  CHECK(get(P.stmt(3), "value").is(NodeKind::List));
}

TEST_CASE("bicep: resources, existing, nested resources and key ranges",
          "[bicep]") {
  Parsed P =
      parse("resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
            "  name: 'stlogs'\n"
            "  'kind': 'StorageV2'\n"
            "  properties: {\n"
            "    supportsHttpsTrafficOnly: false\n"
            "  }\n"
            "  resource blob 'blobServices' = {\n"
            "    name: 'default'\n"
            "  }\n"
            "}\n"
            "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n"
            "  name: 'kv'\n"
            "}\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  REQUIRE(P.root().Items.size() == 2);
  const Node &St = P.stmt(0);
  CHECK(St.isExpression("resource"));
  CHECK(St.Text == "st");
  CHECK(str(St.Range) == "1:1-10:2");
  CHECK(str(get(St, "name").Range) == "1:10-1:12");
  const Node &Type = get(St, "type");
  CHECK(Type.Text == "Microsoft.Storage/storageAccounts@2023-01-01");
  CHECK(str(Type.Range) == "1:13-1:59");
  CHECK(St.get("existing") == nullptr);

  const Node &Body = get(St, "value");
  CHECK(Body.is(NodeKind::Map));
  CHECK(str(Body.Range) == "1:62-10:2");
  REQUIRE(Body.Entries.size() == 4);
  CHECK(Body.Entries[0].Key == "name");
  CHECK(str(Body.Entries[0].KeyRange) == "2:3-2:7");
  CHECK(str(Body.Entries[0].Value->Range) == "2:9-2:17");
  CHECK(Body.Entries[1].Key == "kind");
  CHECK(str(Body.Entries[1].KeyRange) == "3:3-3:9");
  const Node &Https = get(get(Body, "properties"), "supportsHttpsTrafficOnly");
  CHECK(Https.is(NodeKind::Bool));
  CHECK_FALSE(Https.BoolValue);
  CHECK(str(Https.Range) == "5:31-5:36");

  const MapEntry &Nested = Body.Entries[3];
  CHECK(Nested.Key == "blob");
  CHECK(str(Nested.KeyRange) == "7:12-7:16");
  REQUIRE(Nested.Value->isExpression("resource"));
  CHECK(str(Nested.Value->Range) == "7:3-9:4");
  CHECK(get(*Nested.Value, "type").Text == "blobServices");
  CHECK(get(get(*Nested.Value, "value"), "name").Text == "default");

  const Node &Kv = P.stmt(1);
  const Node &Existing = get(Kv, "existing");
  CHECK(Existing.is(NodeKind::Bool));
  CHECK(Existing.BoolValue);
  CHECK(str(Existing.Range) == "11:52-11:60");
}

TEST_CASE("bicep: conditions and loops on resources and modules", "[bicep]") {
  Parsed P = parse(
      "resource r 'A/b@1' = if (deploy && env != 'dev') {\n"
      "  name: 'r'\n"
      "}\n"
      "module m './mod.bicep' = [for (cfg, i) in configs: if (cfg.enabled) {\n"
      "  name: 'm${i}'\n"
      "  params: {}\n"
      "}]\n"
      "var names = [for x in range(0, 3): 'n${x}']\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &If = get(P.stmt(0), "value");
  CHECK(If.isExpression("if"));
  CHECK(str(If.Range) == "1:22-3:2");
  const Node &Cond = get(If, "condition");
  CHECK(Cond.isExpression("binary"));
  CHECK(Cond.Text == "&&");
  CHECK(str(Cond.Range) == "1:26-1:48");
  CHECK(item(Cond, 1).Text == "!=");
  CHECK(get(If, "body").is(NodeKind::Map));

  const Node &Module = P.stmt(1);
  CHECK(Module.isExpression("module"));
  CHECK(get(Module, "type").Text == "./mod.bicep");
  const Node &For = get(Module, "value");
  CHECK(For.isExpression("for"));
  CHECK(str(For.Range) == "4:26-7:3");
  CHECK(get(For, "item").Text == "cfg");
  CHECK(str(get(For, "item").Range) == "4:32-4:35");
  CHECK(get(For, "index").Text == "i");
  CHECK(get(For, "source").Text == "configs");
  const Node &Filter = get(For, "body");
  CHECK(Filter.isExpression("if"));
  CHECK(get(Filter, "condition").isExpression("member"));
  CHECK(get(Filter, "condition").Text == "enabled");
  const Node &Name = get(get(Filter, "body"), "name");
  CHECK(Name.isExpression("interpolation"));

  const Node &Names = get(P.stmt(2), "value");
  CHECK(Names.isExpression("for"));
  CHECK(Names.get("index") == nullptr);
  CHECK(get(Names, "source").isExpression("call"));
  CHECK(get(Names, "source").Text == "range");
  CHECK(get(Names, "body").isExpression("interpolation"));
}

TEST_CASE("bicep: string escapes, multi-line strings and interpolation",
          "[bicep]") {
  Parsed P = parse("var a = 'it\\'s \\\\ \\n\\t\\$ \\u{1F600}'\n"
                   "var b = '''\n"
                   "line1\n"
                   "  'quoted' ${x}\n"
                   "'''\n"
                   "var c = 'pre${name}mid${toLower('X')}'\n"
                   "var d = '${x}'\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  CHECK(get(P.stmt(0), "value").Text == "it's \\ \n\t$ \xF0\x9F\x98\x80");
  const Node &B = get(P.stmt(1), "value");
  CHECK(B.is(NodeKind::String));
  CHECK(B.Text == "line1\n  'quoted' ${x}\n");
  CHECK(str(B.Range) == "2:9-5:4");

  const Node &C = get(P.stmt(2), "value");
  CHECK(C.isExpression("interpolation"));
  CHECK(str(C.Range) == "6:9-6:39");
  REQUIRE(C.Items.size() == 5);
  CHECK(item(C, 0).Text == "pre");
  CHECK(str(item(C, 0).Range) == "6:10-6:13");
  CHECK(item(C, 1).isExpression("identifier"));
  CHECK(str(item(C, 1).Range) == "6:15-6:19");
  CHECK(item(C, 2).Text == "mid");
  CHECK(str(item(C, 2).Range) == "6:20-6:23");
  CHECK(item(C, 3).isExpression("call"));
  CHECK(item(C, 3).Text == "toLower");
  CHECK(item(C, 4).is(NodeKind::String));
  CHECK(item(C, 4).Text.empty());
  CHECK(str(item(C, 4).Range) == "6:38-6:38");

  const Node &D = get(P.stmt(3), "value");
  REQUIRE(D.Items.size() == 3);
  CHECK(item(D, 0).Text.empty());
  CHECK(item(D, 1).Text == "x");
  CHECK(item(D, 2).Text.empty());
}

TEST_CASE("bicep: an invalid escape is reported at the escape", "[bicep]") {
  Parsed P = parse("var a = 'x\\qy'\n");
  REQUIRE(P.Doc.diagnostics().size() == 1);
  CHECK(str(P.Doc.diagnostics()[0].Range) == "1:11-1:13");
  CHECK(P.Doc.diagnostics()[0].Message == "invalid escape sequence '\\q'");
  CHECK(get(P.stmt(0), "value").Text == "x\\qy");
}

TEST_CASE("bicep: operators, accessors and calls", "[bicep]") {
  Parsed P = parse("var a = x || y && !z\n"
                   "var b = p.?q[?0]!.r\n"
                   "var c = st::child.id\n"
                   "var d = az.resourceGroup().location\n"
                   "var e = stg.listKeys().keys[0].value\n"
                   "var f = (1 + 2) * -3\n"
                   "var g = cond\n"
                   "  ? 'yes'\n"
                   "  : v ?? 'no'\n"
                   "var h = - 4\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &A = get(P.stmt(0), "value");
  CHECK(A.Text == "||");
  CHECK(item(A, 1).Text == "&&");
  CHECK(item(item(A, 1), 1).isExpression("unary"));
  CHECK(item(item(A, 1), 1).Text == "!");

  const Node &B = get(P.stmt(1), "value");
  CHECK(B.isExpression("member"));
  CHECK(B.Text == "r");
  CHECK(str(B.Range) == "2:9-2:20");
  const Node &NonNull = item(B, 0);
  CHECK(NonNull.isExpression("non-null"));
  const Node &SafeIndex = item(NonNull, 0);
  CHECK(SafeIndex.isExpression("safe-index"));
  CHECK(item(SafeIndex, 1).Text == "0");
  CHECK(item(SafeIndex, 0).isExpression("safe-member"));
  CHECK(item(SafeIndex, 0).Text == "q");

  const Node &C = get(P.stmt(2), "value");
  CHECK(C.Text == "id");
  CHECK(item(C, 0).isExpression("nested-resource"));
  CHECK(item(C, 0).Text == "child");

  const Node &D = get(P.stmt(3), "value");
  const Node &Rg = item(D, 0);
  CHECK(Rg.isExpression("call"));
  CHECK(Rg.Text == "resourceGroup");
  CHECK(Rg.Items.empty());
  CHECK(get(Rg, "target").Text == "az");
  CHECK(str(Rg.Range) == "4:9-4:27");

  const Node &E = get(P.stmt(4), "value");
  const Node &ListKeys = item(item(item(E, 0), 0), 0);
  CHECK(ListKeys.isExpression("call"));
  CHECK(ListKeys.Text == "listKeys");
  CHECK(get(ListKeys, "target").isExpression("identifier"));

  const Node &F = get(P.stmt(5), "value");
  CHECK(F.Text == "*");
  CHECK(item(F, 0).Text == "+");
  CHECK(str(item(F, 0).Range) == "6:10-6:15");
  CHECK(item(F, 1).is(NodeKind::Number));
  CHECK(item(F, 1).Text == "-3");
  CHECK(str(item(F, 1).Range) == "6:19-6:21");

  const Node &G = get(P.stmt(6), "value");
  CHECK(G.isExpression("ternary"));
  CHECK(str(G.Range) == "7:9-9:14");
  REQUIRE(G.Items.size() == 3);
  CHECK(item(G, 1).Text == "yes");
  CHECK(item(G, 2).Text == "??");

  const Node &H = get(P.stmt(7), "value");
  CHECK(H.isExpression("unary"));
  CHECK(H.Text == "-");
  CHECK(item(H, 0).Text == "4");
}

TEST_CASE("bicep: lambdas, spreads and interpolated keys", "[bicep]") {
  Parsed P = parse("var a = map(xs, x => x.name)\n"
                   "var b = reduce(xs, 0, (cur, next) => cur + next)\n"
                   "var c = {\n"
                   "  ...base\n"
                   "  k: 1\n"
                   "}\n"
                   "var d = [\n"
                   "  1\n"
                   "  ...more\n"
                   "  -1\n"
                   "]\n"
                   "var e = {\n"
                   "  '${id}': {}\n"
                   "  plain: 2\n"
                   "}\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  const Node &Map = get(P.stmt(0), "value");
  const Node &Lambda = item(Map, 1);
  CHECK(Lambda.isExpression("lambda"));
  CHECK(str(Lambda.Range) == "1:17-1:28");
  const Node &Params = get(Lambda, "parameters");
  REQUIRE(Params.Items.size() == 1);
  CHECK(item(Params, 0).Text == "x");
  CHECK(get(Lambda, "body").isExpression("member"));

  const Node &Reduce = item(get(P.stmt(1), "value"), 2);
  CHECK(Reduce.isExpression("lambda"));
  REQUIRE(get(Reduce, "parameters").Items.size() == 2);
  CHECK(item(get(Reduce, "parameters"), 1).Text == "next");
  CHECK(get(Reduce, "body").Text == "+");

  const Node &C = get(P.stmt(2), "value");
  CHECK(C.is(NodeKind::Map));
  REQUIRE(C.Entries.size() == 2);
  CHECK(C.Entries[0].Key == "...");
  CHECK(str(C.Entries[0].KeyRange) == "4:3-4:6");
  CHECK(C.Entries[0].Value->isExpression("spread"));
  CHECK(item(*C.Entries[0].Value, 0).Text == "base");

  const Node &D = get(P.stmt(3), "value");
  REQUIRE(D.Items.size() == 3);
  CHECK(item(D, 1).isExpression("spread"));
  CHECK(item(D, 2).is(NodeKind::Number));
  CHECK(item(D, 2).Text == "-1");

  const Node &E = get(P.stmt(4), "value");
  CHECK(E.isExpression("object"));
  REQUIRE(E.Items.size() == 2);
  const Node &Dynamic = item(E, 0);
  CHECK(Dynamic.isExpression("property"));
  CHECK(item(Dynamic, 0).isExpression("interpolation"));
  CHECK(str(item(Dynamic, 0).Range) == "13:3-13:10");
  CHECK(item(Dynamic, 1).is(NodeKind::Map));
  CHECK(item(item(E, 1), 0).Text == "plain");
  CHECK(str(item(item(E, 1), 0).Range) == "14:3-14:8");
}

TEST_CASE("bicep: comments and pragmas leave positions intact", "[bicep]") {
  Parsed P = parse("// leading comment\n"
                   "/* block\n"
                   "   comment */ var a = { // trailing\n"
                   "  #disable-next-line no-hardcoded-location\n"
                   "  b: /* inline */ 'x' /* tail */\n"
                   "}\n"
                   "var url = 'https://example.com/*not a comment*/'\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  REQUIRE(P.root().Items.size() == 2);
  CHECK(str(P.stmt(0).Range) == "3:15-6:2");
  const Node &B = get(P.stmt(0), "value");
  REQUIRE(B.Entries.size() == 1);
  CHECK(str(B.Entries[0].KeyRange) == "5:3-5:4");
  CHECK(str(B.Entries[0].Value->Range) == "5:19-5:22");
  CHECK(get(P.stmt(1), "value").Text == "https://example.com/*not a comment*/");
}

TEST_CASE("bicep: types, functions, imports and other statements", "[bicep]") {
  Parsed P =
      parse("targetScope = 'subscription'\n"
            "metadata name = 'demo'\n"
            "import { lockType, roleType as rt } from 'br/public:types:0.1.0'\n"
            "import * as shared from './shared.bicep'\n"
            "extension microsoftGraphV1\n"
            "@export()\n"
            "type config = {\n"
            "  @description('The name')\n"
            "  name: string\n"
            "  size: ('S' | 'M')?\n"
            "  *: int\n"
            "}\n"
            "var enabled bool = true\n"
            "func greet(who string) string => 'Hi ${who}'\n"
            "output st resource 'Microsoft.Storage/storageAccounts@2023-01-01' "
            "= stg\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  REQUIRE(P.root().Items.size() == 9);
  CHECK(P.stmt(0).isExpression("targetScope"));
  CHECK(get(P.stmt(0), "value").Text == "subscription");
  CHECK(P.stmt(1).isExpression("metadata"));

  const Node &Import = P.stmt(2);
  CHECK(Import.isExpression("import"));
  const Node &Symbols = get(Import, "symbols");
  REQUIRE(Symbols.Items.size() == 2);
  CHECK(item(Symbols, 0).Text == "lockType");
  CHECK(item(Symbols, 1).Text == "roleType");
  CHECK(get(item(Symbols, 1), "alias").Text == "rt");
  CHECK(str(item(Symbols, 1).Range) == "3:20-3:34");
  CHECK(get(Import, "from").Text == "br/public:types:0.1.0");

  CHECK(P.stmt(3).Text == "shared");
  CHECK(get(P.stmt(3), "namespace").Text == "shared");
  CHECK(P.stmt(4).isExpression("extension"));
  CHECK(get(P.stmt(4), "specification").Text == "microsoftGraphV1");

  const Node &Type = P.stmt(5);
  CHECK(Type.isExpression("type"));
  CHECK(Type.Text == "config");
  CHECK(item(get(Type, "decorators"), 0).Text == "export");
  const Node &Object = get(Type, "value");
  CHECK(Object.isExpression("object-type"));
  REQUIRE(Object.Entries.size() == 3);
  const Node &Name = *Object.Entries[0].Value;
  CHECK(Name.isExpression("property"));
  CHECK(str(Object.Entries[0].KeyRange) == "9:3-9:7");
  CHECK(get(Name, "type").Text == "string");
  CHECK(item(get(Name, "decorators"), 0).Text == "description");
  const Node &Size = get(*Object.Entries[1].Value, "type");
  CHECK(Size.isExpression("nullable-type"));
  CHECK(item(Size, 0).isExpression("union-type"));
  CHECK(Object.Entries[2].Key == "*");
  CHECK(Object.Entries[2].Value->isExpression("additional-properties"));

  CHECK(get(P.stmt(6), "type").Text == "bool");
  CHECK(get(P.stmt(6), "value").BoolValue);

  const Node &Func = P.stmt(7);
  CHECK(Func.isExpression("func"));
  const Node &FuncParams = get(Func, "parameters");
  REQUIRE(FuncParams.Items.size() == 1);
  CHECK(item(FuncParams, 0).isExpression("parameter"));
  CHECK(item(FuncParams, 0).Text == "who");
  CHECK(get(item(FuncParams, 0), "type").Text == "string");
  CHECK(get(Func, "type").Text == "string");
  CHECK(get(Func, "value").isExpression("interpolation"));

  const Node &OutputType = get(P.stmt(8), "type");
  CHECK(OutputType.isExpression("resource-type"));
  CHECK(OutputType.Text == "resource");
  CHECK(item(OutputType, 0).Text ==
        "Microsoft.Storage/storageAccounts@2023-01-01");
}

TEST_CASE("bicep: less common declarations", "[bicep]") {
  Parsed P = parse("@secure() param p string\n"
                   "import 'kubernetes@1.0.0' with {\n"
                   "  namespace: 'default'\n"
                   "} as k8s\n"
                   "provider microsoftGraph\n"
                   "using none\n"
                   "type pair = [string, @description('n') int]\n"
                   "var cost = '$5 ${x}'\n"
                   "resource parent 'A/b@1' = {\n"
                   "  @batchSize(2)\n"
                   "  resource child 'c' = {}\n"
                   "}\n"
                   "var a = 1 var b = 2\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().size() == 1);
  CHECK(P.Doc.diagnostics()[0].Message == "expected a new line, found 'var'");
  CHECK(str(P.Doc.diagnostics()[0].Range) == "13:11-13:14");
  REQUIRE(P.root().Items.size() == 8);

  const Node &Secure = item(get(P.stmt(0), "decorators"), 0);
  CHECK(Secure.Text == "secure");
  CHECK(str(Secure.Range) == "1:1-1:10");
  CHECK(str(P.stmt(0).Range) == "1:11-1:25");

  const Node &Import = P.stmt(1);
  CHECK(Import.Text == "k8s");
  CHECK(get(Import, "specification").Text == "kubernetes@1.0.0");
  CHECK(get(get(Import, "config"), "namespace").Text == "default");
  CHECK(str(get(Import, "alias").Range) == "4:6-4:9");

  CHECK(P.stmt(2).isExpression("provider"));
  CHECK(get(P.stmt(2), "specification").isExpression("identifier"));
  CHECK(P.stmt(3).isExpression("using"));
  CHECK(P.stmt(3).Text == "none");
  CHECK(P.stmt(3).get("path") == nullptr);

  const Node &Tuple = get(P.stmt(4), "value");
  CHECK(Tuple.isExpression("tuple-type"));
  REQUIRE(Tuple.Items.size() == 2);
  CHECK(get(item(Tuple, 0), "type").Text == "string");
  CHECK(item(get(item(Tuple, 1), "decorators"), 0).Text == "description");
  CHECK(str(item(Tuple, 1).Range) == "7:22-7:43");

  const Node &Cost = get(P.stmt(5), "value");
  REQUIRE(Cost.Items.size() == 3);
  CHECK(item(Cost, 0).Text == "$5 ");

  const Node &Child = get(get(P.stmt(6), "value"), "child");
  CHECK(Child.isExpression("resource"));
  CHECK(item(get(Child, "decorators"), 0).Text == "batchSize");

  CHECK(get(P.stmt(7), "value").Text == "1");
}

TEST_CASE("bicep: .bicepparam files", "[bicep]") {
  Parsed P = parse("using './main.bicep'\n"
                   "\n"
                   "param location = 'westeurope'\n"
                   "param tags = {\n"
                   "  env: readEnvironmentVariable('ENV', 'dev')\n"
                   "}\n",
                   FileRole::Parameters);
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  CHECK(P.Doc.role() == FileRole::Parameters);
  REQUIRE(P.root().Items.size() == 3);
  CHECK(P.stmt(0).isExpression("using"));
  CHECK(get(P.stmt(0), "path").Text == "./main.bicep");
  CHECK(str(get(P.stmt(0), "path").Range) == "1:7-1:21");
  const Node &Location = P.stmt(1);
  CHECK(Location.isExpression("param"));
  CHECK(Location.Text == "location");
  CHECK(Location.get("type") == nullptr);
  CHECK(str(get(Location, "value").Range) == "3:18-3:30");
  CHECK(get(get(P.stmt(2), "value"), "env").isExpression("call"));
}

TEST_CASE("bicep: a parameter needs a type in a template", "[bicep]") {
  Parsed P = parse("param location = 'westeurope'\n");
  REQUIRE(P.errorCount() == 1);
  CHECK(str(P.Doc.diagnostics()[0].Range) == "1:16-1:17");
  CHECK(get(P.stmt(0), "value").Text == "westeurope");
}

TEST_CASE("bicep: a broken statement leaves the others", "[bicep]") {
  Parsed P = parse("param a string\n"
                   "var b = 1 +* 2\n"
                   "var c = {\n"
                   "  x: 1\n"
                   "  y: )\n"
                   "  z: 3\n"
                   "}\n"
                   "output o int = c.z\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().size() == 2);
  CHECK(P.Doc.diagnostics()[0].Message == "expected an expression, found '*'");
  CHECK(str(P.Doc.diagnostics()[0].Range) == "2:12-2:13");
  CHECK(P.Doc.diagnostics()[1].Message == "expected an expression, found ')'");
  CHECK(str(P.Doc.diagnostics()[1].Range) == "5:6-5:7");
  REQUIRE(P.root().Items.size() == 4);
  CHECK(P.stmt(0).Text == "a");
  CHECK(P.stmt(1).Text == "b");
  const Node &C = get(P.stmt(2), "value");
  REQUIRE(C.Entries.size() == 2);
  CHECK(C.Entries[0].Key == "x");
  CHECK(C.Entries[1].Key == "z");
  CHECK(P.stmt(3).isExpression("output"));
}

TEST_CASE("bicep: an unclosed bracket stops at the next statement", "[bicep]") {
  Parsed P = parse("var a = concat('x',\n"
                   "var b = {\n"
                   "  k: 'v'\n"
                   "}\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().size() == 1);
  CHECK(str(P.Doc.diagnostics()[0].Range) == "2:1-2:4");
  REQUIRE(P.root().Items.size() == 2);
  CHECK(P.stmt(1).Text == "b");
  CHECK(get(get(P.stmt(1), "value"), "k").Text == "v");
}

TEST_CASE("bicep: truncated input", "[bicep]") {
  Parsed P = parse("resource r 'A/b@1' = {\n  name: 'unterminated");
  INFO(diags(P));
  REQUIRE(P.errorCount() == 2);
  CHECK(P.Doc.diagnostics()[0].Message == "unterminated string");
  CHECK(str(P.Doc.diagnostics()[0].Range) == "2:9-2:22");
  CHECK(str(P.Doc.diagnostics()[1].Range) == "2:22-2:22");
  const Node &Body = get(P.stmt(0), "value");
  CHECK(get(Body, "name").Text == "unterminated");
}

TEST_CASE("bicep: empty and blank files", "[bicep]") {
  for (const char *Text : {"", "\n\n", "// only a comment", "   \t  "}) {
    Parsed P = parse(Text);
    CHECK(P.Doc.diagnostics().empty());
    REQUIRE(P.Doc.root());
    CHECK(P.root().isExpression("program"));
    CHECK(P.root().Items.empty());
  }
}

TEST_CASE("bicep: binary garbage yields bounded diagnostics", "[bicep]") {
  std::string Garbage;
  for (int I = 0; I < 20000; ++I)
    Garbage += static_cast<char>((I * 7919 + 13) % 256);
  Garbage[100] = '\0';
  Parsed P = parse(Garbage);
  REQUIRE(P.Doc.root());
  CHECK(P.errorCount() > 0);
  CHECK(P.Doc.diagnostics().size() <= 52);
  CHECK(treeDepth(P.Doc.root()) <= MaxNestingDepth);
}

TEST_CASE("bicep: invalid UTF-8 in a string reads as U+FFFD", "[bicep]") {
  Parsed P = parse("var a = 'x\xff\xfey'\nvar b = 1\n");
  REQUIRE(P.Doc.diagnostics().size() == 1);
  CHECK(P.Doc.diagnostics()[0].Level == Severity::Warning);
  CHECK(str(P.Doc.diagnostics()[0].Range) == "1:11-1:12");
  CHECK(get(P.stmt(0), "value").Text == "x\xEF\xBF\xBD\xEF\xBF\xBDy");
  CHECK(P.root().Items.size() == 2);
}

TEST_CASE("bicep: CRLF line endings and a byte order mark", "[bicep]") {
  Parsed P = parse("\xEF\xBB\xBFparam a string\r\n"
                   "var b = '''\r\nx\r\n'''\r\n"
                   "var c = {\r\n  k: 'v'\r\n}\r\n");
  INFO(diags(P));
  REQUIRE(P.Doc.diagnostics().empty());
  REQUIRE(P.root().Items.size() == 3);
  CHECK(str(get(P.stmt(0), "name").Range) == "1:7-1:8");
  CHECK(get(P.stmt(1), "value").Text == "x\r\n");
  const Node &C = get(P.stmt(2), "value");
  CHECK(str(C.Entries[0].KeyRange) == "6:3-6:4");
  CHECK(str(C.Entries[0].Value->Range) == "6:6-6:9");
  CHECK(str(C.Range) == "5:9-7:2");
}

TEST_CASE("bicep: deep nesting is bounded", "[bicep]") {
  const int N = 10000;
  auto Check = [](const std::string &Text) {
    auto Start = std::chrono::steady_clock::now();
    Parsed P = parse(Text);
    auto Elapsed = std::chrono::steady_clock::now() - Start;
    CHECK(Elapsed < std::chrono::seconds(2));
    INFO(diags(P));
    REQUIRE(P.errorCount() == 1);
    CHECK(P.Doc.diagnostics()[0].Message == "nesting deeper than 512 levels");
    CHECK(P.Doc.diagnostics()[0].Range.Start.Line == 1);
    CHECK(treeDepth(P.Doc.root()) <= MaxNestingDepth);
    // The statement after the deep one survives.
    REQUIRE(P.root().Items.size() == 2);
    CHECK(P.stmt(1).Text == "after");
  };
  SECTION("arrays") {
    Check("var a = " + std::string(N, '[') + "1" + std::string(N, ']') +
          "\nvar after = 1\n");
  }
  SECTION("parentheses") {
    Check("var a = " + std::string(N, '(') + "1" + std::string(N, ')') +
          "\nvar after = 1\n");
  }
  SECTION("objects") {
    std::string Open, Close;
    for (int I = 0; I < N; ++I) {
      Open += "{a: ";
      Close += "}";
    }
    Check("var a = " + Open + "1" + Close + "\nvar after = 1\n");
  }
  SECTION("unary operators") {
    Check("var a = " + std::string(N, '!') + "x\nvar after = 1\n");
  }
  SECTION("member chains") {
    std::string Chain = "x";
    for (int I = 0; I < N; ++I)
      Chain += ".y";
    Check("var a = " + Chain + "\nvar after = 1\n");
  }
  SECTION("interpolations") {
    std::string Open, Close;
    for (int I = 0; I < N; ++I) {
      Open += "'${";
      Close += "}'";
    }
    Check("var a = " + Open + "1" + Close + "\nvar after = 1\n");
  }
  SECTION("types") {
    std::string Type = "type a = ";
    for (int I = 0; I < N; ++I)
      Type += "{a: ";
    Type += "int" + std::string(N, '}');
    Check(Type + "\nvar after = 1\n");
  }
}

TEST_CASE("bicep: a long but shallow file parses", "[bicep]") {
  std::string Text;
  for (int I = 0; I < 5000; ++I)
    Text += "var v" + std::to_string(I) + " = [1, 'a', {k: true}]\n";
  Parsed P = parse(Text);
  CHECK(P.Doc.diagnostics().empty());
  CHECK(P.root().Items.size() == 5000);
  CHECK(str(P.stmt(4999).Range) == "5000:1-5000:32");
}
