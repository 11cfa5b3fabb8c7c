"""Examples of the docs' queries page."""
