data "acme_zones" "all" {
  account_id = var.account_id
}

# Warn when the production zone is not active.
check "zone_active" {
  data "acme_zones" "production" {
    account_id = var.account_id
    name       = "example.com"
  }

  assert {
    condition     = data.acme_zones.production.zones[0].status == "active"
    error_message = "example.com is not active"
  }
}
