resource "acme_zone" "example" {
  account_id = var.account_id
  name       = "example.com"
  type       = "full"
}
