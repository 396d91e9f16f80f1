//===- ExposureTest.cpp - The network exposure model ----------------------===//
//
// Small hand-made topologies per cloud (tests/fixtures/exposure/<cloud>/
// <case>/), loaded through the real pipeline (discovery, parsing,
// evaluation), then analyzeNetwork: which resources the internet reaches,
// on which ports, with which certainty, and through which chain.
//
//===----------------------------------------------------------------------===//
#include "analyzer/exposure/Exposure.h"

#include "analyzer/Scan.h"

#include "llvm/ADT/STLExtras.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace rampart;
using namespace rampart::exposure;

namespace {

/// A fixture folder evaluated into its one unit, and its network model.
struct Topology {
  ScanResult Scan;
  std::vector<model::DeploymentUnit> Units;
  NetworkModel Network;

  const model::DeploymentUnit &unit() const { return Units.front(); }
};

std::unique_ptr<Topology> load(const std::string &Case) {
  auto T = std::make_unique<Topology>();
  ScanOptions O;
  O.Paths = {std::string(RAMPART_SOURCE_DIR) + "/tests/fixtures/exposure/" +
             Case};
  O.Jobs = 1;
  T->Scan = scanWorkspace(O);
  UnitOptions UO;
  UO.Jobs = 1;
  T->Units = buildUnits(T->Scan, UO);
  REQUIRE(T->Units.size() == 1);
  T->Network = analyzeNetwork(T->unit());
  return T;
}

/// The id of the unit's resource of this type whose id ends with Suffix
/// (ids differ by dialect: "aws_instance.web", "Web", ...).
std::string idOf(const model::DeploymentUnit &U, llvm::StringRef Type,
                 llvm::StringRef Suffix = "") {
  for (const model::Resource &R : U.Graph.resources())
    if (llvm::StringRef(R.Type).equals_insensitive(Type) &&
        llvm::StringRef(R.Id).endswith(Suffix))
      return R.Id;
  FAIL("no resource of type " << Type.str() << " ending in " << Suffix.str());
  return "";
}

std::vector<std::string> portsOf(const Exposure &E) {
  std::vector<std::string> Out;
  for (const PortRange &P : E.Ports)
    Out.push_back(P.str());
  return Out;
}

std::vector<std::string> chainIds(const Exposure &E) {
  std::vector<std::string> Out;
  for (const Hop &H : E.Chain)
    Out.push_back(H.ResourceId);
  return Out;
}

/// The hop of the chain on resource Id; fails when there is none.
const Hop &hopOn(const Exposure &E, const std::string &Id) {
  for (const Hop &H : E.Chain)
    if (H.ResourceId == Id)
      return H;
  FAIL("no hop on " << Id);
  return E.Chain.front();
}

/// The 1-based line of the first line holding Text in the hop's file.
unsigned lineOf(const Hop &H, llvm::StringRef Text) {
  REQUIRE(H.Where.hasFile());
  llvm::StringRef Source = H.Where.File->text();
  size_t At = Source.find(Text);
  REQUIRE(At != std::string::npos);
  return 1 + Source.take_front(At).count('\n');
}

} // namespace

//===----------------------------------------------------------------------===//
// Azure
//===----------------------------------------------------------------------===//

TEST_CASE("NSG priority: an allow before a deny exposes 22 (Bicep)",
          "[exposure][azure]") {
  auto T = load("azure/nsg-allow-first");
  const auto &U = T->unit();
  std::string Vm = idOf(U, "Microsoft.Compute/virtualMachines");
  std::string Nic = idOf(U, "Microsoft.Network/networkInterfaces");
  std::string Pip = idOf(U, "Microsoft.Network/publicIPAddresses");
  std::string Nsg = idOf(U, "Microsoft.Network/networkSecurityGroups");

  std::vector<const Exposure *> Es = T->Network.exposuresOf(Vm);
  REQUIRE(Es.size() == 1);
  const Exposure &E = *Es.front();
  CHECK(E.State == Certainty::Definite);
  CHECK(portsOf(E) == std::vector<std::string>{"22/tcp"});
  CHECK(chainIds(E) == std::vector<std::string>{"", Pip, Nic, Nsg, Vm});
  // The NSG hop points at the allowing rule's port value.
  const Hop &Rule = hopOn(E, Nsg);
  CHECK(Rule.Label.find("AllowSsh") != std::string::npos);
  CHECK(Rule.Where.Range.Start.Line ==
        lineOf(Rule, "destinationPortRange: '22'"));
  CHECK(T->Network.exposureOf(Vm) == NodeExposure::Internet);
  // Placement: the VM sits in the inline subnet "web" of the VNet.
  REQUIRE(T->Network.Placements.count(Vm));
  std::string Vnet = idOf(U, "Microsoft.Network/virtualNetworks");
  CHECK(T->Network.Placements.at(Vm).NetworkId == Vnet);
  CHECK(T->Network.Placements.at(Vm).SubnetId == Vnet + "/subnets/web");
}

