//===- AzureNetworkTest.cpp - Azure network relations and NSG decision ----===//
#include "analyzer/check/AzureNetwork.h"

#include "tests/support/EvaluateFile.h"
#include "tests/support/UnitQueries.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::check;
using rampart::testing::json;
using rampart::testing::resourceIn;

namespace {

using rampart::testing::evaluateFile;

// A small Bicep network: a vnet with inline subnets (one with an NSG, one
// without), a child subnet resource, NICs referring to subnets three ways
// and a VM.
const char *BicepNetwork = R"(
param nsgId string
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg1'
  location: 'westeurope'
}
resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    subnets: [
      { name: 'a', properties: { networkSecurityGroup: { id: nsg.id } } }
      { name: 'b', properties: { addressPrefix: '10.0.1.0/24' } }
      { name: 'p', properties: { networkSecurityGroup: { id: nsgId } } }
    ]
  }
}
resource child 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {
  parent: vnet
  name: 'c'
  properties: { addressPrefix: '10.0.2.0/24' }
}
resource pip 'Microsoft.Network/publicIPAddresses@2023-04-01' = {
  name: 'pip'
  location: 'westeurope'
}
resource nic1 'Microsoft.Network/networkInterfaces@2023-04-01' = {
  name: 'nic1'
  location: 'westeurope'
  properties: {
    ipConfigurations: [
      {
        name: 'c'
        properties: {
          subnet: { id: vnet.properties.subnets[1].id }
          publicIPAddress: { id: pip.id }
        }
      }
    ]
  }
}
resource nic2 'Microsoft.Network/networkInterfaces@2023-04-01' = {
  name: 'nic2'
  location: 'westeurope'
  properties: {
    networkSecurityGroup: { id: nsg.id }
    ipConfigurations: [
      { name: 'c', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'a') } } }
      { name: 'd', properties: { subnet: { id: child.id } } }
      { name: 'e', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'other', 'a') } } }
      { name: 'f', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'zz') } } }
    ]
  }
}
resource vm 'Microsoft.Compute/virtualMachines@2023-03-01' = {
  name: 'vm'
  location: 'westeurope'
  properties: {
    networkProfile: {
      networkInterfaces: [ { id: nic1.id }, { id: nic2.id }, { id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkInterfaces/far' } ]
    }
  }
}
)";

} // namespace

TEST_CASE("azure network: ARM subnets, inline and child, and their NSGs",
          "[azure-network]") {
  auto E = evaluateFile("main.bicep", BicepNetwork);
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &Vnet =
      resourceIn(U, "Microsoft.Network/virtualNetworks/vnet");
  const model::Resource &Nsg =
      resourceIn(U, "Microsoft.Network/networkSecurityGroups/nsg1");
  const model::Resource &Child =
      resourceIn(U, "Microsoft.Network/virtualNetworks/subnets/vnet/c");

  SubnetList Inline = inlineSubnetsOf(Vnet);
  REQUIRE(Inline.Subnets.size() == 3);
  CHECK_FALSE(Inline.Unknown);
  CHECK(Inline.Subnets[0].name() == "a");
  CHECK(Inline.Subnets[0].Inline);
  SubnetList All = subnetsOf(U, Vnet);
  REQUIRE(All.Subnets.size() == 4);
  CHECK(All.Subnets[3].Resource == &Child);

  Target A = nsgOfSubnet(U, Inline.Subnets[0]);
  CHECK(A.Result == Target::State::Resolved);
  CHECK(A.Resource == &Nsg);
  CHECK(nsgOfSubnet(U, Inline.Subnets[1]).Result == Target::State::Missing);
  // A parameter without a value: unknown, not missing.
  CHECK(nsgOfSubnet(U, Inline.Subnets[2]).Result == Target::State::Unknown);
  // The child subnet resource has no NSG; its name drops the parent's.
  Subnet ChildView{&Child, &Child.Properties, false};
  CHECK(ChildView.name() == "c");
  CHECK(nsgOfSubnet(U, ChildView).Result == Target::State::Missing);

  const model::Resource &Nic1 =
      resourceIn(U, "Microsoft.Network/networkInterfaces/nic1");
  const model::Resource &Nic2 =
      resourceIn(U, "Microsoft.Network/networkInterfaces/nic2");

  // vnet.properties.subnets[1].id: the inline subnet 'b'.
  IpConfigurations C1 = ipConfigurationsOf(Nic1);
  REQUIRE(C1.Configs.size() == 1);
  SubnetTarget B = resolveSubnet(U, C1.Configs[0].Subnet);
  REQUIRE(B.Result == Target::State::Resolved);
  CHECK(B.TheSubnet.Resource == &Vnet);
  CHECK(B.TheSubnet.name() == "b");

  IpConfigurations C2 = ipConfigurationsOf(Nic2);
  REQUIRE(C2.Configs.size() == 4);
  // resourceId(..., 'vnet', 'a') names vnet's inline subnet 'a'.
  SubnetTarget ById = resolveSubnet(U, C2.Configs[0].Subnet);
  REQUIRE(ById.Result == Target::State::Resolved);
  CHECK(ById.TheSubnet.Inline);
  CHECK(ById.TheSubnet.name() == "a");
  CHECK(nsgOfSubnet(U, ById.TheSubnet).Resource == &Nsg);
  // child.id: the subnet resource.
  SubnetTarget ByChild = resolveSubnet(U, C2.Configs[1].Subnet);
  REQUIRE(ByChild.Result == Target::State::Resolved);
  CHECK(ByChild.TheSubnet.Resource == &Child);
  CHECK_FALSE(ByChild.TheSubnet.Inline);
  // A vnet the unit does not declare, and a subnet vnet does not declare.
  CHECK(resolveSubnet(U, C2.Configs[2].Subnet).Result ==
        Target::State::Outside);
  CHECK(resolveSubnet(U, C2.Configs[3].Subnet).Result ==
        Target::State::Outside);
  CHECK(resolveSubnet(U, nullptr).Result == Target::State::Missing);
}

