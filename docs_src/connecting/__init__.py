"""Examples of the docs' connecting page."""