TEST_CASE("NSG priority: a deny before an allow closes 22 (Bicep)",
          "[exposure][azure]") {
  auto T = load("azure/nsg-deny-first");
  std::string Vm = idOf(T->unit(), "Microsoft.Compute/virtualMachines");
  CHECK(T->Network.exposuresOf(Vm).empty());
  CHECK(T->Network.exposureOf(Vm) == NodeExposure::Private);
  // The NIC is placed even though nothing reaches it.
  CHECK(T->Network.Placements.count(
      idOf(T->unit(), "Microsoft.Network/networkInterfaces")));
}

TEST_CASE("A VM with a public IP and no NSG anywhere is open on every port "
          "(ARM)",
          "[exposure][azure]") {
  auto T = load("azure/no-nsg-arm");
  const auto &U = T->unit();
  std::string Vm = idOf(U, "Microsoft.Compute/virtualMachines");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Vm);
  REQUIRE(Es.size() == 1);
  CHECK(Es.front()->State == Certainty::Definite);
  CHECK(portsOf(*Es.front()) == std::vector<std::string>{"any"});
  CHECK(chainIds(*Es.front()) ==
        std::vector<std::string>{
            "", idOf(U, "Microsoft.Network/publicIPAddresses"),
            idOf(U, "Microsoft.Network/networkInterfaces"), Vm});
  // The NIC hop is at the public IP reference of its IP configuration.
  const Hop &NicHop =
      hopOn(*Es.front(), idOf(U, "Microsoft.Network/networkInterfaces"));
  CHECK(NicHop.Where.Range.Start.Line ==
        lineOf(NicHop, "\"publicIPAddress\": { \"id\""));
}

TEST_CASE("The subnet's NSG allows but the NIC's denies: not exposed "
          "(Terraform)",
          "[exposure][azure]") {
  auto T = load("azure/tf-nic-denies");
  std::string Vm = idOf(T->unit(), "azurerm_linux_virtual_machine", "app");
  CHECK(T->Network.exposuresOf(Vm).empty());
  CHECK(T->Network.exposureOf(Vm) == NodeExposure::Private);
  REQUIRE(T->Network.Placements.count(Vm));
  CHECK(T->Network.Placements.at(Vm).SubnetId ==
        idOf(T->unit(), "azurerm_subnet"));
  CHECK(T->Network.Placements.at(Vm).NetworkId ==
        idOf(T->unit(), "azurerm_virtual_network"));
}

TEST_CASE("Both NSGs must allow: only the port both open is exposed "
          "(Terraform)",
          "[exposure][azure]") {
  auto T = load("azure/tf-exposed");
  const auto &U = T->unit();
  std::string Vm = idOf(U, "azurerm_windows_virtual_machine");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Vm);
  REQUIRE(Es.size() == 1);
  const Exposure &E = *Es.front();
  CHECK(E.State == Certainty::Definite);
  CHECK(portsOf(E) == std::vector<std::string>{"3389/tcp"});
  std::string SubnetNsg = idOf(U, "azurerm_network_security_group", "subnet");
  std::string RdpRule = idOf(U, "azurerm_network_security_rule");
  CHECK(chainIds(E) ==
        std::vector<std::string>{"", idOf(U, "azurerm_public_ip"),
                                 idOf(U, "azurerm_network_interface"),
                                 SubnetNsg, RdpRule, Vm});
  const Hop &Rdp = hopOn(E, RdpRule);
  CHECK(Rdp.Where.Range.Start.Line ==
        lineOf(Rdp, "destination_port_range      = \"3389\""));
}

