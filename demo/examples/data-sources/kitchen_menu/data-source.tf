data "kitchen_menu" "light_italian" {
  cuisine         = "italian"
  max_calories    = 700
  vegetarian_only = true
}

output "dish_names" {
  value = [for dish in data.kitchen_menu.light_italian.dishes : dish.name]
}
