//===- MapTest.cpp - The network map model and its text renderers ---------===//
//
// Two kinds of case. Hand-made network models test what the map does with
// them (grouping, chains merged into edges with their ports, paths, context
// edges) without depending on the exposure analysis. Real templates then
// test the whole pipeline; their exposure assertions rely on
// exposure::analyzeNetwork and findAttackPaths (marked "analysis:").
//
//===----------------------------------------------------------------------===//
#include "analyzer/report/Map.h"

#include "analyzer/report/MapDot.h"
#include "analyzer/report/MapJson.h"
#include "analyzer/report/MapMermaid.h"
#include "tests/support/EvaluateFile.h"

#include "llvm/ADT/StringExtras.h"

#include <catch2/catch.hpp>
#include <graphviz/cgraph.h>

#include <regex>
#include <set>

using namespace rampart;
using namespace rampart::report;
using namespace rampart::testing;

namespace {

/// A VPC with a public subnet (route to an internet gateway) holding a web
/// instance open on 22 and 443, a private subnet holding a database
/// instance, and a bucket outside any network.
const char *const AwsNetwork = R"(
provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_security_group" "web" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "web" {
  ami                         = "ami-123"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.web.id]
}

resource "aws_instance" "db" {
  ami                    = "ami-123"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.web.id]
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
)";

const model::Resource *byType(const model::DeploymentUnit &U,
                              llvm::StringRef Type, llvm::StringRef Id) {
  for (const model::Resource &R : U.Graph.resources())
    if (R.Type == Type && llvm::StringRef(R.Id).contains(Id))
      return &R;
  return nullptr;
}

exposure::Hop hop(const std::string &Id, const std::string &Label) {
  return {Id, Label, {}};
}

/// A hand-made model of AwsNetwork: what the map must do with it does not
/// depend on the analysis.
struct HandMade {
  std::unique_ptr<EvaluatedFile> File = evaluateFile("main.tf", AwsNetwork);
  const model::DeploymentUnit &U = File->unit();
  std::string Vpc = byType(U, "aws_vpc", "main")->Id;
  std::string Public = byType(U, "aws_subnet", "public")->Id;
  std::string Private = byType(U, "aws_subnet", "private")->Id;
  std::string Web = byType(U, "aws_instance", "web")->Id;
  std::string Db = byType(U, "aws_instance", "db")->Id;
  std::string Sg = byType(U, "aws_security_group", "web")->Id;
  std::string Bucket = byType(U, "aws_s3_bucket", "logs")->Id;
  exposure::PathDefinition Definition{
      "TEST-PATH-001", "Test path", check::Level::Critical, "", {}};

  exposure::NetworkModel network() const {
    exposure::NetworkModel N;
    N.Placements[Public] = {Vpc, Public, "public"};
    N.Placements[Private] = {Vpc, Private, "private"};
    N.Placements[Web] = {Vpc, Public, "public"};
    N.Placements[Db] = {Vpc, Private, "private"};
    exposure::Exposure Ssh;
    Ssh.ResourceId = Web;
    Ssh.Ports = {{22, 22, "tcp"}};
    // The subnet hop is a box on the map, not a node: it is passed over.
    Ssh.Chain = {hop("", "Internet"), hop(Public, "subnet public"),
                 hop(Sg, "sg web allows 22"), hop(Web, "instance web")};
    exposure::Exposure Https = Ssh;
    Https.Ports = {{443, 443, "tcp"}};
    exposure::Exposure Maybe;
    Maybe.ResourceId = Db;
    Maybe.State = exposure::Certainty::Possible;
    Maybe.Ports = {{5432, 5432, "tcp"}};
    Maybe.Reason = "the source is the variable allowed";
    Maybe.Chain = {hop("", "Internet"), hop(Db, "instance db")};
    N.Exposures = {Ssh, Https, Maybe};
    return N;
  }

