using 'main.bicep'

param prefix = 'contoso'
param storageSku = 'Standard_GRS'
