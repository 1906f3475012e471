provider "demo" {
  token = var.token
}
