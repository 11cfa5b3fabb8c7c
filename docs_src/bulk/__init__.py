"""Examples of the docs' bulk page."""