TEST_CASE("A rule whose source is a parameter gives a possible exposure "
          "(Bicep)",
          "[exposure][azure]") {
  auto T = load("azure/param-source");
  std::string Vm = idOf(T->unit(), "Microsoft.Compute/virtualMachines");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Vm);
  REQUIRE(Es.size() == 1);
  const Exposure &E = *Es.front();
  CHECK(E.State == Certainty::Possible);
  CHECK(portsOf(E) == std::vector<std::string>{"22/tcp"});
  CHECK(E.Reason.find("allowedSource") != std::string::npos);
  CHECK(T->Network.exposureOf(Vm) == NodeExposure::Unknown);
  // The rule's hop points at the value that would decide it: the
  // parameter without a value, as the checks' unknown outcomes do.
  const Hop &Rule =
      hopOn(E, idOf(T->unit(), "Microsoft.Network/networkSecurityGroups"));
  CHECK(Rule.Label.find("AllowSshFromAdmin") != std::string::npos);
  CHECK(Rule.Where.Range.Start.Line ==
        lineOf(Rule, "param allowedSource string"));
}

//===----------------------------------------------------------------------===//
// AWS
//===----------------------------------------------------------------------===//

TEST_CASE("A security-group rule declared as its own resource exposes the "
          "instance (CloudFormation)",
          "[exposure][aws]") {
  auto T = load("aws/cfn-split-rule");
  const auto &U = T->unit();
  std::string Web = idOf(U, "AWS::EC2::Instance");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Web);
  REQUIRE(Es.size() == 1);
  const Exposure &E = *Es.front();
  CHECK(E.State == Certainty::Definite);
  CHECK(portsOf(E) == std::vector<std::string>{"22/tcp"});
  std::string Subnet = idOf(U, "AWS::EC2::Subnet");
  std::string Route = idOf(U, "AWS::EC2::Route");
  std::string Ingress = idOf(U, "AWS::EC2::SecurityGroupIngress");
  CHECK(chainIds(E) ==
        std::vector<std::string>{"", Subnet, Route, Ingress, Web});
  const Hop &Rule = hopOn(E, Ingress);
  CHECK(Rule.Where.Range.Start.Line == lineOf(Rule, "CidrIp: 0.0.0.0/0"));
  CHECK(T->Network.Placements.at(Web).SubnetId == Subnet);
  CHECK(T->Network.Placements.at(Web).NetworkId == idOf(U, "AWS::EC2::VPC"));
}

TEST_CASE("A private subnet without an internet gateway route is not "
          "exposed (Terraform)",
          "[exposure][aws]") {
  auto T = load("aws/tf-private-subnet");
  std::string Worker = idOf(T->unit(), "aws_instance");
  CHECK(T->Network.exposuresOf(Worker).empty());
  CHECK(T->Network.exposureOf(Worker) == NodeExposure::Private);
  CHECK(T->Network.Placements.at(Worker).SubnetId ==
        idOf(T->unit(), "aws_subnet"));
}

TEST_CASE("NACL order and a split ingress rule: 443 exposed, 22 denied "
          "(Terraform)",
          "[exposure][aws]") {
  auto T = load("aws/tf-nacl-order");
  const auto &U = T->unit();
  std::string Web = idOf(U, "aws_instance");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Web);
  REQUIRE(Es.size() == 1);
  const Exposure &E = *Es.front();
  CHECK(E.State == Certainty::Definite);
  CHECK(portsOf(E) == std::vector<std::string>{"443/tcp"});
  std::string Rule = idOf(U, "aws_vpc_security_group_ingress_rule");
  CHECK(chainIds(E) == std::vector<std::string>{
                           "", idOf(U, "aws_subnet"), idOf(U, "aws_route"),
                           idOf(U, "aws_network_acl"), Rule, Web});
  const Hop &RuleHop = hopOn(E, Rule);
  CHECK(RuleHop.Where.Range.Start.Line ==
        lineOf(RuleHop, "cidr_ipv4         = \"0.0.0.0/0\""));
}

TEST_CASE("A security-group CIDR from a parameter gives a possible exposure "
          "(CloudFormation)",
          "[exposure][aws]") {
  auto T = load("aws/cfn-param-source");
  std::string Bastion = idOf(T->unit(), "AWS::EC2::Instance");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Bastion);
  REQUIRE(Es.size() == 1);
  CHECK(Es.front()->State == Certainty::Possible);
  CHECK(portsOf(*Es.front()) == std::vector<std::string>{"22/tcp"});
  CHECK(Es.front()->Reason.find("AdminCidr") != std::string::npos);
  CHECK(T->Network.exposureOf(Bastion) == NodeExposure::Unknown);
}

