//===- MapSvgTest.cpp - The network map as SVG, and `rampart map` ---------===//
//
// The SVG must be well-formed XML (checked with xmllint, which
// scripts/setup installs), name every resource, and stand alone: no
// external reference, font, script or link.
//
//===----------------------------------------------------------------------===//
#include "analyzer/report/MapSvg.h"

#include "tests/support/EvaluateFile.h"
#include "tests/support/RunRampart.h"
#include "tests/support/TempDir.h"

#include "analyzer/report/HtmlText.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

using namespace rampart;
using namespace rampart::report;
using namespace rampart::testing;

namespace {

/// An Azure network: a VNet with a subnet, a public IP on a NIC whose NSG
/// allows RDP from anywhere, a VM, and a storage account. The names are
/// hostile: markup, quotes, an ampersand.
const char *const AzureBicep = R"(
resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet-<main>'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [
      { name: 'web', properties: { addressPrefix: '10.0.1.0/24' } }
    ]
  }
}

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg "web" & co'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'AllowRdp'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '3389'
        }
      }
    ]
  }
}

resource pip 'Microsoft.Network/publicIPAddresses@2023-04-01' = {
  name: 'pip-web'
  location: 'westeurope'
  sku: { name: 'Standard' }
  properties: { publicIPAllocationMethod: 'Static' }
}

resource nic 'Microsoft.Network/networkInterfaces@2023-04-01' = {
  name: 'nic-web'
  location: 'westeurope'
  properties: {
    networkSecurityGroup: { id: nsg.id }
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          subnet: { id: '${vnet.id}/subnets/web' }
          publicIPAddress: { id: pip.id }
        }
      }
    ]
  }
}

resource vm 'Microsoft.Compute/virtualMachines@2023-03-01' = {
  name: 'vm-<script>alert(1)</script>'
  location: 'westeurope'
  properties: {
    networkProfile: { networkInterfaces: [ { id: nic.id } ] }
  }
}

resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stdata'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
)";

/// xmllint's verdict on Text; "" when it is well-formed.
std::string xmlProblems(const std::string &Text) {
  TempDir Dir;
  std::string Path = Dir.write("map.svg", Text);
  Run R = runCommand("xmllint --noout '" + Path + "' 2>&1");
  return R.Exit == 0 ? ""
                     : "xmllint exit " + std::to_string(R.Exit) + ": " + R.Out;
}

/// No fetch, font, script or link: only the SVG namespace and fragment
/// references (markers) are allowed.
void checkSelfContained(const std::string &Svg) {
  CHECK_THAT(Svg, !Catch::Contains("<script", Catch::CaseSensitive::No));
  CHECK_THAT(Svg, !Catch::Contains("href", Catch::CaseSensitive::No));
  CHECK_THAT(Svg, !Catch::Contains("@import"));
  CHECK_THAT(Svg, !Catch::Contains("@font-face"));
  CHECK_THAT(Svg, !Catch::Contains("<image"));
  CHECK_THAT(Svg, !Catch::Contains("<foreignObject"));
  CHECK_THAT(Svg, !Catch::Contains("<!DOCTYPE"));
  std::string WithoutNamespace = std::regex_replace(
      Svg, std::regex("xmlns=\"http://www.w3.org/2000/svg\""), "");
  CHECK_THAT(WithoutNamespace, !Catch::Contains("http:"));
  CHECK_THAT(WithoutNamespace, !Catch::Contains("https:"));
  std::smatch M;
  std::string Rest = Svg;
  while (std::regex_search(Rest, M, std::regex(R"(url\(([^)]*)\))"))) {
    CHECK(M[1].str().front() == '#');
    Rest = M.suffix();
  }
}

} // namespace

