resource "kitchen_recipe" "pancakes" {
  name     = "Buttermilk pancakes"
  cuisine  = "american"
  servings = 4

  step {
    instruction = "Whisk the flour, sugar, baking powder and salt in a large bowl."
  }

  step {
    instruction      = "Cook ladlefuls of batter on a hot griddle until bubbles form, then flip."
    duration_minutes = 6

    timer {
      minutes = 3
      label   = "Flip the pancakes"
    }
  }
}
