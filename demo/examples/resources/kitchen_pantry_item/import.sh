# A pantry item can be imported by its name.
terraform import kitchen_pantry_item.flour flour
