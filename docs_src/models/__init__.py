"""Examples of the docs' models page."""
