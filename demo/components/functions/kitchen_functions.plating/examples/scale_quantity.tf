locals {
  base_servings = 4
  servings      = 6
}

output "flour_grams" {
  # 250 g of flour for 4 servings, scaled to 6 servings: 375
  value = provider::kitchen::scale_quantity(250, local.servings / local.base_servings)
}
