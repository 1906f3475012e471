"""Finding the inputs of pages: ``.plating`` bundles, conventional examples and static pages."""
