locals {
  logo_panel = {
    type    = "image"
    grid    = { x = 0, y = 0, w = 6, h = 4 }
    options = { url = "https://example.com/logo.png" }
  }
}

resource "acme_dashboard" "ops" {
  name = "Operations"
  definition = jsonencode({
    title  = "Operations"
    panels = [local.logo_panel]
  })
}