TEST_CASE("azure network: ARM NICs, public IPs and VMs", "[azure-network]") {
  auto E = evaluateFile("main.bicep", BicepNetwork);
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &Nsg =
      resourceIn(U, "Microsoft.Network/networkSecurityGroups/nsg1");
  const model::Resource &Nic1 =
      resourceIn(U, "Microsoft.Network/networkInterfaces/nic1");
  const model::Resource &Nic2 =
      resourceIn(U, "Microsoft.Network/networkInterfaces/nic2");
  const model::Resource &Pip =
      resourceIn(U, "Microsoft.Network/publicIPAddresses/pip");

  CHECK(publicIpOf(U, Nic1).Resource == &Pip);
  CHECK(publicIpOf(U, Nic2).Result == Target::State::Missing);
  CHECK(nsgOfNic(U, Nic1).Result == Target::State::Missing);
  CHECK(nsgOfNic(U, Nic2).Resource == &Nsg);

  std::vector<Target> Nics =
      nicsOf(U, resourceIn(U, "Microsoft.Compute/virtualMachines/vm"));
  REQUIRE(Nics.size() == 3);
  CHECK(Nics[0].Resource == &Nic1);
  CHECK(Nics[1].Resource == &Nic2);
  CHECK(Nics[2].Result == Target::State::Outside);
}

TEST_CASE("azure network: Terraform subnets, associations and NICs",
          "[azure-network]") {
  auto E = evaluateFile("main.tf", R"(
variable "subnet" {}
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "westeurope"
  resource_group_name = "rg"
}
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
  subnet {
    name             = "inline"
    address_prefixes = ["10.0.1.0/24"]
    security_group   = azurerm_network_security_group.nsg.id
  }
  subnet {
    name             = "bare"
    address_prefixes = ["10.0.3.0/24"]
  }
}
resource "azurerm_subnet" "a" {
  name                 = "a"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.0.0/24"]
}
resource "azurerm_subnet" "b" {
  name                 = "b"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.2.0/24"]
}
resource "azurerm_subnet_network_security_group_association" "a" {
  subnet_id                 = azurerm_subnet.a.id
  network_security_group_id = azurerm_network_security_group.nsg.id
}
resource "azurerm_public_ip" "pip" {
  name                = "pip"
  location            = "westeurope"
  resource_group_name = "rg"
  allocation_method   = "Static"
}
resource "azurerm_network_interface" "nic" {
  name                = "nic"
  location            = "westeurope"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "c"
    subnet_id                     = azurerm_subnet.b.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.pip.id
  }
}
resource "azurerm_network_interface_security_group_association" "nic" {
  network_interface_id      = azurerm_network_interface.nic.id
  network_security_group_id = azurerm_network_security_group.nsg.id
}
resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm"
  location              = "westeurope"
  resource_group_name   = "rg"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.nic.id]
}
)");
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &Nsg =
      resourceIn(U, "azurerm_network_security_group.nsg");
  const model::Resource &SubA = resourceIn(U, "azurerm_subnet.a");
  const model::Resource &SubB = resourceIn(U, "azurerm_subnet.b");
  const model::Resource &Nic = resourceIn(U, "azurerm_network_interface.nic");

  Target A = nsgOfSubnet(U, {&SubA, &SubA.Properties, false});
  CHECK(A.Result == Target::State::Resolved);
  CHECK(A.Resource == &Nsg);
  CHECK(nsgOfSubnet(U, {&SubB, &SubB.Properties, false}).Result ==
        Target::State::Missing);

  SubnetList Inline =
      inlineSubnetsOf(resourceIn(U, "azurerm_virtual_network.vnet"));
  REQUIRE(Inline.Subnets.size() == 2);
  CHECK(Inline.Subnets[0].name() == "inline");
  CHECK(nsgOfSubnet(U, Inline.Subnets[0]).Resource == &Nsg);
  CHECK(nsgOfSubnet(U, Inline.Subnets[1]).Result == Target::State::Missing);
  // Every subnet of the network: the inline ones, then azurerm_subnet
  // resources naming it (virtual_network_name and resource group).
  SubnetList All = subnetsOf(U, resourceIn(U, "azurerm_virtual_network.vnet"));
  CHECK_FALSE(All.Unknown);
  REQUIRE(All.Subnets.size() == 4);
  CHECK(All.Subnets[2].Resource == &SubA);
  CHECK(All.Subnets[3].Resource == &SubB);

  CHECK(nsgOfNic(U, Nic).Resource == &Nsg);
  CHECK(publicIpOf(U, Nic).Resource == &resourceIn(U, "azurerm_public_ip.pip"));
  IpConfigurations Configs = ipConfigurationsOf(Nic);
  REQUIRE(Configs.Configs.size() == 1);
  SubnetTarget S = resolveSubnet(U, Configs.Configs[0].Subnet);
  CHECK(S.Result == Target::State::Resolved);
  CHECK(S.TheSubnet.Resource == &SubB);

  std::vector<Target> Nics =
      nicsOf(U, resourceIn(U, "azurerm_linux_virtual_machine.vm"));
  REQUIRE(Nics.size() == 1);
  CHECK(Nics[0].Resource == &Nic);
}

