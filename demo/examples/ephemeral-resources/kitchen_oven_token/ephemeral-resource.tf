ephemeral "kitchen_oven_token" "main_oven" {
  oven_id     = "oven-1"
  ttl_minutes = 10
}
