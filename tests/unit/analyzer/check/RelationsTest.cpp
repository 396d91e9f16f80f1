//===- RelationsTest.cpp - Following references, children and referrers ---===//
#include "analyzer/check/Relations.h"

#include "tests/support/EvaluateFile.h"
#include "tests/support/UnitQueries.h"

#include <catch2/catch.hpp>

using namespace rampart;
using namespace rampart::check;
using rampart::testing::at;
using rampart::testing::resourceIn;

namespace {

using rampart::testing::evaluateFile;

std::vector<std::string> ids(const std::vector<const model::Resource *> &Rs) {
  std::vector<std::string> Out;
  for (const model::Resource *R : Rs)
    Out.push_back(R->Id);
  return Out;
}
std::vector<std::string> ids(const Related &Rs) { return ids(Rs.Resources); }

const char *Bicep = R"(
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
      { name: 'b', properties: { networkSecurityGroup: { id: resourceId('Microsoft.Network/networkSecurityGroups', 'NSG1') } } }
      { name: 'c', properties: { networkSecurityGroup: { id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkSecurityGroups/elsewhere' } } }
      { name: 'd', properties: { networkSecurityGroup: { id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkSecurityGroups/nsg1' } } }
    ]
  }
}
param nsgId string
resource nic1 'Microsoft.Network/networkInterfaces@2023-04-01' = {
  name: 'nic1'
  properties: { networkSecurityGroup: { id: nsg.id } }
}
resource nic2 'Microsoft.Network/networkInterfaces@2023-04-01' = {
  name: 'nic2'
  properties: { networkSecurityGroup: { id: resourceId('Microsoft.Network/networkSecurityGroups', 'nsg1') } }
}
resource nic3 'Microsoft.Network/networkInterfaces@2023-04-01' = {
  name: 'nic3'
  properties: { networkSecurityGroup: { id: nsgId } }
}
resource sub 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {
  parent: vnet
  name: 'e'
}
resource gone 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = if (false) {
  parent: vnet
  name: 'f'
}
)";

} // namespace

TEST_CASE("relations: ARM references resolve by id, case-insensitively",
          "[relations]") {
  auto E = evaluateFile("main.bicep", Bicep);
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &Vnet =
      resourceIn(U, "Microsoft.Network/virtualNetworks/vnet");
  const model::Resource &Nsg =
      resourceIn(U, "Microsoft.Network/networkSecurityGroups/nsg1");
  auto NsgIdOf = [&](size_t I) {
    return at(at(Vnet.Properties, {"properties", "subnets"}).items()[I],
              {"properties", "networkSecurityGroup", "id"});
  };
  // A Bicep symbol's id and a resourceId() with different case both name it.
  for (size_t I : {0u, 1u}) {
    model::Value Id = NsgIdOf(I);
    Target T = resolveReference(U, &Id);
    CHECK(T.Result == Target::State::Resolved);
    CHECK(T.Resource == &Nsg);
  }
  model::Value Elsewhere = NsgIdOf(2);
  CHECK(resolveReference(U, &Elsewhere).Result == Target::State::Outside);
  model::Value Literal = NsgIdOf(3);
  CHECK(resolveReference(U, &Literal).Resource == &Nsg);
  CHECK(resolveReference(U, nullptr).Result == Target::State::Missing);
  model::Value Unknown = model::Value::unknown("parameter 'x' has no value");
  CHECK(resolveReference(U, &Unknown).Result == Target::State::Unknown);

  // Children by parent edge; a child under a false condition is not deployed.
  CHECK(
      ids(childrenOf(U, Vnet, {"microsoft.network/virtualnetworks/subnets"})) ==
      std::vector<std::string>{
          "Microsoft.Network/virtualNetworks/subnets/vnet/e"});
  CHECK(childrenOf(U, Nsg, {"Microsoft.Network/virtualNetworks/subnets"})
            .empty());
  // The vnet's subnets refer to the NSG (the path steps through the list).
  // Resources whose property links to the NSG: by symbol and by
  // resourceId(); a link Rampart cannot resolve is undecided, not joined.
  Related Nics = linkedTo(U, Nsg, {"Microsoft.Network/networkInterfaces"},
                          {"properties.networkSecurityGroup.id"});
  CHECK(ids(Nics) ==
        std::vector<std::string>{"Microsoft.Network/networkInterfaces/nic1",
                                 "Microsoft.Network/networkInterfaces/nic2"});
  REQUIRE(Nics.Undecided);
  CHECK(Nics.Undecided->asString() == "parameter 'nsgId' has no value");
}

TEST_CASE("relations: ARM resource ids name unit ids", "[relations]") {
  CHECK(unitIdOfArmResourceId(
            "/subscriptions/s/resourceGroups/g/providers/"
            "Microsoft.Network/virtualNetworks/vnet/subnets/a") ==
        "Microsoft.Network/virtualNetworks/subnets/vnet/a");
  CHECK(unitIdOfArmResourceId("/providers/Microsoft.Management/"
                              "managementGroups/mg") ==
        "Microsoft.Management/managementGroups/mg");
  CHECK(unitIdOfArmResourceId("/subscriptions/s/resourceGroups/g").empty());
  CHECK(unitIdOfArmResourceId("/subscriptions/s/providers/Microsoft.X/y")
            .empty());
}

TEST_CASE("relations: Terraform association resources refer to their owner",
          "[relations]") {
  auto E = evaluateFile("main.tf", R"(
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
resource "azurerm_subnet_network_security_group_association" "a" {
  subnet_id                 = azurerm_subnet.a.id
  network_security_group_id = azurerm_network_security_group.nsg.id
}
resource "azurerm_network_watcher_flow_log" "f" {
  name                      = "f"
  network_security_group_id = azurerm_network_security_group.nsg.id
}
resource "azurerm_subnet_network_security_group_association" "other" {
  subnet_id                 = "/subscriptions/s/x"
  network_security_group_id = azurerm_network_security_group.nsg.id
}
)");
  const model::DeploymentUnit &U = E->unit();
  const model::Resource &Subnet = resourceIn(U, "azurerm_subnet.a");
  CHECK(ids(linkedTo(U, Subnet,
                     {"azurerm_subnet_network_security_group_association"},
                     {"subnet_id"})) ==
        std::vector<std::string>{
            "azurerm_subnet_network_security_group_association.a"});
  // A property that is itself the reference (no attachment edge for it).
  const model::Resource &Nsg =
      resourceIn(U, "azurerm_network_security_group.nsg");
  CHECK(ids(linkedTo(U, Nsg, {"azurerm_network_watcher_flow_log"},
                     {"network_security_group_id"})) ==
        std::vector<std::string>{"azurerm_network_watcher_flow_log.f"});
  const model::Resource &Assoc =
      resourceIn(U, "azurerm_subnet_network_security_group_association.a");
  Target T =
      resolveReference(U, Assoc.Properties.get("network_security_group_id"));
  CHECK(T.Result == Target::State::Resolved);
  CHECK(T.Resource->Id == "azurerm_network_security_group.nsg");
  CHECK(T.Attribute == llvm::ArrayRef<std::string>{"id"});
}