TEST_CASE("azure network: an association whose subnet is unknown may be any "
          "subnet's",
          "[azure-network]") {
  auto E = evaluateFile("main.tf", R"(
variable "subnet_id" {}
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "westeurope"
  resource_group_name = "rg"
}
resource "azurerm_subnet" "a" {
  name                 = "a"
  resource_group_name  = "rg"
  virtual_network_name = "vnet"
  address_prefixes     = ["10.0.0.0/24"]
}
resource "azurerm_subnet_network_security_group_association" "x" {
  subnet_id                 = var.subnet_id
  network_security_group_id = azurerm_network_security_group.nsg.id
}
)");
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &SubA = resourceIn(U, "azurerm_subnet.a");
  CHECK(nsgOfSubnet(U, {&SubA, &SubA.Properties, false}).Result ==
        Target::State::Unknown);
}

namespace {

NsgDecision decide(const model::DeploymentUnit &U, llvm::StringRef NsgId,
                   int Port, IpProtocol P = IpProtocol::Tcp) {
  return internetInboundDecision(nsgRules(U, resourceIn(U, NsgId)), Port, P);
}

} // namespace

TEST_CASE("azure network: NSG decision over inline and child rules (ARM)",
          "[azure-network]") {
  auto E = evaluateFile("main.bicep", R"(
param src string
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'deny-ssh'
        properties: { priority: 100, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationPortRange: '22' }
      }
      {
        name: 'allow-all'
        properties: { priority: 300, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'Internet', destinationPortRanges: [ '20-25', '3389' ] }
      }
      {
        name: 'out'
        properties: { priority: 110, direction: 'Outbound', access: 'Allow', protocol: '*', sourceAddressPrefix: '*', destinationPortRange: '*' }
      }
    ]
  }
}
resource web 'Microsoft.Network/networkSecurityGroups/securityRules@2023-04-01' = {
  parent: nsg
  name: 'deny-web'
  properties: { priority: 200, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefixes: [ '10.0.0.0/8', '0.0.0.0/0' ], destinationPortRange: '21' }
}
resource vague 'Microsoft.Network/networkSecurityGroups/securityRules@2023-04-01' = {
  parent: nsg
  name: 'vague'
  properties: { priority: 250, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: src, destinationPortRange: '23' }
}
resource vague2 'Microsoft.Network/networkSecurityGroups/securityRules@2023-04-01' = {
  parent: nsg
  name: 'vague2'
  properties: { priority: 260, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: src, destinationPortRange: '3389' }
}
resource empty 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'empty'
  location: 'westeurope'
}
)");
  const model::DeploymentUnit &U = E->unit();
  llvm::StringRef Nsg = "Microsoft.Network/networkSecurityGroups/nsg";
  REQUIRE(nsgRules(U, resourceIn(U, Nsg)).Rules.size() == 6);

  // 22: the Deny at 100 comes before the Allow at 300.
  NsgDecision Ssh = decide(U, Nsg, 22);
  CHECK(Ssh.Allowed == Truth::False);
  REQUIRE(Ssh.Rule);
  CHECK(Ssh.Rule->name() == "deny-ssh");
  // 21: the child rule's Deny (one internet prefix among its sources) at
  // 200 comes before the Allow.
  NsgDecision Ftp = decide(U, Nsg, 21);
  CHECK(Ftp.Allowed == Truth::False);
  REQUIRE(Ftp.Rule);
  CHECK(Ftp.Rule->name() == "deny-web");
  // 20: only the Allow at 300 matches; Where is its covering range.
  NsgDecision Data = decide(U, Nsg, 20);
  CHECK(Data.Allowed == Truth::True);
  REQUIRE(Data.Where);
  CHECK(json(*Data.Where) == "\"20-25\"");
  // 23: an Allow with an unknown source at 250 comes first, and the Allow
  // at 300 would allow anyway: allowed whatever the source is.
  CHECK(decide(U, Nsg, 23).Allowed == Truth::True);
  // 3389: a Deny with an unknown source at 260 may come first: unknown.
  NsgDecision Rdp = decide(U, Nsg, 3389);
  CHECK(Rdp.Allowed == Truth::Unknown);
  CHECK(Rdp.Where);
  // UDP 22: the Deny at 100 covers every protocol; no other rule is UDP.
  CHECK(decide(U, Nsg, 22, IpProtocol::Udp).Allowed == Truth::False);
  // 80: no rule matches; the Outbound rule does not count: DenyAllInBound.
  NsgDecision Web = decide(U, Nsg, 80);
  CHECK(Web.Allowed == Truth::False);
  CHECK_FALSE(Web.Rule);
  CHECK(decide(U, "Microsoft.Network/networkSecurityGroups/empty", 3389)
            .Allowed == Truth::False);
}