  std::vector<exposure::AttackPath> paths() const {
    exposure::AttackPath P;
    P.Definition = &Definition;
    P.Severity = check::Level::Critical;
    P.Chain = {hop("", "Internet"), hop(Web, "instance web"),
               hop(Bucket, "bucket logs")};
    P.Message = "close port 22";
    return {P};
  }
};

const MapEdge *findEdge(const UnitMap &M, llvm::StringRef From,
                        llvm::StringRef To, MapEdge::EdgeKind Kind) {
  for (const MapEdge &E : M.Edges)
    if (E.From == From && E.To == To && E.Kind == Kind)
      return &E;
  return nullptr;
}

} // namespace

TEST_CASE("Map groups resources by network, then subnet", "[map]") {
  HandMade H;
  UnitMap M = buildUnitMap(H.U, H.network(), H.paths());
  REQUIRE(M.Groups.size() == 3);
  CHECK(M.Groups[0].Id == H.Vpc);
  CHECK(M.Groups[0].Kind == MapGroup::GroupKind::Network);
  CHECK(M.Groups[0].Resource == byType(H.U, "aws_vpc", "main"));
  CHECK(M.Groups[1].Id == H.Public);
  CHECK(M.Groups[1].ParentId == H.Vpc);
  CHECK(M.Groups[1].Name == "public");
  CHECK(M.Groups[2].Id == H.Private);
  CHECK(M.node(H.Web)->GroupId == H.Public);
  CHECK(M.node(H.Db)->GroupId == H.Private);
  CHECK(M.node(H.Bucket)->GroupId.empty());
  // The VPC and the subnets are drawn as their boxes.
  CHECK(M.node(H.Vpc)->IsGroup);
  CHECK(M.node(H.Public)->IsGroup);
  CHECK(M.node(H.Public)->GroupId == H.Vpc);
  CHECK_FALSE(M.node(H.Web)->IsGroup);
}

TEST_CASE("Map draws a network with nothing placed in it as a node", "[map]") {
  HandMade H;
  exposure::NetworkModel N;
  // Only the private subnet holds something: the public one is a node in
  // the VPC's box.
  N.Placements[H.Public] = {H.Vpc, H.Public, "public"};
  N.Placements[H.Private] = {H.Vpc, H.Private, "private"};
  N.Placements[H.Db] = {H.Vpc, H.Private, "private"};
  UnitMap M = buildUnitMap(H.U, N, {});
  REQUIRE(M.Groups.size() == 2);
  CHECK(M.Groups[0].Id == H.Vpc);
  CHECK(M.Groups[1].Id == H.Private);
  CHECK(M.node(H.Vpc)->IsGroup);
  CHECK(M.node(H.Private)->IsGroup);
  CHECK_FALSE(M.node(H.Public)->IsGroup);
  CHECK(M.node(H.Public)->GroupId == H.Vpc);

  UnitMap Empty = buildUnitMap(H.U, exposure::NetworkModel(), {});
  CHECK(Empty.Groups.empty());
  CHECK_FALSE(Empty.node(H.Vpc)->IsGroup);
  CHECK(Empty.node(H.Vpc)->GroupId.empty());
}

TEST_CASE("Map collapses a chain that names a resource twice", "[map]") {
  HandMade H;
  exposure::NetworkModel N = H.network();
  N.Exposures.resize(1);
  N.Exposures[0].Chain = {hop("", "Internet"), hop(H.Web, "public IP of web"),
                          hop(H.Sg, "sg web"), hop(H.Web, "instance web")};
  UnitMap M = buildUnitMap(H.U, N, {});
  CHECK(findEdge(M, InternetNodeId, H.Sg, MapEdge::EdgeKind::Exposure));
  CHECK(findEdge(M, H.Sg, H.Web, MapEdge::EdgeKind::Exposure));
  CHECK_FALSE(findEdge(M, InternetNodeId, H.Web, MapEdge::EdgeKind::Exposure));
  CHECK_FALSE(findEdge(M, H.Web, H.Sg, MapEdge::EdgeKind::Exposure));
}

