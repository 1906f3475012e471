import {
  to = kitchen_pantry_item.flour
  id = "flour"
}

resource "kitchen_pantry_item" "flour" {
  name = "flour"
}
