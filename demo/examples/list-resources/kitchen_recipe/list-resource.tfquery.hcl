list "kitchen_recipe" "italian" {
  provider = kitchen

  config {
    cuisine = "italian"
  }
}