//===----------------------------------------------------------------------===//
// Google
//===----------------------------------------------------------------------===//

TEST_CASE("A VPC firewall rule reaches instances by target tag (Terraform)",
          "[exposure][google]") {
  auto T = load("google/firewall-by-tag");
  const auto &U = T->unit();
  std::string Bastion = idOf(U, "google_compute_instance", "bastion");
  std::string Db = idOf(U, "google_compute_instance", "db");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Bastion);
  REQUIRE(Es.size() == 1);
  const Exposure &E = *Es.front();
  CHECK(E.State == Certainty::Definite);
  CHECK(portsOf(E) == std::vector<std::string>{"22/tcp"});
  std::string Ssh = idOf(U, "google_compute_firewall", "ssh");
  CHECK(chainIds(E) == std::vector<std::string>{"", Bastion, Ssh, Bastion});
  const Hop &Rule = hopOn(E, Ssh);
  CHECK(Rule.Where.Range.Start.Line == lineOf(Rule, "ports    = [\"22\"]"));
  CHECK(T->Network.exposuresOf(Db).empty());
  CHECK(T->Network.Placements.at(Bastion).NetworkId ==
        idOf(U, "google_compute_network"));
}

TEST_CASE("An external IP that depends on a variable is a possible exposure",
          "[exposure][google]") {
  auto T = load("google/dynamic-access");
  const auto &U = T->unit();
  std::string Bastion = idOf(U, "google_compute_instance", "bastion");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Bastion);
  REQUIRE(Es.size() == 1);
  CHECK(Es.front()->State == Certainty::Possible);
  CHECK(portsOf(*Es.front()) == std::vector<std::string>{"22/tcp"});
  CHECK(llvm::StringRef(Es.front()->Reason).contains("external IP"));
}

//===----------------------------------------------------------------------===//
// Load balancers and public endpoints
//===----------------------------------------------------------------------===//

TEST_CASE("PaaS endpoints and a VM behind an inbound NAT rule (Bicep)",
          "[exposure][azure]") {
  auto T = load("azure/paas");
  const auto &U = T->unit();
  std::string Open = idOf(U, "Microsoft.Storage/storageAccounts", "stopen");
  std::string Closed = idOf(U, "Microsoft.Storage/storageAccounts", "stclosed");
  std::string Vault = idOf(U, "Microsoft.KeyVault/vaults");
  std::string Sql = idOf(U, "Microsoft.Sql/servers");

  REQUIRE(T->Network.exposuresOf(Open).size() == 1);
  const Exposure &St = *T->Network.exposuresOf(Open).front();
  CHECK(St.State == Certainty::Definite);
  CHECK(St.Ports.empty());
  CHECK(St.Chain.back().Where.Range.Start.Line ==
        lineOf(St.Chain.back(), "defaultAction: 'Allow'"));
  CHECK(T->Network.exposuresOf(Closed).empty());
  CHECK(T->Network.exposuresOf(Vault).empty());
  REQUIRE(T->Network.exposuresOf(Sql).size() == 1);
  CHECK(portsOf(*T->Network.exposuresOf(Sql).front()) ==
        std::vector<std::string>{"1433/tcp"});

  // The NAT rule forwards 50001 to 22 on the NIC; no NSG anywhere, so the
  // VM is open on 22 only (not on every port: only the rule's backend
  // port is forwarded).
  std::string Vm = idOf(U, "Microsoft.Compute/virtualMachines");
  std::string Lb = idOf(U, "Microsoft.Network/loadBalancers");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Vm);
  REQUIRE(Es.size() == 1);
  CHECK(Es.front()->State == Certainty::Definite);
  CHECK(portsOf(*Es.front()) == std::vector<std::string>{"22/tcp"});
  CHECK(chainIds(*Es.front()) ==
        std::vector<std::string>{
            "", idOf(U, "Microsoft.Network/publicIPAddresses"), Lb,
            idOf(U, "Microsoft.Network/networkInterfaces"), Vm});
  const Hop &Nat = hopOn(*Es.front(), Lb);
  CHECK(Nat.Where.Range.Start.Line == lineOf(Nat, "frontendPort: 50001"));
  // The load balancer's own frontend.
  REQUIRE(T->Network.exposuresOf(Lb).size() == 1);
  CHECK(portsOf(*T->Network.exposuresOf(Lb).front()) ==
        std::vector<std::string>{"50001/tcp"});

  // App Service: public unless publicNetworkAccess is Disabled.
  std::string PublicApp = idOf(U, "Microsoft.Web/sites", "app-public");
  REQUIRE(T->Network.exposuresOf(PublicApp).size() == 1);
  CHECK(portsOf(*T->Network.exposuresOf(PublicApp).front()) ==
        std::vector<std::string>{"80/tcp", "443/tcp"});
  CHECK(T->Network.exposuresOf(idOf(U, "Microsoft.Web/sites", "app-private"))
            .empty());
  // AKS API server: public by default; authorized ranges that are not the
  // internet, or a private cluster, keep it off the internet.
  std::string Aks = "Microsoft.ContainerService/managedClusters";
  REQUIRE(T->Network.exposuresOf(idOf(U, Aks, "aks-open")).size() == 1);
  CHECK(T->Network.exposuresOf(idOf(U, Aks, "aks-restricted")).empty());
  CHECK(T->Network.exposuresOf(idOf(U, Aks, "aks-private")).empty());
}

