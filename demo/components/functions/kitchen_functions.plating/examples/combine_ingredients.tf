output "shopping_list" {
  # "flour, eggs, milk"
  value = provider::kitchen::combine_ingredients(", ", "flour", "eggs", "milk")
}
