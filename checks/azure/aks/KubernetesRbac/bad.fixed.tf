resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-app"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aksapp"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

#                                     ^^^^^ AZ-AKS-001
}
