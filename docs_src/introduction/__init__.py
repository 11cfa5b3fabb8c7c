"""Examples of the docs' Introduction page."""
