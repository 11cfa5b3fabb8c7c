"""Examples of the docs' testing page."""
