variable "secret_sauce" {
  description = "Private ingredient list for the sauce."
  type        = string
  sensitive   = true
  ephemeral   = true
}

resource "kitchen_recipe" "lasagne" {
  name    = "Lasagne al forno"
  cuisine = "italian"
  summary = "Layers of fresh pasta, slow-cooked ragù and béchamel."

  secret_sauce         = var.secret_sauce
  secret_sauce_version = 2

  source = {
    author = "Nonna Rosa"
    url    = "https://kitchen.example.com/recipes/lasagne"
    year   = 1962
  }

  nutrition = {
    calories      = 620
    protein_grams = 34
    allergens     = ["gluten", "milk", "egg"]
  }

  tags = {
    course = "main"
    season = "winter"
  }

  step {
    instruction      = "Simmer the ragù on a low heat."
    duration_minutes = 180

    timer {
      minutes = 180
      label   = "Ragù"
      alert   = true
    }
  }

  step {
    instruction         = "Layer pasta, ragù and béchamel, then bake."
    duration_minutes    = 40
    temperature_celsius = 190

    timer {
      minutes = 40
      label   = "Lasagne in the oven"
    }
  }
}
