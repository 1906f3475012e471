data "demo_item" "x" {}
