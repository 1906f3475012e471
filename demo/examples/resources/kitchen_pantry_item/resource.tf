resource "kitchen_pantry_item" "flour" {
  name     = "flour"
  quantity = 2000
}