TEST_CASE("Map SVG is well-formed, self-contained and names every resource",
          "[map]") {
  auto File = evaluateFile("main.bicep", AzureBicep);
  std::vector<UnitMap> Maps = buildMaps(File->Units);
  std::string Svg = mapsToSvg(Maps);
  CHECK(xmlProblems(Svg) == "");
  checkSelfContained(Svg);
  CHECK_THAT(Svg, Catch::StartsWith(
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
  CHECK_THAT(Svg, !Catch::Contains("Not drawn"));
  for (const model::Resource &R : File->unit().Graph.resources()) {
    INFO(R.Id);
    CHECK_THAT(Svg, Catch::Contains(escapeMarkup(R.Id)));
  }
  // Hostile names arrive as text.
  CHECK_THAT(Svg, Catch::Contains("vm-&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(Svg, Catch::Contains("nsg &quot;web&quot; &amp; co"));
  // A resource carries its declaration for the editor's click.
  const model::Resource *Nsg = nullptr;
  for (const model::Resource &R : File->unit().Graph.resources())
    if (R.Type == "Microsoft.Network/networkSecurityGroups")
      Nsg = &R;
  REQUIRE(Nsg);
  CHECK_THAT(Svg,
             Catch::Contains(
                 "data-file=\"" + escapeMarkup(Nsg->Declaration.File->path()) +
                 "\" data-line=\"" +
                 std::to_string(Nsg->Declaration.Range.Start.Line) +
                 "\" data-column=\"" +
                 std::to_string(Nsg->Declaration.Range.Start.Column) + "\""));
  CHECK(Nsg->Declaration.Range.Start.Line == 13);
  // The VNet, with nothing placed in it here, is drawn with its name.
  CHECK_THAT(Svg, Catch::Contains("vnet-&lt;main&gt;"));
}

TEST_CASE("Map SVG highlights exposure (analysis)", "[map]") {
  auto File = evaluateFile("main.bicep", AzureBicep);
  std::vector<UnitMap> Maps = buildMaps(File->Units);
  std::string Svg = mapsToSvg(Maps);
  // analysis: the VM is reachable on 3389 through the public IP and the
  // NSG; the Internet node and the labelled edge are drawn.
  CHECK_THAT(Svg, Catch::Contains(
                      "<g class=\"node synthetic\" data-id=\"$internet\""));
  CHECK_THAT(Svg, Catch::Contains("class=\"edge exposure\""));
  CHECK_THAT(Svg, Catch::Contains("3389/tcp"));
  CHECK_THAT(Svg, Catch::Contains("<g class=\"node internet"));
}

TEST_CASE("Map SVG of one unit embeds with its own marker ids", "[map]") {
  auto File = evaluateFile("main.bicep", AzureBicep);
  std::vector<UnitMap> Maps = buildMaps(File->Units);
  llvm::Expected<std::string> Svg = unitMapSvg(Maps[0], "m7-");
  REQUIRE(static_cast<bool>(Svg));
  CHECK_THAT(*Svg,
             Catch::StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK_THAT(*Svg, Catch::Contains("<marker id=\"m7-arrow\""));
  CHECK(xmlProblems(*Svg) == "");
  checkSelfContained(*Svg);
}

TEST_CASE("Map SVG of nothing is still a document", "[map]") {
  std::string Svg = mapsToSvg({});
  CHECK(xmlProblems(Svg) == "");
  CHECK_THAT(Svg, Catch::Contains("No deployment unit was found."));
}

TEST_CASE("Map SVG survives bytes that are not UTF-8 and control characters",
          "[map]") {
  std::string Name = std::string("bad\x01\xff\xfe") + "name";
  auto File = evaluateFile("main.bicep",
                           "resource st 'Microsoft.Storage/storageAccounts@"
                           "2023-01-01' = {\n  name: '" +
                               Name + "'\n  location: 'westeurope'\n}\n");
  std::vector<UnitMap> Maps = buildMaps(File->Units);
  std::string Svg = mapsToSvg(Maps);
  CHECK(xmlProblems(Svg) == "");
}

TEST_CASE("rampart map writes each format for the examples", "[map][cli]") {
  std::string Examples = std::string(RAMPART_SOURCE_DIR) + "/examples";
  TempDir Dir;
  std::string SvgPath = Dir.path() + "/map.svg";
  Run Svg =
      runRampart("map '" + Examples + "' --format svg -o '" + SvgPath + "'");
  REQUIRE(Svg.Exit == 0);
  Run Lint = runCommand("xmllint --noout '" + SvgPath + "'");
  CHECK(Lint.Exit == 0);
  Run Graph = runRampart("graph '" + Examples + "' --format json", false);
  REQUIRE(Graph.Exit == 0);
  auto Units = nlohmann::json::parse(Graph.Out)["units"];
  Run Text = runCommand("cat '" + SvgPath + "'");
  for (const auto &U : Units)
    for (const auto &R : U["resources"]) {
      if (R["type"] == "provider")
        continue;
      INFO(R["id"]);
      CHECK_THAT(Text.Out,
                 Catch::Contains(escapeMarkup(R["id"].get<std::string>())));
    }

  Run Json = runRampart("map '" + Examples + "' --format json", false);
  REQUIRE(Json.Exit == 0);
  auto J = nlohmann::json::parse(Json.Out);
  CHECK(J["units"].size() == Units.size());
  for (const auto &U : J["units"]) {
    CHECK(U["nodes"].is_array());
    CHECK(U["edges"].is_array());
    CHECK(U["paths"].is_array());
  }

  Run Dot = runRampart("map '" + Examples + "' --format dot", false);
  CHECK(Dot.Exit == 0);
  CHECK_THAT(Dot.Out, Catch::StartsWith("digraph \"rampart_map\" {"));
  Run Mermaid = runRampart("map '" + Examples + "' --format mermaid", false);
  CHECK(Mermaid.Exit == 0);
  CHECK_THAT(Mermaid.Out, Catch::StartsWith("flowchart LR\n"));

  Run Bad = runRampart("map '" + Examples + "' --format png");
  CHECK(Bad.Exit == 2);
}

TEST_CASE("rampart map draws every CloudFormation template of the corpus",
          "[map][corpus]") {
  // ../shared/corpus holds real-world templates; absent, nothing to check.
  std::string Corpus =
      std::string(RAMPART_SOURCE_DIR) + "/../shared/corpus/cloudformation";
  if (runCommand("test -d '" + Corpus + "'").Exit != 0) {
    WARN("no corpus at " << Corpus << ": skipped");
    return;
  }
  TempDir Dir;
  std::string SvgPath = Dir.path() + "/corpus.svg";
  Run Svg = runRampart("map '" + Corpus + "' -o '" + SvgPath + "'");
  REQUIRE(Svg.Exit == 0);
  CHECK(runCommand("xmllint --noout '" + SvgPath + "'").Exit == 0);
  // Every unit laid out: none too large, Graphviz never failed.
  CHECK(runCommand("grep -c 'Not drawn' '" + SvgPath + "'").Out == "0\n");
}