TEST_CASE("An instance attached to a network interface by id takes the "
          "interface's subnet, groups and Elastic IP (CloudFormation)",
          "[exposure][aws]") {
  auto T = load("aws/cfn-eni");
  const auto &U = T->unit();
  std::string Web = idOf(U, "AWS::EC2::Instance", "Web");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Web);
  REQUIRE(Es.size() == 1);
  CHECK(Es.front()->State == Certainty::Definite);
  CHECK(portsOf(*Es.front()) == std::vector<std::string>{"22/tcp"});
  std::vector<std::string> Chain = chainIds(*Es.front());
  CHECK(llvm::is_contained(
      Chain, idOf(U, "AWS::EC2::EIPAssociation", "WebEipAssociation")));
  CHECK(
      T->Network.exposuresOf(idOf(U, "AWS::EC2::Instance", "Worker")).empty());
}

TEST_CASE("A load balancer's security groups filter the internet before its "
          "listeners (Terraform)",
          "[exposure][aws]") {
  auto T = load("aws/tf-alb-groups");
  const auto &U = T->unit();
  CHECK(T->Network.exposuresOf(idOf(U, "aws_lb", "partner")).empty());
  CHECK(T->Network.exposuresOf(idOf(U, "aws_instance", "partner")).empty());
  std::vector<const Exposure *> Lb =
      T->Network.exposuresOf(idOf(U, "aws_lb", "public"));
  REQUIRE(Lb.size() == 1);
  CHECK(Lb.front()->State == Certainty::Definite);
  CHECK(portsOf(*Lb.front()) == std::vector<std::string>{"443/tcp"});
  CHECK(T->Network.exposuresOf(idOf(U, "aws_instance", "public")).size() == 1);
}

TEST_CASE("Databases, function URLs and load balancer targets (Terraform)",
          "[exposure][aws]") {
  auto T = load("aws/tf-endpoints");
  const auto &U = T->unit();
  std::string Orders = idOf(U, "aws_db_instance", "orders");
  std::string Internal = idOf(U, "aws_db_instance", "internal");
  REQUIRE(T->Network.exposuresOf(Orders).size() == 1);
  const Exposure &Db = *T->Network.exposuresOf(Orders).front();
  CHECK(Db.State == Certainty::Definite);
  CHECK(Db.Chain.back().Where.Range.Start.Line ==
        lineOf(Db.Chain.back(), "publicly_accessible = true"));
  CHECK(T->Network.exposuresOf(Internal).empty());

  std::string Fn = idOf(U, "aws_lambda_function");
  REQUIRE(T->Network.exposuresOf(Fn).size() == 1);
  CHECK(chainIds(*T->Network.exposuresOf(Fn).front()) ==
        std::vector<std::string>{"", idOf(U, "aws_lambda_function_url"), Fn});

  std::string Lb = idOf(U, "aws_lb");
  std::string App = idOf(U, "aws_instance");
  REQUIRE(T->Network.exposuresOf(Lb).size() == 1);
  CHECK(portsOf(*T->Network.exposuresOf(Lb).front()) ==
        std::vector<std::string>{"80/tcp"});
  std::vector<const Exposure *> Es = T->Network.exposuresOf(App);
  REQUIRE(Es.size() == 1);
  CHECK(portsOf(*Es.front()) == std::vector<std::string>{"8080/tcp"});
  CHECK(chainIds(*Es.front()) ==
        std::vector<std::string>{"", Lb, idOf(U, "aws_lb_listener"),
                                 idOf(U, "aws_lb_target_group"), App});
}