TEST_CASE("Map has every resource but provider blocks, Internet first",
          "[map]") {
  HandMade H;
  UnitMap M = buildUnitMap(H.U, H.network(), H.paths());
  REQUIRE_FALSE(M.Nodes.empty());
  CHECK(M.Nodes.front().Id == InternetNodeId);
  CHECK(M.Nodes.front().Kind == MapNode::NodeKind::Internet);
  std::set<std::string> Ids;
  for (const MapNode &N : M.Nodes)
    Ids.insert(N.Id);
  size_t Resources = 0;
  for (const model::Resource &R : H.U.Graph.resources()) {
    if (R.Type == "provider") {
      CHECK_FALSE(Ids.count(R.Id));
      continue;
    }
    ++Resources;
    CHECK(Ids.count(R.Id));
  }
  CHECK(M.Nodes.size() == Resources + 1);
}

TEST_CASE("Map merges exposure chains into edges with their ports", "[map]") {
  HandMade H;
  UnitMap M = buildUnitMap(H.U, H.network(), {});
  // Internet -> sg -> web: the subnet hop is a box, so it is skipped.
  const MapEdge *In =
      findEdge(M, InternetNodeId, H.Sg, MapEdge::EdgeKind::Exposure);
  REQUIRE(In);
  CHECK(In->Ports == std::vector<std::string>{"22/tcp", "443/tcp"});
  CHECK_FALSE(In->Possible);
  const MapEdge *Last = findEdge(M, H.Sg, H.Web, MapEdge::EdgeKind::Exposure);
  REQUIRE(Last);
  CHECK(Last->Ports == In->Ports);
  CHECK_FALSE(
      findEdge(M, InternetNodeId, H.Public, MapEdge::EdgeKind::Exposure));
  // The possible exposure stays possible; its node is unknown, not exposed.
  const MapEdge *Maybe =
      findEdge(M, InternetNodeId, H.Db, MapEdge::EdgeKind::Exposure);
  REQUIRE(Maybe);
  CHECK(Maybe->Possible);
  CHECK(M.node(H.Db)->Exposure == exposure::NodeExposure::Unknown);
  CHECK(M.node(H.Web)->Exposure == exposure::NodeExposure::Internet);
  CHECK(M.node(H.Web)->Ports == std::vector<std::string>{"22/tcp", "443/tcp"});
  CHECK(M.node(H.Bucket)->Exposure == exposure::NodeExposure::Private);
}

TEST_CASE("Map draws attack paths and marks their ends", "[map]") {
  HandMade H;
  UnitMap M = buildUnitMap(H.U, H.network(), H.paths());
  const MapEdge *E = findEdge(M, H.Web, H.Bucket, MapEdge::EdgeKind::Path);
  REQUIRE(E);
  CHECK(E->PathIds == std::vector<std::string>{"TEST-PATH-001"});
  CHECK(findEdge(M, InternetNodeId, H.Web, MapEdge::EdgeKind::Path));
  CHECK(M.node(H.Web)->PathEntry);
  CHECK(M.node(H.Bucket)->PathTarget);
  CHECK_FALSE(M.node(H.Db)->PathTarget);
}

TEST_CASE("Map keeps references between drawn resources, not to boxes",
          "[map]") {
  HandMade H;
  UnitMap M = buildUnitMap(H.U, H.network(), {});
  // The route table association attaches to the route table: both drawn.
  std::string Assoc = byType(H.U, "aws_route_table_association", "public")->Id;
  std::string Table = byType(H.U, "aws_route_table", "public")->Id;
  bool Found = false;
  for (const MapEdge &E : M.Edges) {
    if (E.Kind == MapEdge::EdgeKind::Exposure)
      continue;
    CHECK((E.Kind == MapEdge::EdgeKind::Reference ||
           E.Kind == MapEdge::EdgeKind::Attachment));
    // The VPC is a box: nothing points at it as a node.
    CHECK(E.To != H.Vpc);
    CHECK(E.From != "provider.aws");
    CHECK(E.To != "provider.aws");
    Found |= E.From == Assoc && E.To == Table;
  }
  CHECK(Found);
}

