"""Examples of the docs' schema page."""