TEST_CASE("azure network: an unknown priority makes the decision unknown",
          "[azure-network]") {
  auto E = evaluateFile("main.bicep", R"(
param p int
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'nsg'
  location: 'westeurope'
  properties: {
    securityRules: [
      { name: 'a', properties: { priority: p, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', destinationPortRange: '22' } }
      { name: 'b', properties: { priority: 100, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '*', destinationPortRange: '22' } }
    ]
  }
}
)");
  const model::DeploymentUnit &U = E->unit();
  llvm::StringRef Nsg = "Microsoft.Network/networkSecurityGroups/nsg";
  CHECK(decide(U, Nsg, 22).Allowed == Truth::Unknown);
  // A rule that cannot match does not need a priority.
  CHECK(decide(U, Nsg, 80).Allowed == Truth::False);
}

TEST_CASE("azure network: Terraform rules join their NSG by expression or by "
          "name",
          "[azure-network]") {
  auto E = evaluateFile("main.tf", R"(
variable "nsg_name" {}
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "westeurope"
  resource_group_name = "rg"
  security_rule {
    name                       = "deny-rdp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
resource "azurerm_network_security_group" "other" {
  name                = "other"
  location            = "westeurope"
  resource_group_name = "rg"
}
resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = azurerm_network_security_group.nsg.name
}
resource "azurerm_network_security_rule" "smb" {
  name                        = "smb"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "445"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "NSG"
}
resource "azurerm_network_security_rule" "elsewhere" {
  name                        = "elsewhere"
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "1433"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "another-rg"
  network_security_group_name = "nsg"
}
resource "azurerm_network_security_rule" "maybe" {
  name                        = "maybe"
  priority                    = 140
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "5432"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = var.nsg_name
}
)");
  const model::DeploymentUnit &U = E->unit();
  llvm::StringRef Nsg = "azurerm_network_security_group.nsg";
  CHECK(decide(U, Nsg, 3389).Allowed == Truth::False);
  // By expression (an attachment edge).
  NsgDecision Ssh = decide(U, Nsg, 22);
  CHECK(Ssh.Allowed == Truth::True);
  REQUIRE(Ssh.Rule);
  CHECK(Ssh.Rule->Declaring->Id == "azurerm_network_security_rule.ssh");
  // By literal name (Azure names ignore case) and resource group.
  CHECK(decide(U, Nsg, 445).Allowed == Truth::True);
  // Same name, another resource group: another NSG.
  CHECK(decide(U, Nsg, 1433).Allowed == Truth::False);
  // An NSG name that cannot be resolved may be this NSG's.
  CHECK(decide(U, Nsg, 5432).Allowed == Truth::Unknown);
  // The rule attached to nsg is not other's; the unknown one may be.
  llvm::StringRef Other = "azurerm_network_security_group.other";
  CHECK(decide(U, Other, 22).Allowed == Truth::False);
  CHECK(decide(U, Other, 5432).Allowed == Truth::Unknown);
}
