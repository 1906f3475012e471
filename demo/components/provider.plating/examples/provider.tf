terraform {
  required_providers {
    kitchen = {
      source = "acme/kitchen"
    }
  }
}

variable "kitchen_api_token" {
  description = "API token for the Kitchen service."
  type        = string
  sensitive   = true
}

provider "kitchen" {
  endpoint         = "https://api.kitchen.example.com/v1"
  api_token        = var.kitchen_api_token
  default_servings = 4
}
