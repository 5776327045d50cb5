"""Filling Word templates: assemble's own engine in the manner of docxtpl."""
