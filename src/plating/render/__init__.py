"""Pure renderers: schema, function and plain-text Markdown, and the page engine."""
