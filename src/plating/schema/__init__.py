"""Provider schemas: the typed model, the JSON parser and the sources that produce the JSON."""