TEST_CASE("Map JSON has the documented shape", "[map]") {
  HandMade H;
  std::vector<UnitMap> Maps;
  Maps.push_back(buildUnitMap(H.U, H.network(), H.paths()));
  nlohmann::ordered_json J = mapsToJson(Maps);
  REQUIRE(J["units"].size() == 1);
  const auto &U = J["units"][0];
  CHECK(U["dialect"] == "terraform");
  for (const char *Key : {"root", "groups", "nodes", "edges", "exposures",
                          "paths", "omittedContextEdges"})
    CHECK(U.contains(Key));
  CHECK(U["groups"][1]["kind"] == "subnet");
  CHECK(U["groups"][1]["parent"] == H.Vpc);
  CHECK(U["groups"][0]["parent"].is_null());
  const auto &Internet = U["nodes"][0];
  CHECK(Internet["id"] == "$internet");
  CHECK(Internet["kind"] == "internet");
  CHECK(Internet["file"].is_null());
  for (const auto &N : U["nodes"]) {
    if (N["id"] != H.Web)
      continue;
    CHECK(N["exposure"] == "internet");
    CHECK(N["ports"] == nlohmann::ordered_json({"22/tcp", "443/tcp"}));
    CHECK(N["group"] == H.Public);
    CHECK(N["file"].get<std::string>().find("main.tf") != std::string::npos);
    CHECK(N["range"]["start"]["line"].get<int>() > 0);
  }
  CHECK(U["exposures"][2]["certainty"] == "possible");
  CHECK(U["exposures"][2]["reason"] == "the source is the variable allowed");
  CHECK(U["exposures"][0]["chain"][0]["resource"].is_null());
  CHECK(U["paths"][0]["id"] == "TEST-PATH-001");
  CHECK(U["paths"][0]["severity"] == "critical");
  bool PortsOnEdge = false;
  for (const auto &E : U["edges"])
    PortsOnEdge |= E["kind"] == "exposure" && E["from"] == "$internet" &&
                   E["ports"].size() == 2;
  CHECK(PortsOnEdge);
}

TEST_CASE("Map DOT is a graph Graphviz reads, one node per drawn resource",
          "[map]") {
  HandMade H;
  std::vector<UnitMap> Maps;
  Maps.push_back(buildUnitMap(H.U, H.network(), H.paths()));
  std::string Dot = mapsToDot(Maps);
  Agraph_t *G = agmemread(Dot.c_str());
  REQUIRE(G);
  size_t Drawn = 0;
  for (const MapNode &N : Maps[0].Nodes)
    Drawn += !N.IsGroup;
  CHECK(static_cast<size_t>(agnnodes(G)) == Drawn);
  CHECK(static_cast<size_t>(agnedges(G)) == Maps[0].Edges.size());
  agclose(G);
  CHECK_THAT(Dot, Catch::Contains("label=\"22/tcp, 443/tcp\""));
  CHECK_THAT(Dot, Catch::Contains("label=\"TEST-PATH-001\""));
  CHECK_THAT(Dot, Catch::Contains("subgraph \"cluster_u0_g1\""));
}

