action "kitchen_ring_bell" "order_up" {
  config {
    message = "Table 4: lasagne is ready"
    station = "pass"
  }
}