TEST_CASE("Scale set instances with public IPs behind their NIC "
          "configuration's NSG (Terraform)",
          "[exposure][azure]") {
  auto T = load("azure/tf-scale-set");
  const auto &U = T->unit();
  std::string Vmss = idOf(U, "azurerm_linux_virtual_machine_scale_set");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Vmss);
  REQUIRE(Es.size() == 1);
  CHECK(Es.front()->State == Certainty::Definite);
  CHECK(portsOf(*Es.front()) == std::vector<std::string>{"80/tcp", "443/tcp"});
  std::string Nsg = idOf(U, "azurerm_network_security_group");
  CHECK(chainIds(*Es.front()) == std::vector<std::string>{"", Vmss, Nsg, Vmss});
  CHECK(T->Network.Placements.at(Vmss).SubnetId == idOf(U, "azurerm_subnet"));
}

TEST_CASE("References that cannot be resolved never give a definite "
          "exposure (Bicep)",
          "[exposure][azure][unknown]") {
  auto T = load("azure/unknown-refs");
  std::string Vm = idOf(T->unit(), "Microsoft.Compute/virtualMachines");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Vm);
  REQUIRE_FALSE(Es.empty());
  for (const Exposure *E : Es) {
    CHECK(E->State == Certainty::Possible);
    CHECK_FALSE(E->Reason.empty());
  }
  CHECK(T->Network.exposureOf(Vm) == NodeExposure::Unknown);
}

TEST_CASE("VPC firewall priority: a deny wins over a later allow; an "
          "undeclared network is unknown (Terraform)",
          "[exposure][google]") {
  auto T = load("google/priority-deny");
  const auto &U = T->unit();
  // The admin instance is targeted by service account: 8443 is open, 22 is
  // denied by the earlier rule.
  std::string Admin = idOf(U, "google_compute_instance", "admin");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Admin);
  REQUIRE(Es.size() == 1);
  CHECK(Es.front()->State == Certainty::Definite);
  CHECK(portsOf(*Es.front()) == std::vector<std::string>{"8443/tcp"});
  const Hop &Allow =
      hopOn(*Es.front(), idOf(U, "google_compute_firewall", "allow_admin"));
  CHECK(Allow.Where.Range.Start.Line ==
        lineOf(Allow, "ports    = [\"22\", \"8443\"]"));
  // The worker's network is not in the unit: possible, on every port.
  std::string Worker = idOf(U, "google_compute_instance", "worker");
  std::vector<const Exposure *> Ws = T->Network.exposuresOf(Worker);
  REQUIRE(Ws.size() == 1);
  CHECK(Ws.front()->State == Certainty::Possible);
  CHECK(Ws.front()->Reason.find("'default'") != std::string::npos);
  CHECK(T->Network.exposureOf(Worker) == NodeExposure::Unknown);
}

TEST_CASE("A load balancer rule reaches a pool member joined by an "
          "association resource (Terraform)",
          "[exposure][azure]") {
  auto T = load("azure/tf-lb");
  const auto &U = T->unit();
  std::string Vm = idOf(U, "azurerm_linux_virtual_machine");
  std::string Rule = idOf(U, "azurerm_lb_rule");
  std::vector<const Exposure *> Es = T->Network.exposuresOf(Vm);
  REQUIRE(Es.size() == 1);
  CHECK(Es.front()->State == Certainty::Definite);
  // Only the rule's backend port, though the NSG opens 8000-8999.
  CHECK(portsOf(*Es.front()) == std::vector<std::string>{"8080/tcp"});
  CHECK(chainIds(*Es.front()) ==
        std::vector<std::string>{"", idOf(U, "azurerm_public_ip"), Rule,
                                 idOf(U, "azurerm_network_security_group"),
                                 idOf(U, "azurerm_network_interface"), Vm});
  const Hop &RuleHop = hopOn(*Es.front(), Rule);
  CHECK(RuleHop.Where.Range.Start.Line ==
        lineOf(RuleHop, "frontend_port                  = 80"));
  std::string Lb = idOf(U, "azurerm_lb");
  REQUIRE(T->Network.exposuresOf(Lb).size() == 1);
  CHECK(portsOf(*T->Network.exposuresOf(Lb).front()) ==
        std::vector<std::string>{"80/tcp"});
}