TEST_CASE("Map Mermaid is a flowchart whose links name defined nodes",
          "[map]") {
  HandMade H;
  std::vector<UnitMap> Maps;
  Maps.push_back(buildUnitMap(H.U, H.network(), H.paths()));
  std::string Text = mapsToMermaid(Maps);
  CHECK_THAT(Text, Catch::StartsWith("flowchart LR\n"));
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  llvm::StringRef(Text).split(Lines, '\n', -1, false);
  int Depth = 0;
  std::set<std::string> Defined;
  std::vector<std::pair<std::string, std::string>> Links;
  std::regex Node(R"(^\s*(u\d+_n\d+)(\[|\(\())");
  std::regex Link(
      R"(^\s*(u\d+_n\d+) (-->|-\.->|==>|-\.-)(\|"[^"]*"\|)? (u\d+_n\d+)$)");
  for (llvm::StringRef L : Lines) {
    std::string S = L.str();
    std::smatch Match;
    if (L.trim().startswith("subgraph "))
      ++Depth;
    else if (L.trim() == "end")
      --Depth;
    else if (std::regex_search(S, Match, Node))
      CHECK(Defined.insert(Match[1]).second);
    else if (std::regex_match(S, Match, Link))
      Links.push_back({Match[1], Match[4]});
    CHECK(Depth >= 0);
  }
  CHECK(Depth == 0);
  CHECK(Links.size() == Maps[0].Edges.size());
  for (const auto &[From, To] : Links) {
    CHECK(Defined.count(From));
    CHECK(Defined.count(To));
  }
  CHECK_THAT(Text, Catch::Contains("==>|\"TEST-PATH-001\"|"));
  CHECK_THAT(Text, Catch::Contains("linkStyle"));
}

TEST_CASE("Map text escapes hostile names in DOT and Mermaid", "[map]") {
  auto File = evaluateFile("main.bicep", R"(
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'x"] --> evil["\\N<b>&#'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
)");
  std::vector<UnitMap> Maps;
  Maps.push_back(buildUnitMap(File->unit(), exposure::NetworkModel(), {}));
  std::string Dot = mapsToDot(Maps);
  Agraph_t *G = agmemread(Dot.c_str());
  REQUIRE(G);
  CHECK(agnnodes(G) == 1);
  agclose(G);
  CHECK_THAT(Dot, Catch::Contains("x\\\"] --> evil[\\\"\\\\N<b>&#"));
  std::string Mermaid = mapsToMermaid(Maps);
  CHECK_THAT(Mermaid, Catch::Contains(
                          "x#quot;] --#gt; evil[#quot;\\N#lt;b#gt;#amp;#35;"));
  CHECK_THAT(Mermaid, !Catch::Contains("evil[\""));
}

TEST_CASE("Map of a real template: analysis places and exposes", "[map]") {
  auto File = evaluateFile("main.tf", AwsNetwork);
  const model::DeploymentUnit &U = File->unit();
  std::vector<UnitMap> Maps = buildMaps(File->Units);
  REQUIRE(Maps.size() == 1);
  const UnitMap &M = Maps[0];
  std::string Vpc = byType(U, "aws_vpc", "main")->Id;
  std::string Web = byType(U, "aws_instance", "web")->Id;
  std::string Db = byType(U, "aws_instance", "db")->Id;
  std::string Public = byType(U, "aws_subnet", "public")->Id;
  // analysis: the VPC is a box, since things are placed in it.
  REQUIRE_FALSE(M.Groups.empty());
  CHECK(M.Groups[0].Id == Vpc);
  // analysis: the instances sit in their subnets, the web one is open to
  // the internet on 22 and 443, the private one is not.
  CHECK(M.node(Web)->GroupId == Public);
  CHECK(M.node(Web)->Exposure == exposure::NodeExposure::Internet);
  CHECK(M.node(Web)->Ports == std::vector<std::string>{"22/tcp", "443/tcp"});
  CHECK(M.node(Db)->Exposure == exposure::NodeExposure::Private);
  bool Labelled = false;
  for (const MapEdge &E : M.Edges)
    Labelled |= E.Kind == MapEdge::EdgeKind::Exposure && E.To == Web &&
                llvm::is_contained(E.Ports, "22/tcp");
  CHECK(Labelled);
}
