# No network_profile: no network policy engine.
resource "azurerm_kubernetes_cluster" "this" {
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AZ-AKS-005
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

}
