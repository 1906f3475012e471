"""Scaffolding bundles (a page template and a first example) for undocumented components."""
