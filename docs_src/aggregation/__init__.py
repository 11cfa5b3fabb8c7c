"""Examples of the docs' aggregation page."""
