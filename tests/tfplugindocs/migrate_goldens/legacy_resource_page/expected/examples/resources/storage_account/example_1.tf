resource "azurerm_storage_account" "example" {
  name     = "storageaccountname"
  location = "West Europe"
}
